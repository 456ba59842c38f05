// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated TrustZone: the XPU model of what the simulated modem reads.
 *
 * A violation logs "XPU violation" with the range and the rule, and is
 * counted in debugfs violations.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/printk.h>

#include "qcom_scm_sim_priv.h"

u64 sim_violations;

static void sim_violation(phys_addr_t start, phys_addr_t end, bool prot,
			  const char *what, const char *rule)
{
	sim_violations++;
	pr_err("XPU violation: modem %s read of [%pa-%pa) (%s): %s\n",
	       prot ? "protected" : "unprotected", &start, &end,
	       what ? what : "?", rule);
}

/**
 * qcom_scm_sim_modem_access() - XPU check of a simulated modem read
 * @addr: first byte the modem reads
 * @size: number of bytes
 * @protected_flavour: the modem reads as MSS_MSA (authentication of
 *	metadata and segments) rather than as a plain bus master
 * @what: what is read, for the log
 *
 * Rules: (a) the CPU has no linear mapping of any page of the range (it is
 * no-map reserved memory); with @protected_flavour also (b) every 4 KiB
 * granule is owned by MSS_MSA (alone or shared) and (c) granules sealed
 * when they were assigned to MSS_MSA without HLOS still hold the same
 * contents.
 * A violation is logged with "XPU violation", the range, @what and the
 * rule, and counted in debugfs violations.
 *
 * Context: process context; takes the ledger mutex and maps memory.
 * Return: 0 if allowed, -EPERM on a violation, -EINVAL for an empty or
 * wrapping range, -ENOMEM.
 */
int qcom_scm_sim_modem_access(phys_addr_t addr, size_t size,
			      bool protected_flavour, const char *what)
{
	phys_addr_t end = addr + size;
	phys_addr_t g_start, g_end, bad;
	unsigned long pfn, last;
	char rule[160], have[64];
	u64 bad_owners;
	u32 want, got;
	int ret = 0;

	if (!sim_range_ok(addr, size))
		return -EINVAL;
	g_start = ALIGN_DOWN(addr, SIM_GRANULE);
	g_end = ALIGN_DOWN(addr + size - 1, SIM_GRANULE) + SIM_GRANULE;

	mutex_lock(&sim_lock);

	last = PHYS_PFN(addr + size - 1);
	for (pfn = PHYS_PFN(addr); pfn <= last; pfn++) {
		if (pfn_is_map_memory(pfn)) {
			bad = PFN_PHYS(pfn);
			snprintf(rule, sizeof(rule),
				 "rule (a): %pa has a CPU linear mapping (not no-map reserved memory)",
				 &bad);
			sim_violation(addr, end, protected_flavour, what, rule);
			ret = -EPERM;
			goto out;
		}
	}

	if (!protected_flavour)
		goto out;

	if (!sim_ledger_match(&sim_ledger, g_start, g_end, SIM_MSA, SIM_MSA,
			      &bad, &bad_owners)) {
		snprintf(rule, sizeof(rule),
			 "rule (b): %pa is owned by %s, not MSS_MSA", &bad,
			 sim_owner_str(bad_owners, have, sizeof(have)));
		sim_violation(addr, end, true, what, rule);
		ret = -EPERM;
		goto out;
	}

	ret = sim_seals_check(&sim_ledger, g_start, g_end, &bad, &want, &got);
	if (ret > 0) {
		snprintf(rule, sizeof(rule),
			 "rule (c): %pa changed since it was assigned to MSS_MSA (crc %08x, now %08x)",
			 &bad, want, got);
		sim_violation(addr, end, true, what, rule);
		ret = -EPERM;
	}
out:
	mutex_unlock(&sim_lock);

	return ret;
}
EXPORT_SYMBOL_GPL(qcom_scm_sim_modem_access);

/**
 * qcom_scm_sim_modem_wrote() - the modem changed memory it owns
 * @addr: first byte written
 * @size: number of bytes
 *
 * The simulated modem writing to its own MSS_MSA memory is legitimate:
 * re-seal the sealed granules of the range so rule (c) accepts them.
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
