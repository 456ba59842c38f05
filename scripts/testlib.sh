# SPDX-License-Identifier: GPL-2.0-only
#
# Shared result recording for `make check` stages.  A stage sources this,
# calls result_init STAGE, then pass/fail/skip per test.  Results land in
# $RESULTS/STAGE.txt as "ok NAME", "not ok NAME" or "skip NAME # REASON";
# scripts/check-summary.sh counts them.  A skip is never a pass: the
# summary counts it apart, and fails the run unless NAME is listed in
# scripts/expected-skips.txt.  A stage script exits 0 when it recorded its
# results, even failing ones, so that every stage runs; it exits non-zero
# only when it could not run at all, which the summary counts as a failure
# too.  A result that cannot be written ends the stage with status 2.

RESULTS=${RESULTS:-build/out/results}

result_init() {
	STAGE=$1
	if ! mkdir -p "$RESULTS" || ! : > "$RESULTS/$STAGE.txt"; then
		echo "testlib: cannot create $RESULTS/$STAGE.txt" >&2
		exit 2
	fi
}

# record LINE: append one result line, and show it
record() {
	printf '%s\n' "$1" >> "$RESULTS/$STAGE.txt" || {
		echo "testlib: cannot record '$1' in $RESULTS/$STAGE.txt" >&2
		exit 2
	}
	printf '%s\n' "$1"
}

pass() {
	record "ok $STAGE/$1"
}

# fail NAME [DETAIL...]: DETAIL goes to the console, not the result file,
# every line of it as a "#" comment
fail() {
	_fail_name=$1
	shift
	record "not ok $STAGE/$_fail_name"
	[ $# -eq 0 ] || printf '%s\n' "$@" | sed 's/^/#   /'
}

# skip NAME REASON...: the test could not run.  REASON is required and goes
# into the result file on the same line; a skip without one is a failure.
skip() {
	_skip_name=$1
	shift
	_skip_why=$(printf '%s' "$*" | tr '\n\t' '  ')
	if [ -z "$_skip_why" ]; then
		fail "$_skip_name" "skipped without a reason"
		return
	fi
	record "skip $STAGE/$_skip_name # $_skip_why"
}

# check NAME CMD...: run CMD, record its exit status, show its output on
# failure.  Its variables have names of their own: CMD shares the shell's
# variables (a "read name" loop in CMD once renamed the result).
check() {
	_check_name=$1
	shift
	_check_log=$(mktemp) || { fail "$_check_name" "mktemp failed"; return; }
	if "$@" > "$_check_log" 2>&1; then
		pass "$_check_name"
	else
		fail "$_check_name"
		sed 's/^/#   /' "$_check_log" | tail -n 60
	fi
	rm -f "$_check_log"
}
