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
 */

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
	mem->dev = dev;
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

/**
 * mss_mem_assign_range() - move ownership of a range between Linux and the modem
 * @mem: memory state
 * @perm: current owners of the range (QCOM_SCM_VMID_* bitmap), updated
 * @addr: physical start
 * @size: size; rounded up to 4 KiB as TrustZone works on pages
 * @local: Linux (HLOS) should own the range afterwards
 * @remote: the modem (MSS MSA) should own the range afterwards
 *
 * A no-op on SoCs without memory protection and when @perm already says
 * so.  Every call that gives the modem a range must be paired with one
 * taking it back, on error paths too.
 *
 * Return: 0 or the error of qcom_scm_assign_mem(); @perm is unchanged on
 * error.
 */
int mss_mem_assign_range(struct mss_mem *mem, u64 *perm, phys_addr_t addr,
			 size_t size, bool local, bool remote)
{
	struct qcom_scm_vmperm next[2];
	int n = 0;

	if (!mem->protected)
		return 0;

	if (local == !!(*perm & BIT(QCOM_SCM_VMID_HLOS)) &&
	    remote == !!(*perm & BIT(QCOM_SCM_VMID_MSS_MSA)))
		return 0;

	if (local) {
		next[n].vmid = QCOM_SCM_VMID_HLOS;
		next[n].perm = QCOM_SCM_PERM_RWX;
		n++;
	}
	if (remote) {
		next[n].vmid = QCOM_SCM_VMID_MSS_MSA;
		next[n].perm = QCOM_SCM_PERM_RW;
		n++;
	}

	return qcom_scm_assign_mem(addr, ALIGN(size, SZ_4K), perm, next, n);
}

/**
 * mss_mem_assign() - move ownership of a whole MSS region
 * @mem: memory state
 * @role: which region
 * @local: Linux should own it afterwards
 * @remote: the modem should own it afterwards
 *
 * Return: as mss_mem_assign_range().
 */
int mss_mem_assign(struct mss_mem *mem, enum mss_region_role role,
		   bool local, bool remote)
{
	return mss_mem_assign_range(mem, &mem->co[role].perm,
				    mem->region[role].base,
				    mem->region[role].size, local, remote);
}

/**
 * mss_mem_linux_owns() - may the CPU touch this region now?
 * @mem: memory state
 * @role: which region
 *
 * Return: true when Linux owns the region (always without protection).
 */
bool mss_mem_linux_owns(const struct mss_mem *mem, enum mss_region_role role)
{
	return !mem->protected ||
	       (mem->co[role].perm & BIT(QCOM_SCM_VMID_HLOS));
}

/* Copy into a carveout through a short-lived write-combining mapping */
static int mss_mdata_copy_to_carveout(struct mss_mem *mem, phys_addr_t base,
				      size_t window, const void *data,
				      size_t size)
{
	void *ptr;

	ptr = memremap(base, window, MEMREMAP_WC);
	if (!ptr) {
		dev_err(mem->dev, "unable to map metadata window %pa+%zx\n",
			&base, window);
		return -EBUSY;
	}
	memcpy(ptr, data, size);
	/* Leave nothing stale from a previous image in the tail */
	memset(ptr + size, 0, window - size);
	/* The mapping must be gone before the modem owns the range */
	memunmap(ptr);

	return 0;
}

/*
 * TrustZone kept a carveout window with the modem: touching it would be an
 * XPU violation, so it is never staged in again, and the MPSS region is no
 * longer wholly Linux's.
 */
static void mss_mdata_mark_stuck(struct mss_mem *mem,
				 enum mss_mdata_source source)
{
	switch (source) {
	case MSS_MDATA_DEDICATED:
		mem->region[MSS_REGION_MDATA].flags |= MSS_REGION_F_STUCK;
		break;
	case MSS_MDATA_MPSS_WINDOW:
		mem->region[MSS_REGION_MPSS].flags |= MSS_REGION_F_STUCK;
		mem->co[MSS_REGION_MPSS].perm = BIT(QCOM_SCM_VMID_MSS_MSA);
		break;
	default:
		break;
	}
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
 * For the MPSS window, the whole MPSS region is first taken back from
 * the modem, which may still own it from the previous run.
 *
 * Return: 0 when the MBA accepted the metadata; -ENOSPC when nothing fits
 * and the legacy path is refused; the error of the mapping, the ownership
 * transfer or @auth otherwise.  Ownership is back with Linux on return,
 * except when TrustZone refuses to give a buffer back, in which case the
 * buffer is deliberately never reused.
 */
int mss_mdata_authenticate(struct mss_mem *mem, const struct firmware *fw,
			   const char *fw_name, mss_mdata_auth_fn auth,
			   void *ctx)
{
	struct mss_mdata_choice choice;
	u64 perm = BIT(QCOM_SCM_VMID_HLOS);
	dma_addr_t dma = 0;
	phys_addr_t phys;
	void *legacy = NULL;
	void *metadata;
	size_t size;
	int ret, ret2;

	metadata = qcom_mdt_read_metadata(fw, &size, fw_name, mem->dev);
	if (IS_ERR(metadata)) {
		dev_err(mem->dev, "%s: cannot read metadata: %ld\n", fw_name,
			PTR_ERR(metadata));
		return PTR_ERR(metadata);
	}

	ret = mss_mdata_select(mem->region, size, legacy_mdata, PAGE_SIZE,
			       &choice);
	if (ret) {
		dev_err(mem->dev,
			"no no-map carveout fits %zu bytes of metadata and legacy_mdata=0: add a no-map metadata region (memory-region entry 2) or grow the MPSS region\n",
			size);
		goto out_record;
	}

	switch (choice.source) {
	case MSS_MDATA_MPSS_WINDOW:
		ret = mss_mem_assign(mem, MSS_REGION_MPSS, true, false);
		if (ret) {
			dev_err(mem->dev,
				"cannot reclaim MPSS region for metadata staging: %d\n",
				ret);
			goto out_record;
		}
		fallthrough;
	case MSS_MDATA_DEDICATED:
		phys = choice.base;
		ret = mss_mdata_copy_to_carveout(mem, phys, choice.window,
						 metadata, size);
		if (ret)
			goto out_record;
		break;
	case MSS_MDATA_LEGACY:
		if (!mem->legacy_warned) {
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

	ret = mss_mem_assign_range(mem, &perm, phys, choice.window ?: size,
				   false, true);
	if (ret) {
		dev_err(mem->dev, "assigning Q6 access to metadata failed: %d\n",
			ret);
		ret = -EAGAIN;
		goto out_free;
	}

	ret = auth(ctx, phys);

	ret2 = mss_mem_assign_range(mem, &perm, phys, choice.window ?: size,
				    true, false);
	if (ret2) {
		dev_err(mem->dev,
			"metadata buffer %pa not reclaimed from the modem: %d; never reusing it\n",
			&phys, ret2);
		if (!ret)
			ret = ret2;
		/* Freeing a modem-owned buffer would hand it to anyone */
		legacy = NULL;
		mss_mdata_mark_stuck(mem, choice.source);
	}

out_free:
	if (legacy)
		dma_free_attrs(mem->dev, size, legacy, dma, MSS_LEGACY_ATTRS);
out_record:
	mss_mdata_record(mem, &choice, ret);
	kfree(metadata);

	return ret;
}

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
	mutex_unlock(&mem->lock);

	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mss_mdata);

/**
 * mss_mdata_debugfs_init() - add the "mdata" report to a debugfs directory
 * @mem: memory state
 * @dir: the remoteproc's debugfs directory (removed with it)
 *
 * The file reports the source the last start used, its physical range,
 * the bytes staged, and every candidate with its capacity and the reasons
 * it is unusable.
 */
void mss_mdata_debugfs_init(struct mss_mem *mem, struct dentry *dir)
{
	if (IS_ERR_OR_NULL(dir))
		return;
	debugfs_create_file("mdata", 0400, dir, mem, &mss_mdata_fops);
}
