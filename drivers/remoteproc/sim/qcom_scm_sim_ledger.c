// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated TrustZone: the ownership ledger and the seals.
 *
 * The ledger keeps physical memory in 4 KiB granules.  Every granule
 * starts owned by HLOS alone; only the ranges owned otherwise are stored,
 * sorted, split and merged as assignments change.
 *
 * A seal is the CRC32 of every granule TrustZone can read as DRAM (no-map
 * reserved memory), taken when a range becomes the modem's alone.  The
 * seals are checked when the modem reads the range and when Linux takes it
 * back, so a CPU write in between is seen whether or not the modem reads
 * the range again.
 *
 * Nothing here locks: the caller holds sim_lock (the KUnit suite uses a
 * ledger of its own).
 */

#include <kunit/visibility.h>
#include <linux/crc32.h>
#include <linux/ioport.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "qcom_scm_sim_priv.h"

#define SIM_MAP_WINDOW	SZ_1M	/* largest temporary TrustZone mapping */

/**
 * sim_ledger_init() - an empty ledger: everything is HLOS's alone
 * @l: the ledger
 */
void sim_ledger_init(struct sim_ledger *l)
{
	INIT_LIST_HEAD(&l->ranges);
	INIT_LIST_HEAD(&l->seals);
}
EXPORT_SYMBOL_IF_KUNIT(sim_ledger_init);

/**
 * sim_ledger_destroy() - free every range and seal
 * @l: the ledger, empty afterwards
 */
void sim_ledger_destroy(struct sim_ledger *l)
{
	struct sim_range *r, *tmp;

	list_for_each_entry_safe(r, tmp, &l->ranges, node) {
		list_del(&r->node);
		kfree(r);
	}
	sim_seals_free_list(&l->seals);
}
EXPORT_SYMBOL_IF_KUNIT(sim_ledger_destroy);

/**
 * sim_ledger_match() - do all owners of a range satisfy a mask
 * @l: the ledger
 * @start: first byte, granule aligned
 * @end: first byte after the range, granule aligned
 * @mask: bits of the owner bitmap to compare
 * @value: what they must be
 * @bad: set to the first granule that does not match
 * @bad_owners: set to its owners
 *
 * Return: true if every granule's owners satisfy (owners & @mask) == @value.
 */
bool sim_ledger_match(const struct sim_ledger *l, phys_addr_t start,
		      phys_addr_t end, u64 mask, u64 value, phys_addr_t *bad,
		      u64 *bad_owners)
{
	struct sim_range *r;
	phys_addr_t cur = start;

	list_for_each_entry(r, &l->ranges, node) {
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
EXPORT_SYMBOL_IF_KUNIT(sim_ledger_match);

/**
 * sim_ledger_owners_at() - owners of one granule
 * @l: the ledger
 * @addr: any byte of the granule
 *
 * Return: the owner bitmap.
 */
u64 sim_ledger_owners_at(const struct sim_ledger *l, phys_addr_t addr)
{
	struct sim_range *r;

	list_for_each_entry(r, &l->ranges, node) {
		if (r->start > addr)
			break;
		if (r->end > addr)
			return r->owners;
	}

	return SIM_HLOS;
}
EXPORT_SYMBOL_IF_KUNIT(sim_ledger_owners_at);

/**
 * sim_ledger_outstanding() - granules not owned by HLOS alone
 * @l: the ledger
 *
 * Return: their number.
 */
unsigned long sim_ledger_outstanding(const struct sim_ledger *l)
{
	struct sim_range *r;
	unsigned long pages = 0;

	list_for_each_entry(r, &l->ranges, node)
		pages += (r->end - r->start) / SIM_GRANULE;

	return pages;
}
EXPORT_SYMBOL_IF_KUNIT(sim_ledger_outstanding);

/**
 * sim_ledger_nr_ranges() - entries of the ledger
 * @l: the ledger
 *
 * Return: their number; a change adds at most two.
 */
unsigned int sim_ledger_nr_ranges(const struct sim_ledger *l)
{
	struct sim_range *r;
	unsigned int n = 0;

	list_for_each_entry(r, &l->ranges, node)
		n++;

	return n;
}
EXPORT_SYMBOL_IF_KUNIT(sim_ledger_nr_ranges);

/* The seal that covers both sides of [start, end), if any */
static struct sim_seal *seal_straddling(const struct sim_ledger *l,
					phys_addr_t start, phys_addr_t end)
{
	struct sim_seal *s;

	list_for_each_entry(s, &l->seals, node)
		if (s->start < start && sim_seal_end(s) > end)
			return s;

	return NULL;
}

/**
 * sim_ledger_prepare() - allocate what changing a range may need
 * @l: the ledger
 * @start: first byte of the range
 * @end: first byte after it
 * @spare: filled in; release with sim_ledger_release()
 *
 * Return: 0 or -ENOMEM (then nothing is allocated).
 */
int sim_ledger_prepare(const struct sim_ledger *l, phys_addr_t start,
		       phys_addr_t end, struct sim_ledger_spare *spare)
{
	struct sim_seal *straddle;

	memset(spare, 0, sizeof(*spare));
	spare->range[0] = kzalloc_obj(*spare->range[0]);
	spare->range[1] = kzalloc_obj(*spare->range[1]);
	if (!spare->range[0] || !spare->range[1])
		goto nomem;
	straddle = seal_straddling(l, start, end);
	if (straddle) {
		spare->seal = sim_seal_alloc(end, (sim_seal_end(straddle) - end) /
					     SIM_GRANULE);
		if (!spare->seal)
			goto nomem;
	}

	return 0;

nomem:
	sim_ledger_release(spare);
	return -ENOMEM;
}
EXPORT_SYMBOL_IF_KUNIT(sim_ledger_prepare);

/**
 * sim_ledger_release() - free the spares a change did not use
 * @spare: from sim_ledger_prepare()
 */
void sim_ledger_release(struct sim_ledger_spare *spare)
{
	kfree(spare->range[0]);
	kfree(spare->range[1]);
	if (spare->seal)
		sim_seal_free(spare->seal);
	memset(spare, 0, sizeof(*spare));
}
EXPORT_SYMBOL_IF_KUNIT(sim_ledger_release);

/* Set [start, end) to @owners; @spare holds two preallocated entries */
static void ledger_set(struct sim_ledger *l, phys_addr_t start,
		       phys_addr_t end, u64 owners, struct sim_range **spare)
{
	struct sim_range *r, *tmp, *n;

	list_for_each_entry_safe(r, tmp, &l->ranges, node) {
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
		list_for_each_entry(r, &l->ranges, node)
			if (r->start >= end)
				break;
		list_add_tail(&n->node, &r->node);
	}

	/* Merge neighbours with the same owners */
	list_for_each_entry_safe(r, tmp, &l->ranges, node) {
		if (list_entry_is_head(tmp, &l->ranges, node))
			break;
		if (r->end == tmp->start && r->owners == tmp->owners) {
			tmp->start = r->start;
			list_del(&r->node);
			kfree(r);
		}
	}
}

static void seals_insert(struct sim_ledger *l, struct list_head *list)
{
	struct sim_seal *n, *tmp, *s;

	list_for_each_entry_safe(n, tmp, list, node) {
		list_del(&n->node);
		list_for_each_entry(s, &l->seals, node)
			if (s->start > n->start)
				break;
		list_add_tail(&n->node, &s->node);
	}
}

/**
 * sim_ledger_commit() - change the owners of a range; cannot fail
 * @l: the ledger
 * @start: first byte of the range, granule aligned
 * @end: first byte after it, granule aligned
 * @owners: the new owners
 * @spare: from sim_ledger_prepare() for the same range
 * @new_seals: seals of the range to keep (sim_seals_make()), or NULL;
 *	moved into the ledger
 *
 * The seals over the range are dropped and replaced by @new_seals.
 */
void sim_ledger_commit(struct sim_ledger *l, phys_addr_t start,
		       phys_addr_t end, u64 owners,
		       struct sim_ledger_spare *spare,
		       struct list_head *new_seals)
{
	ledger_set(l, start, end, owners, spare->range);
	sim_seals_drop(l, start, end, &spare->seal);
	if (new_seals)
		seals_insert(l, new_seals);
}
EXPORT_SYMBOL_IF_KUNIT(sim_ledger_commit);

/**
 * sim_seal_free() - free a seal not (or no longer) in a ledger
 * @s: the seal
 */
void sim_seal_free(struct sim_seal *s)
{
	kvfree(s->crc);
	kfree(s);
}
EXPORT_SYMBOL_IF_KUNIT(sim_seal_free);

/**
 * sim_seal_alloc() - a seal with room for its CRCs
 * @start: first byte
 * @npages: number of granules
 *
 * Return: the seal, its CRCs uninitialised, or NULL.
 */
struct sim_seal *sim_seal_alloc(phys_addr_t start, unsigned long npages)
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
EXPORT_SYMBOL_IF_KUNIT(sim_seal_alloc);

/**
 * sim_seals_free_list() - free a list of seals
 * @list: empty afterwards
 */
void sim_seals_free_list(struct list_head *list)
{
	struct sim_seal *s, *tmp;

	list_for_each_entry_safe(s, tmp, list, node) {
		list_del(&s->node);
		sim_seal_free(s);
	}
}
EXPORT_SYMBOL_IF_KUNIT(sim_seals_free_list);

/**
 * sim_seals_drop() - forget the seals over a range
 * @l: the ledger
 * @start: first byte, granule aligned
 * @end: first byte after the range, granule aligned
 * @spare: a seal for the right part if one seal covers both sides of the
 *	range (see sim_ledger_prepare()); set to NULL once used
 */
void sim_seals_drop(struct sim_ledger *l, phys_addr_t start, phys_addr_t end,
		    struct sim_seal **spare)
{
	struct sim_seal *s, *tmp;
	unsigned long k;

	list_for_each_entry_safe(s, tmp, &l->seals, node) {
		phys_addr_t s_end = sim_seal_end(s);

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
			sim_seal_free(s);
		}
	}
}
EXPORT_SYMBOL_IF_KUNIT(sim_seals_drop);

/**
 * sim_tz_readable() - can TrustZone read this granule as DRAM
 * @addr: any byte of the granule
 *
 * Only no-map reserved memory qualifies: RAM with a struct page but no
 * linear mapping, and not System RAM as far as memremap() is concerned,
 * so reading it disturbs nothing.
 *
 * Return: true if it can.
 */
bool sim_tz_readable(phys_addr_t addr)
{
	unsigned long pfn = PHYS_PFN(addr);

	return pfn_valid(pfn) && !pfn_is_map_memory(pfn) &&
	       region_intersects(addr, SIM_GRANULE, IORESOURCE_SYSTEM_RAM,
				 IORES_DESC_NONE) == REGION_DISJOINT;
}

/*
 * CRC32 of @npages granules from @start, all TrustZone readable, through
 * TrustZone's own (exempt) mappings.
 */
static int sim_crc_pages(phys_addr_t start, unsigned long npages, u32 *crc)
{
	while (npages) {
		unsigned long n = min_t(unsigned long, npages,
					SIM_MAP_WINDOW / SIM_GRANULE);
		unsigned long i;
		void *va;

		va = qcom_scm_sim_bus_map(start, n * SIM_GRANULE, false);
		if (!va)
			return -ENOMEM;
		for (i = 0; i < n; i++)
			crc[i] = crc32_le(~0, va + i * SIM_GRANULE, SIM_GRANULE);
		qcom_scm_sim_bus_unmap(va);
		start += (phys_addr_t)n * SIM_GRANULE;
		crc += n;
		npages -= n;
	}

	return 0;
}

/**
 * sim_seals_make() - seal the TrustZone-readable runs of a range
 * @start: first byte, granule aligned
 * @end: first byte after the range, granule aligned
 * @list: the new seals are added here, in address order
 *
 * Return: 0 or -ENOMEM (then @list is emptied).
 */
int sim_seals_make(phys_addr_t start, phys_addr_t end, struct list_head *list)
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

		s = sim_seal_alloc(addr, (run - addr) / SIM_GRANULE);
		if (!s)
			goto nomem;
		ret = sim_crc_pages(s->start, s->npages, s->crc);
		if (ret) {
			sim_seal_free(s);
			goto nomem;
		}
		list_add_tail(&s->node, list);
		addr = run;
	}

	return 0;

nomem:
	sim_seals_free_list(list);
	return -ENOMEM;
}

/**
 * sim_seals_check() - do the sealed granules of a range still match
 * @l: the ledger
 * @start: first byte, granule aligned
 * @end: first byte after the range, granule aligned
 * @bad: set to the first granule that changed
 * @want: set to its sealed CRC
 * @got: set to its CRC now
 *
 * Return: 0 if all match, 1 if one changed, -ENOMEM.
 */
int sim_seals_check(const struct sim_ledger *l, phys_addr_t start,
		    phys_addr_t end, phys_addr_t *bad, u32 *want, u32 *got)
{
	struct sim_seal *s;

	list_for_each_entry(s, &l->seals, node) {
		phys_addr_t lo = max(start, s->start);
		phys_addr_t hi = min(end, sim_seal_end(s));
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
 * sim_seals_refresh() - re-seal the sealed granules of a range
 * @l: the ledger
 * @start: first byte, granule aligned
 * @end: first byte after the range, granule aligned
 *
 * Return: 0 or -ENOMEM.
 */
int sim_seals_refresh(struct sim_ledger *l, phys_addr_t start,
		      phys_addr_t end)
{
	struct sim_seal *s;
	int ret;

	list_for_each_entry(s, &l->seals, node) {
		phys_addr_t lo = max(start, s->start);
		phys_addr_t hi = min(end, sim_seal_end(s));

		if (lo >= hi)
			continue;
		ret = sim_crc_pages(lo, (hi - lo) / SIM_GRANULE,
				    s->crc + (lo - s->start) / SIM_GRANULE);
		if (ret)
			return ret;
	}

	return 0;
}
