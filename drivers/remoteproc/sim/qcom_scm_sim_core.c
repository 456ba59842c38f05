// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated TrustZone for the qcom-mss QEMU test rig: a fused production
 * device, as far as the MSS driver can tell.
 *
 * Stands in for drivers/firmware/qcom/qcom_scm.ko, which is never loaded in
 * the guest: with MODVERSIONS off, the qcom_scm_* symbols exported here
 * satisfy the MSS driver and mdt_loader.ko when this module is loaded first.
 * qcom_scm_is_available() is true only while the platform driver is bound
 * to a "linux,scm-sim" DT node.
 *
 * qcom_scm_assign_mem() changes ownership like the real call: every
 * granule of the range must be owned by exactly *srcvm, else -EINVAL and
 * nothing changes.  On top of that it enforces what a fused device
 * enforces (qcom_scm_sim_rules.c): MPSS goes back to Linux only while an
 * MBA runs, memory taken back must hold what it held when it was sealed,
 * and memory the modem alone owns has no CPU mapping
 * (qcom_scm_sim_watch.c).  The ledger and the seals are in
 * qcom_scm_sim_ledger.c, debugfs in qcom_scm_sim_debugfs.c.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitops.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "qcom_scm_sim_priv.h"

/* The ledger, the modems, the setups and everything below, but sim_bound */
DEFINE_MUTEX(sim_lock);
struct sim_ledger sim_ledger;
LIST_HEAD(sim_setups);
static struct device *sim_dev;
static bool sim_bound;
u64 sim_assign_calls;
u64 sim_assign_failures;
u64 sim_setup_failures;
/*
 * Refused calls, through the kernel's fault injection (debugfs
 * fail_assign/ and fail_mem_setup/): "times" calls fail once "space"
 * has let "space - 1" through (each call is of size 1), so a scenario
 * picks the Nth call of a sequence; a task's fail-nth reaches them too.
 */
struct fault_attr sim_fail_assign_attr = FAULT_ATTR_INITIALIZER;
struct fault_attr sim_fail_setup_attr = FAULT_ATTR_INITIALIZER;
u32 sim_fail_errno = EINVAL;

static const char *sim_vmid_name(unsigned int vmid)
{
	switch (vmid) {
	case QCOM_SCM_VMID_TZ:
		return "TZ";
	case QCOM_SCM_VMID_HLOS:
		return "HLOS";
	case QCOM_SCM_VMID_MSS_MSA:
		return "MSS_MSA";
	case QCOM_SCM_VMID_MSS_NONMSA:
		return "MSS_NONMSA";
	default:
		return NULL;
	}
}

/**
 * sim_owner_str() - an owner bitmap for the log
 * @owners: the bitmap
 * @buf: room for the text
 * @len: size of @buf
 *
 * Return: "HLOS+MSS_MSA", "vmid 22", "nobody", ...
 */
const char *sim_owner_str(u64 owners, char *buf, size_t len)
{
	unsigned int vmid;
	size_t pos = 0;

	buf[0] = '\0';
	for (vmid = 0; vmid < BITS_PER_TYPE(u64); vmid++) {
		const char *name = sim_vmid_name(vmid);

		if (!(owners & BIT_ULL(vmid)))
			continue;
		if (name)
			pos += scnprintf(buf + pos, len - pos, "%s%s",
					 pos ? "+" : "", name);
		else
			pos += scnprintf(buf + pos, len - pos, "%svmid %u",
					 pos ? "+" : "", vmid);
	}

	return pos ? buf : "nobody";
}

/*
 * The rules that refuse a call come first, then everything is allocated;
 * past sim_ledger_commit() nothing fails, and what is reported there
 * (seals broken at reclaim, CPU mappings of what the modem now owns) is
 * an XPU violation, not a refusal.
 */
static int sim_assign_locked(phys_addr_t addr, size_t size, u64 *srcvm,
			     const struct qcom_scm_vmperm *newvm,
			     unsigned int dest_cnt)
{
	struct sim_snapshot *snap = NULL;
	struct sim_ledger_spare spare;
	phys_addr_t end = addr + size;
	LIST_HEAD(new_seals);
	char have[64], want[64];
	phys_addr_t bad;
	u64 bad_owners;
	u32 crc0, crc1;
	u64 next = 0;
	unsigned int i;
	int ret;

	if (!srcvm || !dest_cnt || !newvm)
		return -EINVAL;
	for (i = 0; i < dest_cnt; i++) {
		if (newvm[i].vmid < 0 || newvm[i].vmid >= BITS_PER_TYPE(u64))
			return -EINVAL;
		next |= BIT_ULL(newvm[i].vmid);
	}

	if (!IS_ALIGNED(addr, SIM_GRANULE) || !IS_ALIGNED(size, SIM_GRANULE) ||
	    !sim_range_ok(addr, size)) {
		pr_err("assign [%pa+%#zx): not 4 KiB aligned\n", &addr, size);
		return -EINVAL;
	}

	if (should_fail(&sim_fail_assign_attr, 1)) {
		pr_err("assign [%pa-%pa): failing on request (fault hook)\n",
		       &addr, &end);
		return -(int)sim_fail_errno;
	}

	if (!sim_ledger_match(&sim_ledger, addr, end, ~0ULL, *srcvm, &bad,
			      &bad_owners)) {
		pr_err("assign [%pa-%pa) from %s: %pa is owned by %s\n",
		       &addr, &end, sim_owner_str(*srcvm, want, sizeof(want)),
		       &bad, sim_owner_str(bad_owners, have, sizeof(have)));
		return -EINVAL;
	}

	ret = sim_rules_check_reclaim(addr, end, *srcvm, next);
	if (ret)
		return ret;

	/* Allocate everything first: a failed call changes nothing */
	ret = sim_ledger_prepare(&sim_ledger, addr, end, &spare);
	if (ret)
		return ret;
	ret = -ENOMEM;
	snap = sim_watch_snapshot_alloc(sim_ledger_nr_ranges(&sim_ledger) + 2);
	if (!snap)
		goto out;

	if (sim_modem_only(*srcvm) && (next & SIM_HLOS)) {
		ret = sim_seals_check(&sim_ledger, addr, end, &bad, &crc0,
				      &crc1);
		if (ret < 0)
			goto out;
		if (ret)
			sim_report(SIM_RULE_SEAL, addr, end,
				   "taken back from the modem with %pa changed since it was assigned to MSS_MSA (crc %08x, now %08x)",
				   &bad, crc0, crc1);
	}
	if (sim_modem_only(next)) {
		ret = sim_seals_make(addr, end, &new_seals);
		if (ret)
			goto out;
	}

	sim_ledger_commit(&sim_ledger, addr, end, next, &spare, &new_seals);
	sim_watch_update(&sim_ledger, snap);
	snap = NULL;
	*srcvm = next;
	ret = 0;

	if (sim_modem_only(next))
		sim_watch_check_assign(addr, end);

out:
	kfree(snap);
	sim_ledger_release(&spare);

	return ret;
}

/**
 * qcom_scm_is_available() - is the simulated TrustZone there
 *
 * Return: true while the driver is bound to a "linux,scm-sim" node.
 */
bool qcom_scm_is_available(void)
{
	return READ_ONCE(sim_bound);
}
EXPORT_SYMBOL_GPL(qcom_scm_is_available);

/**
 * qcom_scm_assign_mem() - reassign ownership of a memory range
 * @mem_addr: start of the range, 4 KiB aligned
 * @mem_sz: size of the range, 4 KiB aligned
 * @srcvm: bitmap of the current owners; every granule of the range must be
 *	owned by exactly these VMIDs
 * @newvm: the new owners and their permissions
 * @dest_cnt: number of entries in @newvm
 *
 * Like the real TrustZone call, a range whose granules are not all owned
 * by exactly *@srcvm is refused with -EINVAL and nothing changes.  So is,
 * as a TrustZone fault, taking memory of a registered modem's MPSS region
 * from MSS_MSA while no MBA runs (qcom_scm_sim_modem_register()).  A range
 * that becomes owned by MSS_MSA without HLOS is sealed and must have no
 * CPU mapping; a sealed range taken back must still match its seals
 * (XPU violations, the call succeeds).
 *
 * Context: process context; takes the ledger mutex.
 * Return: 0 with *@srcvm updated to the new owners, or a negative errno.
 */
int qcom_scm_assign_mem(phys_addr_t mem_addr, size_t mem_sz, u64 *srcvm,
			const struct qcom_scm_vmperm *newvm,
			unsigned int dest_cnt)
{
#ifdef CONFIG_FAULT_INJECTION
	/*
	 * The simulator's bookkeeping stands for TrustZone, which does not
	 * allocate Linux memory: a fault injection sweep of the caller
	 * (/proc/thread-self/fail-nth, the rig's mss-failslab) must not
	 * fail it.  Refused assignments are fail_assign's business.
	 */
	unsigned int fail_nth = current->fail_nth;

	current->fail_nth = 0;
#endif
	int ret;

	mutex_lock(&sim_lock);
	sim_assign_calls++;
	if (!sim_bound) {
		pr_err("assign called without a bound simulated TrustZone\n");
		ret = -ENODEV;
	} else {
		ret = sim_assign_locked(mem_addr, mem_sz, srcvm, newvm, dest_cnt);
		if (ret)
			dev_err(sim_dev, "Assign memory protection call failed %d\n",
				ret);
	}
	if (ret)
		sim_assign_failures++;
	mutex_unlock(&sim_lock);
#ifdef CONFIG_FAULT_INJECTION
	current->fail_nth = fail_nth;
#endif

	return ret;
}
EXPORT_SYMBOL_GPL(qcom_scm_assign_mem);

/**
 * qcom_scm_pas_init_image() - PAS metadata authentication (not simulated)
 * @pas_id: peripheral authentication service id
 * @metadata: ELF header, program headers and hash segment
 * @size: size of @metadata
 * @ctx: optional PAS context, left untouched
 *
 * The simulated modem authenticates its own metadata (self-authenticating
 * MSS); the PAS path is not simulated.
 *
 * Return: -EOPNOTSUPP.
 */
int qcom_scm_pas_init_image(u32 pas_id, const void *metadata, size_t size,
			    struct qcom_scm_pas_context *ctx)
{
	return -EOPNOTSUPP;
}
EXPORT_SYMBOL_GPL(qcom_scm_pas_init_image);

/**
 * qcom_pas_metadata_release() - release a PAS metadata context
 * @ctx: PAS context; qcom_scm_pas_init_image() never fills one in here
 */
void qcom_pas_metadata_release(struct qcom_scm_pas_context *ctx)
{
}
EXPORT_SYMBOL_GPL(qcom_pas_metadata_release);

/**
 * qcom_scm_pas_mem_setup() - record the memory a peripheral will run from
 * @pas_id: peripheral authentication service id
 * @addr: start of the memory area
 * @size: size of the memory area
 *
 * Records the range (visible in debugfs mem_setup and through
 * qcom_scm_sim_get_mem_setup()); a later call for @pas_id replaces it.
 * The fault hook fail_mem_setup/ refuses it as TrustZone refuses a range
 * it does not accept, -EINVAL.
 *
 * Context: process context; takes the ledger mutex.
 * Return: 0, -ENODEV when not bound, -EINVAL when refused, -ENOMEM.
 */
int qcom_scm_pas_mem_setup(u32 pas_id, phys_addr_t addr, phys_addr_t size)
{
	struct sim_setup *s;
	int ret = 0;

	mutex_lock(&sim_lock);
	if (!sim_bound) {
		ret = -ENODEV;
		goto out;
	}
	if (should_fail(&sim_fail_setup_attr, 1)) {
		pr_err("mem setup of PAS %u [%pa+%pa): failing on request (fault hook)\n",
		       pas_id, &addr, &size);
		sim_setup_failures++;
		ret = -EINVAL;
		goto out;
	}
	list_for_each_entry(s, &sim_setups, node)
		if (s->pas_id == pas_id)
			goto found;
	s = kzalloc_obj(*s);
	if (!s) {
		ret = -ENOMEM;
		goto out;
	}
	s->pas_id = pas_id;
	list_add_tail(&s->node, &sim_setups);
found:
	s->addr = addr;
	s->size = size;
out:
	mutex_unlock(&sim_lock);

	return ret;
}
EXPORT_SYMBOL_GPL(qcom_scm_pas_mem_setup);

/**
 * qcom_scm_pas_auth_and_reset() - PAS authenticate and reset (not simulated)
 * @pas_id: peripheral authentication service id
 *
 * Return: -EOPNOTSUPP.
 */
int qcom_scm_pas_auth_and_reset(u32 pas_id)
{
	return -EOPNOTSUPP;
}
EXPORT_SYMBOL_GPL(qcom_scm_pas_auth_and_reset);

/**
 * qcom_scm_pas_shutdown() - PAS shutdown (not simulated)
 * @pas_id: peripheral authentication service id
 *
 * Return: -EOPNOTSUPP.
 */
int qcom_scm_pas_shutdown(u32 pas_id)
{
	return -EOPNOTSUPP;
}
EXPORT_SYMBOL_GPL(qcom_scm_pas_shutdown);

/**
 * qcom_scm_pas_supported() - is PAS supported for a peripheral
 * @pas_id: peripheral authentication service id
 *
 * Return: false; the PAS path is not simulated.
 */
bool qcom_scm_pas_supported(u32 pas_id)
{
	return false;
}
EXPORT_SYMBOL_GPL(qcom_scm_pas_supported);

/**
 * qcom_scm_sim_get_owners() - current owners of a range
 * @addr: start of the range
 * @size: size of the range
 * @owners: set to the owner bitmap of the range
 *
 * Context: process context; takes the ledger mutex.
 * Return: 0 if every 4 KiB granule touched by the range has the same
 * owners, -ERANGE if they differ (@owners then holds those of the first
 * granule), -EINVAL for an empty or wrapping range.
 */
int qcom_scm_sim_get_owners(phys_addr_t addr, size_t size, u64 *owners)
{
	phys_addr_t g_start, g_end, bad;
	u64 bad_owners;
	int ret = 0;

	if (!sim_range_ok(addr, size))
		return -EINVAL;
	g_start = ALIGN_DOWN(addr, SIM_GRANULE);
	g_end = ALIGN_DOWN(addr + size - 1, SIM_GRANULE) + SIM_GRANULE;

	mutex_lock(&sim_lock);
	*owners = sim_ledger_owners_at(&sim_ledger, g_start);
	if (!sim_ledger_match(&sim_ledger, g_start, g_end, ~0ULL, *owners,
			      &bad, &bad_owners))
		ret = -ERANGE;
	mutex_unlock(&sim_lock);

	return ret;
}
EXPORT_SYMBOL_GPL(qcom_scm_sim_get_owners);

/**
 * qcom_scm_sim_get_mem_setup() - the range qcom_scm_pas_mem_setup() recorded
 * @pas_id: peripheral authentication service id
 * @addr: set to the start of the range
 * @size: set to the size of the range
 *
 * Context: process context; takes the ledger mutex.
 * Return: 0, or -ENOENT if no call was made for @pas_id.
 */
int qcom_scm_sim_get_mem_setup(u32 pas_id, phys_addr_t *addr,
			       phys_addr_t *size)
{
	struct sim_setup *s;
	int ret = -ENOENT;

	mutex_lock(&sim_lock);
	list_for_each_entry(s, &sim_setups, node) {
		if (s->pas_id == pas_id) {
			*addr = s->addr;
			*size = s->size;
			ret = 0;
			break;
		}
	}
	mutex_unlock(&sim_lock);

	return ret;
}
EXPORT_SYMBOL_GPL(qcom_scm_sim_get_mem_setup);

/* ------------------------------------------------------------------------
 * Platform driver
 */

static int scm_sim_probe(struct platform_device *pdev)
{
	int ret = 0;

	mutex_lock(&sim_lock);
	if (sim_dev) {
		ret = -EBUSY;
	} else {
		sim_dev = &pdev->dev;
		WRITE_ONCE(sim_bound, true);
	}
	mutex_unlock(&sim_lock);
	if (ret)
		return dev_err_probe(&pdev->dev, ret,
				     "another simulated TrustZone is bound\n");
	dev_info(&pdev->dev, "simulated TrustZone ready\n");

	return 0;
}

static void scm_sim_remove(struct platform_device *pdev)
{
	unsigned long pages;

	mutex_lock(&sim_lock);
	WRITE_ONCE(sim_bound, false);
	sim_dev = NULL;
	pages = sim_ledger_outstanding(&sim_ledger);
	mutex_unlock(&sim_lock);
	if (pages)
		dev_info(&pdev->dev, "unbound with %lu pages not owned by HLOS alone\n",
			 pages);
}

static const struct of_device_id scm_sim_of_match[] = {
	{ .compatible = "linux,scm-sim" },
	{ }
};
MODULE_DEVICE_TABLE(of, scm_sim_of_match);

static struct platform_driver scm_sim_driver = {
	.probe = scm_sim_probe,
	.remove = scm_sim_remove,
	.driver = {
		.name = "qcom_scm_sim",
		.of_match_table = scm_sim_of_match,
	},
};

static int __init scm_sim_init(void)
{
	int ret;

	sim_ledger_init(&sim_ledger);
	ret = sim_watch_init();
	if (ret)
		return ret;
	sim_debugfs_init();
	ret = platform_driver_register(&scm_sim_driver);
	if (ret) {
		sim_debugfs_exit();
		sim_watch_exit();
	}

	return ret;
}
module_init(scm_sim_init);

static void __exit scm_sim_exit(void)
{
	struct sim_setup *su, *su_tmp;
	unsigned long pages;

	platform_driver_unregister(&scm_sim_driver);
	sim_debugfs_exit();
	sim_watch_exit();
	sim_rules_exit();

	mutex_lock(&sim_lock);
	pages = sim_ledger_outstanding(&sim_ledger);
	sim_ledger_destroy(&sim_ledger);
	list_for_each_entry_safe(su, su_tmp, &sim_setups, node) {
		list_del(&su->node);
		kfree(su);
	}
	mutex_unlock(&sim_lock);
	if (pages)
		pr_info("unloaded with %lu pages not owned by HLOS alone\n", pages);
}
module_exit(scm_sim_exit);

MODULE_DESCRIPTION("Simulated Qualcomm TrustZone (SCM) for the MSS test rig");
MODULE_LICENSE("GPL");
