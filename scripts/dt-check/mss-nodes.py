#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""List the Qualcomm MSS remoteproc nodes of flattened device trees.

    mss-nodes.py [--enabled] FILE.dtb...

Prints one line per MSS node: "DTB<TAB>PATH<TAB>COMPATIBLE<TAB>okay|disabled".
A node is enabled unless its status is something other than "okay"/"ok"
(the kernel's of_device_is_available()).  With --enabled only enabled
nodes are listed.

The parser is a plain FDT walker: bookworm's python3-libfdt aborts the
interpreter when getprop misses a property, and dtc -O dts for 270 DTBs is
slower than reading the blobs directly.
"""
import os
import re
import struct
import sys

SOC_TABLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                         "..", "drivers", "remoteproc", "qcom_mss_socs.h")


def soc_table_compatibles(path=SOC_TABLE):
    """The compatibles of the one SoC table (its MSS_SOC lines)."""
    entry = re.compile(r'^MSS_SOC\("([^"]+)"')
    with open(path, encoding="utf-8") as f:
        found = {m.group(1) for m in map(entry.match, f) if m}
    if not found:
        raise SystemExit(f"mss-nodes.py: no MSS_SOC entries in {path}")
    return found


MSS_COMPATIBLES = soc_table_compatibles()

FDT_MAGIC = 0xD00DFEED
FDT_BEGIN_NODE, FDT_END_NODE, FDT_PROP, FDT_NOP, FDT_END = 1, 2, 3, 4, 9


def walk(blob):
    """Yield (path, {prop: bytes}) for every node, parents first."""
    magic, _, off_struct, off_strings = struct.unpack_from(">IIII", blob, 0)
    if magic != FDT_MAGIC:
        raise ValueError("not a flattened device tree")

    def string(off):
        end = blob.index(b"\0", off_strings + off)
        return blob[off_strings + off:end].decode()

    pos = off_struct
    stack = []  # [(path, props)]
    while True:
        (tag,) = struct.unpack_from(">I", blob, pos)
        pos += 4
        if tag == FDT_BEGIN_NODE:
            end = blob.index(b"\0", pos)
            name = blob[pos:end].decode()
            pos = (end + 4) & ~3
            if not stack:
                path = "/"
            else:
                parent = stack[-1][0]
                path = (parent.rstrip("/") + "/" + name)
            stack.append((path, {}))
        elif tag == FDT_END_NODE:
            yield stack.pop()
        elif tag == FDT_PROP:
            length, nameoff = struct.unpack_from(">II", blob, pos)
            pos += 8
            stack[-1][1][string(nameoff)] = blob[pos:pos + length]
            pos = (pos + length + 3) & ~3
        elif tag == FDT_NOP:
            continue
        elif tag == FDT_END:
            return
        else:
            raise ValueError("bad FDT tag %d" % tag)


def strings(value):
    return [s.decode() for s in value.rstrip(b"\0").split(b"\0")] if value else []


def mss_nodes(blob):
    for path, props in walk(blob):
        compat = [c for c in strings(props.get("compatible", b"")) if c in MSS_COMPATIBLES]
        if not compat:
            continue
        status = strings(props.get("status", b"okay\0"))
        enabled = bool(status) and status[0] in ("okay", "ok")
        yield path, compat[0], enabled


def main(argv):
    only_enabled = "--enabled" in argv
    files = [a for a in argv if a != "--enabled"]
    if not files:
        sys.stderr.write(__doc__)
        return 2
    for name in files:
        with open(name, "rb") as f:
            blob = f.read()
        for path, compat, enabled in mss_nodes(blob):
            if only_enabled and not enabled:
                continue
            print("%s\t%s\t%s\t%s" % (name, path, compat, "okay" if enabled else "disabled"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
