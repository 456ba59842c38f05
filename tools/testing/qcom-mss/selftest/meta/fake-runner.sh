#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# fake-runner.sh -a -s STAGE SCN: stands in for run-scenario.sh in the
# tests of check-rig.sh (run-selftests.sh part 3).  It records the results
# an honest runner would (every test the lint lists, the boot, each
# @expect-log, two cases per KUnit suite of the loaded modules, one of
# them failing) and exits 1 when it recorded a failure, unless FAKE_MODE
# plants a lie:
#   honest           as above
#   drop-test        no result for the scenario's last test
#   drop-boot        no NAME/boot
#   drop-expect-log  no NAME/expect-log-1
#   drop-kunit       no result of any KUnit suite
#   nothing          no result at all, exit 0
#   fail-exit-0      an extra failure, exit 0
#   exit-1           no failure, exit 1
#   dies             the first result only, then exit 139
set -u
TOP=$(cd "$(dirname "$0")/../../../../.." && pwd)
. "$TOP/scripts/testlib.sh"
while getopts "as:" opt; do
	case $opt in
	a) ;;
	s) STAGE=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
scn=$1
n=$(basename "$scn" .scn)
mode=${FAKE_MODE:-honest}

[ "$mode" = nothing ] && exit 0
failed=0
tests=$("$LINT" --parse "$(dirname "$scn")" "$n" | sed -n 's/^test [0-9]* //p') || exit 2
last=$(echo "$tests" | tail -n 1)
for t in $tests; do
	[ "$mode" = drop-test ] && [ "$t" = "$last" ] && continue
	pass "$n/$t"
	[ "$mode" = dies ] && exit 139
done
e=$(grep -c '^@expect-log' "$scn")
for ((i = 1; i <= e; i++)); do
	[ "$mode" = drop-expect-log ] && [ "$i" = 1 ] && continue
	pass "$n/expect-log-$i"
done
if [ "$mode" != drop-kunit ]; then
	for m in $(sed -n 's|^  insmod \[/modules/\(.*\)\.ko\].*|\1|p' < <("$LINT" --parse "$(dirname "$scn")" "$n")); do
		while IFS='	' read -r mod suite _; do
			[ "$mod" = "$m" ] || continue
			pass "$n/$suite/case_passes"
			if [ "$mode" != exit-1 ]; then
				fail "$n/$suite/case_fails"
				failed=1
			fi
		done < "$KUNIT_DECLARED"
	done
fi
[ "$mode" = drop-boot ] || pass "$n/boot"
if [ "$mode" = fail-exit-0 ]; then
	fail "$n/planted"
	exit 0
fi
[ "$mode" = exit-1 ] && exit 1
exit $failed
