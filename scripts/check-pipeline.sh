#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make check stage "pipeline": the result plumbing every stage relies on,
# proved with planted results.  scripts/check-summary.sh must print
# "N passed, N failed, N skipped" as its last line and exit non-zero
# exactly when that line reports a failure: a "not ok", a skip missing
# from the expected-skips list, a stage without results, a malformed
# result line or list line.  scripts/testlib.sh must record a skip as a
# skip (never "ok"), refuse a skip without a reason, and stop a stage
# whose results cannot be written.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/testlib.sh"
result_init pipeline

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
tab=$(printf '\t')

# summary NAME WANT_RC WANT_LAST [GREP] -- STAGE=LINES...: write each
# stage's result file (LINES with \n), run check-summary.sh on them with
# $tmp/skips as the list; the exit status, the last line and, if given,
# a line matching GREP must be as wanted.
summary() {
	name=$1 want_rc=$2 want_last=$3 want_grep=$4
	shift 5
	rm -rf "$tmp/r" && mkdir "$tmp/r"
	stages=
	for a in "$@"; do
		s=${a%%=*}
		stages="$stages $s"
		[ "${a#*=}" = "-" ] || printf '%b' "${a#*=}" > "$tmp/r/$s.txt"
	done
	# shellcheck disable=SC2086
	EXPECTED_SKIPS=$tmp/skips sh "$top/scripts/check-summary.sh" "$tmp/r" $stages \
		> "$tmp/out" 2>&1
	rc=$?
	last=$(tail -n 1 "$tmp/out")
	if [ "$rc" != "$want_rc" ]; then
		fail "summary/$name" "exit $rc, want $want_rc" "$(cat "$tmp/out")"
	elif [ "$last" != "$want_last" ]; then
		fail "summary/$name" "last line '$last', want '$want_last'" "$(cat "$tmp/out")"
	elif [ -n "$want_grep" ] && ! grep -q -- "$want_grep" "$tmp/out"; then
		fail "summary/$name" "no line matching '$want_grep'" "$(cat "$tmp/out")"
	else
		pass "summary/$name"
	fi
}

printf '# header\n\nb/listed%sa reason\n' "$tab" > "$tmp/skips"
summary clean 0 "2 passed, 0 failed, 0 skipped" "" -- \
	a='ok a/1\nok a/2\n'
summary planted-failure 1 "1 passed, 1 failed, 0 skipped" "^    not ok a/2$" -- \
	a='ok a/1\nnot ok a/2\n'
summary failures-add-up 1 "1 passed, 3 failed, 0 skipped" "" -- \
	a='not ok a/1\n' b='ok b/1\nnot ok b/2\nnot ok b/3\n'
summary unexpected-skip-fails 1 "1 passed, 1 failed, 0 skipped" "unexpected skip: no clock" -- \
	a='ok a/1\nskip a/new # no clock\n'
summary expected-skip-is-no-pass 0 "1 passed, 0 failed, 1 skipped" "skip b/listed # why (expected)" -- \
	b='ok b/1\nskip b/listed # why\n'
summary ktap-skip-is-no-pass 1 "1 passed, 1 failed, 0 skipped" "unexpected skip: not today" -- \
	a='ok a/1\nok a/2 # SKIP not today\n'
summary stale-expected-skip-reported 0 "1 passed, 0 failed, 0 skipped" \
	"expected skip no longer happens: b/listed" -- b='ok b/listed\n'
summary skip-without-reason-fails 1 "0 passed, 1 failed, 0 skipped" "malformed" -- \
	a='skip a/1\n'
summary malformed-line-fails 1 "1 passed, 1 failed, 0 skipped" "malformed result line: passed a/2" -- \
	a='ok a/1\npassed a/2\n'
summary nameless-result-fails 1 "1 passed, 1 failed, 0 skipped" "result without a test name: ok a/" -- \
	a='ok a/1\nok a/\n'
summary stage-without-results-fails 1 "1 passed, 2 failed, 0 skipped" "not ok c (stage produced no results)" -- \
	a='ok a/1\n' b='' c=-
# check NAME CMD records NAME even when CMD reads into variables called
# name or log (test-fwgen.sh's corpus loop once recorded "ok fwgen/")
clobber() {
	name=clobbered log=clobbered why=clobbered
	while read -r name; do :; done < /dev/null
}
(
	STAGE=planted RESULTS=$tmp/c
	result_init planted
	check keeps-its-name clobber > /dev/null
	grep -qx 'ok planted/keeps-its-name' "$tmp/c/planted.txt"
) && pass testlib/check-keeps-its-name || \
	fail testlib/check-keeps-its-name "$(cat "$tmp/c/planted.txt" 2>/dev/null)"
printf 'a/x no tab here\n' > "$tmp/skips"
summary bad-list-line-fails 1 "1 passed, 1 failed, 0 skipped" "want NAME<TAB>REASON" -- \
	a='ok a/1\n'
rm -f "$tmp/skips"
summary no-list-fails 1 "1 passed, 1 failed, 0 skipped" "no expected-skips list" -- \
	a='ok a/1\n'

# The checked-in list parses (comments, NAME<TAB>REASON lines only)
printf 'ok a/1\n' > "$tmp/r/a.txt"
if sh "$top/scripts/check-summary.sh" "$tmp/r" a > "$tmp/out" 2>&1; then
	pass summary/checked-in-list-valid
else
	fail summary/checked-in-list-valid "$(cat "$tmp/out")"
fi

# testlib: a skip is recorded as a skip, with its reason on one line
(
	RESULTS=$tmp/lib
	result_init t
	pass one > /dev/null
	skip two "no" "hardware
here" > /dev/null
	skip three > /dev/null 2>&1
) > "$tmp/out" 2>&1
printf 'ok t/one\nskip t/two # no hardware here\nnot ok t/three\n' > "$tmp/want"
if diff -u "$tmp/want" "$tmp/lib/t.txt" > "$tmp/diff" 2>&1; then
	pass testlib/skip-recorded-as-skip
else
	fail testlib/skip-recorded-as-skip "$(cat "$tmp/diff" "$tmp/out")"
fi

# testlib: a result that cannot be written stops the stage (status 2)
mkdir -p "$tmp/ro"
(
	RESULTS=$tmp/ro
	result_init t
	chmod a-w "$tmp/ro/t.txt"
	pass one
	echo "still running"
) > "$tmp/out" 2>&1
rc=$?
chmod u+w "$tmp/ro/t.txt"
if [ "$(id -u)" = 0 ]; then
	# root writes read-only files: plant the failure as a directory
	rm -f "$tmp/ro/t.txt"
	(
		RESULTS=$tmp/ro
		STAGE=t
		mkdir "$tmp/ro/t.txt"
		pass one
		echo "still running"
	) > "$tmp/out" 2>&1
	rc=$?
fi
if [ "$rc" = 2 ] && ! grep -q 'still running' "$tmp/out"; then
	pass testlib/unwritable-result-stops-stage
else
	fail testlib/unwritable-result-stops-stage "exit $rc" "$(cat "$tmp/out")"
fi
exit 0
