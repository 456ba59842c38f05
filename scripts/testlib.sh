# SPDX-License-Identifier: GPL-2.0-only
#
# Shared result recording for `make check` stages.  A stage sources this,
# calls result_init STAGE, then pass/fail per test.  Results land in
# $RESULTS/STAGE.txt as "ok NAME" / "not ok NAME"; scripts/check-summary.sh
# counts them.  A stage script exits 0 when it recorded its results, even
# failing ones, so that every stage runs; it exits non-zero only when it
# could not run at all, which the summary counts as a failure too.

RESULTS=${RESULTS:-build/out/results}

result_init() {
	STAGE=$1
	mkdir -p "$RESULTS"
	: > "$RESULTS/$STAGE.txt"
}

pass() {
	echo "ok $STAGE/$1" | tee -a "$RESULTS/$STAGE.txt"
}

# fail NAME [DETAIL...]: DETAIL goes to the console, not the result file
fail() {
	name=$1
	shift
	echo "not ok $STAGE/$name" | tee -a "$RESULTS/$STAGE.txt"
	[ $# -eq 0 ] || printf '#   %s\n' "$@"
}

# check NAME CMD...: run CMD, record its exit status, show its output on failure
check() {
	name=$1
	shift
	log=$(mktemp)
	if "$@" > "$log" 2>&1; then
		pass "$name"
	else
		fail "$name"
		sed 's/^/#   /' "$log" | tail -n 60
	fi
	rm -f "$log"
}
