#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Compare the compatibles the MSS bindings select with the driver's SoC table.

    compatibles.py PROCESSED.json

PROCESSED.json is a processed schema (dt-mk-schema -j) holding the
qcom,*-mss-pil.yaml bindings and, when it is ours, qcom,mss-memory-region.yaml.
dt-validate applies a binding to the nodes its "select" matches, which
dt-mk-schema derives from the binding's compatible property (or takes from
an explicit select), so the selects are what is really checked:
  * the qcom,*-mss-pil.yaml selects together are exactly the compatibles of
    the driver's SoC table (drivers/remoteproc/qcom_mss_socs.h): every node
    the driver binds is validated, and no binding describes a compatible
    the driver does not bind;
  * no compatible is selected by two of them;
  * qcom,mss-memory-region.yaml, if present, selects the same set (it gives
    memory-region its type on exactly the MSS nodes).
Prints the compatibles per binding, then one line per problem; exit status
1 if there is any.
"""
import importlib.util
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
_spec = importlib.util.spec_from_file_location("mss_nodes", os.path.join(HERE, "mss-nodes.py"))
mss_nodes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mss_nodes)

PIL_RE = re.compile(r"/remoteproc/qcom,[^/]*-mss-pil\.yaml#?$")
REGION_RE = re.compile(r"/remoteproc/qcom,mss-memory-region\.yaml#?$")


def strings(node):
    """Every string value under a JSON schema fragment."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)
    elif isinstance(node, dict):
        for k, v in node.items():
            if k in ("enum", "const", "contains", "items", "oneOf", "anyOf", "allOf"):
                yield from strings(v)


def selected(schema):
    sel = schema.get("select")
    if not isinstance(sel, dict):
        return set()
    return set(strings(sel.get("properties", {}).get("compatible", {})))


def main(argv):
    if len(argv) != 1:
        sys.stderr.write(__doc__)
        return 2
    with open(argv[0], encoding="utf-8") as f:
        processed = json.load(f)
    schemas = processed.values() if isinstance(processed, dict) else processed
    table = mss_nodes.soc_table_compatibles()
    problems = []
    union = {}
    region = None
    for s in schemas:
        sid = s.get("$id", "")
        if PIL_RE.search(sid):
            comps = selected(s)
            print("%s: %s" % (sid, " ".join(sorted(comps))))
            if not comps:
                problems.append("%s selects no compatible" % sid)
            for c in comps:
                if c in union:
                    problems.append("%s is selected by %s and %s" % (c, union[c], sid))
                union[c] = sid
        elif REGION_RE.search(sid):
            region = selected(s)
    if not union:
        problems.append("no qcom,*-mss-pil.yaml binding in %s" % argv[0])
    for c in sorted(table - set(union)):
        problems.append("%s: in the SoC table, selected by no binding" % c)
    for c in sorted(set(union) - table):
        problems.append("%s: selected by %s, not in the SoC table" % (c, union[c]))
    if region is not None:
        for c in sorted(table - region):
            problems.append("%s: qcom,mss-memory-region.yaml does not select it" % c)
        for c in sorted(region - table):
            problems.append("%s: qcom,mss-memory-region.yaml selects it, not in the SoC table" % c)
    print("%d compatibles in the SoC table, %d selected by the bindings" % (len(table), len(union)))
    for p in problems:
        print("problem: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
