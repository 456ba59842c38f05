#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run-selftests.sh [-a] [-s STAGE]: the rig's negative controls, no boot.
# Part of check-rig.sh; `make check-rig-selftest` runs them alone (stage
# rig-selftest).
#
#  1. Saved guest logs (*.log: a WARN splat, a hang, a KUnit suite cut
#     short by an oops, a skipped case, a suite with fewer cases than its
#     source declares, a mss.failfast boot that stopped after its first
#     failed test, ...) go through run-scenario.sh -l and must give
#     exactly the results in NAME.expect, and exit 1 exactly when those
#     hold a failure.  NAME.kunit, if present, is the run's list of KUnit
#     suites (run-scenario.sh -k); each line of NAME.why must appear in
#     the output, so that a planted failure fails for its own reason.
#  2. Scenario files with mistakes (scn/bad-*.scn) must be rejected by
#     mss-init's parser built for the host ($LINT) with the expected
#     message; scn/lang.scn must expand to scn/lang.parsed.
#  3. check-rig.sh itself, over meta/*.scn with planted runners
#     (meta/fake-runner.sh): a runner that drops a test's result, drops
#     the boot result, drops a KUnit suite, records nothing, or exits with
#     a status its results contradict must each fail the scenario, and a
#     declared KUnit suite that no scenario loads must fail.  The honest
#     fake runner must give no such failure.
#  4. kunit-declared.py on kunit-src/*/: good/ must give good/expect (a
#     parameterised case counted once, comments ignored, a module of two
#     objects); each bad-*/ and none/ must fail with its expect-error.
#
#   -s STAGE  result file $RESULTS/STAGE.txt (default rig-selftest)
#   -a        append to it (the caller ran result_init)
set -u

ST=$(cd "$(dirname "$0")" && pwd)
RIG=$(cd "$ST/.." && pwd)
TOP=${TOP:-$(cd "$RIG/../../.." && pwd)}
OUT=${OUT:-$TOP/build/out}
RESULTS=${RESULTS:-$OUT/results}
LINT=${LINT:-$OUT/bin/mss-init-lint}
export RESULTS
# shellcheck source-path=SCRIPTDIR source=../../../../scripts/testlib.sh
. "$TOP/scripts/testlib.sh"

stage=rig-selftest
append=0
while getopts "as:" opt; do
	case $opt in
	a) append=1 ;;
	s) stage=$OPTARG ;;
	*) echo "usage: $0 [-a] [-s STAGE]" >&2; exit 2 ;;
	esac
done
if [ "$append" = 1 ]; then
	STAGE=$stage
	touch "$RESULTS/$STAGE.txt" || exit 2
else
	result_init "$stage"
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# --- 1. log parser on saved logs -------------------------------------
for log in "$ST"/*.log; do
	n=$(basename "$log" .log)
	scn=$n
	[ -f "$ST/$n.scn" ] && scn=$ST/$n.scn
	kargs=()
	[ -f "$ST/$n.kunit" ] && kargs=(-k "$ST/$n.kunit")
	rm -rf "$tmp/res"
	RESULTS=$tmp/res "$RIG/run-scenario.sh" -s selftest -l "$log" \
		"${kargs[@]+"${kargs[@]}"}" "$scn" > "$tmp/out" 2>&1
	rc=$?
	want_rc=0
	grep -q '^not ok ' "$ST/$n.expect" && want_rc=1
	why=()
	if [ -f "$ST/$n.why" ]; then
		while IFS= read -r w; do
			[ -z "$w" ] || grep -qF -- "$w" "$tmp/out" || why+=("$w")
		done < "$ST/$n.why"
	fi
	if ! diff -u "$ST/$n.expect" "$tmp/res/selftest.txt" > "$tmp/diff" 2>&1; then
		fail "selftest/parser/$n" "results differ from $n.expect:" \
			"$(head -40 "$tmp/diff")"
	elif [ "$rc" != "$want_rc" ]; then
		fail "selftest/parser/$n" "run-scenario.sh exited $rc, want $want_rc" \
			"$(head -20 "$tmp/out")"
	elif [ ${#why[@]} -gt 0 ]; then
		fail "selftest/parser/$n" "not in the output:" "${why[@]}" \
			"output:" "$(head -20 "$tmp/out")"
	else
		pass "selftest/parser/$n"
	fi
done

# --- 2. mss-init's scenario parser, built for the host ----------------
if [ ! -x "$LINT" ]; then
	fail selftest/lint-present "no $LINT (make check-rig-selftest builds it)"
	exit 0
fi

if "$LINT" --parse "$ST/scn" lang > "$tmp/lang" 2>&1 &&
   diff -u "$ST/scn/lang.parsed" "$tmp/lang" > "$tmp/diff"; then
	pass selftest/lint/lang
else
	fail selftest/lint/lang "$(head -40 "$tmp/diff" "$tmp/lang")"
fi
for scn in "$ST"/scn/bad-*.scn; do
	n=$(basename "$scn" .scn)
	want=$(sed -n '1s/^# error: //p' "$scn")
	if "$LINT" --parse "$ST/scn" "$n" > /dev/null 2> "$tmp/err"; then
		fail "selftest/lint/$n" "accepted; expected: $want"
	elif [ -n "$want" ] && grep -qF -- "$want" "$tmp/err"; then
		pass "selftest/lint/$n"
	else
		fail "selftest/lint/$n" "expected: $want" "got: $(cat "$tmp/err")"
	fi
done

# --- 3. check-rig.sh holds the runner to its word ---------------------

# meta MODE DECLARED: check-rig.sh over meta/ with the fake runner in MODE;
# its result file is left in $tmp/meta/rig.txt
meta() {
	rm -rf "$tmp/meta"
	RESULTS=$tmp/meta RIG_SELFTESTS=0 RIG_SCNDIR=$ST/meta \
		RUN_SCENARIO=$ST/meta/fake-runner.sh FAKE_MODE=$1 \
		KUNIT_DECLARED=$2 "$RIG/check-rig.sh" > "$tmp/meta.out" 2>&1
}

# meta_expect NAME MODE DECLARED RESULT...: exactly these "not ok" results
# (sorted, without the stage) besides the fake runner's own failures
meta_expect() {
	local name=$1 mode=$2 decl=$3
	shift 3
	if ! meta "$mode" "$decl"; then
		fail "selftest/check-rig/$name" "check-rig.sh exited $?" \
			"$(tail -n 20 "$tmp/meta.out")"
		return
	fi
	sed -n 's|^not ok rig/||p' "$tmp/meta/rig.txt" |
		grep -Ev '/(planted|kunit_a/case_fails)$' | sort > "$tmp/got"
	printf '%s\n' "$@" | sed '/^$/d' | sort > "$tmp/want"
	if diff -u "$tmp/want" "$tmp/got" > "$tmp/diff"; then
		pass "selftest/check-rig/$name"
	else
		fail "selftest/check-rig/$name" "$(cat "$tmp/diff")" \
			"$(tail -n 20 "$tmp/meta.out")"
	fi
}

decl=$tmp/declared
printf 'meta_kunit\tkunit_a\t2\n' > "$decl"
meta_expect honest-runner honest "$decl"
meta_expect drops-a-test drop-test "$decl" meta-plain/results-complete \
	meta-kunit/results-complete
meta_expect drops-boot drop-boot "$decl" meta-plain/results-complete \
	meta-kunit/results-complete
meta_expect drops-expect-log drop-expect-log "$decl" meta-plain/results-complete
meta_expect drops-kunit-suite drop-kunit "$decl" meta-kunit/results-complete
meta_expect records-nothing nothing "$decl" meta-plain/results-complete \
	meta-kunit/results-complete
meta_expect exit-0-with-failure fail-exit-0 "$decl" meta-plain/runner-status \
	meta-kunit/runner-status
meta_expect exit-1-without-failure exit-1 "$decl" meta-plain/runner-status \
	meta-kunit/runner-status
meta_expect runner-dies dies "$decl" meta-plain/runner-status \
	meta-plain/results-complete meta-kunit/runner-status \
	meta-kunit/results-complete
printf 'meta_kunit\tkunit_a\t2\nnowhere_kunit\tkunit_nowhere\t3\n' > "$tmp/declared2"
meta_expect suite-loaded-nowhere honest "$tmp/declared2" \
	kunit/kunit_nowhere/loaded-by-a-scenario

# --- 4. the declared KUnit cases -----------------------------------------
for d in "$ST"/kunit-src/*/; do
	n=$(basename "$d")
	"$RIG/kunit-declared.py" "$d" > "$tmp/kd.out" 2> "$tmp/kd.err"
	rc=$?
	if [ -f "$d/expect" ]; then
		if [ $rc -eq 0 ] && diff -u "$d/expect" "$tmp/kd.out" > "$tmp/diff"; then
			pass "selftest/kunit-declared/$n"
		else
			fail "selftest/kunit-declared/$n" "exit $rc" "$(cat "$tmp/diff" "$tmp/kd.err")"
		fi
	elif [ $rc -eq 1 ] && [ ! -s "$tmp/kd.out" ] &&
	     grep -qF -- "$(cat "$d/expect-error")" "$tmp/kd.err"; then
		pass "selftest/kunit-declared/$n"
	else
		fail "selftest/kunit-declared/$n" "exit $rc, want 1 and: $(cat "$d/expect-error")" \
			"$(cat "$tmp/kd.out" "$tmp/kd.err")"
	fi
done
exit 0
