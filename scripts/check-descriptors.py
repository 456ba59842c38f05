#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Compare our MSS descriptors with a mainline qcom_q6v5_mss.c, field by field.

    check-descriptors.py REF_DRIVER.c [--markdown OUT.md]

REF_DRIVER.c is the reference driver (Debian's linux-source-7.2).  Ours
are drivers/remoteproc/qcom_q6v5_mss_socs.c (hardware facts) and
qcom_mss_socs.h (compatible, protection, MBA image).

Mainline keeps some facts as fields (clocks, supplies, power domains,
need_mem_protection, ...) and the rest as `qproc->version == MSS_X` chains
in its sequences; we keep all of them as descriptor fields.  The chains
are read from the reference source by what the guarded code does (the
ACC override value it writes, the memory-bank register and order, the
BHS acknowledgement, the boot FSM, the B00 header skip, the clamp on
reclaim), so a SoC added upstream to one of them shows up here.

Prints one row per compatible; exits 1 on any difference, 2 on a parse
error.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OURS_C = os.path.join(HERE, "..", "drivers", "remoteproc", "qcom_q6v5_mss_socs.c")
TABLE = os.path.join(HERE, "..", "drivers", "remoteproc", "qcom_mss_socs.h")
REGS = os.path.join(HERE, "..", "drivers", "remoteproc", "qcom_q6v5_mss_regs.h")
ACC_NAMES = ("QDSP6SS_ACC_OVERRIDE_VAL", "QDSP6SS_ACC_OVERRIDE_VAL_9607")


def defines(src, wanted):
    """{name: value} of the #defines of @wanted in @src, as written there
    (so a value changed on either side is a difference, not a name match)."""
    out = {}
    for name in wanted:
        m = re.search(r"^#define %s\s+(\S+)" % name, src, re.M)
        if not m:
            die(f"no #define {name}")
        out[name] = hex(int(m.group(1), 0))
    return out


def die(msg):
    print(f"check-descriptors: {msg}", file=sys.stderr)
    sys.exit(2)


def blocks(src, pattern):
    """{name: body} of every `static const struct TYPE name = { body };`."""
    out = {}
    for m in re.finditer(r"static const struct %s (\w+)_mss = \{(.*?)\n\};" % pattern,
                         src, re.S):
        out[m.group(1)] = m.group(2)
    return out


def names(body, field, lists=None):
    """The strings of a (char*[]){ ... } list field, inline or a named
    array of @lists, in order; None if absent."""
    m = re.search(r"\.%s = \((?:const )?char\s*\*\s*(?:const )?\[\]\)\s*\{(.*?)\}" % field,
                  body, re.S)
    if m:
        return re.findall(r'"([^"]*)"', m.group(1))
    m = re.search(r"\.%s = (\w+)," % field, body)
    if not m or lists is None:
        return None
    if m.group(1) not in lists:
        die(f"list {m.group(1)} not found")
    return re.findall(r'"([^"]*)"', lists[m.group(1)])


def supplies(body, field, defs):
    """[(name, uV, uA)] of a supply list field, inline or a named array."""
    m = re.search(r"\.%s = \((?:const )?struct \w+\s*\[\]\)\s*\{(.*?)\n\t\}," % field, body, re.S)
    text = m.group(1) if m else None
    if text is None:
        m = re.search(r"\.%s = (\w+)," % field, body)
        if not m:
            return None
        text = defs.get(m.group(1))
        if text is None:
            die(f"supply array {m.group(1)} not found")
    out = []
    for ent in re.findall(r"\{([^{}]*)\}", text):
        name = re.search(r'\.(?:supply|name) = "([^"]+)"', ent)
        if not name:
            continue
        uv = re.search(r"\.(?:uV|volt_uv) = (\d+)", ent)
        ua = re.search(r"\.(?:uA|load_ua) = (\d+)", ent)
        out.append((name.group(1), int(uv.group(1)) if uv else 0,
                    int(ua.group(1)) if ua else 0))
    return out


def flag(body, field):
    m = re.search(r"\.%s = (\w+)," % field, body)
    if not m:
        return False
    v = m.group(1)
    return v not in ("false", "0")


def value(body, field, default=None):
    m = re.search(r"\.%s = ([\w]+)," % field, body)
    return m.group(1) if m else default


def version_sets(src):
    """Facts mainline keeps in `qproc->version` chains, by what they guard."""
    facts = {}
    cond_re = re.compile(r"if \(((?:\s*\(?qproc->version [!=]= MSS_\w+\)?\s*(?:\|\||&&)?)+)\)")
    for m in cond_re.finditer(src):
        cond = m.group(1)
        socs = {s.lower() for s in re.findall(r"MSS_(\w+)", cond)}
        negated = "!=" in cond
        after = src[m.end():m.end() + 700]
        first = after.split("} else", 1)[0]
        if "QDSP6SS_ACC_OVERRIDE_VAL_9607" in first[:200]:
            facts["acc_9607"] = socs
        elif negated and "QDSP6SS_ACC_OVERRIDE_VAL," in first[:200]:
            facts["acc_none"] = socs
        elif "Override the ACC" in after[:100]:
            facts["v56"] = socs
        elif "QDSP6V62SS_BHS_STATUS" in first[:200]:
            facts["bhs_ack"] = socs
        elif "MSM8974_B00_OFFSET" in after[:200]:
            facts["b00"] = socs
        elif "reverse = 6" in first[:200]:
            facts["mem19_reverse6"] = socs
        elif "i = 19" in first[:200] and "reverse = 0" in first[:200]:
            facts["mem19"] = socs
        elif negated and "compiler memory clamp" in after[:200]:
            facts["no_mem_banks"] = socs
        elif "high MX current" in after[:200]:
            facts["clamp_on_reclaim"] = socs
        elif "QDSP6SS_SLEEP" in first[:200] and "QDSP6SS_XO_CBCR" in first:
            facts["fsm_xo"] = socs
        elif "QDSP6SS_SLEEP" in first[:200]:
            facts["fsm"] = socs
    want = ("acc_9607", "acc_none", "v56", "bhs_ack", "b00", "mem19_reverse6", "mem19",
            "no_mem_banks", "clamp_on_reclaim", "fsm", "fsm_xo")
    missing = [k for k in want if k not in facts]
    if missing:
        die("reference driver: cannot find the version chains for " + ", ".join(missing))
    return facts


def reference(path):
    src = open(path, encoding="utf-8").read()
    descs = blocks(src, "rproc_hexagon_res")
    match = dict(re.findall(r'\{ \.compatible = "([^"]+)", \.data = &(\w+)_mss \}', src))
    if not descs or not match:
        die(f"{path}: no descriptors or match table")
    v = version_sets(src)
    accv = defines(src, ACC_NAMES)
    out = {}
    for compat, soc in match.items():
        b = descs[soc]
        version = value(b, "version", "").replace("MSS_", "").lower()
        if version != soc:
            die(f"{soc}: .version is {version}")
        boot = ("fsm" if soc in v["fsm"] | v["fsm_xo"] else
                "v56" if soc in v["v56"] else "v5")
        if boot == "v56":
            acc = (accv["QDSP6SS_ACC_OVERRIDE_VAL_9607"] if soc in v["acc_9607"] else
                   "0" if soc in v["acc_none"] else accv["QDSP6SS_ACC_OVERRIDE_VAL"])
            if soc in v["no_mem_banks"]:
                banks = "pwr_ctl"
            elif soc in v["mem19_reverse6"]:
                banks = "MEM_PWR_CTL 19..6, 0..5"
            elif soc in v["mem19"]:
                banks = "MEM_PWR_CTL 19..0"
            else:
                banks = "V6SS_MEM_PWR_CTL 28..0"
        else:
            acc, banks = "0", "-"
        reset = ("alt" if flag(b, "has_alt_reset") else
                 "spare" if flag(b, "has_spare_reg") else
                 "ext" if flag(b, "has_ext_cntl_regs") else "plain")
        out[compat] = {
            "soc": soc,
            "mba": value(b, "hexagon_mba_image") or re.search(
                r'\.hexagon_mba_image = "([^"]+)"', b).group(1),
            "protected": flag(b, "need_mem_protection"),
            "proxy_supply": supplies(b, "proxy_supply", {}) or [],
            "fallback_supply": supplies(b, "fallback_proxy_supply", {}) or [],
            "active_supply": supplies(b, "active_supply", {}) or [],
            "proxy_clks": names(b, "proxy_clk_names") or [],
            "reset_clks": names(b, "reset_clk_names") or [],
            "active_clks": names(b, "active_clk_names") or [],
            "pds": names(b, "proxy_pd_names") or [],
            "boot": boot,
            "fsm_xo": soc in v["fsm_xo"],
            "reset": reset,
            "mba_logs": flag(b, "has_mba_logs"),
            "qaccept": flag(b, "has_qaccept_regs"),
            "ext_bhs": flag(b, "has_ext_bhs_reg"),
            "vq6": flag(b, "has_vq6"),
            "pas_mem_setup": flag(b, "need_pas_mem_setup"),
            "acc": acc,
            "banks": banks,
            "bhs_ack": soc in v["bhs_ack"],
            "b00": soc in v["b00"],
            "clamp": soc in v["clamp_on_reclaim"],
            "ssctl": int(value(b, "ssctl_id", "0"), 0),
        }
    return out


def ours():
    src = open(OURS_C, encoding="utf-8").read()
    arrays = dict(re.findall(r"static const struct mss_supply (\w+)\[\] = \{(.*?)\n\};", src, re.S))
    lists = dict(re.findall(r"static const char \* const (\w+)\[\] = \{(.*?)\};", src, re.S))
    descs = blocks(src, "mss_desc")
    table = re.findall(r'^MSS_SOC\("([^"]+)", (\w+), ([01]), "([^"]+)"\)',
                       open(TABLE, encoding="utf-8").read(), re.M)
    regs = {"QDSP6SS_MEM_PWR_CTL": "MEM_PWR_CTL", "QDSP6V6SS_MEM_PWR_CTL": "V6SS_MEM_PWR_CTL"}
    accs = defines(open(REGS, encoding="utf-8").read(), ACC_NAMES)
    out = {}
    for compat, soc, prot, mba in table:
        b = descs.get(soc)
        if b is None:
            die(f"no descriptor {soc}_mss for {compat}")
        boot = {"MSS_BOOT_FSM": "fsm", "MSS_BOOT_V56": "v56", "MSS_BOOT_V5": "v5"}[value(b, "boot")]
        reg = value(b, "mem_pwr_reg")
        top = int(value(b, "mem_pwr_top_bit", "0"))
        rev = int(value(b, "mem_pwr_reverse", "0"))
        if boot != "v56":
            banks = "-"
        elif not reg:
            banks = "pwr_ctl"
        elif rev:
            banks = f"{regs[reg]} {top}..{rev}, 0..{rev - 1}"
        else:
            banks = f"{regs[reg]} {top}..0"
        out[compat] = {
            "soc": soc,
            "mba": mba,
            "protected": prot == "1",
            "proxy_supply": supplies(b, "proxy_supply", arrays) or [],
            "fallback_supply": supplies(b, "fallback_proxy_supply", arrays) or [],
            "active_supply": supplies(b, "active_supply", arrays) or [],
            "proxy_clks": names(b, "proxy_clks", lists) or [],
            "reset_clks": names(b, "reset_clks", lists) or [],
            "active_clks": names(b, "active_clks", lists) or [],
            "pds": names(b, "proxy_pds", lists) or [],
            "boot": boot,
            "fsm_xo": flag(b, "fsm_xo_clk"),
            "reset": value(b, "reset").replace("MSS_RESET_", "").lower(),
            "mba_logs": flag(b, "has_mba_logs"),
            "qaccept": flag(b, "has_qaccept_regs"),
            "ext_bhs": flag(b, "has_ext_bhs"),
            "vq6": flag(b, "has_vq6"),
            "pas_mem_setup": flag(b, "pas_mem_setup"),
            "acc": accs.get(value(b, "acc_override", "0"), "0"),
            "banks": banks,
            "bhs_ack": flag(b, "bhs_ack"),
            "b00": flag(b, "mba_elf_b00"),
            "clamp": flag(b, "clamp_on_reclaim"),
            "ssctl": int(value(b, "ssctl_id", "0"), 0),
        }
    return out


def fmt(v):
    if isinstance(v, bool):
        return "yes" if v else "-"
    if isinstance(v, list):
        if v and isinstance(v[0], tuple):
            return " ".join(f"{n}" + (f"@{uv // 1000}mV" if uv else "") +
                            (f"/{ua // 1000}mA" if ua else "") for n, uv, ua in v) or "-"
        return " ".join(v) or "-"
    if isinstance(v, int):
        return hex(v)
    return str(v)


def main():
    args = sys.argv[1:]
    md = None
    if "--markdown" in args:
        i = args.index("--markdown")
        md = args[i + 1]
        del args[i:i + 2]
    if len(args) != 1:
        die("usage: check-descriptors.py REF_DRIVER.c [--markdown OUT.md]")
    ref = reference(args[0])
    our = ours()
    fields = list(next(iter(ref.values())).keys())
    bad = 0
    for compat in sorted(set(ref) | set(our)):
        if compat not in our:
            print(f"MISSING {compat}: bound by the reference, not by us")
            bad += 1
            continue
        if compat not in ref:
            print(f"EXTRA {compat}: not bound by the reference")
            bad += 1
            continue
        for f in fields:
            if ref[compat][f] != our[compat][f]:
                print(f"DIFF {compat} {f}: reference {fmt(ref[compat][f])}, ours {fmt(our[compat][f])}")
                bad += 1
    if md:
        with open(md, "w", encoding="utf-8") as out:
            out.write("| compatible | " + " | ".join(fields[1:]) + " |\n")
            out.write("|" + "---|" * len(fields) + "\n")
            for compat in sorted(our):
                out.write(f"| {compat} | " +
                          " | ".join(fmt(our[compat][f]) for f in fields[1:]) + " |\n")
    print(f"{len(our)} compatibles, {len(fields)} fields each: {bad} differences")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
