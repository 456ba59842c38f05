#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# try-firmware.sh [-s STAGE] [-a] [-v] SOC FW_DIR [DTS]
#
# Boot the simulated board of SOC in QEMU, load the MSS images found in
# FW_DIR (mba.mbn, and modem.mbn or modem.mdt with its .bNN files)
# through sysfs, stop the modem again, and print what happened: the
# metadata's size and where the driver staged it, the load footprint, the
# authentication of every segment, the final state.  `make try-firmware
# SOC=... FW_DIR=... [DTS=...]` runs it.
#
#   SOC     a simulator flavour: arch/arm64/boot/dts/qcom/SOC-mss-sim.dtsi
#   FW_DIR  the images
#   DTS     a board (.dts path, or relative to the kernel's
#           arch/arm64/boot/dts, e.g. qcom/sdm845-db845c.dts): the MBA,
#           MPSS and metadata regions of its MSS node, at their addresses
#           and sizes.  Without it the regions are sized and placed for
#           the images.
#   -s STAGE, -a   record results in $RESULTS/STAGE.txt (-a: append), as
#           STAGE/try-SOC/TEST; default stage try-firmware
#   -v      stream the guest console
#
# Environment: FUSE=none (default: no OEM_PK_HASH fused), mba (fuse the
# root of the MBA image's chain) or 64 hex digits; MODEM=NAME picks the
# modem image in FW_DIR; BENCH=N also measures the segment load of these
# images with qcom_q6v5_mss_bench.ko (its raw copy before the first
# start, N more starts and stops after the first, then its report: the
# "row" lines bench/bench.sh reads from the log; then N more with the
# simulated MBA's segment checks held back until the load is complete,
# reported with the label mba-at-end; make bench-realfw);
# MPSS_BASE=ADDR places the MPSS region of a relocatable image there (no
# DTS; default 0x50000000).  The paths of the top Makefile (TOP, KOBJ, KSRC,
# OUT, ...) as for run-scenario.sh; build everything first (make
# try-firmware does).
#
# The guest sees only these images, under /lib/firmware/try/SOC/, so the
# firmware loader cannot fall back to others.  Exit status: 0 when the
# modem ran, stopped, and the simulated TrustZone's ledger equals the
# driver's record of owners; 1 when the boot failed; 2 when it could not
# run (usage, missing or malformed images, a layout QEMU cannot give).
set -u

RIG=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=${TOP:-$(cd "$RIG/../../.." && pwd)}
KSRC=${KSRC:-$TOP/build/linux-source-6.12}
KOBJ=${KOBJ:-$TOP/build/kernel}
OUT=${OUT:-$TOP/build/out}
BIN=${BIN:-$OUT/bin}
RESULTS=${RESULTS:-$OUT/results}
VERIFY=${FWGEN_VERIFY:-$BIN/mss-mdt-verify}
SIM_DTC=${SIM_DTC:-$(if [ -x "$KOBJ/scripts/dtc/dtc" ]; then echo "$KOBJ/scripts/dtc/dtc"; else echo dtc; fi)}
DTS_DIR=$TOP/arch/arm64/boot/dts/qcom
export RESULTS

usage() {
	sed -n '4,34s/^# \{0,1\}//p' "$0" >&2
	exit 2
}

stage=try-firmware
append=0
verbose=
while getopts "s:avh" opt; do
	case $opt in
	s) stage=$OPTARG ;;
	a) append=1 ;;
	v) verbose=-v ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 2 ] || [ $# -eq 3 ] || usage
soc=$1
fwdir=$2
dts=${3:-}
name=try-$soc

# shellcheck source-path=SCRIPTDIR source=../../../scripts/testlib.sh
. "$TOP/scripts/testlib.sh"
if [ "$append" = 1 ]; then
	STAGE=$stage
	mkdir -p "$RESULTS" && touch "$RESULTS/$STAGE.txt" || exit 2
else
	result_init "$stage"
fi

# A failure before the boot: one failed result, exit 2
die() {
	fail "$name/setup" "$@"
	echo "try-firmware: $*" >&2
	exit 2
}

case $soc in
'' | *[!a-z0-9]*) die "SOC '$soc' is not a SoC name (sdm845, msm8916, ...)" ;;
esac
line=$(grep -E "^MSS_SOC\(\"qcom,$soc-mss-pil\", $soc, [01]," \
	"$TOP/drivers/remoteproc/qcom_mss_socs.h") ||
	die "$soc is not in drivers/remoteproc/qcom_mss_socs.h"
protected=$(echo "$line" | awk -F', ' '{ print $3 }')
[ -f "$DTS_DIR/$soc-mss-sim.dtsi" ] ||
	die "no simulator flavour for $soc ($DTS_DIR/$soc-mss-sim.dtsi)"

# --- the images ---------------------------------------------------------
[ -d "$fwdir" ] || die "FW_DIR $fwdir is not a folder"
fwdir=$(cd "$fwdir" && pwd)
mba=$fwdir/mba.mbn
[ -f "$mba" ] || die "no mba.mbn in $fwdir"
if [ -n "${MODEM:-}" ]; then
	modem=$fwdir/$MODEM
elif [ -f "$fwdir/modem.mbn" ]; then
	modem=$fwdir/modem.mbn
else
	modem=$fwdir/modem.mdt
fi
[ -f "$modem" ] || die "no modem.mbn or modem.mdt in $fwdir"
case $modem in
*.mdt | *.mbn) ;;
*) die "$modem: the driver loads NAME.mdt or NAME.mbn" ;;
esac
[ -x "$VERIFY" ] || die "no $VERIFY (make mss-fwgen)"
bench=${BENCH:-}
bench_compat=
if [ -n "$bench" ]; then
	case $bench in
	'' | *[!0-9]* | 0) die "BENCH=$bench: a number of starts, 1 to 255" ;;
	esac
	[ "$bench" -le 255 ] || die "BENCH=$bench: a number of starts, 1 to 255"
	bench_compat=$(sed -n 's/^[[:space:]]*compatible = "\(qcom,[a-z0-9]*-mss-pil\)".*/\1/p' \
		"$DTS_DIR/$soc-mss-sim.dtsi" | head -n 1)
	[ -n "$bench_compat" ] || die "no qcom,*-mss-pil compatible in $soc-mss-sim.dtsi"
fi

T=$OUT/try-firmware/$soc
rm -rf "$T"
mkdir -p "$T/firmware/try/$soc" "$T/scenarios" "$T/dtbs" || die "cannot create $T"

# What the modem will see, checked on the host first (OpenSSL)
"$VERIFY" "$mba" > "$T/mba.verify" 2>&1
mba_rc=$?
"$VERIFY" "$modem" > "$T/modem.verify" 2>&1
modem_rc=$?
[ $mba_rc -le 1 ] || die "$mba is malformed:" "$(cat "$T/mba.verify")"
[ $modem_rc -le 1 ] || die "$modem is malformed:" "$(cat "$T/modem.verify")"
val() { sed -n "s/^$1 //p" "$2" | head -n 1; }
md_size=$(val metadata_size "$T/modem.verify")
load_base=$(val load_base "$T/modem.verify")
load_size=$(val load_size "$T/modem.verify")
reloc=$(val relocatable "$T/modem.verify")
if [ -z "$md_size" ] || [ -z "$load_base" ] || [ -z "$load_size" ]; then
	die "$modem: no metadata size or load footprint:" "$(cat "$T/modem.verify")"
fi
# The bytes the PBL authenticates: the MBA's file up to its last segment
mba_size=$(python3 - "$mba" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read()
phoff, = struct.unpack_from("<I", d, 28)
phnum, = struct.unpack_from("<H", d, 44)
print(max(o + f for o, f in (struct.unpack_from("<4xI8xI", d, phoff + 32 * i)
                             for i in range(phnum)) if f))
PY
)
[ -n "$mba_size" ] || die "$mba: cannot read its program headers"

case ${FUSE:-none} in
none) fuse= ;;
mba)
	fuse=$(val root_sha256 "$T/mba.verify")
	[ -n "$fuse" ] || die "FUSE=mba, but $mba has no certificate chain"
	;;
*)
	[[ $FUSE =~ ^[0-9a-f]{64}$ ]] || die "FUSE must be none, mba or 64 hex digits"
	fuse=$FUSE
	;;
esac

# The guest's /lib/firmware holds these files only (links resolved)
fwname=try/$soc
cp -L "$mba" "$T/firmware/$fwname/mba.mbn" || die "cannot copy $mba"
mname=$(basename "$modem")
cp -L "$modem" "$T/firmware/$fwname/$mname" || die "cannot copy $modem"
if [ "${mname##*.}" = mdt ]; then
	for b in "${modem%.mdt}".b[0-9][0-9]; do
		[ -f "$b" ] || continue
		cp -L "$b" "$T/firmware/$fwname/" || die "cannot copy $b"
	done
fi

# --- the board ------------------------------------------------------------
board_args=()
board_name=
if [ -n "$dts" ]; then
	[ -e "$dts" ] || [ -e "$KSRC/arch/arm64/boot/dts/$dts" ] ||
		die "DTS $dts: no such file (nor under $KSRC/arch/arm64/boot/dts)"
	board_name=$(basename "$dts" .dts)
	# The validator compiles the board as the kernel does and finds the
	# MSS node's regions; --firmware also checks them against the image
	TMPDIR=$T "$TOP/scripts/mss-dtcheck.sh" --ksrc "$KSRC" --keep --json \
		--firmware "$modem" "$dts" > "$T/dtcheck.json" 2> "$T/dtcheck.err"
	rc=$?
	[ $rc -le 1 ] || die "scripts/mss-dtcheck.sh cannot read $dts:" "$(cat "$T/dtcheck.err")"
	work=$(sed -n 's/^mss-dtcheck.sh: intermediate files in //p' "$T/dtcheck.err")
	[ -f "$work/1.dtb" ] || die "no DTB of $dts in '$work'"
	board_args=(--dtcheck-json "$T/dtcheck.json" --dtb "$work/1.dtb"
		--board-name "$board_name")
fi
reloc_arg=()
[ "$reloc" = yes ] && reloc_arg=(--relocatable)
[ -z "${MPSS_BASE:-}" ] || reloc_arg+=(--mpss-base "$MPSS_BASE")
python3 "$RIG/try-firmware-board.py" --soc "$soc" --protected "$protected" \
	--mba-size "$mba_size" --metadata-size "$md_size" \
	--load-base "$load_base" --load-size "$load_size" "${reloc_arg[@]}" \
	--firmware-name "$fwname/mba.mbn" "$fwname/$mname" \
	"${board_args[@]}" --out "$T/board.dts" > "$T/layout" 2> "$T/layout.err"
rc=$?
[ $rc -eq 0 ] || die "$(cat "$T/layout.err")"
QEMU_MEM='' LAYOUT='' LAYOUT_ORIGIN=''

# shellcheck source=/dev/null
. "$T/layout"

dtb=$name.dtb
# As sim-dtbs.mk builds the simulated boards
if ! gcc -E -nostdinc -undef -D__DTS__ -x assembler-with-cpp -I"$DTS_DIR" \
	-I"$KSRC/scripts/dtc/include-prefixes" -o "$T/board.pre.dts" \
	"$T/board.dts" 2> "$T/dtc.err" ||
   ! "$SIM_DTC" -O dtb -b 0 -i "$DTS_DIR" -@ -Wno-unique_unit_address \
	-Wno-unit_address_vs_reg -Wno-avoid_unnecessary_addr_size \
	-Wno-alias_paths -Wno-graph_child_address -Wno-simple_bus_reg \
	-o "$T/dtbs/$dtb" "$T/board.pre.dts" 2>> "$T/dtc.err"; then
	die "the generated board does not compile:" "$(cat "$T/dtc.err")"
fi

# --- the scenario ---------------------------------------------------------
sim=/sys/kernel/debug/qcom_mss_sim/modem-sim
cp -r "$RIG/scenarios/common" "$RIG/scenarios/mss" "$T/scenarios/" ||
	die "cannot copy the scenario includes"
# bench_set TEST [LINE...]: a test of BENCH starts and stops, the scenario
# LINEs first, then the bench module's report of them
bench_set() {
	local line

	printf '\ntest %s\n' "$1"
	shift
	for line in "$@"; do
		printf '  %s\n' "$line"
	done
	cat <<-EOF
	  repeat $bench
	    write \${RP}/state start
	    expect \${RP}/state running 60000
	    write \${RP}/state stop
	    expect \${RP}/state offline 60000
	  end-repeat
	  include mss/balanced.scn
	  write /sys/kernel/debug/qcom_mss_bench/report 1
	EOF
}
{
	echo "# Generated by try-firmware.sh: $soc, $mba + $modem"
	echo "# ${LAYOUT_ORIGIN}: ${LAYOUT}"
	echo "@dtb $dtb"
	echo "@timeout 900"
	echo
	echo "include mss/setup.scn"
	if [ -n "$fuse" ]; then
		echo
		echo "test fuse"
		echo "  write $sim/oem_pk_hash $fuse"
		echo "  expect $sim/oem_pk_hash $fuse"
	fi
	# the baseline copy needs MPSS still Linux's: before the first start
	if [ -n "$bench" ]; then
		cat <<-EOF

		test bench-copy
		  insmod /modules/qcom_q6v5_mss_bench.ko compatible=$bench_compat fw_name=$fwname/$mname
		  expect /sys/module/qcom_q6v5_mss_bench/initstate live
		  write /sys/kernel/debug/qcom_mss_bench/copy $bench
		EOF
	fi
	cat <<-EOF

	test start
	  write \${RP}/firmware $fwname/mba.mbn
	  expect \${RP}/firmware $fwname/mba.mbn
	  kmsg-mark
	  write-any \${RP}/state start
	  show \${RP}/state
	  show /sys/kernel/debug/remoteproc/remoteproc0/mdata
	  show $sim/last_mdata
	  show $sim/mba_auth
	  show $sim/modem_auth
	  show /sys/kernel/debug/qcom_scm_sim/ledger
	  kmsg-expect "Booting fw image $fwname/mba.mbn"
	  expect-contains $sim/mba_auth "size $mba_size status 0"
	  expect-contains $sim/modem_auth "size $md_size status 0"
	  expect \${RP}/state running
	  expect $sim/state running

	test stop
	  write \${RP}/state stop
	  expect \${RP}/state offline 60000
	  show \${RP}/state
	  show $sim/state
	  show /sys/kernel/debug/remoteproc/remoteproc0/owners
	  show /sys/kernel/debug/qcom_scm_sim/ledger
	  include mss/balanced.scn
	EOF
	# The second set holds the simulated MBA's segment checks back until
	# the load is complete: a real MBA hashes on the modem's CPU, this
	# one on the guest's other CPU, with a mapping (and its TLB flush of
	# every CPU) per segment, so that the load is timed without its share.
	# It is the boot's last test: the knob and the label stay set.
	if [ -n "$bench" ]; then
		bench_set bench-cycles
		bench_set bench-cycles-mba-at-end "write $sim/auth_at_end 1" \
			"write /sys/kernel/debug/qcom_mss_bench/label mba-at-end"
	fi
} > "$T/scenarios/$name.scn"

# The initramfs: init, modules, these images and this scenario only
cpio=$T/initramfs.cpio
FIRMWARE=$T/firmware SCENARIOS=$T/scenarios CPIO=$cpio KOBJ=$KOBJ OUT=$OUT \
	"$RIG/mkinitramfs.sh" > "$T/initramfs.log" 2>&1 ||
	die "mkinitramfs.sh failed:" "$(cat "$T/initramfs.log")"

# --- the boot -------------------------------------------------------------
echo "try-firmware $soc: $mba ($(wc -c < "$mba") bytes), $modem"
echo "  board: ${LAYOUT_ORIGIN}"
echo "  regions: ${LAYOUT}; QEMU RAM ${QEMU_MEM} MiB"
echo "  host check (mss-mdt-verify): MBA: $(grep -E '^(version|digest [a-z]|cert_chain|signature|bad) ' "$T/mba.verify" | tr '\n' ' ')"
echo "  host check (mss-mdt-verify): modem: $(grep -E '^(version|digest [a-z]|cert_chain|signature|bad) ' "$T/modem.verify" | tr '\n' ' ')"
[ -z "$fuse" ] || echo "  OEM_PK_HASH fused: $fuse"
RESULTS=$RESULTS SCNDIR=$T/scenarios INITRAMFS=$cpio DTBOUT=$T/dtbs \
	QEMU_MEM=$QEMU_MEM SCENARIOS=$T/scenarios FIRMWARE=$T/firmware \
	CPIO=$cpio TOP=$TOP KOBJ=$KOBJ OUT=$OUT \
	"$RIG/run-scenario.sh" $verbose -a -s "$stage" "$name" > "$T/run.out" 2>&1
rc=$?
log=${LOGS:-$OUT/logs}/$name.log

# --- what happened --------------------------------------------------------
# block FILE: the lines `show FILE` printed (first occurrence after a start)
block() {
	tr -d '\r' < "$log" | awk -v f="# $1:" -v want="${2:-1}" '
		$0 == f { on = 1; n++; next }
		on && /^#   / { if (n == want) { sub(/^#   /, ""); print } ; next }
		{ on = 0 }'
}
echo "  metadata: $md_size bytes (host); driver: $(block /sys/kernel/debug/remoteproc/remoteproc0/mdata | grep -E '^(source|range):' | tr '\n' ' ')"
echo "  metadata as the MBA saw it: $(block $sim/last_mdata | tr '\n' ' ')"
echo "  load footprint: $load_size bytes linked at $load_base (relocatable: $reloc); loaded:"
block $sim/modem_auth | python3 -c '
import sys
lo = hi = None
n = 0
for line in sys.stdin:
    w = line.split()
    if w[:1] != ["phdr"]:
        continue
    v = dict(zip(w[2::2], w[3::2]))
    load, memsz, flags = (int(v[k], 16) for k in ("load", "memsz", "flags"))
    if v["type"] == "0x1" and memsz and flags & 0x7000000 != 0x2000000:
        lo = load if lo is None else min(lo, load)
        hi = load + memsz if hi is None else max(hi, load + memsz)
        n += 1
print("    0x%x-0x%x (0x%x bytes, %d segments)" % (lo, hi, hi - lo, n) if n
      else "    nothing (the metadata was not authenticated)")'
echo "  MBA authentication (simulated PBL):"
block $sim/mba_auth | sed 's/^/    /'
echo "  modem authentication (simulated MBA), per program header:"
block $sim/modem_auth | sed 's/^/    /'
echo "  final state: after start $(block /sys/class/remoteproc/remoteproc0/state | head -n 1), after stop $(block /sys/class/remoteproc/remoteproc0/state 2 | head -n 1), simulated modem after stop: $(block $sim/state 1 | head -n 1)"
grep -E "^(ok|not ok|skip) " "$T/run.out" | sed 's/^/  /'
grep -E "^# $name:" "$T/run.out" | sed 's/^/  /'
if [ $rc -eq 0 ]; then
	echo "try-firmware $soc: PASS (running, stopped, ledger equals the driver's owners)"
else
	echo "try-firmware $soc: FAIL (guest log $log)"
	grep -E '^#( line| bg|   \|)' "$T/run.out" | tail -n 40 >&2
fi
exit $rc
