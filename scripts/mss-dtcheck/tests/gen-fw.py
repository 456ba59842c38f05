#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write small modem firmware images for the mss-dtcheck --firmware tests.

usage: gen-fw.py OUTDIR

Layout of every image (Qualcomm MDT conventions, see mdt_loader.c):
  phdr 0: PT_NULL, the ELF header + program headers (p_filesz covers them)
  phdr 1: PT_NULL with p_flags = 2 << 24: the hash segment
  phdr 2..: PT_LOAD segments
Files (expected numbers in the comments are checked by run-tests.sh):
  small/modem.mdt + modem.b01   split, hash 0x1000 in the .b01
                                metadata 0x34 + 4*0x20 + 0x1000 = 0x10b4,
                                footprint 0x100000
  bighash/modem.mdt             hash 0x5000 packed after the headers
                                metadata 0x50b4 (> 16 KiB)
  bigload/modem.mbn             one file, hash inside at its p_offset,
                                loads up to 0x7f00000 + 0x100001, so the
                                footprint is 0x8001000 (4 KiB rounded)
  missing-seg/modem.mdt         split, but modem.b01 is missing
  truncated/modem.mdt           program headers cut off
  nohash/modem.mdt              no hash segment
  badseg/modem.mdt + modem.b01  .b01 one byte short
"""
import os
import struct
import sys

PT_NULL, PT_LOAD = 0, 1
HASH = 2 << 24


def elf(phdrs):
    """ELF32 LE header for len(phdrs) program headers right after it"""
    e_ident = b"\x7fELF" + bytes([1, 1, 1]) + bytes(9)
    return e_ident + struct.pack("<HHIIIIIHHHHHH", 2, 164, 1, 0, 52, 0, 0,
                                 52, 32, len(phdrs), 0, 0, 0)


def phdr(p_type, offset, paddr, filesz, memsz, flags):
    return struct.pack("<IIIIIIII", p_type, offset, paddr, paddr, filesz,
                       memsz, flags, 0x1000)


def image(hash_size, loads, hash_offset):
    n = 2 + len(loads)
    hdr_size = 52 + 32 * n
    ph = [phdr(PT_NULL, 0, 0, hdr_size, 0, 7 << 24),
          phdr(PT_NULL, hash_offset, 0, hash_size, 0x1000, HASH)]
    for paddr, memsz in loads:
        ph.append(phdr(PT_LOAD, 0, paddr, 0, memsz, 0x80000000 | 5))
    return elf(ph) + b"".join(ph), hdr_size


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def main():
    out = sys.argv[1]
    small_loads = [(0x0, 0x80000), (0x80000, 0x80000)]

    hdr, _ = image(0x1000, small_loads, 0x3000)
    write(os.path.join(out, "small/modem.mdt"), hdr)
    write(os.path.join(out, "small/modem.b01"), b"\xaa" * 0x1000)

    hdr, size = image(0x5000, small_loads, 0x3000)
    write(os.path.join(out, "bighash/modem.mdt"), hdr + b"\xbb" * 0x5000)

    loads = [(0x0, 0x100000), (0x7f00000, 0x100001)]
    hdr, size = image(0x2000, loads, 0x1000)
    mbn = bytearray(hdr + bytes(0x1000 - len(hdr)) + b"\xcc" * 0x2000 + bytes(0x1000))
    write(os.path.join(out, "bigload/modem.mbn"), mbn)

    hdr, _ = image(0x1000, small_loads, 0x3000)
    write(os.path.join(out, "missing-seg/modem.mdt"), hdr)

    write(os.path.join(out, "truncated/modem.mdt"), hdr[:52 + 40])

    n = 2 + len(small_loads)
    ph = [phdr(PT_NULL, 0, 0, 52 + 32 * n, 0, 7 << 24),
          phdr(PT_NULL, 0x3000, 0, 0x1000, 0x1000, 0)]
    ph += [phdr(PT_LOAD, 0, a, 0, m, 5) for a, m in small_loads]
    write(os.path.join(out, "nohash/modem.mdt"), elf(ph) + b"".join(ph))

    hdr, _ = image(0x1000, small_loads, 0x3000)
    write(os.path.join(out, "badseg/modem.mdt"), hdr)
    write(os.path.join(out, "badseg/modem.b01"), b"\xaa" * 0xfff)


if __name__ == "__main__":
    main()
