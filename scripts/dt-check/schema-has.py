#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Check that a processed schema contains the given binding files.

    schema-has.py PROCESSED.json FILE.yaml...

Prints the FILEs whose $id is not in PROCESSED.json (dt-mk-schema skips a
schema it cannot load and only says so when it rebuilds the file) and
exits 1 if there are any.
"""
import json
import re
import sys


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    with open(argv[0], encoding="utf-8") as f:
        schema = json.load(f)
    if isinstance(schema, dict):
        ids = set(schema)
    else:
        ids = {s.get("$id") for s in schema}
    ids = {i.rstrip("#") for i in ids if i}
    missing = []
    for path in argv[1:]:
        with open(path, encoding="utf-8") as f:
            m = re.search(r"^\$id:\s*(\S+)", f.read(), re.M)
        if not m or m.group(1).strip("'\"").rstrip("#") not in ids:
            missing.append(path)
    for path in missing:
        print(path)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
