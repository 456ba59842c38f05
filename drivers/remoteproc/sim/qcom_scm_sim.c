// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated TrustZone for the qcom-mss QEMU test rig.
 *
 * Stands in for drivers/firmware/qcom/qcom_scm.ko, which is never loaded in
 * the guest: with MODVERSIONS off, the qcom_scm_* symbols exported here
 * satisfy the MSS driver and mdt_loader.ko when this module is loaded first.
 * qcom_scm_is_available() is true only while the platform driver is bound
 * to a "linux,scm-sim" DT node.
 *
 * TrustZone state kept here:
 *
 * - An ownership ledger of physical memory in 4 KiB granules.  Every granule
 *   starts owned by BIT(QCOM_SCM_VMID_HLOS) alone; only the ranges owned
 *   otherwise are stored (sorted, split and merged as assignments change).
 *   qcom_scm_assign_mem() changes ownership like the real call: every
 *   granule of the range must be owned by exactly *srcvm, else -EINVAL and
 *   nothing changes.
 *
 * - Seals: when a range becomes owned by QCOM_SCM_VMID_MSS_MSA without
 *   HLOS, the CRC32 of every granule TrustZone can read as DRAM (no-map
 *   reserved memory) is recorded.  A later protected modem access verifies them.
 *
 * - An XPU model for the simulated modem, qcom_scm_sim_modem_access():
 *   (a) the modem may only read memory the CPU has no linear mapping of
 *   (no-map reserved memory); (b) in the protected flavour every granule
 *   must be owned by MSS_MSA; (c) in the protected flavour sealed granules
 *   must still hold what they held when they were assigned.  A violation
 *   logs "XPU violation" and counts.
 *
 * debugfs (/sys/kernel/debug/qcom_scm_sim/) exposes the ledger, counters
 * and fault hooks for tests; see the README of the rig.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitops.h>
#include <linux/crc32.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/firmware/qcom/qcom_scm.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "qcom_scm_sim.h"

#define SIM_GRANULE	QCOM_SCM_SIM_GRANULE
#define SIM_HLOS	BIT_ULL(QCOM_SCM_VMID_HLOS)
#define SIM_MSA		BIT_ULL(QCOM_SCM_VMID_MSS_MSA)
#define SIM_MAP_WINDOW	SZ_1M	/* largest temporary TrustZone mapping */
#define SIM_MAX_DEST	8	/* destination VMIDs of the debugfs hook */
#define SIM_CMD_MAX	160	/* longest debugfs command */

/**
 * struct sim_range - a ledger entry: granules not owned by HLOS alone
 * @node: in sim_ledger, sorted by @start, never overlapping
 * @start: first byte
 * @end: first byte after the range
 * @owners: bitmap of VMIDs owning the range
 */
struct sim_range {
	struct list_head node;
	phys_addr_t start;
	phys_addr_t end;
	u64 owners;
};

/**
 * struct sim_seal - CRC32 of granules assigned to MSS_MSA without HLOS
 * @node: in sim_seals, sorted by @start, never overlapping
 * @start: first byte
 * @npages: number of granules
 * @crc: one CRC32 per granule
 */
struct sim_seal {
	struct list_head node;
	phys_addr_t start;
	unsigned long npages;
	u32 *crc;
};

/**
 * struct sim_setup - a qcom_scm_pas_mem_setup() call
 * @node: in sim_setups
 * @pas_id: peripheral
 * @addr: start of the range
 * @size: size of the range
 */
struct sim_setup {
	struct list_head node;
	u32 pas_id;
	phys_addr_t addr;
	phys_addr_t size;
};

static DEFINE_MUTEX(sim_lock);
/* Everything below is protected by sim_lock, except sim_bound */
static LIST_HEAD(sim_ledger);
static LIST_HEAD(sim_seals);
static LIST_HEAD(sim_setups);
static struct device *sim_dev;
static bool sim_bound;
static u64 sim_violations;
static u64 sim_assign_calls;
static u64 sim_assign_failures;
static u32 sim_fail_count;	/* assign calls still to fail */
static u32 sim_fail_skip;	/* assign calls to let through first */
static u32 sim_fail_errno = EINVAL;
static struct dentry *sim_debugfs;

static phys_addr_t seal_end(const struct sim_seal *s)
{
	return s->start + (phys_addr_t)s->npages * SIM_GRANULE;
}

/* Range [addr, addr + size) is non-empty and does not wrap */
static bool sim_range_ok(phys_addr_t addr, size_t size)
{
	return size && addr + size - 1 >= addr;
}

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

/* "HLOS+MSS_MSA", "vmid 22", "nobody" */
static const char *sim_owner_str(u64 owners, char *buf, size_t len)
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
 * Can TrustZone read this granule as DRAM without disturbing anything?
 * Only no-map reserved memory: RAM with a struct page but no linear
 * mapping, and not System RAM as far as memremap() is concerned.
 */
static bool sim_tz_readable(phys_addr_t addr)
{
	unsigned long pfn = PHYS_PFN(addr);

	return pfn_valid(pfn) && !pfn_is_map_memory(pfn) &&
	       region_intersects(addr, SIM_GRANULE, IORESOURCE_SYSTEM_RAM,
				 IORES_DESC_NONE) == REGION_DISJOINT;
}

/* CRC32 of @npages granules from @start, all TrustZone readable */
static int sim_crc_pages(phys_addr_t start, unsigned long npages, u32 *crc)
{
	while (npages) {
		unsigned long n = min_t(unsigned long, npages,
					SIM_MAP_WINDOW / SIM_GRANULE);
		unsigned long i;
		void *va;

		va = memremap(start, n * SIM_GRANULE, MEMREMAP_WC);
		if (!va)
			return -ENOMEM;
		for (i = 0; i < n; i++)
			crc[i] = crc32_le(~0, va + i * SIM_GRANULE, SIM_GRANULE);
		memunmap(va);
		start += (phys_addr_t)n * SIM_GRANULE;
		crc += n;
		npages -= n;
	}

	return 0;
}

/*
 * Walk the ledger over [start, end): return true if every granule's owners
 * satisfy (owners & mask) == value, else report the first one that does not.
 */
static bool ledger_match(phys_addr_t start, phys_addr_t end, u64 mask,
			 u64 value, phys_addr_t *bad, u64 *bad_owners)
{
	struct sim_range *r;
	phys_addr_t cur = start;

	list_for_each_entry(r, &sim_ledger, node) {
		if (r->end <= cur)
			continue;
		if (r->start >= end)
			break;
		if (cur < r->start && (SIM_HLOS & mask) != value) {
			*bad = cur;
			*bad_owners = SIM_HLOS;
			return false;
		}
		if ((r->owners & mask) != value) {
			*bad = max(cur, r->start);
			*bad_owners = r->owners;
			return false;
		}
		cur = r->end;
		if (cur >= end)
			return true;
	}
	if (cur < end && (SIM_HLOS & mask) != value) {
		*bad = cur;
		*bad_owners = SIM_HLOS;
		return false;
	}

	return true;
}

static u64 ledger_owners_at(phys_addr_t addr)
{
	struct sim_range *r;

	list_for_each_entry(r, &sim_ledger, node) {
		if (r->start > addr)
			break;
		if (r->end > addr)
			return r->owners;
	}

	return SIM_HLOS;
}

/* Set [start, end) to @owners; @spare holds two preallocated entries */
static void ledger_set(phys_addr_t start, phys_addr_t end, u64 owners,
		       struct sim_range **spare)
{
	struct sim_range *r, *tmp, *n;

	list_for_each_entry_safe(r, tmp, &sim_ledger, node) {
		if (r->end <= start)
			continue;
		if (r->start >= end)
			break;
		if (r->start < start && r->end > end) {
			n = spare[0];
			spare[0] = NULL;
			n->start = end;
			n->end = r->end;
			n->owners = r->owners;
			list_add(&n->node, &r->node);
			r->end = start;
			break;
		} else if (r->start < start) {
			r->end = start;
		} else if (r->end > end) {
			r->start = end;
		} else {
			list_del(&r->node);
			kfree(r);
		}
	}

	if (owners != SIM_HLOS) {
		n = spare[1];
		spare[1] = NULL;
		n->start = start;
		n->end = end;
		n->owners = owners;
		list_for_each_entry(r, &sim_ledger, node)
			if (r->start >= end)
				break;
		list_add_tail(&n->node, &r->node);
	}

	/* Merge neighbours with the same owners */
	list_for_each_entry_safe(r, tmp, &sim_ledger, node) {
		if (list_entry_is_head(tmp, &sim_ledger, node))
			break;
		if (r->end == tmp->start && r->owners == tmp->owners) {
			tmp->start = r->start;
			list_del(&r->node);
			kfree(r);
		}
	}
}

static void seal_free(struct sim_seal *s)
{
	kvfree(s->crc);
	kfree(s);
}

static struct sim_seal *seal_alloc(phys_addr_t start, unsigned long npages)
{
	struct sim_seal *s = kzalloc(sizeof(*s), GFP_KERNEL);

	if (!s)
		return NULL;
	s->crc = kvmalloc_array(npages, sizeof(*s->crc), GFP_KERNEL);
	if (!s->crc) {
		kfree(s);
		return NULL;
	}
	s->start = start;
	s->npages = npages;

	return s;
}

/* The seal that covers both sides of [start, end), if any */
static struct sim_seal *seal_straddling(phys_addr_t start, phys_addr_t end)
{
	struct sim_seal *s;

	list_for_each_entry(s, &sim_seals, node)
		if (s->start < start && seal_end(s) > end)
			return s;

	return NULL;
}

/* Forget the seals over [start, end); @spare: see seal_straddling() */
static void seals_drop(phys_addr_t start, phys_addr_t end,
		       struct sim_seal **spare)
{
	struct sim_seal *s, *tmp;
	unsigned long k;

	list_for_each_entry_safe(s, tmp, &sim_seals, node) {
		phys_addr_t s_end = seal_end(s);

		if (s_end <= start)
			continue;
		if (s->start >= end)
			break;
		if (s->start < start && s_end > end) {
			struct sim_seal *n = *spare;

			*spare = NULL;
			k = (end - s->start) / SIM_GRANULE;
			memcpy(n->crc, s->crc + k, n->npages * sizeof(*n->crc));
			list_add(&n->node, &s->node);
			s->npages = (start - s->start) / SIM_GRANULE;
			break;
		} else if (s->start < start) {
			s->npages = (start - s->start) / SIM_GRANULE;
		} else if (s_end > end) {
			k = (end - s->start) / SIM_GRANULE;
			memmove(s->crc, s->crc + k,
				(s->npages - k) * sizeof(*s->crc));
			s->npages -= k;
			s->start = end;
		} else {
			list_del(&s->node);
			seal_free(s);
		}
	}
}

static void seals_free_list(struct list_head *list)
{
	struct sim_seal *s, *tmp;

	list_for_each_entry_safe(s, tmp, list, node) {
		list_del(&s->node);
		seal_free(s);
	}
}

/* Seal the TrustZone-readable runs of [start, end) into @list */
static int seals_make(phys_addr_t start, phys_addr_t end,
		      struct list_head *list)
{
	phys_addr_t addr = start;
	int ret;

	while (addr < end) {
		phys_addr_t run = addr;
		struct sim_seal *s;

		if (!sim_tz_readable(addr)) {
			addr += SIM_GRANULE;
			continue;
		}
		while (run < end && sim_tz_readable(run))
			run += SIM_GRANULE;

		s = seal_alloc(addr, (run - addr) / SIM_GRANULE);
		if (!s)
			goto nomem;
		ret = sim_crc_pages(s->start, s->npages, s->crc);
		if (ret) {
			seal_free(s);
			goto nomem;
		}
		list_add_tail(&s->node, list);
		addr = run;
	}

	return 0;

nomem:
	seals_free_list(list);
	return -ENOMEM;
}

static void seals_insert(struct list_head *list)
{
	struct sim_seal *n, *tmp, *s;

	list_for_each_entry_safe(n, tmp, list, node) {
		list_del(&n->node);
		list_for_each_entry(s, &sim_seals, node)
			if (s->start > n->start)
				break;
		list_add_tail(&n->node, &s->node);
	}
}

static unsigned long ledger_outstanding(void)
{
	struct sim_range *r;
	unsigned long pages = 0;

	list_for_each_entry(r, &sim_ledger, node)
		pages += (r->end - r->start) / SIM_GRANULE;

	return pages;
}

static int sim_assign_locked(phys_addr_t addr, size_t size, u64 *srcvm,
			     const struct qcom_scm_vmperm *newvm,
			     unsigned int dest_cnt)
{
	struct sim_range *spare[2] = { NULL, NULL };
	struct sim_seal *seal_spare = NULL;
	struct sim_seal *straddle;
	phys_addr_t end = addr + size;
	LIST_HEAD(new_seals);
	char have[64], want[64];
	phys_addr_t bad;
	u64 bad_owners;
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

	if (sim_fail_count) {
		if (sim_fail_skip) {
			sim_fail_skip--;
		} else {
			sim_fail_count--;
			pr_err("assign [%pa-%pa): failing on request (fault hook)\n",
			       &addr, &end);
			return -(int)sim_fail_errno;
		}
	}

	if (!ledger_match(addr, end, ~0ULL, *srcvm, &bad, &bad_owners)) {
		pr_err("assign [%pa-%pa) from %s: %pa is owned by %s\n",
		       &addr, &end, sim_owner_str(*srcvm, want, sizeof(want)),
		       &bad, sim_owner_str(bad_owners, have, sizeof(have)));
		return -EINVAL;
	}

	/* Allocate everything first: a failed call changes nothing */
	ret = -ENOMEM;
	spare[0] = kzalloc(sizeof(*spare[0]), GFP_KERNEL);
	spare[1] = kzalloc(sizeof(*spare[1]), GFP_KERNEL);
	if (!spare[0] || !spare[1])
		goto out;
	straddle = seal_straddling(addr, end);
	if (straddle) {
		seal_spare = seal_alloc(end, (seal_end(straddle) - end) /
					SIM_GRANULE);
		if (!seal_spare)
			goto out;
	}
	if ((next & SIM_MSA) && !(next & SIM_HLOS)) {
		ret = seals_make(addr, end, &new_seals);
		if (ret)
			goto out;
	}

	ledger_set(addr, end, next, spare);
	seals_drop(addr, end, &seal_spare);
	seals_insert(&new_seals);
	*srcvm = next;
	ret = 0;

out:
	kfree(spare[0]);
	kfree(spare[1]);
	if (seal_spare)
		seal_free(seal_spare);

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
 * by exactly *@srcvm is refused with -EINVAL and nothing changes.  A range
 * that becomes owned by MSS_MSA without HLOS is sealed (see
 * qcom_scm_sim_modem_access()).
 *
 * Context: process context; takes the ledger mutex.
 * Return: 0 with *@srcvm updated to the new owners, or a negative errno.
 */
int qcom_scm_assign_mem(phys_addr_t mem_addr, size_t mem_sz, u64 *srcvm,
			const struct qcom_scm_vmperm *newvm,
			unsigned int dest_cnt)
{
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
 *
 * Context: process context; takes the ledger mutex.
 * Return: 0, -ENODEV when not bound, -ENOMEM.
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
	list_for_each_entry(s, &sim_setups, node)
		if (s->pas_id == pas_id)
			goto found;
	s = kzalloc(sizeof(*s), GFP_KERNEL);
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

static void sim_violation(phys_addr_t start, phys_addr_t end, bool prot,
			  const char *what, const char *rule)
{
	sim_violations++;
	pr_err("XPU violation: modem %s read of [%pa-%pa) (%s): %s\n",
	       prot ? "protected" : "unprotected", &start, &end,
	       what ? what : "?", rule);
}

/* Rule (c): the sealed granules of [start, end) are unchanged */
static int sim_check_seals(phys_addr_t start, phys_addr_t end,
			   phys_addr_t *bad, u32 *want, u32 *got)
{
	struct sim_seal *s;

	list_for_each_entry(s, &sim_seals, node) {
		phys_addr_t lo = max(start, s->start);
		phys_addr_t hi = min(end, seal_end(s));
		unsigned long n, i, k;
		u32 *crc;
		int ret;

		if (lo >= hi)
			continue;
		n = (hi - lo) / SIM_GRANULE;
		k = (lo - s->start) / SIM_GRANULE;
		crc = kvmalloc_array(n, sizeof(*crc), GFP_KERNEL);
		if (!crc)
			return -ENOMEM;
		ret = sim_crc_pages(lo, n, crc);
		for (i = 0; !ret && i < n; i++) {
			if (crc[i] != s->crc[k + i]) {
				*bad = lo + (phys_addr_t)i * SIM_GRANULE;
				*want = s->crc[k + i];
				*got = crc[i];
				ret = 1;
			}
		}
		kvfree(crc);
		if (ret)
			return ret;
	}

	return 0;
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

	if (!ledger_match(g_start, g_end, SIM_MSA, SIM_MSA, &bad, &bad_owners)) {
		snprintf(rule, sizeof(rule),
			 "rule (b): %pa is owned by %s, not MSS_MSA", &bad,
			 sim_owner_str(bad_owners, have, sizeof(have)));
		sim_violation(addr, end, true, what, rule);
		ret = -EPERM;
		goto out;
	}

	ret = sim_check_seals(g_start, g_end, &bad, &want, &got);
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
	struct sim_seal *s;
	int ret = 0;

	if (!sim_range_ok(addr, size))
		return -EINVAL;
	g_start = ALIGN_DOWN(addr, SIM_GRANULE);
	g_end = ALIGN_DOWN(addr + size - 1, SIM_GRANULE) + SIM_GRANULE;

	mutex_lock(&sim_lock);
	list_for_each_entry(s, &sim_seals, node) {
		phys_addr_t lo = max(g_start, s->start);
		phys_addr_t hi = min(g_end, seal_end(s));

		if (lo >= hi)
			continue;
		ret = sim_crc_pages(lo, (hi - lo) / SIM_GRANULE,
				    s->crc + (lo - s->start) / SIM_GRANULE);
		if (ret)
			break;
	}
	mutex_unlock(&sim_lock);

	return ret;
}
EXPORT_SYMBOL_GPL(qcom_scm_sim_modem_wrote);

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
	*owners = ledger_owners_at(g_start);
	if (!ledger_match(g_start, g_end, ~0ULL, *owners, &bad, &bad_owners))
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
 * debugfs
 */

static int ledger_show(struct seq_file *m, void *unused)
{
	struct sim_range *r;

	mutex_lock(&sim_lock);
	list_for_each_entry(r, &sim_ledger, node)
		seq_printf(m, "%#llx %#llx %#llx\n", (u64)r->start,
			   (u64)r->end, r->owners);
	mutex_unlock(&sim_lock);

	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ledger);

static int sealed_show(struct seq_file *m, void *unused)
{
	struct sim_seal *s;

	mutex_lock(&sim_lock);
	list_for_each_entry(s, &sim_seals, node)
		seq_printf(m, "%#llx %#llx\n", (u64)s->start, (u64)seal_end(s));
	mutex_unlock(&sim_lock);

	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sealed);

static int mem_setup_show(struct seq_file *m, void *unused)
{
	struct sim_setup *s;

	mutex_lock(&sim_lock);
	list_for_each_entry(s, &sim_setups, node)
		seq_printf(m, "%u %#llx %#llx\n", s->pas_id, (u64)s->addr,
			   (u64)s->size);
	mutex_unlock(&sim_lock);

	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mem_setup);

static int outstanding_get(void *data, u64 *val)
{
	mutex_lock(&sim_lock);
	*val = ledger_outstanding();
	mutex_unlock(&sim_lock);

	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(outstanding_fops, outstanding_get, NULL, "%llu\n");

/* Counters read under the lock; writing 0 resets them */
static int counter_get(void *data, u64 *val)
{
	mutex_lock(&sim_lock);
	*val = *(u64 *)data;
	mutex_unlock(&sim_lock);

	return 0;
}

static int counter_set(void *data, u64 val)
{
	if (val)
		return -EINVAL;
	mutex_lock(&sim_lock);
	*(u64 *)data = 0;
	mutex_unlock(&sim_lock);

	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(counter_fops, counter_get, counter_set, "%llu\n");

static int knob_get(void *data, u64 *val)
{
	mutex_lock(&sim_lock);
	*val = *(u32 *)data;
	mutex_unlock(&sim_lock);

	return 0;
}

static int knob_set(void *data, u64 val)
{
	if (val > U32_MAX)
		return -EINVAL;
	if (data == &sim_fail_errno && (!val || val > MAX_ERRNO))
		return -EINVAL;
	mutex_lock(&sim_lock);
	*(u32 *)data = val;
	mutex_unlock(&sim_lock);

	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(knob_fops, knob_get, knob_set, "%llu\n");

/* Copy a command from user space and split it into numbers */
static int sim_parse_cmd(const char __user *ubuf, size_t count, u64 *val,
			 int max)
{
	char *buf, *p, *tok;
	int n = 0;
	int ret;

	if (!count || count > SIM_CMD_MAX)
		return -EINVAL;
	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);

	p = strim(buf);
	while ((tok = strsep(&p, " \t\n")) != NULL) {
		if (!*tok)
			continue;
		if (n == max) {
			n = -EINVAL;
			break;
		}
		ret = kstrtoull(tok, 0, &val[n]);
		if (ret) {
			n = ret;
			break;
		}
		n++;
	}
	kfree(buf);

	return n;
}

/* "ADDR SIZE SRC_BITMAP VMID [VMID...]": one qcom_scm_assign_mem() call */
static ssize_t assign_write(struct file *file, const char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	struct qcom_scm_vmperm perm[SIM_MAX_DEST];
	u64 val[3 + SIM_MAX_DEST];
	u64 src;
	int n, i, ret;

	n = sim_parse_cmd(ubuf, count, val, ARRAY_SIZE(val));
	if (n < 0)
		return n;
	if (n < 4)
		return -EINVAL;
	for (i = 3; i < n; i++) {
		if (val[i] >= BITS_PER_TYPE(u64))
			return -EINVAL;
		perm[i - 3].vmid = val[i];
		perm[i - 3].perm = val[i] == QCOM_SCM_VMID_HLOS ?
				   QCOM_SCM_PERM_RWX : QCOM_SCM_PERM_RW;
	}
	if (val[0] != (phys_addr_t)val[0] || val[1] != (size_t)val[1])
		return -EINVAL;
	src = val[2];
	ret = qcom_scm_assign_mem(val[0], val[1], &src, perm, n - 3);

	return ret ? ret : count;
}

static const struct file_operations assign_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = assign_write,
	.llseek = noop_llseek,
};

/* "ADDR SIZE [PROTECTED]": one qcom_scm_sim_modem_access() call */
static ssize_t check_write(struct file *file, const char __user *ubuf,
			   size_t count, loff_t *ppos)
{
	u64 val[3] = { 0, 0, 0 };
	int n, ret;

	n = sim_parse_cmd(ubuf, count, val, ARRAY_SIZE(val));
	if (n < 0)
		return n;
	if (n < 2 || val[2] > 1)
		return -EINVAL;
	if (val[0] != (phys_addr_t)val[0] || val[1] != (size_t)val[1])
		return -EINVAL;
	ret = qcom_scm_sim_modem_access(val[0], val[1], val[2], "debugfs check");

	return ret ? ret : count;
}

static const struct file_operations check_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = check_write,
	.llseek = noop_llseek,
};

/*
 * "ADDR": flip (XOR 0xff) the byte at physical ADDR behind TrustZone's back,
 * as a dirty cache line written back over protected memory would.  Only
 * no-map reserved memory; seals are not updated.
 */
static ssize_t corrupt_write(struct file *file, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	phys_addr_t addr, page;
	u64 val;
	u8 *va;
	int n;

	n = sim_parse_cmd(ubuf, count, &val, 1);
	if (n < 0)
		return n;
	if (n != 1 || val != (phys_addr_t)val)
		return -EINVAL;
	addr = val;
	page = ALIGN_DOWN(addr, SIM_GRANULE);

	mutex_lock(&sim_lock);
	if (!sim_tz_readable(page)) {
		mutex_unlock(&sim_lock);
		return -EINVAL;
	}
	va = memremap(page, SIM_GRANULE, MEMREMAP_WC);
	if (va) {
		va[addr - page] ^= 0xff;
		memunmap(va);
	}
	mutex_unlock(&sim_lock);
	if (!va)
		return -ENOMEM;
	pr_info("corrupted the byte at %pa (fault hook)\n", &addr);

	return count;
}

static const struct file_operations corrupt_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = corrupt_write,
	.llseek = noop_llseek,
};

static void sim_debugfs_init(void)
{
	struct dentry *d = debugfs_create_dir("qcom_scm_sim", NULL);

	sim_debugfs = d;
	debugfs_create_file("ledger", 0444, d, NULL, &ledger_fops);
	debugfs_create_file("sealed", 0444, d, NULL, &sealed_fops);
	debugfs_create_file("mem_setup", 0444, d, NULL, &mem_setup_fops);
	debugfs_create_file_unsafe("outstanding", 0444, d, NULL,
				   &outstanding_fops);
	debugfs_create_file_unsafe("violations", 0644, d, &sim_violations,
				   &counter_fops);
	debugfs_create_file_unsafe("assign_calls", 0644, d, &sim_assign_calls,
				   &counter_fops);
	debugfs_create_file_unsafe("assign_failures", 0644, d,
				   &sim_assign_failures, &counter_fops);
	debugfs_create_file_unsafe("fail_assign", 0644, d, &sim_fail_count,
				   &knob_fops);
	debugfs_create_file_unsafe("fail_assign_skip", 0644, d,
				   &sim_fail_skip, &knob_fops);
	debugfs_create_file_unsafe("fail_assign_errno", 0644, d,
				   &sim_fail_errno, &knob_fops);
	debugfs_create_file("assign", 0200, d, NULL, &assign_fops);
	debugfs_create_file("check", 0200, d, NULL, &check_fops);
	debugfs_create_file("corrupt", 0200, d, NULL, &corrupt_fops);
}

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
	pages = ledger_outstanding();
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

	sim_debugfs_init();
	ret = platform_driver_register(&scm_sim_driver);
	if (ret)
		debugfs_remove_recursive(sim_debugfs);

	return ret;
}
module_init(scm_sim_init);

static void __exit scm_sim_exit(void)
{
	struct sim_setup *su, *su_tmp;
	struct sim_range *r, *tmp;
	unsigned long pages;

	platform_driver_unregister(&scm_sim_driver);
	debugfs_remove_recursive(sim_debugfs);

	mutex_lock(&sim_lock);
	pages = ledger_outstanding();
	list_for_each_entry_safe(r, tmp, &sim_ledger, node) {
		list_del(&r->node);
		kfree(r);
	}
	seals_free_list(&sim_seals);
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
