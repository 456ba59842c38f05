#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# fleet.sh SCHEMA BINDINGS DTBDIRS OUTDIR [JOBS [FIXEDDIR]]
#
# dtbs_check of every DTB in DTBDIRS (one folder, or several separated by
# spaces, e.g. 7.2's arm64 and arm32 qcom folders) that has an enabled
# Qualcomm MSS node:
# dt-validate against the processed SCHEMA (-u BINDINGS for references),
# JOBS DTBs at a time (default 2).  A DTB of the same name in FIXEDDIR (an
# upstream board with our fix overlay applied) is checked instead of the
# one in DTBDIR.  OUTDIR receives
#   logs/BOARD.log   the complete dt-validate output for each DTB (so two
#                    DTBs of one name in different folders are an error)
#   report.txt       one line per MSS node, "DTB PATH COMPATIBLE FINDINGS
#                    AMBIGUOUS UNATTRIBUTED", each followed by its findings
#   summary.txt      boards, findings on MSS nodes, wall time
# Findings are attributed to the MSS node by attribute.py; a dt-validate
# that did not run to its end on a board (dt-validate.sh, DT_VALIDATE)
# counts as a finding there.  Exit status 0 when the run completed,
# whatever it found.
set -eu

schema=$1
bindings=$2
dtbdirs=$3
outdir=$4
jobs=${5:-2}
fixed=${6:-}
here=$(cd "$(dirname "$0")" && pwd)

[ -f "$schema" ] || { echo "fleet: no processed schema $schema" >&2; exit 1; }
set --
for d in $dtbdirs; do
	ls "$d"/*.dtb > /dev/null 2>&1 || { echo "fleet: no DTBs in $d" >&2; exit 1; }
	set -- "$@" "$d"/*.dtb
done
[ $# -gt 0 ] || { echo "fleet: no DTB folder given" >&2; exit 1; }
dup=$(for d in "$@"; do basename "$d"; done | sort | uniq -d)
[ -z "$dup" ] || { echo "fleet: DTBs of the same name in $dtbdirs: $dup" >&2; exit 1; }

rm -rf "$outdir"
mkdir -p "$outdir/logs"
start=$(date +%s.%N)

# not in a pipeline: a crash of the DTB reader must stop the run, not
# shorten the list of boards
"$here/mss-nodes.py" --enabled "$@" > "$outdir/mss-nodes.txt"
cut -f1 "$outdir/mss-nodes.txt" | sort -u > "$outdir/upstream.txt"
while read -r dtb; do
	b=$(basename "$dtb")
	if [ -n "$fixed" ] && [ -f "$fixed/$b" ]; then
		echo "$fixed/$b"
		echo "$b" >> "$outdir/fixed.txt"
	else
		echo "$dtb"
	fi
done < "$outdir/upstream.txt" > "$outdir/boards.txt"

# One dt-validate per DTB; the log keeps stdout and stderr, unfiltered,
# plus dt-validate.sh's line when it crashed (counted by attribute.py).
# shellcheck disable=SC2016
xargs -P "$jobs" -I{} sh -c '
	"$5" "$4/logs/$(basename "$1" .dtb).log" -u "$2" -p "$3" "$1" || true
' sh {} "$bindings" "$schema" "$outdir" "$here/dt-validate.sh" < "$outdir/boards.txt"

args=
while read -r dtb; do
	args="$args $dtb $outdir/logs/$(basename "$dtb" .dtb).log"
done < "$outdir/boards.txt"
# shellcheck disable=SC2086
"$here/attribute.py" -- $args > "$outdir/report.txt"

end=$(date +%s.%N)
awk -F'\t' -v t="$(echo "$end - $start" | bc)" '
	/^#/ { next }
	{ nodes++; f += $4; a += $5; u += $6; if ($4 > 0) bad++ }
	END {
		printf "mss-nodes %d\nnodes-with-findings %d\nfindings %d\nambiguous %d\nunattributed-lines %d\nseconds %.1f\n",
			nodes, bad, f, a, u, t
	}' "$outdir/report.txt" > "$outdir/summary.txt"
