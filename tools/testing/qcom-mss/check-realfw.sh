#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# check-realfw.sh: the `make check` stage "realfw".  The MSS images of
# Debian's firmware-qcom-soc ($REALFW, scripts/fetch-firmware.sh) booted
# by try-firmware.sh on the simulated SoC, with the MBA, MPSS and
# metadata regions of the upstream board those images are for:
#
#   sdm845   qcom/sdm845/mba.mbn + modem_nm.mbn   sdm845-db845c.dts
#            (OEM_PK_HASH fused with the images' own root)
#   msm8916  qcom/apq8016/mba.mbn + modem.mbn     apq8016-sbc.dts (db410c)
#   msm8996  qcom/apq8096/mba.mbn + modem.mbn     apq8096-db820c.dts
#            (the msm8996 flavour, arch/arm64/boot/dts/qcom/msm8996-mss-sim.dtsi)
#
# Results realfw/try-SOC/... (try-firmware.sh through run-scenario.sh).
# A missing image is a failure, never a skip.  Planted failures prove the
# plumbing (realfw/selftest/...): a folder without images must stop
# try-firmware.sh before any boot, and apq8016's modem with one byte of a
# segment flipped, booted on a board sized for the images (no DTS), must
# fail its start with a digest mismatch; sdm845's modem relocated by a
# multiple of 64 KiB but not of its first segment's 1 MiB p_align must be
# refused by the simulated MBA.
set -u

RIG=$(cd "$(dirname "$0")" && pwd)
TOP=${TOP:-$(cd "$RIG/../../.." && pwd)}
OUT=${OUT:-$TOP/build/out}
RESULTS=${RESULTS:-$OUT/results}
REALFW=${REALFW:-$TOP/build/firmware}
export RESULTS
# shellcheck source-path=SCRIPTDIR source=../../../scripts/testlib.sh
. "$TOP/scripts/testlib.sh"
result_init realfw

FW=$REALFW/usr/lib/firmware/qcom
if [ -f "$REALFW/VERSION" ]; then
	pass package
	echo "# $(cat "$REALFW/VERSION")"
else
	fail package "no $REALFW/VERSION: make firmware-real did not fetch firmware-qcom-soc"
fi

# run SOC DIR MODEM DTS [FUSE]
run() {
	local soc=$1 dir=$FW/$2 modem=$3 dts=$4 fuse=${5:-none} f
	for f in mba.mbn "$modem"; do
		if [ ! -f "$dir/$f" ]; then
			fail "try-$soc/images" "no $dir/$f in firmware-qcom-soc"
			return
		fi
	done
	pass "try-$soc/images"
	local before after rc nfail
	before=$(wc -l < "$RESULTS/realfw.txt")
	FUSE=$fuse MODEM=$modem "$RIG/try-firmware.sh" -a -s realfw "$soc" \
		"$dir" "$dts"
	rc=$?
	after=$(wc -l < "$RESULTS/realfw.txt")
	nfail=$(tail -n "+$((before + 1))" "$RESULTS/realfw.txt" | grep -c '^not ok ')
	# try-firmware.sh is held to its word, as check-rig.sh holds the runner
	case $rc in
	0)
		if [ "$nfail" -ne 0 ] || [ "$after" -le "$before" ]; then
			fail "try-$soc/exit-status" "exit 0, but $nfail failures in $((after - before)) results"
		fi
		;;
	1 | 2) [ "$nfail" -gt 0 ] ||
		fail "try-$soc/exit-status" "exit $rc without recording a failure" ;;
	*) fail "try-$soc/exit-status" "try-firmware.sh exited $rc" ;;
	esac
}

# selftest NAME WANT_RC TEXT SOC DIR [DTS]: try-firmware.sh, its results
# kept apart, must exit WANT_RC, record a failure, and print TEXT
selftest() {
	local n=$1 want=$2 text=$3 soc=$4 rc
	shift 3
	RESULTS=$tmp/results FUSE=none "$RIG/try-firmware.sh" -s planted "$@" \
		> "$tmp/$n.out" 2>&1
	rc=$?
	if [ $rc -ne "$want" ]; then
		fail "selftest/$n" "try-firmware.sh exited $rc, not $want" \
			"$(tail -n 20 "$tmp/$n.out")"
	elif ! grep -q '^not ok ' "$tmp/results/planted.txt"; then
		fail "selftest/$n" "no failure recorded"
	elif ! grep -qF -- "$text" "$tmp/$n.out" "${LOGS:-$OUT/logs}/try-$soc.log" 2>/dev/null; then
		fail "selftest/$n" "'$text' is not in its output" \
			"$(tail -n 20 "$tmp/$n.out")"
	else
		pass "selftest/$n"
	fi
}

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/empty" "$tmp/bad"
selftest no-images 2 "no mba.mbn in" msm8916 "$tmp/empty"
if cp "$FW/apq8016/mba.mbn" "$FW/apq8016/modem.mbn" "$tmp/bad/" &&
   python3 - "$tmp/bad/modem.mbn" <<'PY'
import struct, sys
p = sys.argv[1]
d = bytearray(open(p, "rb").read())
phoff, = struct.unpack_from("<I", d, 28)
phnum, = struct.unpack_from("<H", d, 44)
# the largest loadable segment with file bytes: flip its middle byte
segs = [struct.unpack_from("<IIIIII", d, phoff + 32 * i) for i in range(phnum)]
t, off, va, pa, fsz, msz = max((s for s in segs if s[0] == 1 and s[4]),
                               key=lambda s: s[4])
d[off + fsz // 2] ^= 0xff
open(p, "wb").write(d)
PY
then
	selftest corrupt-segment 1 "digest mismatch" msm8916 "$tmp/bad"
else
	fail selftest/corrupt-segment "cannot plant the corrupted image"
fi
MODEM=modem_nm.mbn MPSS_BASE=0x50010000 selftest misaligned-relocation 1 \
	"(p_align 0x100000)" sdm845 "$FW/sdm845"

run sdm845 sdm845 modem_nm.mbn qcom/sdm845-db845c.dts mba
run msm8916 apq8016 modem.mbn qcom/apq8016-sbc.dts
run msm8996 apq8096 modem.mbn qcom/apq8096-db820c.dts
exit 0
