#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# fuzz.sh check|long: run the mss-dtcheck libFuzzer harnesses.
#
#   check  the `make check` stage "dtcheck-fuzz": the DTB harness for
#          FUZZ_SECONDS (60) and the firmware/source-map harness for
#          FUZZ_MDT_SECONDS (20), seeded with the bad-DTB corpus; records
#          results with scripts/testlib.sh.
#   long   `make fuzz FUZZ_SECONDS=N`: both harnesses for N seconds each,
#          one after the other; no result file, exit 1 on a crash.
#
# The working corpora persist in $WORK (build/out/mss-dtcheck/fuzz), so
# every run starts where the previous one stopped; crash inputs land in
# $WORK/artifacts/ and a crash's input can be replayed with
#   build/out/bin/mss-dtcheck-fuzz FILE      (or mss-dtcheck-asan FILE)
set -u

mode=${1:-check}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
WORK=${WORK:-$top/build/out/mss-dtcheck/fuzz}
LOGS=${LOGS:-$top/build/out/logs}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_MDT_SECONDS=${FUZZ_MDT_SECONDS:-20}
mkdir -p "$WORK/dtb" "$WORK/mdt" "$WORK/mdt-seeds" "$WORK/artifacts" "$LOGS"

if [ "$mode" = check ]; then
	. "$top/scripts/testlib.sh"
	result_init dtcheck-fuzz
fi

# Seeds for the firmware harness: the test firmware images and an
# annotated DTS for the source-map parser.  Without them the harness
# would fuzz from nothing and still pass, so a failure here is a result.
seeds_ok=1
if python3 "$here/gen-fw.py" "$WORK/fw-gen" > "$LOGS/fuzz-seeds.log" 2>&1; then
	# name each seed by its path under fw-gen, not the absolute one: a deep
	# checkout would make a single file name longer than NAME_MAX
	for f in $(cd "$WORK/fw-gen" && find . -type f | sed 's|^\./||'); do
		cp "$WORK/fw-gen/$f" "$WORK/mdt-seeds/$(echo "$f" | tr / _)" ||
			seeds_ok=0
	done
else
	seeds_ok=0
fi
# dtc annotates only dts to dts: decompile first, then annotate that
if dtc -q -I dtb -O dts "$CORPUS/good-reference.dtb" > "$WORK/reference.dts" \
		2>> "$LOGS/fuzz-seeds.log"; then
	dtc -q -I dts -O dts -T -T "$WORK/reference.dts" \
		> "$WORK/mdt-seeds/annotated.dts" 2>> "$LOGS/fuzz-seeds.log" ||
		seeds_ok=0
else
	seeds_ok=0
fi
if [ "$seeds_ok" = 0 ] && [ "$mode" = check ]; then
	fail fuzz-mdt-seeds "gen-fw.py, cp or dtc failed:" "$(cat "$LOGS/fuzz-seeds.log")"
fi

# fuzz NAME BIN SECONDS CORPUS_DIR SEED_DIR [EXTRA...]
fuzz() {
	name=$1 bin=$2 secs=$3 dir=$4 seeds=$5
	shift 5
	log=$LOGS/fuzz-$name.log
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$WORK/artifacts/$name-" \
		-max_len=16384 "$@" "$dir" "$seeds" > "$log" 2>&1
	frc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
	echo "fuzz $name: ${secs}s, ${execs:-?} execs, ${cov:-cov: ?}, corpus $(ls "$dir" | wc -l) inputs, exit $frc (log $log)"
}

fuzz dtb "$FUZZ" "$FUZZ_SECONDS" "$WORK/dtb" "$CORPUS" -dict="$here/fuzz.dict"
dtb_rc=$frc
dtb_log=$log
fuzz mdt "$FUZZ_MDT" "$FUZZ_MDT_SECONDS" "$WORK/mdt" "$WORK/mdt-seeds"
mdt_rc=$frc
mdt_log=$log

if [ "$mode" = check ]; then
	verdict() {	# verdict NAME EXIT LOG
		if [ "$2" = 0 ] && grep -q 'Done [0-9]* runs' "$3"; then
			pass "fuzz-$1-no-crash"
		else
			fail "fuzz-$1-no-crash" "exit $2" \
				"$(grep -A 12 'ERROR\|SUMMARY\|==[0-9]*==' "$3" | head -n 30)"
		fi
	}
	verdict dtb "$dtb_rc" "$dtb_log"
	verdict mdt "$mdt_rc" "$mdt_log"
	exit 0
fi
[ "$dtb_rc" = 0 ] && [ "$mdt_rc" = 0 ]
