#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# mk-tree.sh KSRC TREE OURS PROCESSED_SCHEMA
#
# Lay out TREE as a kernel source tree for `make dt_binding_check`: every
# top-level entry of the pristine KSRC is a symlink, except
# Documentation/devicetree/bindings, which is a real copy of KSRC's with
# our binding files (every *.yaml under OURS/Documentation/devicetree/bindings,
# same relative path) laid over it.  KSRC itself is never written.
#
# Our files are copied only when their content changed, so kbuild only
# redoes work for real edits.  When the set of overlaid files changes (a
# file added or removed), PROCESSED_SCHEMA is deleted: a restored upstream
# file keeps its old timestamp and kbuild would not notice.
set -eu

ksrc=$1
tree=$2
ours=$3
processed=$4

rel=Documentation/devicetree/bindings

[ -f "$ksrc/Makefile" ] || { echo "mk-tree: $ksrc is not a kernel tree" >&2; exit 1; }

# link_all SRC DST SKIP: symlink every entry of SRC into DST except SKIP
link_all() {
	mkdir -p "$2"
	for e in "$1"/*; do
		n=${e##*/}
		[ "$n" = "$3" ] && continue
		[ -L "$2/$n" ] && [ "$(readlink "$2/$n")" = "$e" ] && continue
		rm -rf "${2:?}/$n"
		ln -s "$e" "$2/$n"
	done
}

link_all "$ksrc" "$tree" Documentation
link_all "$ksrc/Documentation" "$tree/Documentation" devicetree
link_all "$ksrc/Documentation/devicetree" "$tree/Documentation/devicetree" bindings

overlays=$(cd "$ours/$rel" 2>/dev/null && find . -name '*.yaml' | sed 's|^\./||' | sort)

excl=$(mktemp)
trap 'rm -f "$excl"' EXIT
printf '%s\n' $overlays | sed 's|^|/|' > "$excl"

mkdir -p "$tree/$rel"
rsync -a --delete --exclude-from="$excl" --exclude=/.overlay "$ksrc/$rel/" "$tree/$rel/"

for f in $overlays; do
	mkdir -p "$(dirname "$tree/$rel/$f")"
	cmp -s "$ours/$rel/$f" "$tree/$rel/$f" || cp "$ours/$rel/$f" "$tree/$rel/$f"
done

manifest=$tree/$rel/.overlay
if [ "$(cat "$manifest" 2>/dev/null)" != "$overlays" ]; then
	printf '%s\n' "$overlays" > "$manifest"
	rm -f "$processed"
fi
