#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""mdt-verify.py: independent checker for mss-fwgen images (hashlib only).

usage: mdt-verify.py [--metadata-out FILE] [--quiet] NAME.mdt|NAME.mbn

Reads a split image (NAME.mdt plus NAME.bNN, loaded the way 6.12's
qcom_q6v5_mss.c does: a segment whose p_offset lies beyond the .mdt comes
from NAME.bNN) or a single-file image, checks the structure against the
contract in README, recomputes every SHA-256 digest and prints:

    metadata_size N
    phnum N
    relocatable yes|no
    digest I ok|zero|BAD
    bad N

--metadata-out writes the metadata exactly as qcom_mdt_read_metadata()
assembles it (ELF header + phdrs, then the hash segment).

Exit status: 0 all digests match, 1 digest mismatch, 2 malformed image.
"""
import hashlib
import os
import struct
import sys

EM_QDSP6 = 164
PT_NULL, PT_LOAD = 0, 1
TYPE_MASK = 7 << 24
TYPE_HASH = 2 << 24
RELOCATABLE = 1 << 27


class Malformed(Exception):
    pass


def need(cond, what):
    if not cond:
        raise Malformed(what)


def main(argv):
    args = argv[1:]
    mdout = None
    quiet = False
    while args and args[0].startswith('--'):
        if args[0] == '--metadata-out' and len(args) > 1:
            mdout = args[1]
            args = args[2:]
        elif args[0] == '--quiet':
            quiet = True
            args = args[1:]
        else:
            print(__doc__, file=sys.stderr)
            return 2
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    path = args[0]
    with open(path, 'rb') as f:
        fw = f.read()
    out = []
    try:
        bad = check(path, fw, out, mdout)
    except Malformed as e:
        print('malformed: %s: %s' % (path, e))
        return 2
    if not quiet:
        print('\n'.join(out))
    return 1 if bad else 0


def check(path, fw, out, mdout):
    need(len(fw) >= 52, 'shorter than an ELF header')
    need(fw[:4] == b'\x7fELF', 'no ELF magic')
    need(fw[4] == 1 and fw[5] == 1, 'not ELF32 little endian')
    (e_type, e_machine, e_version, e_entry, e_phoff, e_shoff, e_flags,
     e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum,
     e_shstrndx) = struct.unpack_from('<HHIIIIIHHHHHH', fw, 16)
    need(e_machine == EM_QDSP6, 'e_machine %d is not QDSP6' % e_machine)
    need(e_phoff == 52 and e_phentsize == 32, 'unexpected phdr table')
    need(e_shnum == 0 and e_shentsize == 0, 'section headers present')
    need(3 <= e_phnum <= 100, 'e_phnum %d out of range' % e_phnum)
    hdr_size = 52 + 32 * e_phnum
    need(len(fw) >= hdr_size, 'truncated program headers')
    ph = [struct.unpack_from('<8I', fw, 52 + 32 * i) for i in range(e_phnum)]
    # (type, offset, vaddr, paddr, filesz, memsz, flags, align)
    need(ph[0][0] == PT_NULL and ph[0][1] == 0 and ph[0][4] == hdr_size,
         'phdr 0 does not cover the headers')
    hashes = [i for i in range(1, e_phnum)
              if ph[i][6] & TYPE_MASK == TYPE_HASH]
    need(hashes == [1], 'hash segment is not (only) phdr 1')
    need(ph[1][0] == PT_NULL and ph[1][1] == hdr_size,
         'hash segment not directly after the headers')
    hash_size = ph[1][4]
    mdsize = hdr_size + hash_size

    base, _ = os.path.splitext(path)
    split = len(fw) == mdsize

    # Metadata the way qcom_mdt_read_metadata() builds it
    if split:
        metadata = fw[:mdsize]
    else:
        need(ph[1][1] + hash_size <= len(fw), 'hash segment truncated')
        metadata = fw[:hdr_size] + fw[ph[1][1]:ph[1][1] + hash_size]
    hs = metadata[hdr_size:]
    need(hs[:4] == b'MSSH', 'hash segment magic')
    version, count, pad_len = struct.unpack_from('<III', hs, 4)
    need(version == 1, 'hash version %d' % version)
    need(count == e_phnum, 'digest count %d != e_phnum' % count)
    need(hash_size == 16 + 32 * count + pad_len, 'hash segment size')
    if mdout:
        with open(mdout, 'wb') as f:
            f.write(metadata)

    relocs = set()
    bad = 0
    for i, (p_type, off, _, paddr, filesz, memsz, flags, _) in enumerate(ph):
        want = hs[16 + 32 * i:16 + 32 * (i + 1)]
        if i == 0:
            got = hashlib.sha256(fw[:hdr_size]).digest()
        elif p_type != PT_LOAD:
            got = bytes(32)
        else:
            need(filesz <= memsz, 'phdr %d p_filesz > p_memsz' % i)
            need(paddr % 4096 == 0, 'phdr %d not page aligned' % i)
            relocs.add(bool(flags & RELOCATABLE))
            seg_file = '%s.b%02d' % (base, i)
            if filesz and off < len(fw):
                # qcom_q6v5_mss.c: "Firmware is large enough to be non-split"
                need(off + filesz <= len(fw), 'phdr %d truncated' % i)
                data = fw[off:off + filesz]
            elif filesz:
                with open(seg_file, 'rb') as f:
                    data = f.read()
                need(len(data) == filesz, '%s size %d != p_filesz %d'
                     % (seg_file, len(data), filesz))
            else:
                need(not os.path.exists(seg_file),
                     '%s exists for a segment without file data' % seg_file)
                data = b''
            h = hashlib.sha256(data)
            h.update(bytes(memsz - filesz))
            got = h.digest()
        state = 'zero' if want == bytes(32) and got == want else \
            'ok' if got == want else 'BAD'
        if state == 'BAD':
            bad += 1
        out.append('digest %d %s' % (i, state))
    need(len(relocs) == 1, 'QCOM_MDT_RELOCATABLE set on some load segments only')
    out[:0] = ['metadata_size %d' % mdsize, 'phnum %d' % e_phnum,
               'relocatable %s' % ('yes' if relocs.pop() else 'no')]
    out.append('bad %d' % bad)
    return bad


if __name__ == '__main__':
    sys.exit(main(sys.argv))
