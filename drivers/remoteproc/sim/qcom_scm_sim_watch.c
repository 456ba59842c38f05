// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated TrustZone: CPU mappings of memory the modem alone owns.
 *
 * On a fused device the XPU in front of DDR faults any CPU access to
 * memory assigned to MSS_MSA without HLOS, and a kernel mapping of it is
 * enough for one: the CPU may fetch or write back a line through it at
 * any time (the 2022 metadata failure was a cacheable linear alias).  So:
 *
 * - at every assign that leaves a range the modem's alone, each page of
 *   it that the kernel maps linearly is a violation (rule cpu-linear), and
 *   so is each live mapping of its other pages found by walking the page
 *   tables of the vmalloc area (rule cpu-map);
 *
 * - for as long as it stays so, creating a mapping of it is a violation
 *   (rule cpu-map): kprobes on __ioremap_prot() (ioremap, ioremap_wc,
 *   ioremap_cache and memremap of memory without a linear mapping all end
 *   there on arm64) and on vmap().  Their handlers run in atomic context,
 *   so they look at a snapshot of the modem-only ranges kept under a raw
 *   spinlock and replaced on every ledger change.
 *
 * Exempt are the modem's own bus reads and TrustZone's own mappings: a
 * "bus" slot names the task and the physical range, and once mapped the
 * virtual range.  qcom_scm_sim_bus_map() makes one explicitly; a read the
 * XPU model allowed (qcom_scm_sim_modem_access()) grants the calling task
 * one mapping of the range, which ends at its vunmap().
 *
 * The page table walk starts from TTBR1_EL1, the kernel's own page table
 * (swapper_pg_dir; init_mm is not exported), and reads it without locks:
 * the rig boots with nohugeiomap nohugevmalloc, so the vmalloc area never
 * frees a page table.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/io.h>
#include <linux/jiffies.h>
#include <linux/kprobes.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/sizes.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include <asm/sysreg.h>

#include "qcom_scm_sim_priv.h"

#define SIM_BUS_SLOTS	16
#define SIM_GRANT_TTL	HZ	/* a granted mapping must follow the read */
#define SIM_WALK_REPORTS 4	/* mappings logged per assign, all counted */

/**
 * struct sim_bus - a mapping the XPU model exempts
 * @task: who maps; NULL for a free slot
 * @start: first byte of the physical range, page aligned
 * @end: first byte after it, page aligned
 * @va: start of the virtual range once mapped
 * @va_end: first byte after it
 * @expires: a grant not mapped by then is void
 * @grant: made by an allowed modem read; ends at the vunmap() of @va
 * @claimed: an ioremap of it is under way (@va not known yet)
 * @mapped: @va and @va_end are valid
 */
struct sim_bus {
	struct task_struct *task;
	phys_addr_t start;
	phys_addr_t end;
	unsigned long va;
	unsigned long va_end;
	unsigned long expires;
	bool grant;
	bool claimed;
	bool mapped;
};

/* Taken in kprobe handlers: never call a probed function under it */
static DEFINE_RAW_SPINLOCK(sim_watch_lock);
static struct sim_snapshot *sim_snap;
static struct sim_bus sim_bus[SIM_BUS_SLOTS];
static bool sim_walk_ok;

/* ------------------------------------------------------------------------
 * Snapshot and slots; sim_watch_lock held
 */

/* The first modem-only range overlapping [start, end), clipped to it */
static bool sim_snap_hit(phys_addr_t start, phys_addr_t end,
			 phys_addr_t *lo, phys_addr_t *hi)
{
	unsigned int i;

	if (!sim_snap)
		return false;
	for (i = 0; i < sim_snap->n; i++) {
		if (sim_snap->r[i].end <= start)
			continue;
		if (sim_snap->r[i].start >= end)
			break;
		*lo = max(start, sim_snap->r[i].start);
		*hi = min(end, sim_snap->r[i].end);
		return true;
	}

	return false;
}

static bool sim_bus_void(const struct sim_bus *b)
{
	return b->grant && !b->mapped && !b->claimed &&
	       time_after(jiffies, b->expires);
}

static int sim_bus_alloc(phys_addr_t start, phys_addr_t end, bool grant)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sim_bus); i++) {
		struct sim_bus *b = &sim_bus[i];

		if (b->task && !sim_bus_void(b))
			continue;
		memset(b, 0, sizeof(*b));
		b->task = current;
		b->start = start;
		b->end = end;
		b->grant = grant;
		b->expires = jiffies + SIM_GRANT_TTL;
		return i;
	}

	return -ENOSPC;
}

/*
 * A slot of the current task waiting for a mapping inside it; explicit
 * bus mappings first, so that TrustZone's own mapping during a modem read
 * check does not use up a grant.
 */
static int sim_bus_claim(phys_addr_t start, phys_addr_t end)
{
	unsigned int i, pass;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < ARRAY_SIZE(sim_bus); i++) {
			struct sim_bus *b = &sim_bus[i];

			if (b->task != current || b->grant != pass ||
			    b->claimed || b->mapped || sim_bus_void(b) ||
			    start < b->start || end > b->end)
				continue;
			b->claimed = true;
			return i;
		}
	}

	return -ENOENT;
}

/* Is the mapping of @phys at @va one of the exempt ones */
static bool sim_bus_exempt(unsigned long va, phys_addr_t phys)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sim_bus); i++) {
		const struct sim_bus *b = &sim_bus[i];

		if (!b->task)
			continue;
		if (b->mapped && va >= b->va && va < b->va_end)
			return true;
		/* being mapped: the page tables are there before @va is */
		if (b->claimed && phys >= b->start && phys < b->end)
			return true;
	}

	return false;
}

/* May the current task map @phys (vmap() has no range to claim) */
static bool sim_bus_covers(phys_addr_t phys)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sim_bus); i++) {
		const struct sim_bus *b = &sim_bus[i];

		if (b->task == current && !sim_bus_void(b) &&
		    phys >= b->start && phys < b->end)
			return true;
	}

	return false;
}

/* ------------------------------------------------------------------------
 * kprobes
 */

/**
 * struct sim_ioremap_call - one __ioremap_prot() call of an exempt mapping
 * @slot: the sim_bus slot it claimed
 * @size: page-aligned size of the mapping
 */
struct sim_ioremap_call {
	int slot;
	size_t size;
};

/* __ioremap_prot(phys_addr_t phys, size_t size, pgprot_t prot) */
static int sim_ioremap_entry(struct kretprobe_instance *ri,
			     struct pt_regs *regs)
{
	struct sim_ioremap_call *call = (void *)ri->data;
	phys_addr_t phys = regs->regs[0];
	size_t size = regs->regs[1];
	phys_addr_t start, end, lo = 0, hi = 0;
	unsigned long flags;
	bool hit = false;
	int slot;

	if (!sim_range_ok(phys, size) || phys + size > PHYS_ADDR_MAX - PAGE_SIZE)
		return 1;
	start = ALIGN_DOWN(phys, PAGE_SIZE);
	end = PAGE_ALIGN(phys + size);

	raw_spin_lock_irqsave(&sim_watch_lock, flags);
	slot = sim_bus_claim(start, end);
	if (slot < 0)
		hit = sim_snap_hit(start, end, &lo, &hi);
	raw_spin_unlock_irqrestore(&sim_watch_lock, flags);

	if (slot >= 0) {
		call->slot = slot;
		call->size = end - start;
		return 0;
	}
	if (hit)
		sim_report(SIM_RULE_CPU_MAP, lo, hi,
			   "new CPU mapping of the modem's memory: ioremap of [%pa-%pa) by %s[%d]",
			   &start, &end, current->comm, task_pid_nr(current));

	return 1;	/* no return handler */
}

static int sim_ioremap_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct sim_ioremap_call *call = (void *)ri->data;
	unsigned long va = regs_return_value(regs);
	struct sim_bus *b = &sim_bus[call->slot];
	unsigned long flags;

	raw_spin_lock_irqsave(&sim_watch_lock, flags);
	if (b->task == current && b->claimed) {
		b->claimed = false;
		if (va) {
			b->va = va & PAGE_MASK;
			b->va_end = b->va + call->size;
			b->mapped = true;
		}
	}
	raw_spin_unlock_irqrestore(&sim_watch_lock, flags);

	return 0;
}

static struct kretprobe sim_ioremap_probe = {
	.kp.symbol_name = "__ioremap_prot",
	.entry_handler = sim_ioremap_entry,
	.handler = sim_ioremap_ret,
	.data_size = sizeof(struct sim_ioremap_call),
	.maxactive = 16,
};

/* vmap(struct page **pages, unsigned int count, ...) */
static int sim_vmap_pre(struct kprobe *p, struct pt_regs *regs)
{
	struct page **pages = (struct page **)regs->regs[0];
	unsigned int count = regs->regs[1];
	phys_addr_t phys = 0, lo = 0, hi = 0;
	unsigned long flags;
	bool hit = false;
	unsigned int i;

	raw_spin_lock_irqsave(&sim_watch_lock, flags);
	for (i = 0; sim_snap && sim_snap->n && i < count; i++) {
		phys = page_to_phys(pages[i]);
		if (sim_snap_hit(phys, phys + PAGE_SIZE, &lo, &hi) &&
		    !sim_bus_covers(phys)) {
			hit = true;
			break;
		}
	}
	raw_spin_unlock_irqrestore(&sim_watch_lock, flags);

	if (hit)
		sim_report(SIM_RULE_CPU_MAP, lo, hi,
			   "new CPU mapping of the modem's memory: vmap of %u pages (page %u at %pa) by %s[%d]",
			   count, i, &phys, current->comm, task_pid_nr(current));

	return 0;
}

static struct kprobe sim_vmap_probe = {
	.symbol_name = "vmap",
	.pre_handler = sim_vmap_pre,
};

/* vunmap(const void *addr): the end of a granted mapping */
static int sim_vunmap_pre(struct kprobe *p, struct pt_regs *regs)
{
	unsigned long va = regs->regs[0] & PAGE_MASK;
	unsigned long flags;
	unsigned int i;

	raw_spin_lock_irqsave(&sim_watch_lock, flags);
	for (i = 0; i < ARRAY_SIZE(sim_bus); i++) {
		struct sim_bus *b = &sim_bus[i];

		if (b->task && b->grant && b->mapped && b->va == va)
			memset(b, 0, sizeof(*b));
	}
	raw_spin_unlock_irqrestore(&sim_watch_lock, flags);

	return 0;
}

static struct kprobe sim_vunmap_probe = {
	.symbol_name = "vunmap",
	.pre_handler = sim_vunmap_pre,
};

/* ------------------------------------------------------------------------
 * Page table walk of the vmalloc area
 */

struct sim_walk;
typedef void (*sim_leaf_fn)(struct sim_walk *w, unsigned long va,
			    unsigned long size, unsigned long pfn);

/**
 * struct sim_walk - a walk and what it found
 * @leaf: called for each valid leaf entry
 * @s_pfn: first page frame looked for
 * @e_pfn: first page frame after them
 * @run_va: start of the mapping being gathered (0: none)
 * @run_end: its end
 * @run_pfn: its first page frame in [@s_pfn, @e_pfn)
 * @found: mappings found
 * @va: the address looked up (self test)
 * @pfn: what it maps to, or ULONG_MAX (self test)
 */
struct sim_walk {
	sim_leaf_fn leaf;
	unsigned long s_pfn;
	unsigned long e_pfn;
	unsigned long run_va;
	unsigned long run_end;
	unsigned long run_pfn;
	unsigned long found;
	unsigned long va;
	unsigned long pfn;
};

/* The kernel's top-level page table, from TTBR1_EL1 */
static pgd_t *sim_kernel_pgd(void)
{
	u64 ttbr = read_sysreg(ttbr1_el1) & ~TTBR_ASID_MASK;
	phys_addr_t pa = ttbr & GENMASK_ULL(47, 6);

	/* phys_to_ttbr() keeps PA[51:48] in BADDR[5:2] */
	if (IS_ENABLED(CONFIG_ARM64_PA_BITS_52))
		pa |= (ttbr & GENMASK_ULL(5, 2)) << 46;

	return (pgd_t *)PTR_ALIGN_DOWN(phys_to_virt(pa), PAGE_SIZE);
}

static void sim_walk_pte(struct sim_walk *w, pmd_t *pmdp, unsigned long addr,
			 unsigned long end)
{
	pte_t *ptep = pte_offset_kernel(pmdp, addr);

	do {
		pte_t pte = ptep_get(ptep);

		if (pte_present(pte))
			w->leaf(w, addr, PAGE_SIZE, pte_pfn(pte));
	} while (ptep++, addr += PAGE_SIZE, addr != end);
}

static void sim_walk_pmd(struct sim_walk *w, pud_t *pudp, unsigned long addr,
			 unsigned long end)
{
	pmd_t *pmdp = pmd_offset(pudp, addr);
	unsigned long next;

	do {
		pmd_t pmd = pmdp_get(pmdp);

		next = pmd_addr_end(addr, end);
		if (pmd_none(pmd))
			continue;
		if (pmd_leaf(pmd))
			w->leaf(w, addr, next - addr, pmd_pfn(pmd) +
				((addr & ~PMD_MASK) >> PAGE_SHIFT));
		else if (!pmd_bad(pmd))
			sim_walk_pte(w, pmdp, addr, next);
	} while (pmdp++, addr = next, addr != end);
}

static void sim_walk_pud(struct sim_walk *w, p4d_t *p4dp, unsigned long addr,
			 unsigned long end)
{
	pud_t *pudp = pud_offset(p4dp, addr);
	unsigned long next;

	do {
		pud_t pud = pudp_get(pudp);

		next = pud_addr_end(addr, end);
		if (pud_none(pud))
			continue;
		if (pud_leaf(pud))
			w->leaf(w, addr, next - addr, pud_pfn(pud) +
				((addr & ~PUD_MASK) >> PAGE_SHIFT));
		else if (!pud_bad(pud))
			sim_walk_pmd(w, pudp, addr, next);
		cond_resched();
	} while (pudp++, addr = next, addr != end);
}

static void sim_walk_p4d(struct sim_walk *w, pgd_t *pgdp, unsigned long addr,
			 unsigned long end)
{
	p4d_t *p4dp = p4d_offset(pgdp, addr);
	unsigned long next;

	do {
		p4d_t p4d = p4dp_get(p4dp);

		next = p4d_addr_end(addr, end);
		if (p4d_none(p4d) || p4d_bad(p4d))
			continue;
		sim_walk_pud(w, p4dp, addr, next);
	} while (p4dp++, addr = next, addr != end);
}

static void sim_walk(struct sim_walk *w, unsigned long addr, unsigned long end)
{
	pgd_t *pgdp = pgd_offset_pgd(sim_kernel_pgd(), addr);
	unsigned long next;

	do {
		pgd_t pgd = pgdp_get(pgdp);

		next = pgd_addr_end(addr, end);
		if (pgd_none(pgd) || pgd_bad(pgd))
			continue;
		sim_walk_p4d(w, pgdp, addr, next);
	} while (pgdp++, addr = next, addr != end);
}

static void sim_lookup_leaf(struct sim_walk *w, unsigned long va,
			    unsigned long size, unsigned long pfn)
{
	if (w->va >= va && w->va - va < size)
		w->pfn = pfn + ((w->va - va) >> PAGE_SHIFT);
}

/*
 * The walk must see what the MMU sees: look up a vmalloc page of our own
 * and compare with vmalloc_to_pfn(), which walks init_mm.
 */
static int sim_walk_selftest(void)
{
	struct sim_walk w = { .leaf = sim_lookup_leaf, .pfn = ULONG_MAX };
	void *p = vmalloc(PAGE_SIZE);
	unsigned long want;

	if (!p)
		return -ENOMEM;
	w.va = (unsigned long)p;
	want = vmalloc_to_pfn(p);
	sim_walk(&w, w.va, w.va + PAGE_SIZE);
	vfree(p);
	if (w.pfn != want) {
		pr_err("page table walk from TTBR1_EL1 finds pfn %#lx for a vmalloc page of pfn %#lx\n",
		       w.pfn, want);
		return -EINVAL;
	}

	return 0;
}

static void sim_map_flush(struct sim_walk *w)
{
	phys_addr_t pa = PFN_PHYS(w->run_pfn);

	if (!w->run_va)
		return;
	if (w->found++ < SIM_WALK_REPORTS) {
		sim_report(SIM_RULE_CPU_MAP, PFN_PHYS(w->s_pfn),
			   PFN_PHYS(w->e_pfn),
			   "assigned to the modem alone with a live CPU mapping (%lu KiB, first page %pa)",
			   (w->run_end - w->run_va) / SZ_1K, &pa);
	} else {
		/* counted, not logged: the first ones tell the story */
		atomic64_inc(&sim_rule_count[SIM_RULE_CPU_MAP]);
		atomic64_inc(&sim_violations);
	}
	w->run_va = 0;
}

static void sim_map_leaf(struct sim_walk *w, unsigned long va,
			 unsigned long size, unsigned long pfn)
{
	unsigned long lo = max(pfn, w->s_pfn);
	unsigned long hi = min(pfn + (size >> PAGE_SHIFT), w->e_pfn);
	unsigned long flags;
	bool exempt;

	/* Pages with a linear alias count once, as rule cpu-linear */
	while (lo < hi && pfn_is_map_memory(lo))
		lo++;
	if (lo >= hi)
		return;

	va += (lo - pfn) << PAGE_SHIFT;
	raw_spin_lock_irqsave(&sim_watch_lock, flags);
	exempt = sim_bus_exempt(va, PFN_PHYS(lo));
	raw_spin_unlock_irqrestore(&sim_watch_lock, flags);
	if (exempt)
		return;

	if (w->run_va && w->run_end == va) {
		w->run_end = va + ((hi - lo) << PAGE_SHIFT);
		return;
	}
	sim_map_flush(w);
	w->run_va = va;
	w->run_end = va + ((hi - lo) << PAGE_SHIFT);
	w->run_pfn = lo;
}

/**
 * sim_watch_check_assign() - no CPU mapping of what the modem now owns
 * @start: first byte of a range just assigned to the modem alone
 * @end: first byte after it
 *
 * Reports each page with a linear mapping (rule cpu-linear, once per
 * call) and each live mapping of the other pages in the vmalloc area
 * (rule cpu-map).
 *
 * Context: process context, sim_lock held.
 */
void sim_watch_check_assign(phys_addr_t start, phys_addr_t end)
{
	struct sim_walk w = {
		.leaf = sim_map_leaf,
		.s_pfn = PHYS_PFN(start),
		.e_pfn = PHYS_PFN(end - 1) + 1,
	};
	unsigned long pfn, linear = 0, first = 0;
	phys_addr_t pa;

	lockdep_assert_held(&sim_lock);

	for (pfn = w.s_pfn; pfn < w.e_pfn; pfn++) {
		if (!pfn_is_map_memory(pfn))
			continue;
		if (!linear++)
			first = pfn;
	}
	if (linear) {
		pa = PFN_PHYS(first);
		sim_report(SIM_RULE_CPU_LINEAR, start, end,
			   "assigned to the modem alone with %lu pages in the CPU's linear (cacheable) map, first %pa",
			   linear, &pa);
	}

	if (sim_walk_ok) {
		sim_walk(&w, VMALLOC_START, VMALLOC_END);
		sim_map_flush(&w);
	}
}

/* ------------------------------------------------------------------------
 * Snapshot updates, grants and bus mappings
 */

/**
 * sim_watch_snapshot_alloc() - room for a snapshot
 * @max: most ranges it must hold
 *
 * Return: the snapshot or NULL.
 */
struct sim_snapshot *sim_watch_snapshot_alloc(unsigned int max)
{
	struct sim_snapshot *snap;

	return kmalloc(struct_size(snap, r, max), GFP_KERNEL);
}

/**
 * sim_watch_update() - the kprobes see the ledger as it is now
 * @l: the ledger
 * @snap: from sim_watch_snapshot_alloc() with room for every entry of
 *	@l; the watch owns it afterwards
 *
 * Context: sim_lock held.
 */
void sim_watch_update(const struct sim_ledger *l, struct sim_snapshot *snap)
{
	struct sim_snapshot *old;
	struct sim_range *r;
	unsigned long flags;
	unsigned int n = 0;

	lockdep_assert_held(&sim_lock);

	list_for_each_entry(r, &l->ranges, node) {
		if (!sim_modem_only(r->owners))
			continue;
		if (n && snap->r[n - 1].end == r->start) {
			snap->r[n - 1].end = r->end;
			continue;
		}
		snap->r[n].start = r->start;
		snap->r[n].end = r->end;
		n++;
	}
	snap->n = n;

	raw_spin_lock_irqsave(&sim_watch_lock, flags);
	old = sim_snap;
	sim_snap = snap;
	raw_spin_unlock_irqrestore(&sim_watch_lock, flags);
	kfree(old);
}

/**
 * sim_watch_grant() - let the current task map a range once, as the modem
 * @start: first byte, granule aligned
 * @end: first byte after the range, granule aligned
 *
 * An unused earlier grant of the task is dropped: the modem reads one
 * range at a time.
 */
void sim_watch_grant(phys_addr_t start, phys_addr_t end)
{
	unsigned long flags;
	unsigned int i;
	int slot;

	raw_spin_lock_irqsave(&sim_watch_lock, flags);
	for (i = 0; i < ARRAY_SIZE(sim_bus); i++) {
		struct sim_bus *b = &sim_bus[i];

		if (b->task == current && b->grant && !b->mapped && !b->claimed)
			memset(b, 0, sizeof(*b));
	}
	slot = sim_bus_alloc(start, end, true);
	raw_spin_unlock_irqrestore(&sim_watch_lock, flags);

	if (slot < 0)
		pr_err("simulator: no free bus slot for a modem read of [%pa-%pa)\n",
		       &start, &end);
}

/**
 * qcom_scm_sim_bus_map() - map memory as the modem's bus sees it
 * @addr: first byte
 * @size: number of bytes
 * @wb: map write-back cacheable (memremap() MEMREMAP_WB) rather than
 *	write-combined (MEMREMAP_WC)
 *
 * The simulated modem reads its memory through such a mapping (after
 * qcom_scm_sim_modem_access() allowed the read), and TrustZone reads it
 * to seal it; neither counts as a CPU mapping of the modem's memory (rule
 * cpu-map) until qcom_scm_sim_bus_unmap().
 *
 * Context: process context; the calling task owns the mapping.
 * Return: the mapping, or NULL.
 */
void *qcom_scm_sim_bus_map(phys_addr_t addr, size_t size, bool wb)
{
	phys_addr_t start, end;
	unsigned long flags;
	struct sim_bus *b;
	void *va;
	int slot;

	if (!sim_range_ok(addr, size) || addr + size > PHYS_ADDR_MAX - PAGE_SIZE)
		return NULL;
	start = ALIGN_DOWN(addr, PAGE_SIZE);
	end = PAGE_ALIGN(addr + size);

	raw_spin_lock_irqsave(&sim_watch_lock, flags);
	slot = sim_bus_alloc(start, end, false);
	raw_spin_unlock_irqrestore(&sim_watch_lock, flags);
	if (slot < 0) {
		pr_err("simulator: no free bus slot to map [%pa-%pa)\n",
		       &start, &end);
		return NULL;
	}
	b = &sim_bus[slot];

	va = memremap(addr, size, wb ? MEMREMAP_WB : MEMREMAP_WC);

	raw_spin_lock_irqsave(&sim_watch_lock, flags);
	if (va) {
		b->claimed = false;
		b->va = (unsigned long)va & PAGE_MASK;
		b->va_end = b->va + (end - start);
		b->mapped = true;
	} else {
		memset(b, 0, sizeof(*b));
	}
	raw_spin_unlock_irqrestore(&sim_watch_lock, flags);

	return va;
}
EXPORT_SYMBOL_GPL(qcom_scm_sim_bus_map);

/**
 * qcom_scm_sim_bus_unmap() - undo qcom_scm_sim_bus_map()
 * @va: what it returned; NULL does nothing
 *
 * Context: process context.
 */
void qcom_scm_sim_bus_unmap(void *va)
{
	unsigned long page = (unsigned long)va & PAGE_MASK;
	struct sim_bus *b = NULL;
	unsigned long flags;
	unsigned int i;

	if (!va)
		return;

	raw_spin_lock_irqsave(&sim_watch_lock, flags);
	for (i = 0; i < ARRAY_SIZE(sim_bus); i++) {
		if (sim_bus[i].task && !sim_bus[i].grant &&
		    sim_bus[i].mapped && sim_bus[i].va == page) {
			b = &sim_bus[i];
			break;
		}
	}
	raw_spin_unlock_irqrestore(&sim_watch_lock, flags);
	if (!b)
		pr_err("simulator: bus unmap of %p, which is not a bus mapping\n",
		       va);

	/* Still exempt while its page table entries go */
	memunmap(va);

	if (b) {
		raw_spin_lock_irqsave(&sim_watch_lock, flags);
		memset(b, 0, sizeof(*b));
		raw_spin_unlock_irqrestore(&sim_watch_lock, flags);
	}
}
EXPORT_SYMBOL_GPL(qcom_scm_sim_bus_unmap);

/* ------------------------------------------------------------------------
 * debugfs, init and exit
 */

/**
 * sim_watch_show() - state of the watch for debugfs
 * @m: where to
 */
void sim_watch_show(struct seq_file *m)
{
	struct sim_bus bus[SIM_BUS_SLOTS];
	unsigned long flags;
	unsigned int i;

	seq_printf(m, "walk %s\n", sim_walk_ok ? "on" : "off");
	seq_printf(m, "kprobe %s %s missed %d\n",
		   sim_ioremap_probe.kp.symbol_name,
		   kprobe_disabled(&sim_ioremap_probe.kp) ? "off" : "on",
		   sim_ioremap_probe.nmissed);
	seq_printf(m, "kprobe %s %s\n", sim_vmap_probe.symbol_name,
		   kprobe_disabled(&sim_vmap_probe) ? "off" : "on");
	seq_printf(m, "kprobe %s %s\n", sim_vunmap_probe.symbol_name,
		   kprobe_disabled(&sim_vunmap_probe) ? "off" : "on");

	raw_spin_lock_irqsave(&sim_watch_lock, flags);
	for (i = 0; sim_snap && i < sim_snap->n; i++)
		seq_printf(m, "modem-only %#llx %#llx\n",
			   (u64)sim_snap->r[i].start, (u64)sim_snap->r[i].end);
	memcpy(bus, sim_bus, sizeof(bus));
	raw_spin_unlock_irqrestore(&sim_watch_lock, flags);

	for (i = 0; i < ARRAY_SIZE(bus); i++) {
		if (!bus[i].task || sim_bus_void(&bus[i]))
			continue;
		seq_printf(m, "bus %#llx %#llx %s%s%s\n", (u64)bus[i].start,
			   (u64)bus[i].end, bus[i].grant ? "grant" : "map",
			   bus[i].mapped ? " mapped" : "",
			   bus[i].claimed ? " claimed" : "");
	}
}

/**
 * sim_watch_init() - check the page table walk and arm the kprobes
 *
 * Return: 0 or a negative errno; the watch is all or nothing.
 */
int sim_watch_init(void)
{
	int ret;

	ret = sim_walk_selftest();
	if (ret)
		return ret;
	sim_walk_ok = true;

	ret = register_kretprobe(&sim_ioremap_probe);
	if (ret) {
		pr_err("cannot probe %s: %d\n", sim_ioremap_probe.kp.symbol_name,
		       ret);
		return ret;
	}
	ret = register_kprobe(&sim_vmap_probe);
	if (ret) {
		pr_err("cannot probe %s: %d\n", sim_vmap_probe.symbol_name, ret);
		goto err_ioremap;
	}
	ret = register_kprobe(&sim_vunmap_probe);
	if (ret) {
		pr_err("cannot probe %s: %d\n", sim_vunmap_probe.symbol_name,
		       ret);
		goto err_vmap;
	}

	return 0;

err_vmap:
	unregister_kprobe(&sim_vmap_probe);
err_ioremap:
	unregister_kretprobe(&sim_ioremap_probe);
	sim_walk_ok = false;
	return ret;
}

/**
 * sim_watch_exit() - disarm the kprobes and drop the snapshot
 */
void sim_watch_exit(void)
{
	unregister_kprobe(&sim_vunmap_probe);
	unregister_kprobe(&sim_vmap_probe);
	unregister_kretprobe(&sim_ioremap_probe);
	sim_walk_ok = false;
	kfree(sim_snap);
	sim_snap = NULL;
	memset(sim_bus, 0, sizeof(sim_bus));
}
