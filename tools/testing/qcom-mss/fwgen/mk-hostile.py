#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write the hostile-firmware corpus from one good MBA and modem image.

    mk-hostile.py GOOD_MBA.mbn GOOD_MODEM.mbn OUTDIR
    mk-hostile.py --scenario GOOD_MBA.mbn GOOD_MODEM.mbn > mss-hostile.scn

OUTDIR/good/ gets the two good images; for every entry of the corpus
below OUTDIR/NAME/ gets the one damaged file (mba.mbn or modem.mdt), so
that a scenario can put exactly that set where the driver looks, taking
the other file from good/; a split image (modem.mdt holding only the
headers and the hash segment, its segments in modem.bNN files) comes with
its .bNN files, of which one is damaged or missing.  OUTDIR/MANIFEST lists
"NAME<TAB>damaged file<TAB>what the kernel log must say".  The damage is
done here on the bytes, not by the generator, so each image is malformed
in exactly one way.  With --scenario it prints the rig scenario that
boots them (tools/testing/qcom-mss/scenarios/mss-hostile.scn is that
output, checked in; the fwgen tests fail when it is stale).  Exit
status 0, or 2 on a bad input.
"""
import os
import struct
import sys

EHDR = struct.Struct("<16sHHIIIIIHHHHHH")
PHDR = struct.Struct("<IIIIIIII")
PT_LOAD = 1
MDT_TYPE_MASK = 7 << 24
MDT_TYPE_HASH = 2 << 24
MDT_RELOCATABLE = 1 << 27
MBA_MAX = 1 << 20
MDATA_MAX = 8 << 20        # MSS_MDATA_MAX_SIZE in qcom_q6v5_mss_core.c

INVALID = "is not a valid modem image: "


class Image:
    """An ELF32 image with its program headers, editable in place."""

    def __init__(self, data):
        self.b = bytearray(data)
        f = EHDR.unpack_from(self.b, 0)
        if f[0][:4] != b"\x7fELF":
            raise SystemExit("mk-hostile.py: input is not an ELF file")
        self.phoff, self.phnum = f[5], f[10]

    def ehdr(self, field, value):
        offs = {"class": 4, "data": 5, "phoff": 28, "phentsize": 42, "phnum": 44}
        fmt = {"class": "<B", "data": "<B", "phoff": "<I"}.get(field, "<H")
        struct.pack_into(fmt, self.b, offs[field], value)

    def ph(self, i):
        return list(PHDR.unpack_from(self.b, self.phoff + 32 * i))

    def set_ph(self, i, ph):
        PHDR.pack_into(self.b, self.phoff + 32 * i, *ph)

    def hash_index(self):
        for i in range(self.phnum):
            if self.ph(i)[6] & MDT_TYPE_MASK == MDT_TYPE_HASH:
                return i
        raise SystemExit("mk-hostile.py: input has no hash segment")

    def loads(self):
        return [i for i in range(self.phnum)
                if self.ph(i)[0] == PT_LOAD and self.ph(i)[4] and
                self.ph(i)[6] & MDT_TYPE_MASK != MDT_TYPE_HASH]


def corpus(mba, modem):
    """(name, damaged file, expected log text, bytes) for every variant."""
    out = []

    def add(name, which, expect, data, splits=None):
        out.append((name, which, expect, bytes(data), splits or {}))

    def edit(fn):
        img = Image(modem)
        fn(img)
        return img.b

    h = Image(modem).hash_index()
    hoff = Image(modem).ph(h)[1]
    loads = Image(modem).loads()
    last = Image(modem).ph(loads[-1])

    add("empty-modem", "modem", "unable to load", b"")
    add("empty-mba", "mba", "request_firmware failed", b"")
    add("trunc-ehdr", "modem", INVALID + "too short for an ELF header", modem[:30])
    add("trunc-phdrs", "modem", INVALID + "program headers beyond the end of the file",
        modem[:52 + 16])
    add("trunc-hash-header", "modem", "cannot read metadata", modem[:hoff + 20])
    add("trunc-hash-table", "modem", "cannot read metadata", modem[:hoff + 40 + 16])
    add("trunc-segment", "modem", "truncated", modem[:last[1] + last[4] // 2])
    add("bad-magic", "modem", INVALID + "not an ELF file (bad magic)",
        b"\x7fELG" + modem[4:])
    add("bad-class", "modem", INVALID + "not ELF32", edit(lambda i: i.ehdr("class", 2)))
    add("bad-endian", "modem", INVALID + "not little endian",
        edit(lambda i: i.ehdr("data", 2)))
    add("bad-phentsize", "modem", INVALID + "e_phentsize is not 32",
        edit(lambda i: i.ehdr("phentsize", 40)))
    add("phnum-0", "modem", INVALID + "fewer than 2 program headers",
        edit(lambda i: i.ehdr("phnum", 0)))
    add("phnum-huge", "modem", INVALID + "program headers beyond the end of the file",
        edit(lambda i: i.ehdr("phnum", 0xffff)))
    add("phoff-beyond-file", "modem", INVALID + "program headers beyond the end of the file",
        edit(lambda i: i.ehdr("phoff", len(modem) + 0x1000)))
    add("phoff-wrap", "modem", INVALID + "program headers beyond the end of the file",
        edit(lambda i: i.ehdr("phoff", 0xfffffff0)))

    def no_hash(i):
        p = i.ph(h)
        p[6] &= ~MDT_TYPE_MASK
        i.set_ph(h, p)
    add("no-hash-segment", "modem", INVALID + "no hash segment", edit(no_hash))

    def two_hash(i):
        p = i.ph(loads[0])
        p[6] = (p[6] & ~MDT_TYPE_MASK) | MDT_TYPE_HASH
        i.set_ph(loads[0], p)
    add("two-hash-segments", "modem", "MPSS header authentication failed", edit(two_hash))

    def hash_size(size):
        def f(i):
            p = i.ph(h)
            p[4] = size
            i.set_ph(h, p)
        return f
    add("hash-larger-than-file", "modem", "cannot read metadata",
        edit(hash_size(len(modem) + 0x10000)))
    # the driver refuses on the header's size, before reading it
    add("hash-above-cap", "modem", INVALID + "metadata too large",
        edit(hash_size(MDATA_MAX + 0x1000)))
    add("hash-empty", "modem", INVALID + "empty hash segment", edit(hash_size(0)))

    def seg(idx, **kw):
        names = ["type", "offset", "vaddr", "paddr", "filesz", "memsz", "flags", "align"]

        def f(i):
            p = i.ph(idx)
            for k, v in kw.items():
                if k == "flags_or":
                    p[6] |= v
                else:
                    p[names.index(k)] = v
            i.set_ph(idx, p)
        return f
    s0 = Image(modem).ph(loads[0])
    add("segment-beyond-file", "modem", "MPSS header authentication failed",
        edit(seg(loads[-1], offset=len(modem) + 0x100000)))
    add("segment-offset-wrap", "modem", "file bytes wrap around",
        edit(seg(loads[0], offset=0xffffff00)))
    add("filesz-gt-memsz", "modem", "p_filesz larger than p_memsz",
        edit(seg(loads[0], memsz=s0[4] - 0x10)))
    add("memsz-huge", "modem", "outside the MPSS region",
        edit(seg(loads[-1], memsz=0x7fffffff)))
    add("paddr-wrap", "modem", "outside the MPSS region",
        edit(seg(loads[-1], paddr=0xfffff000, memsz=0x2000)))
    add("paddr-below-carveout", "modem", "outside the MPSS region",
        edit(seg(loads[-1], paddr=s0[3] - 0x100000)))
    add("overlapping-segments", "modem", "overlaps an earlier segment",
        edit(seg(loads[1], paddr=s0[3])))
    add("mixed-relocatable", "modem", "relocatable flag differs",
        edit(seg(loads[0], flags_or=MDT_RELOCATABLE)))

    def many_splits(i):
        # more program headers than .bNN names (b00..b99): the extra ones
        # are written over the padding before the hash segment
        room = (hoff - i.phoff) // 32
        n = min(room, 104)
        if n <= 100:
            raise SystemExit("mk-hostile.py: no room for 100 program headers")
        tmpl = i.ph(loads[-1])
        i.ehdr("phnum", n)
        i.phnum = n
        # the headers segment still covers the longer table
        p0 = i.ph(0)
        p0[4] = i.phoff + 32 * n
        i.set_ph(0, p0)
        for k in range(Image(modem).phnum, n):
            p = list(tmpl)
            p[1] = len(modem) + 0x1000 * k
            p[4] = p[5] = 0x1000
            p[3] = tmpl[3] + tmpl[5] + 0x1000 * k
            i.set_ph(k, p)
    add("split-over-99", "modem", "split file beyond .b99", edit(many_splits))

    # program headers valid, but elsewhere than right after the ELF header
    def moved_phdrs(i):
        new = (i.phoff + 32 * i.phnum + 15) & ~15
        if new + 32 * i.phnum > hoff:
            raise SystemExit("mk-hostile.py: no room to move the program headers")
        i.b[new:new + 32 * i.phnum] = i.b[i.phoff:i.phoff + 32 * i.phnum]
        i.ehdr("phoff", new)
        i.phoff = new
        # the headers segment still covers the moved table
        p0 = i.ph(0)
        p0[4] = new + 32 * i.phnum
        i.set_ph(0, p0)
    add("phoff-not-after-ehdr", "modem", INVALID + "program headers not right after the ELF header",
        edit(moved_phdrs))

    def no_load(i):
        for k in loads:
            p = i.ph(k)
            p[0] = 0        # PT_NULL
            i.set_ph(k, p)
    add("no-loadable-segment", "modem", "no segment to load", edit(no_load))

    # Split images: the metadata up to the end of the hash segment in
    # modem.mdt, every loadable segment in modem.bNN (N its program header)
    hph = Image(modem).ph(h)
    cut = hph[1] + hph[4]
    if any(Image(modem).ph(k)[1] < cut for k in loads):
        raise SystemExit("mk-hostile.py: a segment lies before the end of the hash segment")

    def split(damage):
        files = {}
        for k in loads:
            p = Image(modem).ph(k)
            files[f"modem.b{k:02d}"] = modem[p[1]:p[1] + p[4]]
        name = f"modem.b{loads[-1]:02d}"
        files[name] = damage(files[name])
        return {n: d for n, d in files.items() if d is not None}
    lastb = f"qcom/sim/hostile/modem.b{loads[-1]:02d}"
    add("split-bnn-missing", "modem", f"failed to load {lastb}: -2", modem[:cut],
        split(lambda d: None))
    add("split-bnn-truncated", "modem", f"truncated in {lastb}", modem[:cut],
        split(lambda d: d[:len(d) // 2]))
    add("split-bnn-too-large", "modem", f"failed to load {lastb}: -27", modem[:cut],
        split(lambda d: d + bytes(0x1000)))

    add("mba-too-large", "mba", "does not fit", mba + bytes(MBA_MAX + 0x1000 - len(mba)))
    add("mba-bad-magic", "mba", "MBA returned unexpected status", b"\x7fELG" + mba[4:])
    add("mba-truncated", "mba", "MBA returned unexpected status", mba[:len(mba) // 3])
    return out


SCN_HEAD = """\
# Hostile firmware, generated by tools/testing/qcom-mss/fwgen/mk-hostile.py
# --scenario (do not edit; the fwgen tests fail when this is stale).
# Each test copies one malformed set (the damaged image and the good
# other one) into qcom/sim/hostile/, the only folder the board's
# firmware-name points at, and starts: the start must fail with a
# message naming the problem, leave the ledger equal to the driver's
# record, and the next start with the good images must work.  No KASAN,
# WARN or oops (the host fails the boot on any).
@dtb sdm845-mss-sim-hostile.dtb
@timeout 900

include mss/setup.scn

test good-set-boots
  set SET /lib/firmware/qcom/sim/hostile-set
  set HOSTILE /lib/firmware/qcom/sim/hostile
  include mss/hostile-good.scn
"""


def scenario(rows):
    out = [SCN_HEAD]
    for name, which, expect, _, splits in rows:
        mba = f"{name}/mba.mbn" if which == "mba" else "good/mba.mbn"
        modem = f"{name}/modem.mdt" if which == "modem" else "good/modem.mdt"
        # a split set's .bNN files go beside modem.mdt, and away after
        cp = "".join(f"  copy ${{SET}}/{name}/{n} ${{HOSTILE}}/{n}\n"
                     for n in sorted(splits))
        rm = "".join(f"  rm ${{HOSTILE}}/{n}\n" for n in sorted(splits))
        out.append(f"""
test {name}
  copy ${{SET}}/{mba} ${{HOSTILE}}/mba.mbn
  copy ${{SET}}/{modem} ${{HOSTILE}}/modem.mdt
{cp}  kmsg-mark
  write-fail ${{RP}}/state ANY start
  kmsg-expect "{expect}"
  expect ${{RP}}/state offline
{rm}  include mss/balanced.scn
  include mss/hostile-good.scn
""")
    out.append("""
test unload
  include mss/unload.scn
""")
    return "".join(out)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--scenario":
        mba = open(sys.argv[2], "rb").read()
        modem = open(sys.argv[3], "rb").read()
        sys.stdout.write(scenario(corpus(mba, modem)))
        return 0
    if len(sys.argv) != 4:
        raise SystemExit("usage: mk-hostile.py [--scenario] GOOD_MBA.mbn GOOD_MODEM.mbn [OUTDIR]")
    mba = open(sys.argv[1], "rb").read()
    modem = open(sys.argv[2], "rb").read()
    out = sys.argv[3]
    os.makedirs(out, exist_ok=True)
    rows = []
    good = os.path.join(out, "good")
    os.makedirs(good, exist_ok=True)
    for fname, data in (("mba.mbn", mba), ("modem.mdt", modem)):
        with open(os.path.join(good, fname), "wb") as f:
            f.write(data)
    for name, which, expect, data, splits in corpus(mba, modem):
        d = os.path.join(out, name)
        os.makedirs(d, exist_ok=True)
        # only the damaged file; the scenario takes the other from good/
        fname = "mba.mbn" if which == "mba" else "modem.mdt"
        with open(os.path.join(d, fname), "wb") as f:
            f.write(data)
        for n, b in splits.items():
            with open(os.path.join(d, n), "wb") as f:
                f.write(b)
        rows.append(f"{name}\t{which}\t{expect}\n")
    with open(os.path.join(out, "MANIFEST"), "w", encoding="utf-8") as f:
        f.writelines(rows)
    print(f"mk-hostile.py: {len(rows)} hostile sets in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
