#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Check mss-dtcheck --json output against its documented shape.

usage: json-schema-check.py FILE NINPUTS

Fails (exit 1, with the reason) on invalid JSON, missing or mistyped keys,
unknown enum values, or counts that do not add up.
"""
import json
import re
import sys

SEVS = {"error", "warning", "info"}
SOURCES = {"dedicated", "mpss-window", "legacy", "none"}
ROLES = ("mba", "mpss", "metadata")


def need(cond, what):
    if not cond:
        print("schema: " + what)
        sys.exit(1)


def typed(d, key, types, where):
    need(key in d, "%s: missing %r" % (where, key))
    need(isinstance(d[key], types), "%s: %r is %r" % (where, key, type(d[key]).__name__))
    return d[key]


def main():
    doc = json.load(open(sys.argv[1]))
    ninputs = int(sys.argv[2])
    need(doc.get("tool") == "mss-dtcheck", "tool")
    need(doc.get("schema") == 1, "schema version")
    typed(doc, "metadata_size", int, "top")
    need(doc.get("page_size") == 4096, "page_size")
    need(doc.get("firmware") is None or isinstance(doc["firmware"], dict), "firmware")
    inputs = typed(doc, "inputs", list, "top")
    need(len(inputs) == ninputs, "%d inputs, expected %d" % (len(inputs), ninputs))
    tot = {"error": 0, "warning": 0, "info": 0}
    ioerr = 0
    for i, t in enumerate(inputs):
        w = "inputs[%d]" % i
        typed(t, "input", str, w)
        st = typed(t, "status", str, w)
        need(st in ("ok", "error"), w + ": status")
        if st == "error":
            ioerr += 1
            need(isinstance(t["error"], str) and t["error"], w + ": error text")
        else:
            need(t["error"] is None, w + ": error must be null")
        nodes = typed(t, "nodes", list, w)
        finds = typed(t, "findings", list, w)
        counts = {"error": 0, "warning": 0, "info": 0}
        for j, n in enumerate(nodes):
            nw = "%s.nodes[%d]" % (w, j)
            need(typed(n, "path", str, nw).startswith("/"), nw + ": path")
            need(re.match(r"^qcom,[a-z0-9]+-(mss-)?pil$|^qcom,q6v5-pil$",
                          typed(n, "compatible", str, nw)), nw + ": compatible")
            for k in ("enabled", "protected", "probe_fails"):
                typed(n, k, bool, nw)
            need(n.get("layout") in ("memory-region", "child-nodes"), nw + ": layout")
            regs = typed(n, "regions", dict, nw)
            need(set(regs) == set(ROLES), nw + ": region roles")
            for r in ROLES:
                if regs[r] is None:
                    continue
                for k in ("resolved", "dynamic", "no_map"):
                    typed(regs[r], k, bool, nw + "." + r)
                typed(regs[r], "size", int, nw + "." + r)
                need(regs[r]["base"] is None or isinstance(regs[r]["base"], int), nw + ": base")
            md = typed(n, "metadata", dict, nw)
            need(md.get("source") in SOURCES, nw + ": source")
            for k in ("size", "window", "reserved"):
                need(isinstance(md.get(k), int) and md[k] >= 0, nw + ": metadata." + k)
            if md["source"] in ("dedicated", "mpss-window"):
                need(md["window"] >= md["size"] > 0 and md["window"] % 4096 == 0, nw + ": window")
        for j, f in enumerate(finds):
            fw = "%s.findings[%d]" % (w, j)
            need(re.match(r"^MSS\d{3}$", typed(f, "id", str, fw)), fw + ": id")
            sev = typed(f, "severity", str, fw)
            need(sev in SEVS, fw + ": severity")
            counts[sev] += 1
            need(typed(f, "node", str, fw).startswith("/"), fw + ": node")
            need(f["source"] is None or re.match(r"^.+:\d+$", f["source"]), fw + ": source")
            typed(f, "message", str, fw)
            typed(f, "hint", str, fw)
        for sev, key in (("error", "errors"), ("warning", "warnings"), ("info", "infos")):
            need(typed(t, key, int, w) >= counts[sev], w + ": " + key)
            tot[sev] += t[key]
    s = typed(doc, "summary", dict, "top")
    need(s.get("inputs") == ninputs, "summary.inputs")
    need(s.get("errors") == tot["error"] and s.get("warnings") == tot["warning"] and
         s.get("infos") == tot["info"], "summary counts")
    need(s.get("input_errors") == ioerr, "summary.input_errors")
    print("ok: %d inputs, %d findings" % (ninputs, sum(tot.values())))


if __name__ == "__main__":
    main()
