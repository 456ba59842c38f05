#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# check-rig.sh: the `make check` stage "rig".
#
#  1. selftest/run-selftests.sh: the rig's own negative controls, no boot
#     needed (`make check-rig-selftest` runs them alone).
#  2. Every scenarios/*.scn is linted with mss-init's parser built for the
#     host ($LINT), then booted once in QEMU by run-scenario.sh (files in
#     scenarios/common/ are only included).
#
# Everything it needs is built by `make check-rig` first.
set -u

RIG=$(cd "$(dirname "$0")" && pwd)
TOP=${TOP:-$(cd "$RIG/../../.." && pwd)}
OUT=${OUT:-$TOP/build/out}
RESULTS=${RESULTS:-$OUT/results}
LINT=${LINT:-$OUT/bin/mss-init-lint}
KUNIT_DECLARED=${KUNIT_DECLARED:-$OUT/rig/kunit-declared.txt}
RIG_SCNDIR=$RIG/scenarios
RUN_SCENARIO=$RIG/run-scenario.sh
export RESULTS LINT KUNIT_DECLARED
# shellcheck source-path=SCRIPTDIR source=../../../scripts/testlib.sh
. "$TOP/scripts/testlib.sh"
result_init rig

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# --- 1. the rig's negative controls -----------------------------------
"$RIG/selftest/run-selftests.sh" -a -s rig ||
	fail selftest/ran "run-selftests.sh exited $?"

# --- 2. the scenarios, one QEMU boot each ------------------------------

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
scns=("$RIG_SCNDIR"/*.scn)
[ ${#scns[@]} -gt 0 ] || fail scenarios-present "no scenarios in $RIG_SCNDIR"
for scn in "${scns[@]}"; do
	[ "$ok_prereq" = 1 ] || break
	name=$(basename "$scn" .scn)
	if ! "$LINT" --parse "$RIG_SCNDIR" "$name" > "$tmp/parsed" 2> "$tmp/err"; then
		# the guest would only report the same parse error
		fail "$name/parse" "$(cat "$tmp/err")"
		continue
	fi
	"$RUN_SCENARIO" -a -s rig "$scn"
done

exit 0
