#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Attribute dt-validate findings to the MSS node of a DTB.

    attribute.py [--json] [--schemas FILE...] -- DTB LOG [DTB LOG...]

LOG is the complete output (stdout and stderr) of dt-validate on DTB.  The
log itself is not changed or shortened; this only counts.

dt-schema 2022.08 prints a finding as
    /abs/board.dtb: NODENAME: MESSAGE...
    <TAB>From schema: /abs/schema.yaml
with the node's name, not its path.  A finding belongs to the MSS node when
  * it comes from one of the MSS schemas (--schemas, default: every
    qcom,*mss*.yaml named in the log): those select only MSS nodes, and a
    DTB has at most one, so the attribution is exact; or
  * its node name is the MSS node's, one of its descendants' (glink-edge,
    smd-edge, bam-dmux, mba, mpss, metadata) or one of the reserved-memory
    regions the MSS node references.  If that name occurs only once in the
    DTB the attribution is exact, otherwise the finding is counted for the
    MSS node anyway and marked "ambiguous", so that a zero is always a
    real zero.
A log that shows dt-validate did not run to its end (a line from
dt-validate.sh "dt-validate.sh: dt-validate crashed on ...", or a Python
traceback) counts as one finding on every enabled MSS node of the DTB: a
crash is never zero findings.
Any other output line is a decoder message such as "PROP: size (5) error
for type uint32" that names a property but no node.  If PROP is a property
of the MSS node or its descendants it is counted for the MSS node as an
ambiguous finding; otherwise it is shown as "unattributed" and not counted.

Prints, per DTB with an enabled MSS node:
    DTB<TAB>PATH<TAB>COMPATIBLE<TAB>FINDINGS<TAB>AMBIGUOUS<TAB>UNATTRIBUTED
followed by the attributed findings indented by "#   ".
"""
import importlib.util
import json
import os
import re
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
_spec = importlib.util.spec_from_file_location("mss_nodes", os.path.join(HERE, "mss-nodes.py"))
mss_nodes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mss_nodes)

MSS_SCHEMA_RE = re.compile(r"/qcom,[^/]*(mss-pil|mss-memory-region|mss-metadata-region)\.yaml$")
CRASH_RE = re.compile(r"^(dt-validate\.sh: dt-validate crashed on |Traceback \(most recent call last\):)")


def crash_lines(text):
    """The lines of a dt-validate log that say it did not run to its end."""
    return [line for line in text.splitlines() if CRASH_RE.match(line)]


def parse_log(text, dtb):
    """Split a dt-validate log into findings and unattributed lines."""
    findings, other = [], []
    prefix = os.path.abspath(dtb) + ":"
    cur = None
    for line in text.splitlines():
        if line.startswith(prefix):
            if cur:
                findings.append(cur)
            rest = line[len(prefix):]
            # optional "LINE:COL:" (YAML input only), then " NODENAME: MSG"
            m = re.match(r"(?:\d+:\d+:)?\s*([^:\s][^:]*?):\s(.*)$", rest)
            if m:
                cur = {"node": m.group(1), "text": [line], "schema": None}
            else:
                cur = None
                other.append(line)
        elif line.startswith("\tFrom schema: ") and cur:
            cur["schema"] = line[len("\tFrom schema: "):].strip()
            cur["text"].append(line)
            findings.append(cur)
            cur = None
        elif cur and (line.startswith("\t") or line.startswith(" ")):
            cur["text"].append(line)
        elif line.strip():
            if cur:
                findings.append(cur)
                cur = None
            other.append(line)
    if cur:
        findings.append(cur)
    return findings, other


def mss_names(blob):
    """Return [(path, compat, enabled, node names, property names)] and a
    node name -> count map."""
    nodes = dict(mss_nodes.walk(blob))
    by_phandle = {}
    count = {}
    for path, props in nodes.items():
        name = path.rsplit("/", 1)[-1] or "/"
        count[name] = count.get(name, 0) + 1
        if "phandle" in props and len(props["phandle"]) == 4:
            by_phandle[struct.unpack(">I", props["phandle"])[0]] = path
    result = []
    for path, compat, enabled in mss_nodes.mss_nodes(blob):
        names = set()
        propnames = set()
        refs = []
        for p, props in nodes.items():
            if p == path or p.startswith(path + "/"):
                names.add(p.rsplit("/", 1)[-1])
                propnames.update(props)
                mr = props.get("memory-region", b"")
                refs += [struct.unpack_from(">I", mr, 4 * i)[0] for i in range(len(mr) // 4)]
        for ph in refs:
            if ph in by_phandle:
                names.add(by_phandle[ph].rsplit("/", 1)[-1])
        result.append((path, compat, enabled, names, propnames))
    return result, count


def attribute(dtb, log, schemas=None):
    with open(dtb, "rb") as f:
        blob = f.read()
    with open(log, encoding="utf-8", errors="replace") as f:
        text = f.read()
    findings, other = parse_log(text, dtb)
    crashes = crash_lines(text)
    nodes, count = mss_names(blob)
    out = []
    for path, compat, enabled, names, propnames in nodes:
        if not enabled:
            continue
        mine, ambiguous, unattributed = [], 0, []
        for line in crashes:
            mine.append({"node": None, "text": ["dt-validate did not finish: " + line],
                         "schema": None})
        for line in other:
            if line in crashes:
                continue
            prop = line.split(":", 1)[0].strip()
            if prop in propnames:
                mine.append({"node": None, "text": [line], "schema": None, "ambiguous": True})
                ambiguous += 1
            else:
                unattributed.append(line)
        for fd in findings:
            schema = fd["schema"] or ""
            if (schemas and schema in schemas) or (not schemas and MSS_SCHEMA_RE.search(schema)):
                mine.append(fd)
            elif fd["node"] in names:
                mine.append(fd)
                if count.get(fd["node"], 0) != 1:
                    fd["ambiguous"] = True
                    ambiguous += 1
        out.append({"dtb": dtb, "path": path, "compatible": compat,
                    "findings": mine, "ambiguous": ambiguous, "unattributed": unattributed})
    return out


def main(argv):
    as_json = False
    schemas = None
    if argv and argv[0] == "--json":
        as_json = True
        argv = argv[1:]
    if argv and argv[0] == "--schemas":
        sep = argv.index("--")
        schemas = set(os.path.abspath(s) for s in argv[1:sep])
        argv = argv[sep:]
    if argv and argv[0] == "--":
        argv = argv[1:]
    if not argv or len(argv) % 2:
        sys.stderr.write(__doc__)
        return 2
    results = []
    for i in range(0, len(argv), 2):
        results += attribute(argv[i], argv[i + 1], schemas)
    if as_json:
        json.dump(results, sys.stdout, indent=1)
        print()
        return 0
    for r in results:
        print("%s\t%s\t%s\t%d\t%d\t%d" % (os.path.basename(r["dtb"]), r["path"], r["compatible"],
                                          len(r["findings"]), r["ambiguous"], len(r["unattributed"])))
        for fd in r["findings"]:
            for line in fd["text"]:
                print("#   " + line + ("  [ambiguous node name]" if fd.get("ambiguous") and line is fd["text"][0] else ""))
        for line in r["unattributed"]:
            print("#   (unattributed) " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
