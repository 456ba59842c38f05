#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# check-coverage.sh: the `make check` stage "coverage", right after "rig".
#
# The driver's objects are built with gcov (MSS_GCOV=y in make modules,
# drivers/remoteproc/Kbuild) and every rig boot ends with mss-init dumping
# the kernel's counters (/sys/kernel/debug/gcov/**/*.gcda; the data of an
# unloaded module persists) base64 on the console.  No boot of its own:
# this stage decodes the dumps from the logs the rig stage just wrote
# (coverage.py extract), merges them (gcov-tool merge), runs gcov on the
# result with the .gcno files of the module build, and prints lines
# executed / lines counted per drivers/remoteproc/qcom_q6v5_mss_*.c.
#
# Results: dump/NAME per rig scenario (its log holds a whole, intact
# dump), fresh (the sources are not newer than the module build), merge,
# gcov (every .gcda from that build, gcov ran clean), lines-80pct (the
# whole set at or above the floor MIN), uncovered-list-format, uncovered-lines-listed
# (every line gcov counts that no boot ran is in coverage/uncovered.txt
# with a reason) and listed-lines-uncovered (every entry there is still
# such a line).  selftest/... plant a torn dump, a corrupted one, a log
# without one, counters of another build, a line missing from the list, a
# stale entry and a target above the measurement; each must fail; and
# mss-init's encoder built for the host must round-trip every padding.
#
# Environment (rig.mk): TOP OUT LOGS RESULTS LINT MODSRC CROSS_COMPILE;
# COV_SCNDIR replaces the scenario folder.
set -u

COV=$(cd "$(dirname "$0")" && pwd)
RIG=$(cd "$COV/.." && pwd)
TOP=${TOP:-$(cd "$RIG/../../.." && pwd)}
OUT=${OUT:-$TOP/build/out}
LOGS=${LOGS:-$OUT/logs}
RESULTS=${RESULTS:-$OUT/results}
MODSRC=${MODSRC:-$TOP/drivers/remoteproc}
CROSS_COMPILE=${CROSS_COMPILE:-aarch64-linux-gnu-}
COV_SCNDIR=${COV_SCNDIR:-$RIG/scenarios}
LINT=${LINT:-$OUT/bin/mss-init-lint}
GCOV=${CROSS_COMPILE}gcov
GCOV_TOOL=${CROSS_COMPILE}gcov-tool
LIST=$COV/uncovered.txt
PY="python3 $COV/coverage.py"
WORK=$OUT/coverage
# The floor make check holds: issue #12's 90%, reached (91.6% on
# 2026-12-02); uncovered.txt says why each other line is not run.
MIN=90
TARGET=90
export RESULTS
# shellcheck source-path=SCRIPTDIR source=../../../../scripts/testlib.sh
. "$TOP/scripts/testlib.sh"
result_init coverage

rm -rf "$WORK"
mkdir -p "$WORK/boots" || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# record_report FILE: turn coverage.py report's "ok NAME" /
# "not ok NAME" lines (details as "# ..." below each) into results
record_report() {
	local line name='' det=() ok=''
	flush() {
		[ -n "$name" ] || return 0
		if [ "$ok" = 1 ]; then
			pass "$name"
		else
			fail "$name" "${det[@]+"${det[@]}"}"
		fi
	}
	while IFS= read -r line; do
		case $line in
		'ok '*) flush; name=${line#ok }; ok=1; det=() ;;
		'not ok '*) flush; name=${line#not ok }; ok=0; det=() ;;
		'# '*) det+=("${line#\# }") ;;
		*) echo "$line" ;;
		esac
	done < "$1"
	flush
}

# --- the dumps of the rig's boots ---------------------------------------
shopt -s nullglob
boots=()
for scn in "$COV_SCNDIR"/*.scn; do
	n=$(basename "$scn" .scn)
	case $n in soak-* | bench-*) continue ;; esac
	log=$LOGS/$n.log
	if [ ! -f "$log" ]; then
		fail "dump/$n" "no $log: make check-rig boots it"
	elif [ "$scn" -nt "$log" ]; then
		fail "dump/$n" "$scn is newer than its log: make check-rig"
	elif $PY extract "$log" "$WORK/boots/$n" > "$tmp/x" 2>&1; then
		pass "dump/$n"
		boots+=("$WORK/boots/$n")
	else
		fail "dump/$n" "$(cat "$tmp/x")"
	fi
done
[ ${#boots[@]} -gt 0 ] || fail dumps-present "no rig boot left a gcov dump"

# --- the counters belong to the module build of these sources -------------
stale=$(find "$MODSRC" -maxdepth 1 -name 'qcom_q6v5_mss_*.[ch]' \
	-newer "$MODSRC/qcom_q6v5_mss.ko" -print 2>&1)
if [ ! -f "$MODSRC/qcom_q6v5_mss.ko" ]; then
	fail fresh "no $MODSRC/qcom_q6v5_mss.ko: make modules"
elif [ -n "$stale" ]; then
	fail fresh "edited since the module was built (make check-rig):" "$stale"
else
	pass fresh
fi

# --- merge: gcov-tool adds the counters of two directories ----------------
merged=$WORK/merged
mkdir -p "$merged"
merge_ok=1
i=0
for d in "${boots[@]+"${boots[@]}"}"; do
	set -- "$d"/*.gcda
	[ $# -gt 0 ] || continue	# this boot never loaded the driver
	i=$((i + 1))
	if [ $i -eq 1 ]; then
		cp "$d"/*.gcda "$merged/" || merge_ok=0
		continue
	fi
	if ! "$GCOV_TOOL" merge -o "$WORK/next" "$merged" "$d" > "$tmp/m" 2>&1 ||
		[ -s "$tmp/m" ]; then
		merge_ok=0
		fail merge "$GCOV_TOOL merge with $d:" "$(head -20 "$tmp/m")"
		break
	fi
	rm -rf "$merged" && mv "$WORK/next" "$merged" || merge_ok=0
done
if [ "$merge_ok" = 1 ] && [ $i -gt 0 ]; then
	pass merge
	echo "  COVER   $i boots with driver counters merged into $merged"
elif [ $i -eq 0 ]; then
	fail merge "no boot has driver counters: did any load qcom_q6v5_mss?"
fi

# --- gcov, the number and the list ---------------------------------------
report() {
	$PY report --gcov "$GCOV" --objdir "$MODSRC" --min "${3:-$MIN}" \
		--target "$TARGET" \
		--gcda "$1" --list "$2" --write-list "$WORK/uncovered.new"
}
report "$merged" "$LIST" > "$tmp/report" 2>&1
rc=$?
record_report "$tmp/report"
[ $rc -eq 0 ] || fail report-ran "coverage.py report exited $rc"
echo "  COVER   the list as it should be now (reasons kept, TODO for new lines): $WORK/uncovered.new"

# --- the guest's encoder, on the host ------------------------------------
# mss-init built for the host ($LINT) dumps a tree of files of every
# padding case; extract must give them back byte for byte
# shellcheck disable=SC2317 # called through check
dump_roundtrip() {
	local d=$tmp/enc f n
	mkdir -p "$d/in/a/b" || return 1
	for n in 0 1 2 3 539 540 541 1081 5000; do
		head -c "$n" /dev/urandom > "$d/in/a/b/f$n.gcda" || return 1
	done
	ln -s /nonexistent "$d/in/a/b/f.gcno"
	echo not counters > "$d/in/a/other.txt"
	"$LINT" --gcov-dump "$d/in" > "$d/log" || return 1
	$PY extract "$d/log" "$d/out" || return 1
	for f in "$d"/in/a/b/*.gcda; do
		cmp "$f" "$d/out/$(basename "$f")" || return 1
	done
	[ "$(find "$d/out" -type f | wc -l)" -eq 9 ]
}
check selftest/dump-encoding dump_roundtrip

# --- planted failures ----------------------------------------------------
# st_report NAME RESULT GCDA LIST [MIN]: report over planted inputs must
# give "not ok RESULT"
st_report() {
	local n=$1 want=$2
	shift 2
	report "$@" > "$tmp/st" 2>&1
	if grep -qx "not ok $want" "$tmp/st"; then
		pass "selftest/$n"
	else
		fail "selftest/$n" "report did not fail $want:" "$(head -20 "$tmp/st")"
	fi
}
# st_extract NAME LOG: extract must refuse LOG
st_extract() {
	if $PY extract "$2" "$tmp/x-$1" > "$tmp/st" 2>&1; then
		fail "selftest/$1" "extract accepted it"
	else
		pass "selftest/$1"
	fi
}
src=
for d in "${boots[@]+"${boots[@]}"}"; do
	set -- "$d"/*.gcda
	if [ $# -gt 0 ]; then
		src=$LOGS/$(basename "$d").log
		break
	fi
done
if [ -z "$src" ] || [ $i -eq 0 ]; then
	fail selftest/planted "no boot with counters to plant failures in"
else
	# a data line lost, one character changed (still base64), no dump
	awk '/mss-init: gcov-data/ && !done { done = 1; next } 1' "$src" \
		> "$tmp/torn.log"
	st_extract extract-torn "$tmp/torn.log"
	awk '/mss-init: gcov-data/ && !done {
		done = 1; c = substr($0, length($0) - 4, 1)
		$0 = substr($0, 1, length($0) - 5) (c == "A" ? "B" : "A") \
			substr($0, length($0) - 3)
	} 1' "$src" > "$tmp/crc.log"
	st_extract extract-corrupt "$tmp/crc.log"
	grep -v 'mss-init: gcov-' "$src" > "$tmp/none.log"
	st_extract extract-no-dump "$tmp/none.log"

	# counters of another build: one stamp byte changed
	cp -r "$merged" "$tmp/other"
	rm -rf "$tmp/other/.gcov"
	set -- "$tmp/other"/*.gcda
	printf '\x5a' | dd of="$1" bs=1 seek=8 conv=notrunc status=none
	cmp -s "$1" "$merged/$(basename "$1")" && printf '\xa5' |
		dd of="$1" bs=1 seek=8 conv=notrunc status=none
	st_report gcov-other-build gcov "$tmp/other" "$LIST"

	# the list without its first entry, and with an entry too many
	awk '!/^[[:space:]]*(#|$)/ && !done { done = 1; next } 1' "$LIST" \
		> "$tmp/short.txt"
	if cmp -s "$tmp/short.txt" "$LIST"; then
		# nothing listed to drop: no counters leave every line unlisted
		mkdir -p "$tmp/empty"
		st_report list-missing-entry uncovered-lines-listed "$tmp/empty" \
			"$LIST"
	else
		st_report list-missing-entry uncovered-lines-listed "$merged" \
			"$tmp/short.txt"
	fi
	{ cat "$LIST"; echo 'qcom_q6v5_mss_core.c planted | planted(); | planted'; } \
		> "$tmp/long.txt"
	st_report list-stale-entry listed-lines-uncovered "$merged" "$tmp/long.txt"
	st_report below-target lines-100.1pct "$merged" "$LIST" 100.1
fi
exit 0
