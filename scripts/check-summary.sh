#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# check-summary.sh RESULTS_DIR STAGE...: count every stage's results and
# print the closing "N passed, N failed" line.  A stage that left no
# result file, or an empty one, did not run and counts as a failure.
dir=$1
shift
passed=0
failed=0
for s in "$@"; do
	f=$dir/$s.txt
	if [ ! -s "$f" ]; then
		echo "not ok $s (stage produced no results)"
		failed=$((failed + 1))
		continue
	fi
	p=$(grep -c '^ok ' "$f")
	n=$(grep -c '^not ok ' "$f")
	printf '%-24s %4d passed, %4d failed\n' "$s:" "$p" "$n"
	grep '^not ok ' "$f" | sed 's/^/    /'
	passed=$((passed + p))
	failed=$((failed + n))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
