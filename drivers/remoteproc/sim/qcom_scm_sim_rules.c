// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated TrustZone: the rules a fused (production) Qualcomm device
 * enforces, and what the simulated modem tells TrustZone about itself.
 *
 * Every rule has a name, a counter (debugfs rules/<name>) and a log line
 * with the physical range: "XPU violation: ..." for what the XPUs report
 * (counted in violations too), "TrustZone fault: ..." for calls TrustZone
 * refuses fatally on real hardware (counted in tz_faults; the call fails
 * and changes nothing).  The rig's log parser fails a boot on both lines
 * unless the scenario expects them.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/seq_file.h>

#include "qcom_scm_sim_priv.h"

#define SIM_MAX_MODEMS	4

atomic64_t sim_rule_count[SIM_NR_RULES];
atomic64_t sim_violations;
atomic64_t sim_tz_faults;

static const struct {
	const char *name;
	bool fault;
} sim_rules[SIM_NR_RULES] = {
	[SIM_RULE_MODEM_LINEAR]	= { "modem-linear" },
	[SIM_RULE_MODEM_OWNER]	= { "modem-owner" },
	[SIM_RULE_SEAL]		= { "seal" },
	[SIM_RULE_CPU_MAP]	= { "cpu-map" },
	[SIM_RULE_CPU_LINEAR]	= { "cpu-linear" },
	[SIM_RULE_MPSS_RECLAIM]	= { "mpss-reclaim", true },
};

/**
 * struct sim_modem - a modem that told TrustZone about itself
 * @id: handle given to the modem, 0 for a free slot
 * @start: first byte of its MPSS region
 * @end: first byte after it
 * @mba_running: the Q6 is out of reset and an MBA authenticated itself
 * @debugfs: registered through debugfs (negative controls)
 */
struct sim_modem {
	int id;
	phys_addr_t start;
	phys_addr_t end;
	bool mba_running;
	bool debugfs;
};

/* Under sim_lock */
static struct sim_modem sim_modems[SIM_MAX_MODEMS];
static int sim_modem_next_id = 1;

/**
 * sim_rule_name() - name of a rule, as in debugfs rules/
 * @rule: the rule
 *
 * Return: the name.
 */
const char *sim_rule_name(enum sim_rule rule)
{
	return sim_rules[rule].name;
}

/**
 * sim_report() - count and log a broken rule
 * @rule: the rule
 * @start: first byte of the range concerned
 * @end: first byte after it
 * @fmt: what happened, printf style
 *
 * Context: any, kprobe handlers included.
 */
void sim_report(enum sim_rule rule, phys_addr_t start, phys_addr_t end,
		const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	atomic64_inc(&sim_rule_count[rule]);
	if (sim_rules[rule].fault)
		atomic64_inc(&sim_tz_faults);
	else
		atomic64_inc(&sim_violations);

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	pr_err("%s: [%pa-%pa) %pV (rule %s)\n",
	       sim_rules[rule].fault ? "TrustZone fault" : "XPU violation",
	       &start, &end, &vaf, sim_rules[rule].name);
	va_end(args);
}

/**
 * sim_rules_check_reclaim() - may an assign take memory from the modem
 * @start: first byte of the range, granule aligned
 * @end: first byte after it
 * @src: current owners of every granule of the range
 * @next: the owners the assign asks for
 *
 * On a fused device TrustZone lets Linux take memory of a modem's MPSS
 * region (the metadata window inside MPSS included) back only while an MBA
 * runs; otherwise the call is fatal (upstream commit 900fc60df227
 * "remoteproc: qcom_q6v5_mss: Don't reassign mpss region on shutdown").
 * Giving MPSS to the modem is always allowed, and so is taking back the
 * MBA region, which is not part of MPSS.
 *
 * Context: sim_lock held.
 * Return: 0, or -EINVAL after reporting a TrustZone fault.
 */
int sim_rules_check_reclaim(phys_addr_t start, phys_addr_t end, u64 src,
			    u64 next)
{
	char have[64], want[64];
	unsigned int i;

	lockdep_assert_held(&sim_lock);

	if (!(src & SIM_MSA) || ((next & SIM_MSA) && !(next & SIM_HLOS)))
		return 0;

	for (i = 0; i < ARRAY_SIZE(sim_modems); i++) {
		const struct sim_modem *md = &sim_modems[i];

		if (!md->id || md->mba_running || md->end <= start ||
		    md->start >= end)
			continue;
		sim_report(SIM_RULE_MPSS_RECLAIM, start, end,
			   "assign from %s to %s takes MPSS [%pa-%pa) of modem %d while no MBA runs",
			   sim_owner_str(src, have, sizeof(have)),
			   sim_owner_str(next, want, sizeof(want)),
			   &md->start, &md->end, md->id);
		return -EINVAL;
	}

	return 0;
}

static int sim_modem_add(phys_addr_t base, size_t size, bool debugfs)
{
	phys_addr_t end = base + size;
	struct sim_modem *free = NULL;
	unsigned int i;
	int id;

	if (!sim_range_ok(base, size) || !IS_ALIGNED(base, SIM_GRANULE) ||
	    !IS_ALIGNED(size, SIM_GRANULE))
		return -EINVAL;

	mutex_lock(&sim_lock);
	for (i = 0; i < ARRAY_SIZE(sim_modems); i++) {
		struct sim_modem *md = &sim_modems[i];

		if (!md->id) {
			free = free ?: md;
			continue;
		}
		if ((debugfs && md->debugfs) ||
		    (md->start < end && md->end > base)) {
			mutex_unlock(&sim_lock);
			return -EBUSY;
		}
	}
	if (!free) {
		mutex_unlock(&sim_lock);
		return -ENOSPC;
	}
	free->id = sim_modem_next_id++;
	free->start = base;
	free->end = end;
	free->mba_running = false;
	free->debugfs = debugfs;
	id = free->id;
	mutex_unlock(&sim_lock);

	pr_info("modem %d: MPSS [%pa-%pa)%s\n", id, &base, &end,
		debugfs ? " (debugfs)" : "");

	return id;
}

/* The modem with @id (0: the debugfs one); sim_lock held */
static struct sim_modem *sim_modem_find(int id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sim_modems); i++) {
		struct sim_modem *md = &sim_modems[i];

		if (md->id && (id ? md->id == id : md->debugfs))
			return md;
	}

	return NULL;
}

/**
 * qcom_scm_sim_modem_register() - a modem tells TrustZone its MPSS region
 * @mpss_base: start of the MPSS region, 4 KiB aligned
 * @mpss_size: its size, 4 KiB aligned
 *
 * The modem starts with its Q6 in reset (no MBA running), so until
 * qcom_scm_sim_set_mba_running() says otherwise TrustZone refuses to give
 * memory of the region back to Linux (see debugfs rules/mpss-reclaim).
 *
 * Context: process context; takes the ledger mutex.
 * Return: a handle (> 0) for the other qcom_scm_sim_modem_* calls,
 * -EINVAL for an empty, wrapping or unaligned region, -EBUSY if it
 * overlaps another modem's, -ENOSPC.
 */
int qcom_scm_sim_modem_register(phys_addr_t mpss_base, size_t mpss_size)
{
	return sim_modem_add(mpss_base, mpss_size, false);
}
EXPORT_SYMBOL_GPL(qcom_scm_sim_modem_register);

static void sim_modem_remove(int id)
{
	struct sim_modem *md;

	mutex_lock(&sim_lock);
	md = sim_modem_find(id);
	if (md)
		md->id = 0;
	mutex_unlock(&sim_lock);
}

/**
 * qcom_scm_sim_modem_unregister() - forget a modem
 * @id: its handle; 0 or an unknown handle does nothing
 *
 * Context: process context; takes the ledger mutex.
 */
void qcom_scm_sim_modem_unregister(int id)
{
	if (id > 0)
		sim_modem_remove(id);
}
EXPORT_SYMBOL_GPL(qcom_scm_sim_modem_unregister);

static void sim_modem_mba(int id, bool running)
{
	struct sim_modem *md;

	mutex_lock(&sim_lock);
	md = sim_modem_find(id);
	if (md)
		md->mba_running = running;
	mutex_unlock(&sim_lock);
}

/**
 * qcom_scm_sim_set_mba_running() - whether a modem's MBA runs
 * @id: handle from qcom_scm_sim_modem_register(); 0 or an unknown handle
 *	does nothing
 * @running: true once an MBA authenticated itself with the Q6 out of
 *	reset (it stays true while the modem firmware it started runs);
 *	false whenever the Q6 is put in reset
 *
 * Context: process context; takes the ledger mutex.
 */
void qcom_scm_sim_set_mba_running(int id, bool running)
{
	if (id > 0)
		sim_modem_mba(id, running);
}
EXPORT_SYMBOL_GPL(qcom_scm_sim_set_mba_running);

/**
 * qcom_scm_sim_modem_unseal() - the modem firmware writes its memory now
 * @addr: first byte
 * @size: number of bytes
 *
 * The modem firmware writes its own MPSS segments once it runs, so their
 * seals (see qcom_scm_sim_modem_access()) are dropped: neither a later
 * protected read nor the reclaim checks them.  Granules assigned to the
 * modem alone again are sealed again.
 *
 * Context: process context; takes the ledger mutex.
 * Return: 0, -EINVAL for an empty or wrapping range, -ENOMEM.
 */
int qcom_scm_sim_modem_unseal(phys_addr_t addr, size_t size)
{
	struct sim_seal *spare = NULL;
	phys_addr_t g_start, g_end;
	struct sim_seal *s;

	if (!sim_range_ok(addr, size))
		return -EINVAL;
	g_start = ALIGN_DOWN(addr, SIM_GRANULE);
	g_end = ALIGN_DOWN(addr + size - 1, SIM_GRANULE) + SIM_GRANULE;

	mutex_lock(&sim_lock);
	list_for_each_entry(s, &sim_ledger.seals, node) {
		if (s->start < g_start && sim_seal_end(s) > g_end) {
			spare = sim_seal_alloc(g_end, (sim_seal_end(s) - g_end) /
					       SIM_GRANULE);
			if (!spare) {
				mutex_unlock(&sim_lock);
				return -ENOMEM;
			}
			break;
		}
	}
	sim_seals_drop(&sim_ledger, g_start, g_end, &spare);
	mutex_unlock(&sim_lock);
	if (spare)
		sim_seal_free(spare);

	return 0;
}
EXPORT_SYMBOL_GPL(qcom_scm_sim_modem_unseal);

/* debugfs "modem": one modem of its own for the negative controls */
int sim_rules_debugfs_register(phys_addr_t base, size_t size)
{
	int ret = sim_modem_add(base, size, true);

	return ret < 0 ? ret : 0;
}

void sim_rules_debugfs_unregister(void)
{
	sim_modem_remove(0);
}

void sim_rules_debugfs_mba(bool running)
{
	sim_modem_mba(0, running);
}

/**
 * sim_rules_show_modems() - list the modems for debugfs
 * @m: where to
 */
void sim_rules_show_modems(struct seq_file *m)
{
	unsigned int i;

	mutex_lock(&sim_lock);
	for (i = 0; i < ARRAY_SIZE(sim_modems); i++) {
		const struct sim_modem *md = &sim_modems[i];

		if (md->id)
			seq_printf(m, "%d %#llx %#llx mba %d%s\n", md->id,
				   (u64)md->start, (u64)md->end,
				   md->mba_running, md->debugfs ? " debugfs" : "");
	}
	mutex_unlock(&sim_lock);
}

/**
 * sim_rules_exit() - forget every modem
 */
void sim_rules_exit(void)
{
	mutex_lock(&sim_lock);
	memset(sim_modems, 0, sizeof(sim_modems));
	mutex_unlock(&sim_lock);
}

/* ------------------------------------------------------------------------
 * What the modem reads (the XPUs in front of DDR)
 */

/**
 * qcom_scm_sim_modem_access() - XPU check of a simulated modem read
 * @addr: first byte the modem reads
 * @size: number of bytes
 * @protected_flavour: the modem reads as MSS_MSA (authentication of
 *	metadata and segments) rather than as a plain bus master
 * @what: what is read, for the log
 *
 * Rules, for @protected_flavour only (an unprotected modem is a plain bus
 * master and nothing locks the memory it reads): the CPU has no linear
 * mapping of any page of the range (it is no-map reserved memory; rule
 * modem-linear), every 4 KiB granule is owned by MSS_MSA, alone or shared
 * (modem-owner),
 * and granules sealed when they were assigned to MSS_MSA without HLOS
 * still hold the same contents (seal).  A violation is logged with "XPU
 * violation:", the range, @what and the rule, and counted.
 *
 * An allowed read also lets the calling task map the range once as the
 * modem (the bus transaction that follows): that mapping is not a CPU
 * mapping of modem memory (rule cpu-map).  qcom_scm_sim_bus_map() does the
 * same explicitly.
 *
 * Context: process context; takes the ledger mutex and maps memory.
 * Return: 0 if allowed, -EPERM on a violation, -EINVAL for an empty or
 * wrapping range, -ENOMEM.
 */
int qcom_scm_sim_modem_access(phys_addr_t addr, size_t size,
			      bool protected_flavour, const char *what)
{
	return sim_modem_check(addr, size, protected_flavour, what, true);
}
EXPORT_SYMBOL_GPL(qcom_scm_sim_modem_access);

/**
 * sim_modem_check() - qcom_scm_sim_modem_access(), optionally granting
 * @addr: first byte the modem reads
 * @size: number of bytes
 * @protected_flavour: the modem reads as MSS_MSA
 * @what: what is read, for the log
 * @grant: let the calling task map the range once if the read is allowed
 *	(debugfs check does not: it maps nothing)
 *
 * Return: as qcom_scm_sim_modem_access().
 */
int sim_modem_check(phys_addr_t addr, size_t size, bool protected_flavour,
		    const char *what, bool grant)
{
	const char *how = protected_flavour ? "protected" : "unprotected";
	phys_addr_t g_start, g_end, bad;
	unsigned long pfn, last;
	char have[64];
	u64 bad_owners;
	u32 want, got;
	int ret = 0;

	if (!sim_range_ok(addr, size))
		return -EINVAL;
	g_start = ALIGN_DOWN(addr, SIM_GRANULE);
	g_end = ALIGN_DOWN(addr + size - 1, SIM_GRANULE) + SIM_GRANULE;
	what = what ?: "?";

	mutex_lock(&sim_lock);

	/*
	 * Without memory protection nobody but Linux owns the buffer and no
	 * XPU locks it, so a cacheable alias is harmless: the modem reads
	 * DRAM, which the kernel wrote through its coherent mapping.
	 */
	if (!protected_flavour)
		goto grant;

	last = PHYS_PFN(addr + size - 1);
	for (pfn = PHYS_PFN(addr); pfn <= last; pfn++) {
		if (pfn_is_map_memory(pfn)) {
			bad = PFN_PHYS(pfn);
			sim_report(SIM_RULE_MODEM_LINEAR, addr, addr + size,
				   "modem %s read (%s): %pa has a CPU linear mapping (not no-map reserved memory)",
				   how, what, &bad);
			ret = -EPERM;
			goto out;
		}
	}

	if (!sim_ledger_match(&sim_ledger, g_start, g_end, SIM_MSA, SIM_MSA,
			      &bad, &bad_owners)) {
		sim_report(SIM_RULE_MODEM_OWNER, addr, addr + size,
			   "modem %s read (%s): %pa is owned by %s, not MSS_MSA",
			   how, what, &bad,
			   sim_owner_str(bad_owners, have, sizeof(have)));
		ret = -EPERM;
		goto out;
	}

	ret = sim_seals_check(&sim_ledger, g_start, g_end, &bad, &want, &got);
	if (ret > 0) {
		sim_report(SIM_RULE_SEAL, addr, addr + size,
			   "modem %s read (%s): %pa changed since it was assigned to MSS_MSA (crc %08x, now %08x)",
			   how, what, &bad, want, got);
		ret = -EPERM;
	}
	if (ret)
		goto out;
grant:
	if (grant)
		sim_watch_grant(g_start, g_end);
out:
	mutex_unlock(&sim_lock);

	return ret;
}

/**
 * qcom_scm_sim_modem_wrote() - the modem changed memory it owns
 * @addr: first byte written
 * @size: number of bytes
 *
 * The simulated modem writing to its own MSS_MSA memory is legitimate:
 * re-seal the sealed granules of the range so rule seal accepts them.
 *
 * Context: process context; takes the ledger mutex and maps memory.
 * Return: 0, -EINVAL for an empty or wrapping range, -ENOMEM.
 */
int qcom_scm_sim_modem_wrote(phys_addr_t addr, size_t size)
{
	phys_addr_t g_start, g_end;
	int ret;

	if (!sim_range_ok(addr, size))
		return -EINVAL;
	g_start = ALIGN_DOWN(addr, SIM_GRANULE);
	g_end = ALIGN_DOWN(addr + size - 1, SIM_GRANULE) + SIM_GRANULE;

	mutex_lock(&sim_lock);
	ret = sim_seals_refresh(&sim_ledger, g_start, g_end);
	mutex_unlock(&sim_lock);

	return ret;
}
EXPORT_SYMBOL_GPL(qcom_scm_sim_modem_wrote);
