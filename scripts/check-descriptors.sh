#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# check-descriptors.sh REF_DRIVER.c: the `make check` stage "descriptors".
#
#   descriptors/match-7.2    every descriptor field equals Debian's 7.2 driver
#   descriptors/doc-current  doc/soc-descriptors.md is what the script writes
#   descriptors/control-*    planted differences in a copy of the reference
#                            (an ACC override value, a dropped compatible)
#                            must each be reported, so a comparison that
#                            reads nothing cannot pass
set -u

ref=$1
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/testlib.sh"
result_init descriptors

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
py="python3 $top/scripts/check-descriptors.py"

if [ ! -f "$ref" ]; then
	fail match-7.2 "no reference driver $ref"
	exit 0
fi

if $py "$ref" --markdown "$tmp/table.md" > "$tmp/out" 2>&1; then
	pass match-7.2
else
	fail match-7.2 "$(cat "$tmp/out")"
fi
tail -n 1 "$tmp/out"

# The doc is the generated table below a hand-written head (up to the
# first table row of the generated part, which starts "| compatible |")
doc=$top/doc/soc-descriptors.md
sed -n '/^| compatible |/,$p' "$doc" > "$tmp/doc-table.md"
if [ -s "$tmp/table.md" ] && cmp -s "$tmp/table.md" "$tmp/doc-table.md"; then
	pass doc-current
else
	fail doc-current "doc/soc-descriptors.md is stale; its table should be:" \
		"$(diff "$tmp/doc-table.md" "$tmp/table.md" | head -n 20)"
fi

# control NAME SED_SCRIPT WANT: a copy of the reference edited by
# SED_SCRIPT must give exit 1 and a line matching WANT
control() {
	sed "$2" "$ref" > "$tmp/ref.c"
	if cmp -s "$ref" "$tmp/ref.c"; then
		fail "control-$1" "the planted edit '$2' changed nothing"
		return
	fi
	$py "$tmp/ref.c" > "$tmp/ctl" 2>&1
	rc=$?
	if [ $rc -eq 1 ] && grep -q -- "$3" "$tmp/ctl"; then
		pass "control-$1"
	else
		fail "control-$1" "exit $rc, want 1 and '$3':" "$(cat "$tmp/ctl")"
	fi
}
control acc-value 's/^#define QDSP6SS_ACC_OVERRIDE_VAL_9607\t*0x80800000/#define QDSP6SS_ACC_OVERRIDE_VAL_9607 0x80000000/' \
	'^DIFF .* acc'
control compatible-dropped '/"qcom,msm8926-mss-pil"/d' '^EXTRA qcom,msm8926-mss-pil'
exit 0
