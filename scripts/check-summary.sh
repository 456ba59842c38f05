#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# check-summary.sh RESULTS_DIR STAGE...: count every stage's results and
# print the closing line of `make check`, always its last line:
#
#   N passed, N failed, N skipped
#
# Result lines (scripts/testlib.sh) are "ok NAME", "not ok NAME" and
# "skip NAME # REASON".  Counted as failed:
#   - every "not ok";
#   - a skip whose NAME is not in the expected-skips list (EXPECTED_SKIPS,
#     default scripts/expected-skips.txt: "NAME<TAB>REASON" lines), so the
#     list can only grow by an edit that says why;
#   - a stage that left no result file, or an empty one (it did not run);
#   - a line that is none of the three forms (a broken producer), and an
#     expected-skips line without a reason.
# A listed skip that no longer happens is reported, not failed: remove it.
# Exit status 0 only when nothing failed.
set -u

dir=$1
shift
top=$(cd "$(dirname "$0")/.." && pwd)
list=${EXPECTED_SKIPS:-$top/scripts/expected-skips.txt}
shown=${list#"$top"/}
tab=$(printf '\t')
nl='
'
passed=0
failed=0
skipped=0
bad_list=0

# The expected skips, "NAME<TAB>REASON"; names are kept newline-separated
expected=$nl
if [ -f "$list" ]; then
	lineno=0
	while IFS= read -r line || [ -n "$line" ]; do
		lineno=$((lineno + 1))
		case $line in '' | '#'*) continue ;; esac
		n=${line%%"$tab"*}
		why=${line#*"$tab"}
		if [ "$n" = "$line" ] || [ -z "$why" ] || [ -z "$n" ]; then
			echo "not ok $shown:$lineno: want NAME<TAB>REASON: $line"
			bad_list=$((bad_list + 1))
			continue
		fi
		expected="$expected$n$nl"
	done < "$list"
else
	echo "not ok $shown: no expected-skips list"
	bad_list=1
fi

# detail STAGE LINE: the first "#" lines the stage printed after LINE in
# its console log (STAGE_LOGS/stage-STAGE.log, written by make check), so
# that the tail of a CI log says why, not only what, failed
detail() {
	[ -n "${STAGE_LOGS:-}" ] && [ -f "$STAGE_LOGS/stage-$1.log" ] || return 0
	awk -v want="$2" '
		found && /^#/ { if (++k <= 4) print "      " $0; next }
		found { exit }
		$0 == want { found = 1 }' "$STAGE_LOGS/stage-$1.log"
}

seen=$nl
for s in "$@"; do
	f=$dir/$s.txt
	if [ ! -s "$f" ]; then
		printf '%-24s stage produced no results\n' "$s:"
		echo "    not ok $s (stage produced no results)"
		failed=$((failed + 1))
		continue
	fi
	p=0
	n=0
	k=0
	out=
	while IFS= read -r line || [ -n "$line" ]; do
		case $line in
		'ok '*' # SKIP'* | 'ok '*' # skip'*)
			# a KTAP-style skip is still a skip, never a pass
			name=${line#ok }
			name=${name%% # *}
			why=${line#* # [Ss][Kk][Ii][Pp]}
			line="skip $name # ${why# }"
			;;
		esac
		case $line in
		'ok '*/ | 'not ok '*/ | 'skip '*'/ # '*)
			# "STAGE/" and no test: a script lost the test's name
			n=$((n + 1))
			out="$out    not ok $s: result without a test name: $line$nl" ;;
		'ok '?*)
			p=$((p + 1)) ;;
		'not ok '?*)
			n=$((n + 1))
			d=$(detail "$s" "$line")
			out="$out    $line$nl${d:+$d$nl}" ;;
		'skip '?*' # '?*)
			name=${line#skip }
			name=${name%% # *}
			seen="$seen$name$nl"
			case $expected in
			*"$nl$name$nl"*)
				k=$((k + 1))
				out="$out    $line (expected)$nl" ;;
			*)
				n=$((n + 1))
				out="$out    not ok $name (unexpected skip: ${line#* # }; not in $shown)$nl" ;;
			esac ;;
		*)
			n=$((n + 1))
			out="$out    not ok $s: malformed result line: $line$nl" ;;
		esac
	done < "$f"
	printf '%-24s %4d passed, %4d failed, %4d skipped\n' "$s:" "$p" "$n" "$k"
	printf '%s' "$out"
	passed=$((passed + p))
	failed=$((failed + n))
	skipped=$((skipped + k))
done

# Listed skips of the stages summarised here that did not happen
for s in "$@"; do
	printf '%s' "$expected" | while IFS= read -r name; do
		case $name in "$s"/*) ;; *) continue ;; esac
		case $seen in
		*"$nl$name$nl"*) ;;
		*) echo "# expected skip no longer happens: $name (remove it from $shown)" ;;
		esac
	done
done

# Wall time per stage (make check writes RESULTS/.times)
if [ -s "$dir/.times" ]; then
	awk '{ t += $2; printf "%s%s %ds", (NR > 1 ? ", " : "# stage times: "), $1, $2 }
	     END { printf " (total %dm%02ds)\n", t / 60, t % 60 }' "$dir/.times"
fi

failed=$((failed + bad_list))
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
