#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# dts2dtb.sh KSRC DTC SRC.dts OUT.dtb [-@]
#
# Compile a DTS the way kbuild does (scripts/Makefile.dtbs): the C
# preprocessor with the kernel's include-prefixes (dt-bindings headers and
# every arch's dts directory), then the kernel's dtc with kbuild's default
# warning set, read from KSRC's Makefile.dtbs (the -Wno- checks; W=1 and
# W=2 only add checks), since it changes between releases: 7.2's dtc no
# longer knows graph_child_address and 7.2 turns interrupt_map off.  A .dtso is compiled as an overlay (dtc -@ is implied by
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

mk=$ksrc/scripts/Makefile.dtbs
[ -f "$mk" ] || { echo "dts2dtb: $mk: no such file" >&2; exit 1; }
wno=$(grep -o -- '-Wno-[a-z_]*' "$mk" | sort -u)
[ -n "$wno" ] || { echo "dts2dtb: no dtc -Wno- flags in $mk" >&2; exit 1; }

mkdir -p "$(dirname "$out")"
# shellcheck disable=SC2086 # one flag per word
"$dtc" -o "$out" -b 0 -i "$(dirname "$src")" -i "$inc" $wno "$@" "$tmp"
