// SPDX-License-Identifier: GPL-2.0-only
/*
 * Memory regions and the metadata carveout manager of the Qualcomm MSS
 * driver.
 *
 * The MBA authenticates the modem image from its metadata (ELF headers
 * and hash segment).  On SoCs with memory protection TrustZone hands the
 * buffer holding that metadata to the modem for the duration of the
 * check, and any CPU access to it meanwhile, including a speculative
 * cache fill through the kernel's linear map, is an XPU violation that
 * resets the whole system.  A buffer is only safe when the kernel has no
 * cacheable mapping of it at all: a no-map reserved-memory carveout.
 *
 * So the metadata is staged in the first of:
 *   1. the dedicated metadata carveout, when the DT names one and it fits;
 *   2. a window at the start of the MSS's own no-map MPSS carveout, which
 *      is free at that point because segments are only loaded after the
 *      metadata has been authenticated;
 *   3. a DMA allocation, which keeps a cacheable linear alias: allowed
 *      for old DTs (legacy_mdata=1, the default), with a warning.
 *
 * Without memory protection TrustZone never hands the buffer to anyone,
 * so the linear alias is harmless: there the DMA allocation follows the
 * dedicated region directly, silently, and the MPSS window is not used.
 */

#include <kunit/visibility.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_reserved_mem.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/soc/qcom/mdt_loader.h>
#include <linux/string.h>

#include "qcom_q6v5_mss_compat.h"
#include "qcom_q6v5_mss_mdata.h"

static bool legacy_mdata = true;
module_param(legacy_mdata, bool, 0644);
MODULE_PARM_DESC(legacy_mdata,
		 "Stage metadata in a DMA buffer when no no-map carveout fits (unsafe on protected SoCs; default: allowed)");

#define MSS_LEGACY_ATTRS	DMA_ATTR_FORCE_CONTIGUOUS

static const char *const mss_region_flag_names[] = {
	"missing", "no no-map", "not page aligned", "overlaps another MSS region",
	"empty", "wraps around the address space", "still owned by the modem",
};

static void mss_region_flags_str(unsigned int flags, char *buf, size_t len)
{
	size_t off = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(mss_region_flag_names); i++) {
		if (!(flags & (1U << i)))
			continue;
		off += scnprintf(buf + off, len - off, "%s%s", off ? ", " : "",
				 mss_region_flag_names[i]);
	}
}

/*
 * Both DT forms: memory-region entries (mba, mpss, optional metadata) or,
 * on old DTs, mba/mpss/metadata child nodes each with one memory-region.
 * As upstream, the presence of an "mba" child selects the child form.
 */
static struct device_node *mss_region_node(struct device *dev,
					   enum mss_region_role role)
{
	struct device_node *child, *node;

	child = of_get_child_by_name(dev->of_node, "mba");
	if (!child)
		return of_parse_phandle(dev->of_node, "memory-region", role);
	of_node_put(child);

	child = of_get_child_by_name(dev->of_node, mss_region_role_name(role));
	if (!child)
		return NULL;
	node = of_parse_phandle(child, "memory-region", 0);
	of_node_put(child);

	return node;
}

static int mss_region_discover(struct mss_mem *mem, enum mss_region_role role)
{
	struct mss_mdata_region *region = &mem->region[role];
	struct mss_carveout *co = &mem->co[role];
	const char *name = mss_region_role_name(role);
	struct reserved_mem *rmem;
	struct device_node *node;

	co->perm = BIT(QCOM_SCM_VMID_HLOS);
	node = mss_region_node(mem->dev, role);
	if (!node) {
		if (role == MSS_REGION_MDATA)
			return 0;
		dev_err(mem->dev, "no %s memory-region specified\n", name);
		return -EINVAL;
	}

	snprintf(co->node, sizeof(co->node), "%pOF", node);
	rmem = of_reserved_mem_lookup(node);
	if (!rmem) {
		of_node_put(node);
		dev_err(mem->dev, "unable to resolve %s region %s\n", name,
			co->node);
		/* Without the optional metadata region we can still stage */
		return role == MSS_REGION_MDATA ? 0 : -EINVAL;
	}

	region->present = true;
	region->base = rmem->base;
	region->size = rmem->size;
	region->base_known = true;
	region->no_map = of_property_read_bool(node, "no-map");
	region->dynamic = !of_property_present(node, "reg");
	of_node_put(node);

	return 0;
}

/**
 * mss_mem_init() - find and check the MSS memory regions
 * @mem: state to initialise
 * @dev: the MSS device; its DT node names the regions
 * @protected: whether TrustZone moves ownership of the regions
 *
 * Resolves the MBA and MPSS regions (required) and the metadata region
 * (optional), static or dynamic, in either DT form, and checks each one:
 * no-map, page alignment, no overlap with the others.  A region failing a
 * check is reported naming its node and is never used to stage metadata;
 * the MBA and MPSS images still go where the DT says, as they always did.
 *
 * Return: 0, or -EINVAL if the MBA or MPSS region cannot be resolved.
 */
int mss_mem_init(struct mss_mem *mem, struct device *dev, bool protected)
{
	char why[128];
	int ret;
	int i;

	memset(mem, 0, sizeof(*mem));
#ifdef CONFIG_FAULT_INJECTION_DEBUG_FS
	mem->fail_map = (struct fault_attr)FAULT_ATTR_INITIALIZER;
#endif
	mem->dev = dev;
	mem->ops = &mss_mem_hw_ops;
	mem->protected = protected;
	mutex_init(&mem->lock);

	for (i = 0; i < MSS_REGION_NR; i++) {
		ret = mss_region_discover(mem, i);
		if (ret)
			return ret;
	}

	mss_mdata_check_regions(mem->region, PAGE_SIZE);
	for (i = 0; i < MSS_REGION_NR; i++) {
		if (!mem->region[i].present || !mem->region[i].flags)
			continue;
		mss_region_flags_str(mem->region[i].flags, why, sizeof(why));
		dev_err(dev, "%s region %s: %s; not used to stage metadata\n",
			mss_region_role_name(i), mem->co[i].node, why);
	}

	return 0;
}

#define MSS_PERM_LINUX	BIT_ULL(QCOM_SCM_VMID_HLOS)
#define MSS_PERM_MODEM	BIT_ULL(QCOM_SCM_VMID_MSS_MSA)
#define MSS_PERM_SHARED	(MSS_PERM_LINUX | MSS_PERM_MODEM)

/**
 * struct mss_xfer_rule - what an ownership transition does
 * @name: the intent, for messages
 * @role: the region it moves
 * @to: the owners afterwards
 *
 * Whether TrustZone allows it is decided in mss_xfer_allowed(), the same
 * for every transition.
 */
struct mss_xfer_rule {
	const char *name;
	enum mss_region_role role;
	u64 to;
};

static const struct mss_xfer_rule mss_xfer_rules[MSS_XFER_NR] = {
	[MSS_XFER_MPSS_FOR_MBA] = {
		"give MPSS to the modem for MBA boot", MSS_REGION_MPSS,
		MSS_PERM_MODEM },
	[MSS_XFER_MBA_FOR_BOOT] = {
		"give the MBA image to the modem", MSS_REGION_MBA,
		MSS_PERM_MODEM },
	[MSS_XFER_MBA_RECLAIM] = {
		"take the MBA region back", MSS_REGION_MBA, MSS_PERM_LINUX },
	[MSS_XFER_MPSS_RECLAIM] = {
		"take MPSS back, MBA running", MSS_REGION_MPSS,
		MSS_PERM_LINUX },
	[MSS_XFER_MPSS_FOR_LOAD] = {
		"share MPSS for loading, MBA running", MSS_REGION_MPSS,
		MSS_PERM_SHARED },
	[MSS_XFER_MPSS_FOR_AUTH] = {
		"give MPSS to the modem", MSS_REGION_MPSS, MSS_PERM_MODEM },
};

/*
 * On fused devices TrustZone resets the system when MPSS memory is taken
 * from the modem while no MBA runs (upstream 900fc60df227): the MBA is
 * what unlocks the modem's memory protection.  The MBA region itself is
 * exempt; upstream reclaims it right after the Q6 is reset.
 */
static bool mss_xfer_allowed(const struct mss_mem *mem,
			     enum mss_region_role role, u64 from, u64 to)
{
	if (role != MSS_REGION_MPSS || mem->mba_running)
		return true;

	return !((from & MSS_PERM_MODEM) && (to & MSS_PERM_LINUX));
}

/* One TrustZone call; *perm holds the source owners, updated on success */
static int mss_hw_assign(struct mss_mem *mem, u64 *perm, u64 base, u64 size,
			 u64 to)
{
	struct qcom_scm_vmperm next[2];
	int n = 0;

	if (to & MSS_PERM_LINUX) {
		next[n].vmid = QCOM_SCM_VMID_HLOS;
		next[n].perm = QCOM_SCM_PERM_RWX;
		n++;
	}
	if (to & MSS_PERM_MODEM) {
		next[n].vmid = QCOM_SCM_VMID_MSS_MSA;
		next[n].perm = QCOM_SCM_PERM_RW;
		n++;
	}

	return mss_scm_assign_mem(base, ALIGN(size, SZ_4K), perm, next, n);
}

static const char *mss_perm_name(u64 perm)
{
	switch (perm) {
	case MSS_PERM_LINUX:
		return "Linux";
	case MSS_PERM_MODEM:
		return "the modem";
	case MSS_PERM_SHARED:
		return "Linux and the modem";
	default:
		return "nobody we know";
	}
}

/*
 * Move [base, base + size) from *perm to @to.  TrustZone cannot be asked
 * who owns a range, and it refuses an assignment whose source owners are
 * wrong: after rmmod/insmod, unbind/bind or kexec the driver starts out
 * believing Linux owns MPSS while the modem still does.  So when the
 * recorded owners are refused, try the other owner sets this driver ever
 * leaves behind, except those the MBA rule forbids; one equal to @to
 * confirms the owners without changing them.
 */
static int mss_move(struct mss_mem *mem, const char *what, u64 *perm,
		    u64 base, u64 size, enum mss_region_role role, u64 to)
{
	static const u64 owner_sets[] = {
		MSS_PERM_MODEM, MSS_PERM_SHARED, MSS_PERM_LINUX,
	};
	u64 tried = *perm;
	int ret;
	int i;

	if (*perm == to || !size)
		return 0;

	if (!mss_xfer_allowed(mem, role, *perm, to)) {
		dev_err(mem->dev,
			"refusing to %s: %s owns it and no MBA runs (a fused device would reset)\n",
			what, mss_perm_name(*perm));
		return -EPERM;
	}

	ret = mem->ops->assign(mem, perm, base, size, to);
	if (ret != -EINVAL)
		return ret;

	for (i = 0; i < ARRAY_SIZE(owner_sets); i++) {
		u64 guess = owner_sets[i];

		if (guess == tried || !mss_xfer_allowed(mem, role, guess, to))
			continue;
		if (mem->ops->assign(mem, &guess, base, size, to))
			continue;
		dev_warn(mem->dev,
			 "%s: %#llx+%#llx belonged to %s, not %s as recorded (left by an earlier driver or kernel)\n",
			 what, base, size, mss_perm_name(owner_sets[i]),
			 mss_perm_name(tried));
		*perm = guess;
		return 0;
	}

	return ret;
}

/*
 * Move a whole region.  A metadata window at the start of MPSS that is
 * owned apart from the rest moves separately, and is folded back into
 * MPSS once both have the same owners again.
 */
static int mss_move_region(struct mss_mem *mem, const char *what,
			   enum mss_region_role role, u64 to)
{
	const struct mss_mdata_region *reg = &mem->region[role];
	u64 *perm = &mem->co[role].perm;
	u64 base = reg->base;
	u64 size = reg->size;
	int ret;

	if (role == MSS_REGION_MPSS && mem->win.size) {
		ret = mss_move(mem, what, &mem->win.perm, mem->win.base,
			       mem->win.size, role, to);
		if (ret)
			return ret;
		base += mem->win.size;
		size -= mem->win.size;
	}

	ret = mss_move(mem, what, perm, base, size, role, to);
	if (!ret && role == MSS_REGION_MPSS && mem->win.size &&
	    mem->win.perm == *perm)
		mem->win.size = 0;

	return ret;
}

/**
 * mss_mem_xfer() - make one of the driver's ownership transitions
 * @mem: memory state
 * @xfer: the transition, named by its intent
 *
 * Every change of who owns the MBA and MPSS regions goes through here:
 * it checks the transition against the rules a fused device enforces
 * (MPSS is taken from the modem only while an MBA runs) before asking
 * TrustZone, and keeps the driver's record of the owners.  A no-op on
 * SoCs without memory protection and when the record already says so.
 *
 * Context: process context; may sleep.
 * Return: 0, -EPERM when the rules forbid the transition now, or the
 * error of qcom_scm_assign_mem(); the record is unchanged on error.
 */
int mss_mem_xfer(struct mss_mem *mem, enum mss_xfer xfer)
{
	const struct mss_xfer_rule *rule = &mss_xfer_rules[xfer];
	int ret;

	if (!mem->protected)
		return 0;

	mutex_lock(&mem->lock);
	ret = mss_move_region(mem, rule->name, rule->role, rule->to);
	if (!ret)
		mem->xfers[xfer]++;
	mutex_unlock(&mem->lock);
	if (ret)
		dev_err(mem->dev, "cannot %s: %d\n", rule->name, ret);

	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(mss_mem_xfer);

/**
 * mss_mem_set_mba_running() - record whether an MBA runs
 * @mem: memory state
 * @running: the MBA has authenticated and the Q6 is out of reset
 *
 * Only while an MBA runs may MPSS memory be taken back from the modem.
 */
void mss_mem_set_mba_running(struct mss_mem *mem, bool running)
{
	mutex_lock(&mem->lock);
	mem->mba_running = running;
	mutex_unlock(&mem->lock);
}
EXPORT_SYMBOL_IF_KUNIT(mss_mem_set_mba_running);

/**
 * mss_mem_linux_owns() - may the CPU touch this region now?
 * @mem: memory state
 * @role: which region
 *
 * Return: true when Linux owns all of the region (always without
 * protection).
 */
bool mss_mem_linux_owns(const struct mss_mem *mem, enum mss_region_role role)
{
	if (!mem->protected)
		return true;
	if (role == MSS_REGION_MPSS && mem->win.size &&
	    !(mem->win.perm & MSS_PERM_LINUX))
		return false;

	return mem->co[role].perm & MSS_PERM_LINUX;
}
EXPORT_SYMBOL_IF_KUNIT(mss_mem_linux_owns);

/**
 * mss_mem_map() - map part of an MSS carveout for the CPU
 * @mem: memory state
 * @addr: physical start
 * @size: bytes
 *
 * A short-lived write-combining mapping; unmap it with memunmap() before
 * the range is given to the modem.  Tests make it fail through debugfs
 * "fail_map" (the kernel's fault injection, with
 * CONFIG_FAULT_INJECTION_DEBUG_FS), since nothing else can.
 *
 * Return: the mapping, or NULL.
 */
void *mss_mem_map(struct mss_mem *mem, phys_addr_t addr, size_t size)
{
#ifdef CONFIG_FAULT_INJECTION_DEBUG_FS
	if (should_fail(&mem->fail_map, size))
		return NULL;
#endif
	return memremap(addr, size, MEMREMAP_WC);
}

static void mss_hw_unmap(struct mss_mem *mem, void *ptr)
{
	memunmap(ptr);
}

const struct mss_mem_ops mss_mem_hw_ops = {
	.map = mss_mem_map,
	.unmap = mss_hw_unmap,
	.assign = mss_hw_assign,
};
EXPORT_SYMBOL_IF_KUNIT(mss_mem_hw_ops);

/* Copy into a carveout through a short-lived write-combining mapping */
static int mss_mdata_copy_to_carveout(struct mss_mem *mem, phys_addr_t base,
				      size_t window, const void *data,
				      size_t size)
{
	void *ptr;

	ptr = mem->ops->map(mem, base, window);
	if (!ptr) {
		dev_err(mem->dev, "unable to map metadata window %pa+%zx\n",
			&base, window);
		return -EBUSY;
	}
	memcpy(ptr, data, size);
	/* Leave nothing stale from a previous image in the tail */
	memset(ptr + size, 0, window - size);
	/* The mapping must be gone before the modem owns the range */
	mem->ops->unmap(mem, ptr);

	return 0;
}

/*
 * The owners of one start's staging buffer: the MPSS window's piece, or
 * a local record for a window of the dedicated region or a DMA buffer
 * (which become pieces of their own only if the modem keeps them).
 */
static u64 *mss_mdata_perm(struct mss_mem *mem, enum mss_mdata_source source,
			   u64 *local_perm)
{
	if (source == MSS_MDATA_MPSS_WINDOW)
		return &mem->win.perm;
	return local_perm;
}

/*
 * TrustZone kept the staging buffer with the modem: touching it would be
 * an XPU violation, so it is not staged in while the modem owns it (the
 * dedicated region is asked for again, mss_mdata_retry_stuck()).  The MPSS
 * window keeps its own owner record; a window of the dedicated region
 * and a DMA buffer (leaked, since freeing it would hand modem-owned
 * memory to the page allocator) are remembered as pieces of their own,
 * exactly the range TrustZone kept.
 */
static void mss_mdata_mark_stuck(struct mss_mem *mem,
				 const struct mss_mdata_choice *choice,
				 u64 perm)
{
	int i;

	if (choice->source == MSS_MDATA_MPSS_WINDOW) {
		mem->region[MSS_REGION_MPSS].flags |= MSS_REGION_F_STUCK;
		return;
	}
	if (choice->source == MSS_MDATA_DEDICATED)
		mem->region[MSS_REGION_MDATA].flags |= MSS_REGION_F_STUCK;
	for (i = 0; i < MSS_MEM_MAX_STUCK; i++) {
		if (mem->stuck[i].size)
			continue;
		mem->stuck[i].base = choice->base;
		mem->stuck[i].size = choice->window ?: PAGE_ALIGN(choice->size);
		mem->stuck[i].perm = perm;
		return;
	}
	dev_warn(mem->dev, "more than %d buffers kept by the modem: %#llx not recorded\n",
		 MSS_MEM_MAX_STUCK, choice->base);
}

/*
 * The dedicated region the modem kept at an earlier start: ask for it
 * again before choosing a buffer.  The refusal may have been transient
 * (qcom_scm_assign_mem() fails with -ENOMEM before TrustZone is called),
 * and a region lost for good leaves the MPSS window and then the legacy
 * buffer, which a fused device punishes; TrustZone refuses again if it
 * meant it.  An MBA runs by now, as for every metadata transfer.
 */
static void mss_mdata_retry_stuck(struct mss_mem *mem)
{
	struct mss_mdata_region *r = &mem->region[MSS_REGION_MDATA];
	bool kept = false;
	int i, ret;

	if (!mem->protected || !(r->flags & MSS_REGION_F_STUCK))
		return;

	mutex_lock(&mem->lock);
	for (i = 0; i < MSS_MEM_MAX_STUCK; i++) {
		struct mss_piece *p = &mem->stuck[i];

		if (!p->size || p->base < r->base ||
		    p->base - r->base >= r->size)
			continue;
		ret = mem->ops->assign(mem, &p->perm, p->base, p->size,
				       MSS_PERM_LINUX);
		if (ret) {
			dev_warn(mem->dev, "metadata region %#llx+%#llx still kept by the modem: %d\n",
				 p->base, p->size, ret);
			kept = true;
			continue;
		}
		dev_info(mem->dev, "metadata region %#llx+%#llx back from the modem\n",
			 p->base, p->size);
		p->size = 0;
	}
	if (!kept)
		r->flags &= ~MSS_REGION_F_STUCK;
	mutex_unlock(&mem->lock);
}

static void mss_mdata_record(struct mss_mem *mem,
			     const struct mss_mdata_choice *choice, int err)
{
	mutex_lock(&mem->lock);
	mem->last = *choice;
	mem->last_err = err;
	if (!err && choice->source <= MSS_MDATA_LEGACY)
		mem->uses[choice->source]++;
	mutex_unlock(&mem->lock);
}

/**
 * mss_mdata_authenticate() - stage a modem image's metadata and have it checked
 * @mem: memory state
 * @fw: the modem firmware (.mdt or .mbn)
 * @fw_name: its name, to find a split hash segment (.bNN)
 * @auth: hands the staged metadata to the MBA and waits for its verdict
 * @ctx: passed to @auth
 *
 * Picks the staging buffer (see the top of this file), then: map, copy,
 * unmap, give the buffer to the modem, call @auth, take the buffer back.
 * No CPU mapping of a carveout window exists while the modem owns it.
 * For the MPSS window, MPSS is first taken back from the modem, which
 * owns it since the MBA booted; the MBA runs while metadata is checked,
 * so TrustZone allows that.  The window is owned apart from the rest of
 * MPSS until it is back with Linux.
 *
 * Return: 0 when the MBA accepted the metadata; -ENOSPC when nothing fits
 * and the legacy path is refused; the error of the mapping, the ownership
 * transfer or @auth otherwise.  Ownership is back with Linux on return,
 * except when TrustZone refuses to give a buffer back, in which case the
 * buffer is not staged in again: a DMA buffer is leaked, a window of
 * MPSS waits for MPSS, and the dedicated region is asked for again at the
 * next call.
 */
int mss_mdata_authenticate(struct mss_mem *mem, const struct firmware *fw,
			   const char *fw_name, mss_mdata_auth_fn auth,
			   void *ctx)
{
	struct mss_mdata_choice choice;
	u64 local_perm = MSS_PERM_LINUX;
	dma_addr_t dma = 0;
	phys_addr_t phys;
	void *legacy = NULL;
	void *metadata;
	size_t window;
	u64 *perm;
	size_t size;
	int ret, ret2;

	metadata = qcom_mdt_read_metadata(fw, &size, fw_name, mem->dev);
	if (IS_ERR(metadata)) {
		dev_err(mem->dev, "%s: cannot read metadata: %ld\n", fw_name,
			PTR_ERR(metadata));
		return PTR_ERR(metadata);
	}

	mss_mdata_retry_stuck(mem);
	ret = mss_mdata_select(mem->region, size, mem->protected, legacy_mdata,
			       PAGE_SIZE, &choice);
	if (ret) {
		dev_err(mem->dev,
			"no no-map carveout fits %zu bytes of metadata and legacy_mdata=0: add a no-map metadata region (memory-region entry 2) or grow the MPSS region\n",
			size);
		goto out_record;
	}

	switch (choice.source) {
	case MSS_MDATA_MPSS_WINDOW:
		ret = mss_mem_xfer(mem, MSS_XFER_MPSS_RECLAIM);
		if (ret)
			goto out_record;
		/* From here on the window is owned apart from the rest */
		mutex_lock(&mem->lock);
		mem->win.base = choice.base;
		mem->win.size = choice.window;
		mem->win.perm = mem->co[MSS_REGION_MPSS].perm;
		mutex_unlock(&mem->lock);
		fallthrough;
	case MSS_MDATA_DEDICATED:
		phys = choice.base;
		ret = mss_mdata_copy_to_carveout(mem, phys, choice.window,
						 metadata, size);
		if (ret)
			goto out_fold;
		break;
	case MSS_MDATA_LEGACY:
		if (mem->protected && !mem->legacy_warned) {
			dev_warn(mem->dev,
				 "staging %zu bytes of metadata in a DMA buffer with a cacheable linear alias: add a no-map metadata region (memory-region entry 2, see qcom,*-mss-pil bindings)\n",
				 size);
			mem->legacy_warned = true;
		}
		legacy = dma_alloc_attrs(mem->dev, size, &dma, GFP_KERNEL,
					 MSS_LEGACY_ATTRS);
		if (!legacy) {
			ret = -ENOMEM;
			dev_err(mem->dev, "failed to allocate metadata buffer\n");
			goto out_record;
		}
		memcpy(legacy, metadata, size);
		phys = dma;
		choice.base = dma;
		break;
	default:
		ret = -EINVAL;
		goto out_record;
	}

	dev_dbg(mem->dev, "metadata: %s, %pa+%llx\n",
		mss_mdata_source_name(choice.source), &phys,
		(unsigned long long)size);

	window = choice.window ?: size;
	perm = mss_mdata_perm(mem, choice.source, &local_perm);
	if (mem->protected) {
		mutex_lock(&mem->lock);
		ret = mem->ops->assign(mem, perm, phys, window, MSS_PERM_MODEM);
		mutex_unlock(&mem->lock);
		if (ret) {
			dev_err(mem->dev,
				"assigning Q6 access to metadata failed: %d\n",
				ret);
			ret = -EAGAIN;
			goto out_free;
		}
	}

	ret = auth(ctx, phys);

	if (mem->protected) {
		mutex_lock(&mem->lock);
		ret2 = mem->ops->assign(mem, perm, phys, window, MSS_PERM_LINUX);
		if (ret2)
			mss_mdata_mark_stuck(mem, &choice, *perm);
		mutex_unlock(&mem->lock);
		if (ret2) {
			dev_err(mem->dev,
				"metadata buffer %pa not reclaimed from the modem: %d; not staging in it\n",
				&phys, ret2);
			if (!ret)
				ret = ret2;
			legacy = NULL;
		}
	}

out_free:
	if (legacy)
		dma_free_attrs(mem->dev, size, legacy, dma, MSS_LEGACY_ATTRS);
out_fold:
	if (choice.source == MSS_MDATA_MPSS_WINDOW) {
		/* Back with the rest of MPSS unless the modem kept it */
		mutex_lock(&mem->lock);
		if (mem->win.perm == mem->co[MSS_REGION_MPSS].perm)
			mem->win.size = 0;
		mutex_unlock(&mem->lock);
	}
out_record:
	mss_mdata_record(mem, &choice, ret);
	kfree(metadata);

	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(mss_mdata_authenticate);

static void mss_mdata_show_candidate(struct seq_file *s, struct mss_mem *mem,
				     enum mss_region_role role)
{
	const struct mss_mdata_region *c = &mem->region[role];
	char why[128];

	if (!c->present) {
		seq_printf(s, "candidate %s: none\n", mss_region_role_name(role));
		return;
	}
	mss_region_flags_str(c->flags, why, sizeof(why));
	seq_printf(s, "candidate %s: %s %#llx+%#llx %s%s%s\n",
		   mss_region_role_name(role), mem->co[role].node,
		   (unsigned long long)c->base, (unsigned long long)c->size,
		   c->dynamic ? "dynamic" : "static",
		   c->flags ? " unusable: " : " usable", why);
}

static int mss_mdata_show(struct seq_file *s, void *unused)
{
	struct mss_mem *mem = s->private;
	const struct mss_mdata_choice *c = &mem->last;
	int i;

	mutex_lock(&mem->lock);
	seq_printf(s, "source: %s\n", mss_mdata_source_name(c->source));
	if (c->source != MSS_MDATA_NONE)
		seq_printf(s, "range: %#llx-%#llx\n",
			   (unsigned long long)c->base,
			   (unsigned long long)(c->base + (c->window ?: c->size)));
	seq_printf(s, "size: %llu\n", (unsigned long long)c->size);
	seq_printf(s, "window: %llu\n", (unsigned long long)c->window);
	seq_printf(s, "error: %d\n", mem->last_err);
	seq_printf(s, "protected: %s\n", mem->protected ? "yes" : "no");
	seq_printf(s, "legacy: %s\n", legacy_mdata ? "allowed" : "refused");
	mss_mdata_show_candidate(s, mem, MSS_REGION_MDATA);
	mss_mdata_show_candidate(s, mem, MSS_REGION_MPSS);
	seq_printf(s, "uses: dedicated=%u mpss-window=%u legacy=%u\n",
		   mem->uses[MSS_MDATA_DEDICATED],
		   mem->uses[MSS_MDATA_MPSS_WINDOW],
		   mem->uses[MSS_MDATA_LEGACY]);
	seq_printf(s, "mba running: %s\n", mem->mba_running ? "yes" : "no");
	for (i = 0; i < MSS_XFER_NR; i++)
		seq_printf(s, "xfer %s: %u\n", mss_xfer_rules[i].name,
			   mem->xfers[i]);
	mutex_unlock(&mem->lock);

	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mss_mdata);

static int mss_piece_cmp(const void *a, const void *b)
{
	const struct mss_piece *x = a, *y = b;

	return x->base < y->base ? -1 : x->base > y->base;
}

/*
 * The driver's record of who owns what, in the simulated TrustZone's
 * ledger format (start, end, owners; only ranges not Linux's alone;
 * sorted, adjacent ranges with the same owners merged), so that a test
 * compares the two files directly.
 */
static int mss_owners_show(struct seq_file *s, void *unused)
{
	struct mss_mem *mem = s->private;
	struct mss_piece p[MSS_REGION_NR + 1 + MSS_MEM_MAX_STUCK];
	struct mss_piece cur = { };
	int n = 0;
	int i;

	mutex_lock(&mem->lock);
	for (i = 0; i < MSS_REGION_NR; i++) {
		const struct mss_mdata_region *reg = &mem->region[i];
		u64 skip = 0;

		if (!reg->present || !reg->size)
			continue;
		if (i == MSS_REGION_MPSS && mem->win.size) {
			p[n++] = mem->win;
			skip = mem->win.size;
		}
		p[n].base = reg->base + skip;
		p[n].size = reg->size - skip;
		p[n++].perm = mem->co[i].perm;
	}
	for (i = 0; i < MSS_MEM_MAX_STUCK; i++)
		if (mem->stuck[i].size)
			p[n++] = mem->stuck[i];
	mutex_unlock(&mem->lock);

	if (!mem->protected)
		return 0;

	sort(p, n, sizeof(p[0]), mss_piece_cmp, NULL);
	for (i = 0; i < n; i++) {
		if (p[i].perm == MSS_PERM_LINUX || !p[i].size)
			continue;
		if (cur.size && cur.perm == p[i].perm &&
		    cur.base + cur.size == p[i].base) {
			cur.size += p[i].size;
			continue;
		}
		if (cur.size)
			seq_printf(s, "%#llx %#llx %#llx\n", cur.base,
				   cur.base + cur.size, cur.perm);
		cur = p[i];
	}
	if (cur.size)
		seq_printf(s, "%#llx %#llx %#llx\n", cur.base,
			   cur.base + cur.size, cur.perm);

	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mss_owners);

/**
 * mss_mdata_debugfs_init() - add the "mdata" and "owners" reports
 * @mem: memory state
 * @dir: the remoteproc's debugfs directory (removed with it)
 *
 * "mdata" reports the source the last start used, its physical range,
 * the bytes staged, and every candidate with its capacity and the reasons
 * it is unusable.  "owners" is the driver's record of who owns each MSS
 * range, in the format of the simulated TrustZone's ledger.  With
 * CONFIG_FAULT_INJECTION_DEBUG_FS, "fail_map/" makes mss_mem_map() fail.
 */
void mss_mdata_debugfs_init(struct mss_mem *mem, struct dentry *dir)
{
	if (IS_ERR_OR_NULL(dir))
		return;
	debugfs_create_file("mdata", 0400, dir, mem, &mss_mdata_fops);
	debugfs_create_file("owners", 0400, dir, mem, &mss_owners_fops);
#ifdef CONFIG_FAULT_INJECTION_DEBUG_FS
	fault_create_debugfs_attr("fail_map", dir, &mem->fail_map);
#endif
}
