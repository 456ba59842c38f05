#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# check-mutants.sh: the `make check` stage "mutants" (see mutants/README).
#
# For every mutants/NAME.patch: copy drivers/remoteproc, apply the patch,
# build the mutant's qcom_q6v5_mss.ko against the test kernel; then, once
# all are built, boot each one's scenario with an initramfs in which that
# module replaces ours.  The result mutants/NAME passes only when the boot
# FAILED and its log holds the patch's expect-log text.
set -u

RIG=$(cd "$(dirname "$0")" && pwd)
TOP=${TOP:-$(cd "$RIG/../../.." && pwd)}
OUT=${OUT:-$TOP/build/out}
KOBJ=${KOBJ:-$TOP/build/kernel}
KDIR=${KDIR:-$KOBJ}
MODOUT=${MODOUT:-$OUT/modules}
GUESTOUT=${GUESTOUT:-$OUT/guest}
RESULTS=${RESULTS:-$OUT/results}
ARCH=${ARCH:-arm64}
CROSS_COMPILE=${CROSS_COMPILE:-aarch64-linux-gnu-}
MDIR=$RIG/mutants
MUT=$OUT/mutants
export RESULTS
# shellcheck source-path=SCRIPTDIR source=../../../scripts/testlib.sh
. "$TOP/scripts/testlib.sh"
result_init mutants

# field NAME PATCH: the value of a "# NAME: value" header line
field() {
	sed -n "s/^# $1: //p" "$2" | head -n 1
}

shopt -s nullglob
patches=("$MDIR"/*.patch)
# MUTANTS="NAME ...": only these (while writing one; make check runs all)
if [ -n "${MUTANTS:-}" ]; then
	patches=()
	for n in $MUTANTS; do
		patches+=("$MDIR/$n.patch")
	done
fi
[ ${#patches[@]} -gt 0 ] || fail present "no mutants in $MDIR"

rm -rf "$MUT"
mkdir -p "$MUT"
built=()
for p in "${patches[@]}"; do
	n=$(basename "$p" .patch)
	scn=$(field scenario "$p")
	want=$(field expect-log "$p")
	if [ -z "$scn" ] || [ -z "$want" ] || [ ! -f "$RIG/scenarios/$scn.scn" ]; then
		fail "$n" "header must name an existing scenario and an expect-log text"
		continue
	fi
	d=$MUT/$n
	mkdir -p "$d/src/drivers"
	cp -r "$TOP/drivers/remoteproc" "$d/src/drivers/"
	find "$d/src" \( -name '*.o' -o -name '*.ko' -o -name '.*.cmd' -o -name '*.mod*' \) -delete
	if ! (cd "$d/src" && patch -p1 --no-backup-if-mismatch -s -f) < "$p" > "$d/patch.log" 2>&1; then
		fail "$n" "no longer applies; update it with the code:" "$(head -20 "$d/patch.log")"
		continue
	fi
	if ! make -C "$KDIR" M="$d/src/drivers/remoteproc" ARCH="$ARCH" -j2 \
		CROSS_COMPILE="$CROSS_COMPILE" qcom_q6v5_mss.ko > "$d/build.log" 2>&1; then
		fail "$n" "does not build:" "$(grep -m 10 -E 'error|warning' "$d/build.log")"
		continue
	fi
	built+=("$n")
done

for n in "${built[@]+"${built[@]}"}"; do
	p=$MDIR/$n.patch
	d=$MUT/$n
	scn=$(field scenario "$p")
	want=$(field expect-log "$p")
	# our modules, with the mutant in place of the driver
	mkdir -p "$d/modules"
	cp "$MODOUT"/*.ko "$d/modules/"
	cp "$d/src/drivers/remoteproc/qcom_q6v5_mss.ko" "$d/modules/"
	if ! MODOUT=$d/modules CPIO=$d/initramfs.cpio "$RIG/mkinitramfs.sh" > "$d/initramfs.log" 2>&1; then
		fail "$n" "initramfs:" "$(cat "$d/initramfs.log")"
		continue
	fi
	# the first failed test decides; the rest of the boot is not needed
	RESULTS=$d/results LOGS=$d/logs INITRAMFS=$d/initramfs.cpio FAILFAST=1 \
		"$RIG/run-scenario.sh" -s mutant "$scn" > "$d/run.log" 2>&1
	rc=$?
	log=$d/logs/$scn.log
	if [ "$rc" = 0 ]; then
		fail "$n" "survived: $scn passed with the mutant (see $log)"
	elif [ "$rc" != 1 ]; then
		fail "$n" "$scn could not run (status $rc):" "$(tail -5 "$d/run.log")"
	elif ! tr -d '\r' < "$log" | grep -qF -- "$want"; then
		fail "$n" "$scn failed, but not with '$want' (see $log):" \
			"$(grep '^not ok' "$d/results/mutant.txt" | head -5)"
	else
		pass "$n"
	fi
done
exit 0
