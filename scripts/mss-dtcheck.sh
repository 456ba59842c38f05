#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# mss-dtcheck.sh: check the Qualcomm MSS memory layout of .dts/.dtb files.
#
#   scripts/mss-dtcheck.sh [options] FILE.dts|FILE.dtb|DIR ...
#
# .dts files are preprocessed and compiled the way the kernel does (cpp with
# the kernel's include paths, then dtc -@), once to a DTB and once to an
# annotated DTS (-T -T) so that findings name file:line.  A relative .dts
# that does not exist is also looked up under $KSRC/arch/arm64/boot/dts/
# (e.g. qcom/sdm845-db845c.dts).  Folders are searched for *.dts and *.dtb.
#
# Options of this script:
#   --ksrc DIR      kernel source for the include paths
#                   (default: $KSRC or <repo>/build/linux-source-6.12)
#   -I DIR          extra include folder (cpp and dtc), repeatable
#   --keep          keep the intermediate files (their folder is printed)
# Every other option goes to mss-dtcheck (see mss-dtcheck --help):
#   --json --all --firmware FILE --mdata-size N --fleet DIR -v
#
# Exit: 0 clean, 1 findings (errors or warnings), 2 usage/IO/parse error
# (including a .dts that does not compile).
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
KSRC=${KSRC:-$top/build/linux-source-6.12}
MSS_DTCHECK=${MSS_DTCHECK:-$top/build/out/bin/mss-dtcheck}
CPP=${CPP:-cpp}
DTC=${DTC:-dtc}
# The kernel's DTC_FLAGS (scripts/Makefile.dtbs) for a normal build
DTC_WARN="-Wno-unit_address_vs_reg -Wno-avoid_unnecessary_addr_size \
-Wno-alias_paths -Wno-graph_child_address -Wno-simple_bus_reg \
-Wno-unique_unit_address -Wno-interrupt_provider -Wno-pci_device_reg"

die() {
	echo "mss-dtcheck.sh: $*" >&2
	exit 2
}

extra_inc=
keep=0
tool_args=
inputs=
nl='
'
# Arguments may contain spaces: keep them newline-separated
add_tool() { tool_args="$tool_args$1$nl"; }
add_input() { inputs="$inputs$1$nl"; }

while [ $# -gt 0 ]; do
	case $1 in
	--ksrc) [ $# -ge 2 ] || die "--ksrc needs a folder"; KSRC=$2; shift ;;
	--ksrc=*) KSRC=${1#--ksrc=} ;;
	-I) [ $# -ge 2 ] || die "-I needs a folder"; extra_inc="$extra_inc$2$nl"; shift ;;
	-I*) extra_inc="$extra_inc${1#-I}$nl" ;;
	--keep) keep=1 ;;
	-h|--help) sed -n '4,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	--firmware|--mdata-size|--fleet)
		[ $# -ge 2 ] || die "$1 needs an argument"
		add_tool "$1"; add_tool "$2"; shift ;;
	--srcmap|--as) die "$1 is set by this script" ;;
	-*) add_tool "$1" ;;
	*) add_input "$1" ;;
	esac
	shift
done

if [ ! -x "$MSS_DTCHECK" ]; then
	make -s -C "$top" "$MSS_DTCHECK" >&2 || die "cannot build $MSS_DTCHECK"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/mss-dtcheck.XXXXXX") || die "mktemp failed"
if [ $keep = 0 ]; then
	trap 'rm -rf "$work"' EXIT
	trap 'exit 2' INT TERM
else
	echo "mss-dtcheck.sh: intermediate files in $work" >&2
fi

compile_failed=0
n=0
args_file=$work/args
: > "$args_file"

# compile SRC: cpp + dtc twice; appends "--as SRC --srcmap ANN DTB" to args
compile() {
	src=$1
	n=$((n + 1))
	base=$work/$n
	dir=$(dirname "$src")
	set -- -nostdinc -I"$KSRC/include" -I"$KSRC/arch/arm64/boot/dts" \
		-I"$KSRC/scripts/dtc/include-prefixes" -I"$dir"
	dtc_inc="-i $dir -i $KSRC/scripts/dtc/include-prefixes"
	old_ifs=$IFS
	IFS=$nl
	for d in $extra_inc; do
		set -- "$@" -I"$d"
		dtc_inc="$dtc_inc -i $d"
	done
	IFS=$old_ifs
	if ! "$CPP" "$@" -undef -D__DTS__ -x assembler-with-cpp \
		-o "$base.pre.dts" "$src" 2> "$base.err"; then
		echo "$src: fatal: preprocessing failed:" >&2
		sed 's/^/    /' "$base.err" | head -n 20 >&2
		compile_failed=1
		return
	fi
	# shellcheck disable=SC2086 # $dtc_inc and $DTC_WARN are word lists
	if ! "$DTC" -@ -I dts -O dtb -b 0 $dtc_inc $DTC_WARN \
		-o "$base.dtb" "$base.pre.dts" 2> "$base.err" ||
	   ! "$DTC" -@ -I dts -O dts -T -T $dtc_inc $DTC_WARN \
		-o "$base.ann.dts" "$base.pre.dts" 2>> "$base.err"; then
		echo "$src: fatal: dtc failed:" >&2
		grep -v '^.*: Warning' "$base.err" | sed 's/^/    /' | head -n 20 >&2
		compile_failed=1
		return
	fi
	printf '%s\n' --as "$src" --srcmap "$base.ann.dts" "$base.dtb" >> "$args_file"
}

resolve_dts() {
	f=$1
	if [ -e "$f" ]; then
		echo "$f"
	elif [ -e "$KSRC/arch/arm64/boot/dts/$f" ]; then
		echo "$KSRC/arch/arm64/boot/dts/$f"
	elif [ -e "$KSRC/$f" ]; then
		echo "$KSRC/$f"
	else
		echo "$f"
	fi
}

old_ifs=$IFS
IFS=$nl
for arg in $inputs; do
	IFS=$old_ifs
	arg=$(resolve_dts "$arg")
	if [ -d "$arg" ]; then
		found=$(find "$arg" \( -name '*.dts' -o -name '*.dtb' \) -type f | LC_ALL=C sort)
		[ -n "$found" ] || { echo "$arg: fatal: no .dts or .dtb inside" >&2; compile_failed=1; }
		IFS=$nl
		for f in $found; do
			IFS=$old_ifs
			case $f in
			*.dts) compile "$f" ;;
			*) printf '%s\n' "$f" >> "$args_file" ;;
			esac
		done
	else
		case $arg in
		*.dts)
			if [ -r "$arg" ]; then
				compile "$arg"
			else
				echo "$arg: fatal: cannot read" >&2
				compile_failed=1
			fi ;;
		*) printf '%s\n' "$arg" >> "$args_file" ;;
		esac
	fi
	IFS=$nl
done
IFS=$old_ifs

# Run the tool on everything that compiled (and on the tool's own inputs)
set --
IFS=$nl
for a in $tool_args; do set -- "$@" "$a"; done
while IFS= read -r a; do set -- "$@" "$a"; done < "$args_file"
IFS=$old_ifs

rc=0
case " $* " in
*" --fleet "*) "$MSS_DTCHECK" "$@"; rc=$? ;;
*)
	if [ -s "$args_file" ]; then
		"$MSS_DTCHECK" "$@"
		rc=$?
	elif [ $compile_failed = 0 ]; then
		die "no input (see --help)"
	fi ;;
esac
[ $compile_failed = 0 ] || rc=2
exit $rc
