#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# dtbs-check.sh DTS DTB: `make dtbs_check DTS=board.dts` (or DTB=board.dtb)
#
# Compiles DTS the kbuild way (dts2dtb.sh) unless a DTB is given, runs
# dt-validate against $DTCHK_SCHEMA and prints its complete output, then a
# count of the findings on each MSS node (attribute.py).  Exit status 1 if
# dtc failed, dt-validate did not run to its end (dt-validate.sh), or an
# MSS node has findings.
set -eu

dts=$1
dtb=$2
here=$(cd "$(dirname "$0")" && pwd)

if [ -z "$dts" ] && [ -z "$dtb" ]; then
	echo "usage: make dtbs_check DTS=path/to/board.dts   (or DTB=path/to/board.dtb)" >&2
	echo "       DT_SCHEMA=full validates against every binding (slow)" >&2
	exit 2
fi

if [ -n "$dts" ]; then
	[ -f "$dts" ] || { echo "dtbs_check: $dts: no such file" >&2; exit 2; }
	dtb=$DTCHK_BUILD/dtbs/$(basename "${dts%.*}").dtb
	echo "  DTC     $dts -> $dtb"
	"$here/dts2dtb.sh" "$KSRC" "$DTCHK_DTC" "$dts" "$dtb"
fi
[ -f "$dtb" ] || { echo "dtbs_check: $dtb: no such file" >&2; exit 2; }

log=$DTCHK_BUILD/dtbs/$(basename "$dtb" .dtb).check.log
mkdir -p "$(dirname "$log")"
echo "  CHECK   $dtb (schema $DTCHK_SCHEMA)"
rc=0
"$here/dt-validate.sh" "$log" -u "$DTCHK_BINDINGS" -p "$DTCHK_SCHEMA" "$dtb" || rc=1
cat "$log"
[ $rc -eq 0 ] || echo "  dt-validate did not run to its end: the result is a failure"

"$here/attribute.py" -- "$dtb" "$log" > "$log.mss"
if [ ! -s "$log.mss" ]; then
	echo "  no enabled Qualcomm MSS node in $dtb"
fi
grep -v '^#' "$log.mss" > "$log.nodes" || true
while IFS='	' read -r _ path compat n amb _; do
	note=
	[ "$amb" -eq 0 ] || note=" ($amb counted by node name, which is not unique)"
	echo "  MSS     $path ($compat): $n finding(s)$note"
	[ "$n" -eq 0 ] || rc=1
done < "$log.nodes"
echo "  $(grep -c '^	From schema:' "$log" || true) finding(s) in total, log: $log"
exit $rc
