#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Line coverage of the driver from the rig's boots (stage coverage).

  coverage.py extract LOG OUTDIR
      Decode the gcov dump mss-init printed at the end of a guest log
      ("mss-init: gcov-begin", one gcov-file line per .gcda with its size
      and CRC-32, base64 gcov-data lines, "mss-init: gcov-end N") into
      OUTDIR/NAME.gcda.  Exit 1 with the reason when the dump is missing,
      torn, or its sizes, CRCs or file count do not match.

  coverage.py report --gcov GCOV --objdir DIR --gcda DIR --list FILE
                     [--min PERCENT] [--write-list FILE]
      For every qcom_q6v5_mss_*.gcno in --objdir (the module build), run
      GCOV in JSON mode on the merged counters in --gcda (a missing .gcda
      counts as never executed) and print lines executed / lines counted
      per source file and for the whole set.  Then hold the uncovered
      lines to --list.  Prints one "ok NAME" / "not ok NAME" line per
      check, details as "# ..." lines under it; exit 0 once every check
      was judged (even failing ones), 2 when it could not judge.
      --write-list writes the list as it should be now: the lines not
      executed, with the reasons --list gives them, TODO for new ones.

The list keys a line by file, function and its source text (blanks
collapsed), not by number, so unrelated edits do not move it; a key that
occurs N times in a function is listed N times.  Format, one entry a line:

  FILE FUNCTION | SOURCE TEXT | REASON

FILE and FUNCTION are single words; the reason is the text after the last
" | ", so it may not hold " | " itself.  A reason of "^" repeats the one
of the entry above.  "#" lines and blank lines are comments.
"""

import argparse
import base64
import binascii
import collections
import glob
import json
import os
import re
import subprocess
import sys

SRC_GLOB = 'qcom_q6v5_mss_*.gcno'


def die(msg, code=2):
    print(f'coverage.py: {msg}', file=sys.stderr)
    sys.exit(code)


# ---------------------------------------------------------------------
# extract

def extract(log, outdir):
    try:
        with open(log, 'rb') as f:
            raw = f.read().decode('utf-8', 'replace')
    except OSError as e:
        die(f'{log}: {e.strerror}', 1)
    lines = [re.sub(r'^\[ *[0-9]+\.[0-9]+\] ', '', line.rstrip('\r'))
             for line in raw.split('\n')]
    begin = [i for i, line in enumerate(lines)
             if line == 'mss-init: gcov-begin']
    none = [line for line in lines if line.startswith('mss-init: gcov-none')]
    if none:
        die(f'{log}: the guest has no gcov counters: {none[0]}', 1)
    if len(begin) != 1:
        die(f'{log}: {len(begin)} "mss-init: gcov-begin" lines, want 1 '
            '(a guest init without the dump, or a boot cut short)', 1)
    files = []
    cur = None
    end = None
    for line in lines[begin[0] + 1:]:
        if not line.startswith('mss-init: gcov-'):
            continue
        word, _, rest = line[len('mss-init: gcov-'):].partition(' ')
        if word == 'file':
            f = rest.split(' ')
            if len(f) != 3 or not f[1].isdigit() or \
               not re.fullmatch(r'[0-9a-f]{8}', f[2]):
                die(f'{log}: bad gcov-file line: {line}', 1)
            cur = {'name': f[0], 'size': int(f[1]), 'crc': int(f[2], 16),
                   'b64': []}
            files.append(cur)
        elif word == 'data':
            if cur is None:
                die(f'{log}: gcov-data before any gcov-file', 1)
            cur['b64'].append(rest)
        elif word == 'end':
            end = rest
            break
        elif word == 'error':
            die(f'{log}: the guest could not dump: {rest}', 1)
        else:
            die(f'{log}: unknown gcov line: {line}', 1)
    if end is None:
        die(f'{log}: no "mss-init: gcov-end" (dump cut short)', 1)
    if end != str(len(files)):
        die(f'{log}: gcov-end says "{end}", {len(files)} files dumped', 1)
    os.makedirs(outdir, exist_ok=True)
    seen = set()
    for f in files:
        base = os.path.basename(f['name'])
        if not base.endswith('.gcda') or base in seen:
            die(f'{log}: unexpected or repeated gcov file {f["name"]}', 1)
        seen.add(base)
        try:
            data = base64.b64decode(''.join(f['b64']), validate=True)
        except binascii.Error as e:
            die(f'{log}: {f["name"]}: bad base64 ({e})', 1)
        if len(data) != f['size']:
            die(f'{log}: {f["name"]}: {len(data)} bytes, the guest sent '
                f'{f["size"]}', 1)
        if binascii.crc32(data) != f['crc']:
            die(f'{log}: {f["name"]}: CRC mismatch', 1)
        with open(os.path.join(outdir, base), 'wb') as out:
            out.write(data)
    print(f'{len(files)} files')


# ---------------------------------------------------------------------
# report

def norm(text):
    return ' '.join(text.split())


def func_of(text, n):
    """The function around line n (1-based), from the source in kernel
    style: its body opens with "{" in column 0, after a signature whose
    first line starts in column 0.  gcov's own names are no help for
    static functions inlined wherever they are called."""
    i = n - 1
    m = re.match(r'[^\s#}].*?(\w+)\s*\(', text[i])
    if m:
        return m.group(1)   # the signature: gcov counts the entry there
    if text[i] == '}':
        i -= 1      # a function's closing brace is its own
    while i >= 0 and text[i] != '{':
        if text[i] == '}' or text[i].startswith('};'):
            return '-'
        i -= 1
    while i > 0:
        i -= 1
        line = text[i]
        if line and not line[0].isspace() and '(' in line:
            m = re.search(r'(\w+)\s*\(', line)
            return m.group(1) if m else '-'
    return '-'


def read_list(path):
    """[(file, function, text, reason, lineno)]; problems as a list"""
    entries, problems = [], []
    last_reason = None
    try:
        with open(path, encoding='utf-8') as f:
            content = f.read().split('\n')
    except OSError as e:
        die(f'{path}: {e.strerror}')
    for n, line in enumerate(content, 1):
        if not line.strip() or line.lstrip().startswith('#'):
            continue
        m = re.fullmatch(r'(\S+) (\S+) \| (.*) \| (.*)', line)
        if not m:
            problems.append(f'{path}:{n}: not "FILE FUNCTION | SOURCE | '
                            f'REASON": {line}')
            continue
        reason = m.group(4).strip()
        if reason == '^':
            reason = last_reason
        if not reason or reason.upper().startswith('TODO'):
            problems.append(f'{path}:{n}: no reason given: {line}')
            reason = None
        last_reason = reason
        entries.append((m.group(1), m.group(2), norm(m.group(3)), reason, n))
    return entries, problems


def write_list(path, old_path, entries, uncovered):
    """The list as it should be now: the header of the old one, every
    line not executed, with its old reason where it had one, else TODO
    (which the format check refuses until someone writes the reason)"""
    reasons = collections.defaultdict(list)
    for f, fn, src, reason, _ in entries:
        reasons[(f, fn, src)].append(reason)
    with open(old_path, encoding='utf-8') as o:
        header = []
        for line in o:
            if line.strip() and not line.startswith('#'):
                break
            header.append(line)
    last = None
    with open(path, 'w', encoding='utf-8') as w:
        w.writelines(header)
        for f, fn, src, n in uncovered:
            old = reasons.get((f, fn, src))
            reason = old.pop(0) if old else None
            if not reason:
                reason = f'TODO (line {n})'
            w.write(f'{f} {fn} | {src} | '
                    f'{"^" if reason == last else reason}\n')
            last = reason


def gcov_json(gcov, gcno, gcda_dir, tmp):
    """gcov's JSON for one object, run on the merged counters"""
    base = os.path.basename(gcno)[:-len('.gcno')]
    work = os.path.join(tmp, base)
    os.makedirs(work, exist_ok=True)
    for ext in ('.gcno', '.gcda'):
        p = os.path.join(work, base + ext)
        if os.path.lexists(p):
            os.unlink(p)
    os.symlink(os.path.abspath(gcno), os.path.join(work, base + '.gcno'))
    gcda = os.path.join(gcda_dir, base + '.gcda')
    have_data = os.path.exists(gcda)
    if have_data:
        with open(gcda, 'rb') as a, open(gcno, 'rb') as b:
            # magic, version, stamp: the stamp ties counters to one build
            if a.read(12)[8:] != b.read(12)[8:]:
                return None, f'{gcda} is not from the build of {gcno} ' \
                    '(stamp differs): the logs are older than the modules'
        os.symlink(os.path.abspath(gcda), os.path.join(work, base + '.gcda'))
    r = subprocess.run([gcov, '--json-format', '--stdout', '-o', work,
                        os.path.join(work, base + '.gcda')],
                       cwd=work, capture_output=True, text=True)
    err = r.stderr.strip()
    # without counters gcov says so and counts every line unexecuted
    if not have_data:
        err = '\n'.join(x for x in err.split('\n')
                        if 'cannot open data file' not in x)
        # an object of tables only: nothing for gcov to count
        if r.returncode == 0 and err.endswith(':no functions found') and \
           '\n' not in err:
            return {'files': [], 'no_code': True}, None
    if r.returncode != 0 or err:
        return None, f'{gcov} on {base}: exit {r.returncode}: {err}'
    try:
        return json.loads(r.stdout), None
    except ValueError as e:
        return None, f'{gcov} on {base}: JSON: {e}'


def report(a):
    gcnos = sorted(glob.glob(os.path.join(a.objdir, SRC_GLOB)))
    if not gcnos:
        die(f'no {SRC_GLOB} in {a.objdir}: the driver was not built with '
            'gcov (MSS_GCOV=y, make modules)')
    tmp = os.path.abspath(os.path.join(a.gcda, '.gcov'))
    os.makedirs(tmp, exist_ok=True)
    results = []          # (ok, name, [details])
    per_file = collections.OrderedDict()
    uncovered = []        # (file, function, text, line number)
    errors = []
    for gcno in gcnos:
        data, err = gcov_json(a.gcov, gcno, a.gcda, tmp)
        if err:
            errors.append(err)
            continue
        src_c = os.path.basename(gcno)[:-len('.gcno')] + '.c'
        found = False
        for f in data.get('files', []):
            if os.path.basename(f['file']) != src_c:
                continue   # lines of inline functions from headers
            found = True
            path = f['file']
            if not os.path.isabs(path):
                path = os.path.join(data.get('current_working_directory',
                                             ''), path)
            try:
                with open(path, encoding='utf-8') as s:
                    text = s.read().split('\n')
            except OSError as e:
                errors.append(f'{path}: {e.strerror}')
                continue
            lines = {}
            for ln in f['lines']:
                n = ln['line_number']
                c, fn = lines.get(n, (0, func_of(text, n)))
                lines[n] = (c + ln['count'], fn)
            hit = sum(1 for c, _ in lines.values() if c > 0)
            per_file[src_c] = (hit, len(lines))
            for n in sorted(lines):
                c, fn = lines[n]
                if c == 0:
                    src = text[n - 1] if n <= len(text) else ''
                    uncovered.append((src_c, fn, norm(src), n))
        if data.get('no_code'):
            per_file[src_c] = (0, 0)
        elif not found:
            errors.append(f'{gcno}: gcov reported no lines of {src_c}')
    results.append((not errors, 'gcov', errors))

    hit = sum(h for h, _ in per_file.values())
    total = sum(t for _, t in per_file.values())
    for name, (h, t) in per_file.items():
        if not t:
            print(f'  COVER   {name:32}     no code gcov counts (data only)')
            continue
        print(f'  COVER   {name:32} {h:5}/{t:<5} {100.0 * h / t:5.1f}%')
    pct = 100.0 * hit / total if total else 0.0
    goal = a.target if a.target is not None else a.min
    print(f'  COVER   {"total":32} {hit:5}/{total:<5} {pct:5.1f}% '
          f'(floor {a.min:g}%, target {goal:g}%: '
          f'{"met" if pct >= goal else "NOT met"})')
    results.append((total > 0 and pct >= a.min and not errors,
                    f'lines-{a.min:g}pct',
                    [f'{hit} of {total} lines executed: {pct:.1f}%, '
                     f'below {a.min:g}%'] if pct < a.min else errors))

    entries, problems = read_list(a.list)
    if a.write_list:
        write_list(a.write_list, a.list, entries, uncovered)
    results.append((not problems, 'uncovered-list-format', problems))
    want = collections.Counter((f, fn, src) for f, fn, src, _ in uncovered)
    have = collections.Counter((f, fn, src) for f, fn, src, _, _ in entries)
    unlisted = []
    for f, fn, src, n in uncovered:
        k = (f, fn, src)
        if want[k] > have[k]:
            unlisted.append(f'{f}:{n}: {f} {fn} | {src} |')
    # A line only a race or a timing reaches in some boots is listed with
    # a reason starting "sometimes:": run or not, it is no stale entry
    stale = []
    for f, fn, src, why, n in entries:
        k = (f, fn, src)
        if have[k] > want[k] and not (why or '').startswith('sometimes:'):
            stale.append(f'{a.list}:{n}: {f} {fn} | {src}')
    unlisted = sorted(set(unlisted))
    stale = sorted(set(stale))
    results.append((not unlisted and not errors, 'uncovered-lines-listed',
                    ['not executed and not in the list (add it with a '
                     'reason, or cover it):'] + unlisted if unlisted
                    else errors))
    results.append((not stale and not errors, 'listed-lines-uncovered',
                    ['listed, but now executed or gone (remove them):']
                    + stale if stale else errors))
    for ok, name, details in results:
        print(('ok ' if ok else 'not ok ') + name)
        for d in details[:60]:
            for x in str(d).split('\n'):
                print(f'# {x}')


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawTextHelpFormatter)
    sub = p.add_subparsers(dest='cmd', required=True)
    e = sub.add_parser('extract')
    e.add_argument('log')
    e.add_argument('outdir')
    r = sub.add_parser('report')
    r.add_argument('--gcov', required=True)
    r.add_argument('--objdir', required=True)
    r.add_argument('--gcda', required=True)
    r.add_argument('--list', required=True)
    r.add_argument('--min', type=float, default=90.0)
    r.add_argument('--target', type=float, default=None)
    r.add_argument('--write-list')
    a = p.parse_args()
    if a.cmd == 'extract':
        extract(a.log, a.outdir)
    else:
        report(a)


if __name__ == '__main__':
    main()
