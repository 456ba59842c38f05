#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write the crafted bad-DTB corpus for mss-dtcheck, deterministically.

usage: gen-bad-dtbs.py OUTDIR

Every file is built from scratch by the small FDT writer below (no dtc, no
randomness without a fixed seed), so the corpus is identical on every run.
OUTDIR/MANIFEST lists one case per line:

    NAME EXIT ID

EXIT is the exit status mss-dtcheck must give (2: the input is rejected as
corrupt or uninterpretable; 1: a well-formed tree with hostile content that
must be reported as finding ID).  ID is "-" for exit 2 cases; their
message must start with "fatal:".
"""
import os
import random
import struct
import sys

FDT_MAGIC = 0xd00dfeed
BEGIN, END, PROP, NOP, FEND = 1, 2, 3, 4, 9


def u32(*v):
    return b"".join(struct.pack(">I", x & 0xffffffff) for x in v)


def cells(v, n):
    """v as n big-endian cells"""
    return b"".join(struct.pack(">I", (v >> (32 * (n - 1 - i))) & 0xffffffff)
                    for i in range(n))


def s(text):
    return text.encode() + b"\0"


class Node:
    def __init__(self, name, props=None, children=None):
        self.name = name
        self.props = props or []
        self.children = children or []


def build(root, memrsv=(), version=17, struct_hook=None, raw_name=None):
    strings = bytearray()
    offs = {}

    def stroff(name):
        if name not in offs:
            offs[name] = len(strings)
            strings.extend(name.encode() + b"\0")
        return offs[name]

    st = bytearray()

    def emit(node):
        st.extend(u32(BEGIN))
        name = node.name.encode() if isinstance(node.name, str) else node.name
        st.extend(name + b"\0")
        while len(st) % 4:
            st.append(0)
        for pname, val in node.props:
            st.extend(u32(PROP, len(val), stroff(pname)))
            st.extend(val)
            while len(st) % 4:
                st.append(0)
        for c in node.children:
            emit(c)
        st.extend(u32(END))

    emit(root)
    st.extend(u32(FEND))
    if struct_hook:
        st = struct_hook(st, offs)
    rsv = bytearray()
    for a, l in memrsv:
        rsv.extend(struct.pack(">QQ", a, l))
    rsv.extend(struct.pack(">QQ", 0, 0))
    hdr_len = 40
    off_rsv = hdr_len
    off_struct = off_rsv + len(rsv)
    off_strings = off_struct + len(st)
    total = off_strings + len(strings)
    hdr = u32(FDT_MAGIC, total, off_struct, off_strings, off_rsv, version, 16,
              0, len(strings), len(st))
    return bytearray(hdr + rsv + st + strings)


def set_hdr(blob, field, value):
    """field index 0..9 of the header"""
    b = bytearray(blob)
    b[field * 4:field * 4 + 4] = u32(value)
    return b


# header fields
MAGIC, TOTAL, OFF_STRUCT, OFF_STRINGS, OFF_RSV, VERSION, LAST_COMP, BOOT_CPU, \
    SIZE_STRINGS, SIZE_STRUCT = range(10)


def board(ac=2, sc=2, resmem_props=None, regions=None, mss_props=None,
          mss_children=None, extra_root=None, root_extra_props=None,
          compatible="qcom,sdm845-mss-pil"):
    """A small sdm845-like tree; phandles: mba 1, mpss 2, mdata 3, mss 4"""
    def reg(base, size):
        return cells(base, ac) + cells(size, sc)

    if regions is None:
        regions = [
            Node("mba@8e000000", [("reg", reg(0x8e000000, 0x200000)),
                                  ("no-map", b""), ("phandle", u32(1))]),
            Node("mpss@90000000", [("reg", reg(0x90000000, 0x7800000)),
                                   ("no-map", b""), ("phandle", u32(2))]),
            Node("mpss-metadata", [("size", cells(0x4000, sc)),
                                   ("alloc-ranges", reg(0xa0000000, 0x20000000)),
                                   ("no-map", b""), ("phandle", u32(3))]),
        ]
    rm_props = resmem_props if resmem_props is not None else [
        ("#address-cells", u32(ac)), ("#size-cells", u32(sc)), ("ranges", b"")]
    mss = Node("remoteproc@4080000",
               [("compatible", s(compatible))] +
               (mss_props if mss_props is not None else
                [("memory-region", u32(1, 2, 3))]) + [("phandle", u32(4))],
               mss_children or [])
    root_props = [("#address-cells", u32(ac)), ("#size-cells", u32(sc)),
                  ("model", s("mss-dtcheck corpus board"))]
    if root_extra_props is not None:
        root_props = root_extra_props
    return Node("", root_props, [
        Node("memory@80000000", [("device_type", s("memory")),
                                 ("reg", reg(0x80000000, 0x80000000))]),
        Node("reserved-memory", rm_props, regions),
        Node("soc@0", [("#address-cells", u32(1)), ("#size-cells", u32(1)),
                       ("ranges", b"")], [mss]),
    ] + (extra_root or []))


def main():
    sys.setrecursionlimit(20000)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    cases = []

    def case(name, blob, exit_code, ident="-"):
        with open(os.path.join(out, name + ".dtb"), "wb") as f:
            f.write(bytes(blob))
        cases.append((name, exit_code, ident))

    good = build(board())
    case("good-reference", good, 0)

    # --- structurally corrupt: rejected with exit 2 -----------------------
    case("empty", b"", 2)
    case("short-header", good[:20], 2)
    case("truncated-header", good[:39], 2)
    case("truncated-half", good[:len(good) // 2], 2)
    case("truncated-minus1", good[:-1], 2)
    case("truncated-strings", good[:len(good) - 5], 2)
    case("bad-magic", set_hdr(good, MAGIC, 0xfeedd00d), 2)
    case("zeros", bytes(4096), 2)
    case("ascii-dts", b"/dts-v1/;\n/ { compatible = \"qcom,sdm845-mss-pil\"; };\n", 2)
    case("bad-version-1", set_hdr(good, VERSION, 1), 2)
    # libfdt 1.6.1 fdt_check_full() crashes (NULL read) on versions < 16;
    # the tool must reject them before calling it
    for v, lc in ((2, 2), (3, 0), (15, 2), (16, 16)):
        case("version-%d" % v, set_hdr(set_hdr(good, VERSION, v), LAST_COMP, lc),
             0 if v == 16 else 2)
    # libfdt (and the kernel) accept a newer version with last_comp_version 16
    case("bad-version-huge", set_hdr(good, VERSION, 0xffffffff), 0)
    case("last-comp-version-huge", set_hdr(good, LAST_COMP, 0xffff), 2)
    case("totalsize-huge", set_hdr(good, TOTAL, 0x7fffffff), 2)
    case("totalsize-max", set_hdr(good, TOTAL, 0xffffffff), 2)
    case("totalsize-small", set_hdr(good, TOTAL, 48), 2)
    case("off-struct-beyond", set_hdr(good, OFF_STRUCT, len(good) + 16), 2)
    case("off-struct-max", set_hdr(good, OFF_STRUCT, 0xfffffff0), 2)
    case("off-strings-beyond", set_hdr(good, OFF_STRINGS, len(good) + 4), 2)
    case("off-strings-max", set_hdr(good, OFF_STRINGS, 0xffffffff), 2)
    case("off-rsvmap-beyond", set_hdr(good, OFF_RSV, len(good) + 8), 2)
    case("size-struct-huge", set_hdr(good, SIZE_STRUCT, 0xfffffff0), 2)
    case("size-strings-huge", set_hdr(good, SIZE_STRINGS, 0x7ffffff0), 2)
    hdr = struct.unpack(">10I", bytes(good[:40]))
    # strings block starting inside the struct block (overlapping blocks)
    case("overlap-strings-in-struct",
         set_hdr(set_hdr(good, OFF_STRINGS, hdr[OFF_STRUCT] + 8),
                 SIZE_STRINGS, hdr[SIZE_STRINGS]), 2)
    # struct block overlapping the header
    case("overlap-struct-header", set_hdr(good, OFF_STRUCT, 8), 2)
    case("overlap-rsvmap-struct", set_hdr(good, OFF_RSV, hdr[OFF_STRUCT] + 4), 2)
    case("unaligned-struct", set_hdr(set_hdr(good, OFF_STRUCT, hdr[OFF_STRUCT] + 1),
                                     SIZE_STRUCT, hdr[SIZE_STRUCT] - 1), 2)
    # memory reservation block without its terminating entry
    nrsv = bytearray(good)
    nrsv[hdr[OFF_RSV]:hdr[OFF_RSV] + 16] = struct.pack(">QQ", 0x1000, 0x1000)
    case("rsvmap-unterminated", set_hdr(nrsv, OFF_RSV, hdr[OFF_STRUCT] - 16), 2)

    def mutate_struct(fn):
        return build(board(), struct_hook=fn)

    case("no-fdt-end", mutate_struct(lambda st, o: st[:-4]), 2)
    case("bad-tag", mutate_struct(lambda st, o: st[:-8] + u32(0x77) + st[-4:]), 2)
    case("unbalanced-begin", mutate_struct(
        lambda st, o: st[:-4] + u32(BEGIN) + b"x\0\0\0" + u32(FEND)), 2)
    case("unbalanced-end", mutate_struct(
        lambda st, o: st[:-4] + u32(END) + u32(FEND)), 2)
    case("extra-end-early", mutate_struct(
        lambda st, o: st[:8] + u32(END) + st[8:]), 2)

    def prop_hook(newlen=None, newoff=None):
        def fn(st, o):
            # first PROP tag after the root's BEGIN (8 bytes: tag + "\0" pad)
            i = 8
            assert struct.unpack(">I", st[i:i + 4])[0] == PROP
            if newlen is not None:
                st[i + 4:i + 8] = u32(newlen)
            if newoff is not None:
                st[i + 8:i + 12] = u32(newoff)
            return st
        return fn

    case("prop-len-huge", build(board(), struct_hook=prop_hook(newlen=0xfffffff0)), 2)
    case("prop-len-past-struct", build(board(), struct_hook=prop_hook(newlen=0x10000)), 2)
    case("prop-nameoff-huge", build(board(), struct_hook=prop_hook(newoff=0x7ffffff0)), 2)
    case("prop-nameoff-past-strings", build(board(), struct_hook=prop_hook(newoff=0x1000)), 2)
    # last string of the strings block without its NUL
    unterminated = bytearray(good)
    unterminated[-1] = ord("x")
    case("string-unterminated", unterminated, 2)
    # node name running into the next tag (no NUL within the struct)
    case("nodename-unterminated", mutate_struct(
        lambda st, o: st[:-4] + u32(BEGIN) + b"abcd"), 2)

    # --- cells the tool cannot interpret: exit 2 ---------------------------
    for ac in (0, 3, 5):
        t = board()
        t.props[0] = ("#address-cells", u32(ac))
        case("root-address-cells-%d" % ac, build(t), 2)
    t = board()
    t.props[1] = ("#size-cells", u32(0))
    case("root-size-cells-0", build(t), 2)
    t = board()
    t.props[0] = ("#address-cells", b"\0\0\2")
    case("root-address-cells-3-bytes", build(t), 2)

    # --- well formed, hostile content: findings, exit 1 --------------------
    case("memory-region-odd-len", build(board(mss_props=[("memory-region", b"\0\0\0\1\0")])),
         1, "MSS002")
    case("memory-region-empty", build(board(mss_props=[("memory-region", b"")])),
         1, "MSS001")
    case("memory-region-missing", build(board(mss_props=[])), 1, "MSS001")
    case("memory-region-dangling", build(board(mss_props=[("memory-region", u32(1, 0x99, 3))])),
         1, "MSS002")
    case("memory-region-phandle-0", build(board(mss_props=[("memory-region", u32(0, 2, 3))])),
         1, "MSS002")
    case("memory-region-phandle-ffffffff",
         build(board(mss_props=[("memory-region", u32(1, 0xffffffff, 3))])), 1, "MSS002")
    # memory-region pointing at nodes that are not reserved regions
    case("memory-region-to-soc", build(board(mss_props=[("memory-region", u32(1, 5, 3))],
                                             extra_root=[Node("timer", [("phandle", u32(5))])])),
         1, "MSS003")
    case("memory-region-to-self", build(board(mss_props=[("memory-region", u32(1, 4, 3))])),
         1, "MSS003")
    case("memory-region-to-resmem-parent",
         build(board(resmem_props=[("#address-cells", u32(2)), ("#size-cells", u32(2)),
                                   ("ranges", b""), ("phandle", u32(6))],
                     mss_props=[("memory-region", u32(1, 6, 3))])), 1, "MSS003")
    # cyclic / ambiguous phandles
    regions = board().children[1].children
    regions[2].props.append(("linux,phandle", u32(2)))
    dup = board(regions=[regions[0], regions[1],
                         Node("dup", [("reg", cells(0xb0000000, 2) + cells(0x1000, 2)),
                                      ("no-map", b""), ("phandle", u32(2))]), regions[2]])
    case("phandle-duplicate", build(dup), 1, "MSS002")
    # legacy child whose memory-region points back at the MSS node (a cycle)
    case("legacy-child-cycle", build(board(mss_props=[], mss_children=[
        Node("mba", [("memory-region", u32(4))]),
        Node("mpss", [("memory-region", u32(2))])])), 1, "MSS003")
    case("legacy-child-no-mpss", build(board(mss_props=[], mss_children=[
        Node("mba", [("memory-region", u32(1))])])), 1, "MSS001")
    # odd property lengths in regions
    bad_reg = board()
    bad_reg.children[1].children[1].props[0] = ("reg", b"\0" * 6)
    case("region-reg-odd-len", build(bad_reg), 1, "MSS005")
    bad_size = board()
    bad_size.children[1].children[2].props[0] = ("size", b"\0\0\x40")
    case("region-size-odd-len", build(bad_size), 1, "MSS005")
    bad_ar = board()
    bad_ar.children[1].children[2].props[1] = ("alloc-ranges", b"\0" * 10)
    case("region-alloc-ranges-odd-len", build(bad_ar), 1, "MSS019")
    noreg = board()
    noreg.children[1].children[0].props = [("no-map", b""), ("phandle", u32(1))]
    case("region-no-reg-no-size", build(noreg), 1, "MSS005")
    # huge sizes
    huge = board()
    huge.children[1].children[1].props[0] = ("reg", cells(0xfffffffffffff000, 2) +
                                             cells(0x10000, 2))
    case("region-wraps", build(huge), 1, "MSS007")
    huge2 = board()
    huge2.children[1].children[1].props[0] = ("reg", cells(0x90000000, 2) +
                                              cells(0xffffffffffff0000, 2))
    case("region-size-huge", build(huge2), 1, "MSS007")
    dyn_huge = board()
    dyn_huge.children[1].children[2].props[0] = ("size", cells(0xfffffffffffff000, 2))
    case("dynamic-size-huge", build(dyn_huge), 1, "MSS019")
    zero = board()
    zero.children[1].children[0].props[0] = ("reg", cells(0x8e000000, 2) + cells(0, 2))
    case("region-size-zero", build(zero), 1, "MSS005")
    # reserved-memory that the kernel ignores
    case("resmem-cells-differ", build(board(resmem_props=[
        ("#address-cells", u32(1)), ("#size-cells", u32(1)), ("ranges", b"")])), 1, "MSS015")
    case("resmem-no-ranges", build(board(resmem_props=[
        ("#address-cells", u32(2)), ("#size-cells", u32(2))])), 1, "MSS015")
    case("resmem-cells-5", build(board(resmem_props=[
        ("#address-cells", u32(5)), ("#size-cells", u32(2)), ("ranges", b"")])), 1, "MSS015")
    # no-map and alignment
    nomap = board()
    nomap.children[1].children[1].props = [p for p in nomap.children[1].children[1].props
                                           if p[0] != "no-map"]
    case("region-no-map-missing", build(nomap), 1, "MSS004")
    unal = board()
    unal.children[1].children[0].props[0] = ("reg", cells(0x8e000800, 2) + cells(0x200000, 2))
    case("region-unaligned", build(unal), 1, "MSS006")
    # many overlapping regions: findings are capped, the run stays linear
    many = [Node("r%d" % i, [("reg", cells(0x88000000 + i * 16, 2) + cells(0x1000000, 2)),
                             ("no-map", b"")]) for i in range(1500)]
    regs3 = board().children[1].children
    case("overlap-many", build(board(regions=regs3 + many)), 1, "MSS000")
    # strings that are not NUL terminated inside their property
    t = board(compatible="qcom,sdm845-mss-pil")
    t.children[2].children[0].props[0] = ("compatible", b"qcom,sdm845-mss-pil")
    case("compatible-unterminated", build(t), 0)
    t = board()
    t.children[2].children[0].props.append(("status", b"okay"))
    case("status-unterminated", build(t), 0)
    t = board()
    t.children[0].props[0] = ("device_type", b"memory")
    case("device-type-unterminated", build(t), 0, "MSS016")
    # deep nesting and long names
    deep = Node("remoteproc", [("compatible", s("qcom,msm8916-mss-pil"))])
    for i in range(2000):
        deep = Node("n%d" % i, [], [deep])
    case("deep-nesting", build(board(extra_root=[deep])), 1, "MSS001")
    long_name = board()
    long_name.children[2].children[0].name = "remoteproc@" + "4" * 60000
    case("long-node-name", build(long_name), 0)
    weird = board()
    weird.children[2].children[0].name = b"remote\x1b[31mproc\xff"
    case("control-chars-in-name", build(weird), 0)

    # deterministic pseudo-random mutations of the good tree
    rnd = random.Random(20261126)
    for i in range(24):
        b = bytearray(good)
        for _ in range(rnd.randint(1, 8)):
            b[rnd.randrange(len(b))] = rnd.randrange(256)
        case("random-flip-%02d" % i, b, -1)   # any of 0/1/2, never a crash

    with open(os.path.join(out, "MANIFEST"), "w") as f:
        f.write("# name exit id (exit -1: any clean exit 0/1/2)\n")
        for name, code, ident in cases:
            f.write("%s %d %s\n" % (name, code, ident))
    print("wrote %d DTBs to %s" % (len(cases), out))


if __name__ == "__main__":
    main()
