#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# dt-validate.sh LOG [DT-VALIDATE OPTIONS...] DTB
#
# Run dt-validate ($DT_VALIDATE, default dt-validate) on DTB with its
# complete output (stdout and stderr) in LOG, and tell a crash from a
# clean run: dt-schema 2022.08 exits 0 whatever it finds, silently skips
# an input file that does not exist, and a Python exception ends it with
# a traceback, having validated only part of the tree.  So exit status 0
# means it ran to its end (findings are in LOG); 3 means it did not (a
# non-zero exit, a traceback, a recursion error, no DTB), and the line
#   dt-validate.sh: dt-validate crashed on DTB: WHY
# is appended to LOG.  attribute.py counts that line as a finding on
# every MSS node of DTB, so a crash can never read as zero findings.
set -u

log=$1
shift
dtb=
for a in "$@"; do dtb=$a; done

crashed() {
	echo "dt-validate.sh: dt-validate crashed on $dtb: $*" >> "$log"
	exit 3
}

: > "$log" || exit 3
[ -f "$dtb" ] || crashed "no such DTB"
"${DT_VALIDATE:-dt-validate}" "$@" > "$log" 2>&1
rc=$?
[ "$rc" -eq 0 ] || crashed "exit status $rc"
if grep -q '^Traceback (most recent call last):' "$log"; then
	crashed "Python traceback"
fi
if grep -q ': recursion error: ' "$log"; then
	crashed "recursion error"
fi
exit 0
