#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The KUnit suites our sources declare, and how many cases each has.

    kunit-declared.py DIR...

Reads every *.c under each DIR (recursively) that registers a suite with
kunit_test_suite() or kunit_test_suites(), and the Kbuild file next to it.
Prints one line per registered suite:

    MODULE<TAB>SUITE<TAB>CASES

MODULE is the .ko the file is linked into (from Kbuild: "obj-... += m.o"
and "m-y := a.o b.o"), SUITE the suite's .name (what KUnit prints after
"# Subtest:"), CASES the number of KUNIT_CASE*() entries in its
.test_cases array; a parameterised case counts once, as KUnit reports it
once at suite level.  The rig's log parser fails a suite that reports
another number of cases, or none.

Exit status 1, with a message, when the count cannot be known: a case
array under #if, a suite without a case array, a registered suite that is
not defined, a file in no module, or no suite at all.
"""
import os
import re
import sys

CASE_RE = re.compile(r"\bKUNIT_CASE\w*\s*\(")
ARRAY_RE = re.compile(r"\bstruct\s+kunit_case\s+(\w+)\s*\[\s*\w*\s*\]\s*=\s*\{")
SUITE_RE = re.compile(r"\bstruct\s+kunit_suite\s+(\w+)\s*=\s*\{")
REGISTER_RE = re.compile(r"\bkunit_test_(?:init_section_)?suites?\s*\(([^;]*)\)\s*;")


class Error(Exception):
    pass


def strip_comments(text):
    """Drop C comments, keeping string literals and line numbers."""
    out = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            if j < 0:
                raise Error("unterminated comment")
            out.append("\n" * text.count("\n", i, j))
            i = j + 2
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def braced(text, start):
    """text[start] is '{': return the text up to its matching '}'."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1:i]
    raise Error("unbalanced braces")


def parse_c(path):
    """Return [(suite name, case count)] for the suites path registers."""
    with open(path, encoding="utf-8") as f:
        text = strip_comments(f.read())
    arrays = {}
    for m in ARRAY_RE.finditer(text):
        body = braced(text, m.end() - 1)
        if re.search(r"^\s*#\s*(if|ifdef|ifndef|elif|else)\b", body, re.M):
            raise Error("case array %s has #if: its case count depends on the config" % m.group(1))
        arrays[m.group(1)] = len(CASE_RE.findall(body))
    suites = {}
    for m in SUITE_RE.finditer(text):
        body = braced(text, m.end() - 1)
        name = re.search(r"\.name\s*=\s*\"([^\"]+)\"", body)
        cases = re.search(r"\.test_cases\s*=\s*(\w+)", body)
        if not name:
            raise Error("suite %s has no .name string" % m.group(1))
        if not cases or cases.group(1) not in arrays:
            raise Error("suite %s: no struct kunit_case array for .test_cases" % m.group(1))
        suites[m.group(1)] = (name.group(1), arrays[cases.group(1)])
    found = []
    for m in REGISTER_RE.finditer(text):
        for var in m.group(1).split(","):
            var = var.strip().lstrip("&").strip()
            if var not in suites:
                raise Error("registers %s, which is not a struct kunit_suite here" % var)
            found.append(suites[var])
    registered = {v.strip().lstrip("&").strip()
                  for m in REGISTER_RE.finditer(text) for v in m.group(1).split(",")}
    for var in suites:
        if var not in registered:
            raise Error("suite %s is defined but never registered" % var)
    return found


def kbuild_modules(directory):
    """Map object file name -> module name from directory/Kbuild (or Makefile)."""
    for name in ("Kbuild", "Makefile"):
        path = os.path.join(directory, name)
        if os.path.exists(path):
            break
    else:
        return {}
    with open(path, encoding="utf-8") as f:
        text = re.sub(r"\\\n", " ", f.read())
    objmod = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        m = re.match(r"\s*obj-[^\s:+=]*\s*[:+]?=\s*(.*)", line)
        if m:
            for o in m.group(1).split():
                if o.endswith(".o"):
                    objmod.setdefault(o, o[:-2])
            continue
        m = re.match(r"\s*([\w-]+)-(?:y|objs|\$\([\w]+\))\s*[:+]?=\s*(.*)", line)
        if m:
            for o in m.group(2).split():
                if o.endswith(".o"):
                    objmod[o] = m.group(1)
    return objmod


def main(argv):
    if not argv:
        sys.stderr.write(__doc__)
        return 2
    rows = []
    errors = 0
    for top in argv:
        for root, dirs, files in os.walk(top):
            dirs.sort()
            for fn in sorted(files):
                if not fn.endswith(".c") or fn.endswith(".mod.c"):
                    continue
                path = os.path.join(root, fn)
                try:
                    with open(path, encoding="utf-8") as f:
                        if not REGISTER_RE.search(strip_comments(f.read())):
                            continue
                    suites = parse_c(path)
                    module = kbuild_modules(root).get(fn[:-2] + ".o")
                    if not module:
                        raise Error("not an object of any module in %s/Kbuild" % root)
                except Error as e:
                    sys.stderr.write("kunit-declared: %s: %s\n" % (path, e))
                    errors += 1
                    continue
                for name, count in suites:
                    rows.append((module, name, count))
    if not errors and not rows:
        sys.stderr.write("kunit-declared: no KUnit suite under %s\n" % " ".join(argv))
        errors += 1
    names = [r[1] for r in rows]
    for n in sorted(set(x for x in names if names.count(x) > 1)):
        sys.stderr.write("kunit-declared: suite name %s is declared twice\n" % n)
        errors += 1
    if errors:
        return 1
    for row in rows:
        print("%s\t%s\t%d" % row)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
