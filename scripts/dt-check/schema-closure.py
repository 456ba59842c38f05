#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Print a set of binding schemas plus every schema they reference.

    schema-closure.py BINDINGS_DIR FILE.yaml...

FILEs are relative to BINDINGS_DIR (e.g. remoteproc/qcom,sc7180-mss-pil.yaml).
Follows "$ref" values that name a .yaml file: absolute ones
(/schemas/DIR/FILE.yaml#...) map to BINDINGS_DIR/DIR/FILE.yaml, relative
ones are resolved against the referring file.  References that are not in
BINDINGS_DIR (dt-schema's own core schemas such as /schemas/types.yaml) are
left to dt-mk-schema, which always adds the core schemas.  Prints the
closure, one absolute path per line, sorted.

A processed schema restricted to a binding without the schemas it
references makes dt-validate report "False schema does not allow ..." for
every referenced node (glink-edge, smd-edge, bam-dmux), so dtbs_check on a
subset must use this closure.
"""
import os
import re
import sys

REF_RE = re.compile(r"""\$ref:\s*["']?([^"'#\s]+\.yaml)""")


def refs(path, bindings):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for target in REF_RE.findall(text):
        if target.startswith("/schemas/"):
            cand = os.path.join(bindings, target[len("/schemas/"):])
        elif target.startswith("http://devicetree.org/schemas/"):
            cand = os.path.join(bindings, target[len("http://devicetree.org/schemas/"):])
        else:
            cand = os.path.join(os.path.dirname(path), target)
        cand = os.path.normpath(cand)
        if os.path.isfile(cand):
            yield cand


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    bindings = os.path.abspath(argv[0])
    todo = []
    for name in argv[1:]:
        path = os.path.normpath(os.path.join(bindings, name))
        if not os.path.isfile(path):
            sys.stderr.write("schema-closure: %s: no such schema\n" % path)
            return 1
        todo.append(path)
    seen = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        todo.extend(r for r in refs(path, bindings) if r not in seen)
    for path in sorted(seen):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
