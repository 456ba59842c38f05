#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# dts2dtb.sh KSRC DTC SRC.dts OUT.dtb [-@]
#
# Compile a DTS the way kbuild does (scripts/Makefile.dtbs in 6.12): the C
# preprocessor with the kernel's include-prefixes (dt-bindings headers and
# every arch's dts directory), then the kernel's dtc with kbuild's default
# warning set.  A .dtso is compiled as an overlay (dtc -@ is implied by
# /plugin/).  Pass -@ to keep symbols in a base DTB that overlays are
# applied to.  dtc warnings go to stderr unchanged.
set -eu

ksrc=$1
dtc=$2
src=$3
out=$4
shift 4

inc=$ksrc/scripts/dtc/include-prefixes
tmp=$(mktemp "${TMPDIR:-/tmp}/dts2dtb.XXXXXX")
trap 'rm -f "$tmp"' EXIT

${HOSTCC:-gcc} -E -nostdinc -I "$inc" -undef -D__DTS__ -x assembler-with-cpp \
	-o "$tmp" "$src"

mkdir -p "$(dirname "$out")"
"$dtc" -o "$out" -b 0 -i "$(dirname "$src")" -i "$inc" \
	-Wno-unique_unit_address \
	-Wno-unit_address_vs_reg \
	-Wno-avoid_unnecessary_addr_size \
	-Wno-alias_paths \
	-Wno-graph_child_address \
	-Wno-simple_bus_reg \
	"$@" "$tmp"
