#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# check-rig.sh: the `make check` stage "rig".
#
#  1. selftest/: the rig's own negative controls, no boot needed.  Saved
#     guest logs (a WARN splat, a hang, a KUnit suite cut short by an
#     oops, a kmemleak report, ...) go through the log parser and must
#     give exactly the recorded results; scenario files with mistakes must
#     be rejected by mss-init's parser (built for the host) with the
#     expected message.
#  2. Every scenarios/*.scn is linted with that parser, then booted once
#     in QEMU (files in scenarios/common/ are only included).
#
# Everything it needs is built by `make check-rig` first.
set -u

RIG=$(cd "$(dirname "$0")" && pwd)
TOP=${TOP:-$(cd "$RIG/../../.." && pwd)}
OUT=${OUT:-$TOP/build/out}
RESULTS=${RESULTS:-$OUT/results}
export RESULTS
# shellcheck source-path=SCRIPTDIR source=../../../scripts/testlib.sh
. "$TOP/scripts/testlib.sh"
result_init rig

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ST=$RIG/selftest

# --- 1. log parser on saved logs -------------------------------------
for log in "$ST"/*.log; do
	n=$(basename "$log" .log)
	scn=$n
	[ -f "$ST/$n.scn" ] && scn=$ST/$n.scn
	rm -rf "$tmp/res"
	RESULTS=$tmp/res "$RIG/run-scenario.sh" -s selftest -l "$log" "$scn" \
		> "$tmp/out" 2>&1
	if diff -u "$ST/$n.expect" "$tmp/res/selftest.txt" > "$tmp/diff" 2>&1; then
		pass "selftest/parser/$n"
	else
		fail "selftest/parser/$n" "results differ from $n.expect:" \
			"$(head -40 "$tmp/diff")"
	fi
done

# --- 2. mss-init's scenario parser, built for the host ----------------
lint=$OUT/bin/mss-init-lint
mkdir -p "$OUT/bin"
if cc -O2 -Wall -Wextra -Werror -I"$TOP/scripts/include" -o "$lint" \
	"$RIG/init/init.c" 2> "$tmp/cc"; then
	pass selftest/lint-build
else
	fail selftest/lint-build "$(head -40 "$tmp/cc")"
	lint=
fi

if [ -n "$lint" ]; then
	if "$lint" --parse "$ST/scn" lang > "$tmp/lang" 2>&1 &&
	   diff -u "$ST/scn/lang.parsed" "$tmp/lang" > "$tmp/diff"; then
		pass selftest/lint/lang
	else
		fail selftest/lint/lang "$(head -40 "$tmp/diff" "$tmp/lang")"
	fi
	for scn in "$ST"/scn/bad-*.scn; do
		n=$(basename "$scn" .scn)
		want=$(sed -n '1s/^# error: //p' "$scn")
		if "$lint" --parse "$ST/scn" "$n" > /dev/null 2> "$tmp/err"; then
			fail "selftest/lint/$n" "accepted; expected: $want"
		elif [ -n "$want" ] && grep -qF -- "$want" "$tmp/err"; then
			pass "selftest/lint/$n"
		else
			fail "selftest/lint/$n" "expected: $want" "got: $(cat "$tmp/err")"
		fi
	done
fi

# --- 3. the scenarios, one QEMU boot each ------------------------------
shopt -s nullglob
scns=("$RIG"/scenarios/*.scn)
[ ${#scns[@]} -gt 0 ] || fail scenarios-present "no scenarios in $RIG/scenarios"
for scn in "${scns[@]}"; do
	name=$(basename "$scn" .scn)
	if [ -n "$lint" ] &&
	   ! "$lint" --parse "$RIG/scenarios" "$name" > /dev/null 2> "$tmp/err"; then
		# the guest would only report the same parse error
		fail "$name/parse" "$(cat "$tmp/err")"
		continue
	fi
	"$RIG/run-scenario.sh" -a -s rig "$scn"
done
exit 0
