#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# check-rig.sh: the `make check` stage "rig".
#
#  1. selftest/run-selftests.sh: the rig's own negative controls, no boot
#     needed (`make check-rig-selftest` runs them alone).
#  2. Every scenarios/*.scn is linted with mss-init's parser built for the
#     host ($LINT), then booted once in QEMU by run-scenario.sh (files in
#     scenarios/common/ are only included).  The runner is then held to
#     its word: every test the lint lists, NAME/boot, each @expect-log and
#     each KUnit suite of the modules the scenario loads must have a
#     result, and its exit status must agree with the results it recorded.
#  3. Every KUnit suite our sources declare ($KUNIT_DECLARED) is loaded by
#     at least one scenario.
#
# Everything it needs is built by `make check-rig` first.  For the
# pipeline's own tests: RIG_SELFTESTS=0 skips part 1, RIG_SCNDIR and
# RUN_SCENARIO replace the scenario folder and the runner.
set -u

RIG=$(cd "$(dirname "$0")" && pwd)
TOP=${TOP:-$(cd "$RIG/../../.." && pwd)}
OUT=${OUT:-$TOP/build/out}
RESULTS=${RESULTS:-$OUT/results}
LINT=${LINT:-$OUT/bin/mss-init-lint}
KUNIT_DECLARED=${KUNIT_DECLARED:-$OUT/rig/kunit-declared.txt}
RIG_SCNDIR=${RIG_SCNDIR:-$RIG/scenarios}
RUN_SCENARIO=${RUN_SCENARIO:-$RIG/run-scenario.sh}
export RESULTS LINT KUNIT_DECLARED
# shellcheck source-path=SCRIPTDIR source=../../../scripts/testlib.sh
. "$TOP/scripts/testlib.sh"
result_init rig

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# --- 1. the rig's negative controls -----------------------------------
if [ "${RIG_SELFTESTS:-1}" = 1 ]; then
	"$RIG/selftest/run-selftests.sh" -a -s rig ||
		fail selftest/ran "run-selftests.sh exited $?"
fi

# --- 2. the scenarios, one QEMU boot each ------------------------------

# expect_results NAME SCN PARSED NEW RC: the runner recorded NEW (result
# names without the stage) and exited RC for scenario NAME, whose lint
# output is PARSED.  Only failures are recorded: these check the pipeline.
expect_results() {
	local n=$1 scn=$2 parsed=$3 new=$4 rc=$5 want missing e
	want=$tmp/want
	{
		echo "$n/boot"
		sed -n "s|^test [0-9]* |$n/|p" "$parsed"
		e=$(grep -c '^[[:space:]]*@expect-log' "$scn")
		for ((i = 1; i <= e; i++)); do echo "$n/expect-log-$i"; done
	} > "$want"
	missing=()
	while IFS= read -r w; do
		grep -qxF -- "$w" "$new" || missing+=("$w")
	done < "$want"
	# a suite shows as NAME/SUITE/CASE results, or as NAME/SUITE when it
	# failed as a whole
	while IFS= read -r s; do
		grep -qE -- "^$n/$s(/|\$)" "$new" || missing+=("$n/$s (KUnit suite)")
	done < <(suites_loaded "$parsed")
	[ ${#missing[@]} -eq 0 ] ||
		fail "$n/results-complete" "no result for:" "${missing[@]}"

	local nfail
	nfail=$(grep -c '^not ok ' "$new.lines")
	case $rc in
	0) [ "$nfail" -eq 0 ] ||
		fail "$n/runner-status" "exit 0, but $nfail failures recorded" ;;
	1) [ "$nfail" -gt 0 ] ||
		fail "$n/runner-status" "exit 1 without recording a failure" ;;
	*) fail "$n/runner-status" "$RUN_SCENARIO exited $rc" ;;
	esac
}

# suites_loaded PARSED: the KUnit suites of the modules a scenario loads
suites_loaded() {
	awk -F'\t' -v decl="$KUNIT_DECLARED" '
		BEGIN {
			while ((r = (getline l < decl)) > 0) {
				split(l, f, "\t")
				mods[f[1]] = mods[f[1]] " " f[2]
			}
			if (r < 0)
				exit 1
		}
		/^  insmod \[/ {
			m = $0
			sub(/^  insmod \[/, "", m)
			sub(/\].*/, "", m)
			sub(/.*\//, "", m)
			sub(/\.ko$/, "", m)
			if (m in mods && !(m in done)) {
				done[m] = 1
				k = split(mods[m], s, " ")
				for (i = 1; i <= k; i++)
					print s[i]
			}
		}' "$1"
}

ok_prereq=1
if [ ! -x "$LINT" ]; then
	fail lint-present "no $LINT: make check-rig builds it"
	ok_prereq=0
fi
if [ ! -f "$KUNIT_DECLARED" ]; then
	fail kunit-declared-present "no $KUNIT_DECLARED: make check-rig generates it"
	ok_prereq=0
fi

shopt -s nullglob
scns=()
# soak-*.scn are for make soak (soak.sh), bench-*.scn for make bench
# (bench/bench.sh), not make check
for scn in "$RIG_SCNDIR"/*.scn; do
	case $(basename "$scn") in soak-*|bench-*) continue ;; esac
	scns+=("$scn")
done
[ ${#scns[@]} -gt 0 ] || fail scenarios-present "no scenarios in $RIG_SCNDIR"
: > "$tmp/all-parsed"
for scn in "${scns[@]}"; do
	[ "$ok_prereq" = 1 ] || break
	name=$(basename "$scn" .scn)
	if ! "$LINT" --parse "$RIG_SCNDIR" "$name" > "$tmp/parsed" 2> "$tmp/err"; then
		# the guest would only report the same parse error
		fail "$name/parse" "$(cat "$tmp/err")"
		continue
	fi
	cat "$tmp/parsed" >> "$tmp/all-parsed"
	before=$(wc -l < "$RESULTS/rig.txt")
	"$RUN_SCENARIO" -a -s rig "$scn"
	rc=$?
	tail -n +$((before + 1)) "$RESULTS/rig.txt" > "$tmp/new.lines"
	sed -E 's/^(ok|not ok|skip) rig\///; s/ # .*//' "$tmp/new.lines" > "$tmp/new"
	expect_results "$name" "$scn" "$tmp/parsed" "$tmp/new" "$rc"
done

# --- 3. every declared KUnit suite runs somewhere -----------------------
if [ "$ok_prereq" = 1 ]; then
	suites_loaded "$tmp/all-parsed" | sort -u > "$tmp/covered"
	while IFS='	' read -r mod suite _; do
		grep -qxF -- "$suite" "$tmp/covered" ||
			fail "kunit/$suite/loaded-by-a-scenario" \
				"no scenario in $RIG_SCNDIR loads $mod.ko"
	done < "$KUNIT_DECLARED"
fi
exit 0
