#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""try-firmware-board.py: the QEMU virt board on which try-firmware.sh
boots a set of real (or generated) MSS images on the simulated modem.

It writes a board DTS that includes the simulator flavour's dtsi
(arch/arm64/boot/dts/qcom/SOC-mss-sim.dtsi) and gives the MSS node its
MBA, MPSS and (protected SoCs) metadata regions, and prints shell
assignments for the caller (QEMU_MEM, the layout for the summary).

Regions come from one of:
  - the images (no --dtcheck-json): MPSS sized to the modem's load
    footprint, at the link address of a non-relocatable image, else at
    0x50000000; MBA and metadata sized to the images;
  - a board's DT (--dtcheck-json from scripts/mss-dtcheck.sh --json and
    its --dtb): the MSS node's regions at their addresses and sizes,
    dynamic ones (size/alignment/alloc-ranges) as the board has them.

QEMU virt has RAM from 0x40000000; the kernel, initramfs and DTB use
the first 256 MiB, and the simulator's register carveout sits at
0x71400000 (every simulated board has its MSS node there).  A layout
that needs memory elsewhere, or beyond 4 GiB, does not fit: exit 2 with
the reason.  Exit 1 on bad input.
"""

import argparse
import json
import subprocess
import sys

RAM_BASE = 0x40000000
LOW_END = 0x50000000         # kernel, initramfs and DTB below this
RAM_MAX_END = 0x100000000    # QEMU virt RAM below the 4 GiB boundary
MMIO = (0x71400000, 0x71480000)   # MSS_SIM_MMIO_BASE/SIZE (mss-sim.h)
MPSS_BASE = 0x50000000       # where a relocatable image goes
MBA_BASE = 0x71000000        # MSS_SIM_MBA_BASE
MDATA_BASE = 0x71300000      # after the MBA's 2 MiB, below the carveout
SZ_1M = 0x100000
SZ_4K = 0x1000


class NoFit(Exception):
    """The layout cannot be given to the board in QEMU virt's RAM."""


def roundup(x, a):
    return (x + a - 1) // a * a


def cells(v):
    return "0x%x 0x%x" % (v >> 32, v & 0xffffffff)


def fdtget(dtb, path, prop):
    """A property as a list of u32 cells, or None when absent."""
    r = subprocess.run(["fdtget", "-t", "x", dtb, path, prop],
                       capture_output=True, text=True)
    if r.returncode:
        return None
    return [int(w, 16) for w in r.stdout.split()]


def pairs(c, what):
    """(address, size) pairs of 2+2-cell values."""
    if len(c) % 4:
        raise ValueError("%s: %d cells, not address/size pairs" % (what, len(c)))
    return [((c[i] << 32) | c[i + 1], (c[i + 2] << 32) | c[i + 3])
            for i in range(0, len(c), 4)]


def check_static(name, base, size):
    end = base + size
    if base < LOW_END:
        raise NoFit("%s region 0x%x+0x%x lies below 0x%x, where QEMU "
                    "loads the kernel and initramfs" % (name, base, size, LOW_END))
    if end > RAM_MAX_END:
        raise NoFit("%s region 0x%x+0x%x ends beyond 4 GiB, above QEMU virt's "
                    "low RAM" % (name, base, size))
    if base < MMIO[1] and end > MMIO[0]:
        raise NoFit("%s region 0x%x+0x%x overlaps the simulator's register "
                    "carveout 0x%x-0x%x" % (name, base, size, MMIO[0], MMIO[1]))


def board_regions(js, dtb):
    """The MSS node's regions as the board's DT describes them."""
    nodes = [n for i in js["inputs"] for n in i.get("nodes", []) if n["enabled"]]
    if len(nodes) != 1:
        raise ValueError("the board has %d enabled MSS nodes, not 1" % len(nodes))
    node = nodes[0]
    regions = {}
    for name in ("mba", "mpss", "metadata"):
        r = node["regions"].get(name)
        if not r:
            continue
        if not r.get("resolved"):
            raise ValueError("%s region of %s does not resolve" % (name, node["path"]))
        if not r["dynamic"]:
            regions[name] = {"base": r["base"], "size": r["size"],
                             "path": r["path"]}
            continue
        size = fdtget(dtb, r["path"], "size")
        align = fdtget(dtb, r["path"], "alignment")
        ranges = fdtget(dtb, r["path"], "alloc-ranges")
        if not size or len(size) != 2:
            raise ValueError("%s: dynamic region without a 2-cell size" % r["path"])
        regions[name] = {
            "size": (size[0] << 32) | size[1],
            "align": ((align[0] << 32) | align[1]) if align else None,
            "ranges": pairs(ranges, r["path"] + " alloc-ranges") if ranges else [],
            "path": r["path"],
        }
    for name in ("mba", "mpss"):
        if name not in regions:
            raise ValueError("the board's MSS node has no %s region" % name)
    return node, regions


def image_regions(a, protected):
    """Regions sized and placed for the images."""
    size = roundup(max(a.load_size, SZ_1M), SZ_1M)
    if a.relocatable:
        base = a.mpss_base if a.mpss_base is not None else MPSS_BASE
    else:
        base = a.load_base
        if base % SZ_4K:
            raise NoFit("the modem image is linked at 0x%x, not 4 KiB aligned"
                        % base)
    regions = {
        "mpss": {"base": base, "size": size, "path": "(sized for the image)"},
        "mba": {"base": MBA_BASE, "size": roundup(max(a.mba_size, SZ_1M), SZ_1M),
                "path": "(sized for the image)"},
    }
    if regions["mba"]["size"] > 2 * SZ_1M:
        raise NoFit("an MBA image of %d bytes needs more than the 2 MiB at 0x%x"
                    % (a.mba_size, MBA_BASE))
    if protected:
        regions["metadata"] = {"base": MDATA_BASE,
                               "size": roundup(a.metadata_size, SZ_4K),
                               "path": "(sized for the image)"}
    return regions


def check_layout(regions):
    """Every region fits; return the RAM end QEMU must provide."""
    end = LOW_END
    statics = []
    for name, r in regions.items():
        if "base" in r:
            check_static(name, r["base"], r["size"])
            statics.append((r["base"], r["base"] + r["size"], name))
            end = max(end, r["base"] + r["size"])
            continue
        if not r["ranges"]:
            continue    # anywhere in RAM: the kernel finds room
        usable = [(b, s) for b, s in r["ranges"]
                  if b + s > LOW_END and b < RAM_MAX_END and
                  min(b + s, RAM_MAX_END) - max(b, LOW_END) >= r["size"]]
        if not usable:
            raise NoFit("%s: no alloc-ranges entry lies in QEMU virt's RAM "
                        "(0x%x-0x%x) with room for 0x%x bytes" %
                        (r["path"], LOW_END, RAM_MAX_END, r["size"]))
        end = max(end, max(min(b + s, RAM_MAX_END) for b, s in usable))
    statics.sort()
    for (b0, e0, n0), (b1, e1, n1) in zip(statics, statics[1:]):
        if b1 < e0:
            raise NoFit("the %s and %s regions overlap" % (n0, n1))
    return end


def region_dts(label, name, r):
    out = ["&%s {" % label]
    if "base" in r:
        out.append("\treg = <%s %s>;" % (cells(r["base"]), cells(r["size"])))
    else:
        out.append("\t/delete-property/ reg;")
        out.append("\tsize = <%s>;" % cells(r["size"]))
        if r["align"]:
            out.append("\talignment = <%s>;" % cells(r["align"]))
        if r["ranges"]:
            out.append("\talloc-ranges = <%s>;" % " ".join(
                "%s %s" % (cells(b), cells(s)) for b, s in r["ranges"]))
    out.append("\tno-map;")
    out.append("};")
    return out


def describe(name, r):
    if "base" in r:
        return "%s 0x%x+0x%x" % (name, r["base"], r["size"])
    s = "%s 0x%x bytes, dynamic" % (name, r["size"])
    if r["ranges"]:
        s += " in " + ", ".join("0x%x+0x%x" % p for p in r["ranges"])
    return s


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--soc", required=True)
    p.add_argument("--protected", type=int, choices=(0, 1), required=True)
    p.add_argument("--mba-size", type=lambda x: int(x, 0), required=True)
    p.add_argument("--metadata-size", type=lambda x: int(x, 0), required=True)
    p.add_argument("--load-base", type=lambda x: int(x, 0), required=True)
    p.add_argument("--load-size", type=lambda x: int(x, 0), required=True)
    p.add_argument("--relocatable", action="store_true")
    p.add_argument("--firmware-name", nargs=2, required=True,
                   metavar=("MBA", "MODEM"))
    p.add_argument("--dtcheck-json")
    p.add_argument("--dtb")
    p.add_argument("--board-name", default="")
    p.add_argument("--mpss-base", type=lambda x: int(x, 0),
                   help="MPSS base of a relocatable image (no DTS)")
    p.add_argument("--out", required=True)
    a = p.parse_args()

    try:
        if a.dtcheck_json:
            with open(a.dtcheck_json) as f:
                js = json.load(f)
            node, regions = board_regions(js, a.dtb)
            origin = "from board %s, MSS node %s (%s)" % (
                a.board_name, node["path"], node["compatible"])
        else:
            regions = image_regions(a, a.protected)
            origin = "sized and placed for the images"
        end = check_layout(regions)
    except NoFit as e:
        print("try-firmware: the layout does not fit QEMU virt: %s" % e,
              file=sys.stderr)
        return 2
    except (ValueError, KeyError, OSError) as e:
        print("try-firmware-board: %s" % e, file=sys.stderr)
        return 1

    ram = max(roundup(end - RAM_BASE, 256 * SZ_1M), 1024 * SZ_1M)
    order = [n for n in ("mba", "mpss", "metadata") if n in regions]
    labels = {"mba": "mba_mem", "mpss": "mpss_mem", "metadata": "try_mdata_mem"}

    dts = [
        "// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)",
        "/*",
        " * Generated by tools/testing/qcom-mss/try-firmware.sh: the simulated",
        " * %s modem; its MBA, MPSS and metadata regions" % a.soc,
        " * %s." % origin,
        " */",
        "",
        '#include "%s-mss-sim.dtsi"' % a.soc,
        "",
        "/ {",
        '\tmodel = "QEMU virt with a simulated %s modem (try-firmware)";' % a.soc.upper(),
        "",
        "\tmemory@40000000 {",
        "\t\treg = <%s %s>;" % (cells(RAM_BASE), cells(ram)),
        "\t};",
    ]
    if "metadata" in regions:
        dts += [
            "",
            "\treserved-memory {",
            "\t\ttry_mdata_mem: try-mpss-metadata {",
            "\t\t\tno-map;",
            "\t\t};",
            "\t};",
        ]
    dts += ["};", ""]
    # The flavour dtsi may have a metadata region of its own: unused here
    for n in order:
        dts += region_dts(labels[n], n, regions[n]) + [""]
    dts += [
        "&{/remoteproc@71400000} {",
        "\t/delete-property/ memory-region;",
        "\tmemory-region = %s;" % ", ".join("<&%s>" % labels[n] for n in order),
        '\tfirmware-name = "%s", "%s";' % tuple(a.firmware_name),
        "};",
    ]
    with open(a.out, "w") as f:
        f.write("\n".join(dts) + "\n")

    print("QEMU_MEM=%d" % (ram // SZ_1M))
    print("LAYOUT_ORIGIN='%s'" % origin.replace("'", ""))
    print("LAYOUT='%s'" % "; ".join(describe(n, regions[n]) for n in order))
    return 0


if __name__ == "__main__":
    sys.exit(main())
