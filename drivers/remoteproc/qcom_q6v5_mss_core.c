// SPDX-License-Identifier: GPL-2.0-only
/*
 * Qualcomm self-authenticating modem subsystem (MSS) remoteproc driver:
 * probe/remove, remoteproc operations and coredump.
 *
 * A start boots the MBA (the image named by the remoteproc "firmware"
 * attribute), has it authenticate the modem image's metadata, loads the
 * modem segments while the MBA checks them, and waits for the modem to
 * report ready.  Where the metadata is staged is the business of the
 * carveout manager in qcom_q6v5_mss_mdata.c.
 */

#include <linux/device.h>
#include <linux/devcoredump.h>
#include <linux/elf.h>
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/kref.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/remoteproc.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/soc/qcom/mdt_loader.h>
#include <linux/vmalloc.h>

#include "qcom_mss_mdt.h"
#include "qcom_pil_info.h"
#include "qcom_q6v5_mss.h"
#include "qcom_q6v5_mss_compat.h"
#include "qcom_q6v5_mss_regs.h"

#define MPSS_CRASH_REASON_SMEM	421
#define MPSS_PAS_ID		5

/* ---- MBA -------------------------------------------------------------- */

static int mss_debug_policy_load(struct qcom_mss *mss, void *mba_region)
{
	const struct firmware *dp;
	int ret;

	/*
	 * No debug policy is the normal case.  One that is there but cannot
	 * be read (no memory, an I/O error) must fail the start rather than
	 * boot the modem silently without it.
	 */
	ret = request_firmware_direct(&dp, "msadp", mss->dev);
	if (ret == -ENOENT)
		return 0;
	if (ret) {
		dev_err(mss->dev, "unable to load debug policy msadp: %d\n",
			ret);
		return ret;
	}

	/* The debug policy sits right after the 1 MiB the MBA may use */
	if (SZ_1M + dp->size <= mss->mem.region[MSS_REGION_MBA].size) {
		memcpy(mba_region + SZ_1M, dp->data, dp->size);
		mss->dp_size = dp->size;
	}

	release_firmware(dp);

	return 0;
}

static int mss_load(struct rproc *rproc, const struct firmware *fw)
{
	struct qcom_mss *mss = rproc->priv;
	const struct mss_mdata_region *mba = &mss->mem.region[MSS_REGION_MBA];
	size_t len = fw->size;
	void *region;
	int ret;

	if (fw->size > mba->size || fw->size > MSS_MBA_MAX_SIZE) {
		dev_err(mss->dev, "MBA image of %zu bytes does not fit\n",
			fw->size);
		return -EINVAL;
	}

	if (!mss_mem_linux_owns(&mss->mem, MSS_REGION_MBA)) {
		dev_err(mss->dev, "MBA region still owned by the modem\n");
		return -EBUSY;
	}

	region = mss_mem_map(&mss->mem, mba->base, mba->size);
	if (!region) {
		dev_err(mss->dev, "unable to map MBA region %#llx+%#llx\n",
			mba->base, mba->size);
		return -EBUSY;
	}

	/*
	 * msm8974-family MBAs also come as ELF mba.mbn files that keep the
	 * 0x1000-byte header of the old split image ahead of the code.
	 */
	if (mss->desc->mba_elf_b00 && fw->size > MSS_MBA_B00_OFFSET &&
	    !memcmp(fw->data, ELFMAG, SELFMAG))
		len = fw->size - MSS_MBA_B00_OFFSET;
	memcpy(region, fw->data + (fw->size - len), len);
	/*
	 * Nothing of an earlier image may remain: a truncated MBA must fail
	 * its authentication, not be completed by the previous one's bytes.
	 */
	memset(region + len, 0, mba->size - len);
	ret = mss_debug_policy_load(mss, region);
	memunmap(region);

	return ret;
}

static void mss_dump_mba_logs(struct qcom_mss *mss)
{
	const struct mss_mdata_region *mba = &mss->mem.region[MSS_REGION_MBA];
	void *region;
	void *data;

	if (!mss->desc->has_mba_logs)
		return;

	if (mss_mem_xfer(&mss->mem, MSS_XFER_MBA_RECLAIM))
		return;

	region = mss_mem_map(&mss->mem, mba->base, mba->size);
	if (!region)
		return;

	data = vmalloc(MSS_MBA_LOG_SIZE);
	if (data) {
		memcpy(data, region, MSS_MBA_LOG_SIZE);
		/* devcoredump owns and frees data from here on */
		dev_coredumpv(&mss->rproc->dev, data, MSS_MBA_LOG_SIZE,
			      GFP_KERNEL);
	}
	memunmap(region);
}

/*
 * Tear the Q6 down after the MBA ran (stop, failed start, coredump):
 * halt its bus traffic, reset it, drop the votes and take the MBA region
 * back.  MPSS stays with the modem: with no MBA running, taking it back
 * resets a fused device; the next start does it once its MBA runs.
 */
static void mss_teardown(struct qcom_mss *mss)
{
	mss_mem_set_mba_running(&mss->mem, false);
	mss->dp_size = 0;

	mss_q6_halt(mss, true);
	mss_power_down(mss);
	mss_mem_xfer(&mss->mem, MSS_XFER_MBA_RECLAIM);

	/* Proxy votes are still ours if the modem never took them over */
	if (qcom_q6v5_unprepare(&mss->q6v5))
		mss_proxy_drop(mss);
}

static int mss_mba_boot(struct qcom_mss *mss)
{
	const struct mss_mdata_region *mba = &mss->mem.region[MSS_REGION_MBA];
	int ret;

	ret = qcom_q6v5_prepare(&mss->q6v5);
	if (ret)
		return ret;

	ret = mss_power_up(mss);
	if (ret)
		goto unprepare;

	ret = mss_qchannel_enable(mss);
	if (ret) {
		dev_err(mss->dev, "failed to enable axi bridge\n");
		goto power_down;
	}

	/* Some MBAs wipe the MPSS region while booting, so let them at it */
	ret = mss_mem_xfer(&mss->mem, MSS_XFER_MPSS_FOR_MBA);
	if (ret)
		goto power_down;

	ret = mss_mem_xfer(&mss->mem, MSS_XFER_MBA_FOR_BOOT);
	if (ret)
		goto power_down;

	if (mss->desc->has_mba_logs)
		qcom_pil_info_store("mba", mba->base, MSS_MBA_LOG_SIZE);

	mss_rmb_set_mba(mss, mba->base, mss->dp_size);

	ret = mss_q6_boot(mss);
	if (ret)
		goto reclaim_mba;

	ret = mss_rmb_mba_wait(mss, 0, 5000);
	if (ret == -ETIMEDOUT) {
		dev_err(mss->dev, "MBA boot timed out\n");
		goto halt;
	} else if (ret != RMB_MBA_XPU_UNLOCKED &&
		   ret != RMB_MBA_XPU_UNLOCKED_SCRIBBLED) {
		dev_err(mss->dev, "MBA returned unexpected status %d\n", ret);
		ret = -EINVAL;
		goto halt;
	}

	mss_mem_set_mba_running(&mss->mem, true);
	return 0;

halt:
	mss_q6_halt(mss, false);
	if (!mss_mem_xfer(&mss->mem, MSS_XFER_MBA_RECLAIM))
		mss_dump_mba_logs(mss);
	goto power_down;
reclaim_mba:
	mss_mem_xfer(&mss->mem, MSS_XFER_MBA_RECLAIM);
power_down:
	/* MPSS stays with the modem, as after a stop (see mss_teardown()) */
	mss_power_unwind(mss);
unprepare:
	qcom_q6v5_unprepare(&mss->q6v5);

	return ret;
}

/* ---- modem image ------------------------------------------------------ */

/*
 * Metadata larger than this is not a modem image; refusing it early keeps
 * a hostile image from asking the metadata reader for a huge allocation.
 */
#define MSS_MDATA_MAX_SIZE	SZ_8M

/*
 * Check what the metadata reader and the segment loader trust: the
 * format's header rules (qcom_mss_mdt.h: those of 6.12's mdt_loader.c,
 * which finds the hash segment by type, plus bounds it leaves to its
 * callers), the program headers right after the ELF header as the loops
 * below assume (as 6.12's q6v5_mpss_load() does; real images have them
 * there), and a sane metadata size.
 */
/* Do the load ranges of two segments overlap? */
static bool mss_segs_overlap(const struct elf32_phdr *a,
			     const struct elf32_phdr *b)
{
	return (u64)a->p_paddr < (u64)b->p_paddr + b->p_memsz &&
	       (u64)b->p_paddr < (u64)a->p_paddr + a->p_memsz;
}

/*
 * The layout must be one the loader can place, checked before anything
 * is handed to the modem: every loadable segment inside MPSS after
 * relocation, no two overlapping, one relocation mode for all, and file
 * bytes that neither wrap nor need a split file name beyond .b99.
 * Returns why not, with *seg the segment at fault, or NULL.
 */
static const char *mss_check_layout(struct qcom_mss *mss,
				    const struct firmware *fw,
				    const struct mss_mdt_image *img, int *seg)
{
	const struct mss_mdata_region *mpss = &mss->mem.region[MSS_REGION_MPSS];
	const struct elf32_phdr *ph = img->phdrs;
	u64 min_addr = U64_MAX, reloc_base;
	int first = -1;
	int i, j;

	for (i = 0; i < img->phnum; i++) {
		*seg = i;
		if (!mss_mdt_is_loadable(&ph[i]))
			continue;
		if (first < 0)
			first = i;
		else if (mss_mdt_is_relocatable(&ph[i]) !=
			 mss_mdt_is_relocatable(&ph[first]))
			return "relocatable flag differs from the first segment's";
		if (ph[i].p_filesz > ph[i].p_memsz)
			return "p_filesz larger than p_memsz";
		if ((u64)ph[i].p_offset + ph[i].p_filesz > U32_MAX)
			return "file bytes wrap around";
		if (ph[i].p_filesz && i > 99 &&
		    (u64)ph[i].p_offset + ph[i].p_filesz > fw->size)
			return "file bytes in a split file beyond .b99";
		min_addr = min_t(u64, min_addr, ph[i].p_paddr);
	}
	if (first < 0) {
		*seg = 0;
		return "no segment to load";
	}

	reloc_base = mss_mdt_is_relocatable(&ph[first]) ? min_addr : mpss->base;
	for (i = 0; i < img->phnum; i++) {
		*seg = i;
		if (!mss_mdt_is_loadable(&ph[i]))
			continue;
		if (ph[i].p_paddr < reloc_base ||
		    ph[i].p_paddr - reloc_base + (u64)ph[i].p_memsz > mpss->size)
			return "outside the MPSS region";
		for (j = 0; j < i; j++)
			if (mss_mdt_is_loadable(&ph[j]) &&
			    mss_segs_overlap(&ph[i], &ph[j]))
				return "overlaps an earlier segment";
	}

	return NULL;
}

static int mss_check_elf(struct qcom_mss *mss, const struct firmware *fw)
{
	const struct elf32_hdr *ehdr = (const void *)fw->data;
	struct mss_mdt_image img;
	const char *why;
	int seg;

	if (mss_mdt_parse_headers(fw->data, fw->size, fw->size, &img, &why))
		goto invalid;
	why = "program headers not right after the ELF header";
	if (ehdr->e_phoff != sizeof(*ehdr))
		goto invalid;
	why = "metadata too large";
	if (img.metadata_size > MSS_MDATA_MAX_SIZE)
		goto invalid;
	why = mss_check_layout(mss, fw, &img, &seg);
	if (why) {
		dev_err(mss->dev, "%s is not a valid modem image: segment %d: %s\n",
			mss->mpss_image, seg, why);
		return -EINVAL;
	}

	return 0;

invalid:
	dev_err(mss->dev, "%s is not a valid modem image: %s\n",
		mss->mpss_image, why);
	return -EINVAL;
}

/* The modem image (firmware-name entry 1), checked; release_firmware() it */
static int mss_request_modem(struct qcom_mss *mss, const struct firmware **fw)
{
	int ret;

	ret = request_firmware(fw, mss->mpss_image, mss->dev);
	if (ret < 0) {
		dev_err(mss->dev, "unable to load %s: %d\n", mss->mpss_image,
			ret);
		return ret;
	}

	ret = mss_check_elf(mss, *fw);
	if (ret)
		release_firmware(*fw);

	return ret;
}

/* Write segment @idx through @ptr, the mapping of its load address */
static int mss_load_segment(struct qcom_mss *mss, const struct firmware *fw,
			    const struct elf32_phdr *phdr, int idx,
			    char *seg_name, size_t name_len, void *ptr)
{
	const struct firmware *seg;
	int ret;

	if (phdr->p_filesz && phdr->p_offset < fw->size) {
		/* The image is not split: the segment is in this file */
		if ((u64)phdr->p_offset + phdr->p_filesz > fw->size) {
			dev_err(mss->dev, "segment %d truncated in %s\n", idx,
				mss->mpss_image);
			return -EINVAL;
		}
		memcpy(ptr, fw->data + phdr->p_offset, phdr->p_filesz);
	} else if (phdr->p_filesz) {
		/* "name.mdt" -> "name.bNN" */
		ret = mss_mdt_split_name(seg_name, name_len, idx);
		if (ret) {
			dev_err(mss->dev, "segment %d has no .bNN file name\n",
				idx);
			return ret;
		}
		ret = request_firmware_into_buf(&seg, seg_name, mss->dev, ptr,
						phdr->p_filesz);
		if (ret) {
			dev_err(mss->dev, "failed to load %s: %d\n", seg_name,
				ret);
			return ret;
		}
		if (seg->size != phdr->p_filesz) {
			dev_err(mss->dev, "segment %d truncated in %s\n", idx,
				seg_name);
			ret = -EINVAL;
		}
		release_firmware(seg);
		if (ret)
			return ret;
	}

	if (phdr->p_memsz > phdr->p_filesz)
		memset(ptr + phdr->p_filesz, 0, phdr->p_memsz - phdr->p_filesz);

	return 0;
}

/*
 * Write every loadable segment, telling the MBA each new length, while
 * Linux and the modem share MPSS.  The segments are written through one
 * mapping of the span they cover (offsets from the MPSS base, checked
 * here once more against the region), made here and gone before this
 * returns, on every path: MPSS goes to the modem alone next.
 *
 * Upstream maps each segment on its own.  One mapping saves a map and an
 * unmap per segment (a vmalloc area, page tables, a TLB flush); it costs
 * vmalloc space for the whole span at once, up to the size of MPSS (over
 * 100 MiB on some SoCs): plenty on arm64, a large share of a 32-bit
 * kernel's vmalloc area, where the map then fails the start.
 */
static int mss_load_segments(struct qcom_mss *mss, const struct firmware *fw,
			     char *seg_name, size_t name_len,
			     phys_addr_t boot_addr)
{
	const struct mss_mdata_region *mpss = &mss->mem.region[MSS_REGION_MPSS];
	const struct elf32_hdr *ehdr = (const void *)fw->data;
	const struct elf32_phdr *phdrs = (const void *)(ehdr + 1);
	const struct elf32_phdr *phdr;
	u64 span_start = U64_MAX, span_end = 0, loaded = 0;
	int first = -1, last = -1;
	phys_addr_t span_addr;
	s64 offset;
	void *span;
	int ret = 0;
	int i;

	for (i = 0; i < ehdr->e_phnum; i++) {
		phdr = &phdrs[i];
		if (!mss_mdt_is_loadable(phdr))
			continue;

		offset = (s64)phdr->p_paddr - mss->mpss_reloc;
		if (offset < 0 || offset + phdr->p_memsz > mpss->size ||
		    loaded + (u64)phdr->p_memsz > U32_MAX) {
			dev_err(mss->dev, "segment %d outside the MPSS region\n",
				i);
			return -EINVAL;
		}
		if (phdr->p_filesz > phdr->p_memsz) {
			dev_err(mss->dev,
				"refusing segment %d with p_filesz > p_memsz\n",
				i);
			return -EINVAL;
		}
		loaded += phdr->p_memsz;
		span_start = min_t(u64, span_start, offset);
		span_end = max_t(u64, span_end, offset + phdr->p_memsz);
		if (first < 0)
			first = i;
		last = i;
	}
	/* mss_check_elf() refused an image without a loadable segment */
	if (first < 0)
		return -EINVAL;

	span_addr = mpss->base + span_start;
	span = mss_mem_map(&mss->mem, span_addr, span_end - span_start);
	if (!span) {
		dev_err(mss->dev,
			"unable to map segments %d-%d at %pa+%llx\n", first,
			last, &span_addr, span_end - span_start);
		return -EBUSY;
	}

	loaded = 0;
	for (i = 0; i < ehdr->e_phnum; i++) {
		phdr = &phdrs[i];
		if (!mss_mdt_is_loadable(phdr))
			continue;

		offset = (s64)phdr->p_paddr - mss->mpss_reloc;
		ret = mss_load_segment(mss, fw, phdr, i, seg_name, name_len,
				       span + (offset - span_start));
		if (ret)
			break;

		loaded += phdr->p_memsz;
		ret = mss_rmb_code_advance(mss, boot_addr, loaded);
		if (ret) {
			ret = -EINVAL;
			break;
		}
	}
	/* No mapping may outlive the sharing of MPSS */
	memunmap(span);

	return ret;
}

static int mss_mpss_load(struct qcom_mss *mss)
{
	const struct mss_mdata_region *mpss = &mss->mem.region[MSS_REGION_MPSS];
	const struct elf32_phdr *phdrs, *phdr;
	phys_addr_t min_addr = PHYS_ADDR_MAX;
	const struct firmware *fw;
	const struct elf32_hdr *ehdr;
	bool relocate = false;
	size_t name_len;
	char *seg_name;
	int ret;
	int i;

	name_len = strlen(mss->mpss_image);
	if (name_len <= 4)
		return -EINVAL;

	seg_name = kstrdup(mss->mpss_image, GFP_KERNEL);
	if (!seg_name)
		return -ENOMEM;

	ret = mss_request_modem(mss, &fw);
	if (ret)
		goto free_name;

	/* Restart the MBA's segment validator */
	mss_rmb_code_reset(mss);

	/* Authenticate the metadata before any segment is written */
	ret = mss_mdata_authenticate(&mss->mem, fw, mss->mpss_image,
				     mss_rmb_mdata_auth, mss);
	if (ret)
		goto release;

	ehdr = (const void *)fw->data;
	phdrs = (const void *)(ehdr + 1);
	for (i = 0; i < ehdr->e_phnum; i++) {
		phdr = &phdrs[i];
		if (!mss_mdt_is_loadable(phdr))
			continue;
		if (mss_mdt_is_relocatable(phdr))
			relocate = true;
		if (phdr->p_paddr < min_addr)
			min_addr = phdr->p_paddr;
	}

	if (mss->desc->pas_mem_setup) {
		ret = qcom_scm_pas_mem_setup(MPSS_PAS_ID, mpss->base,
					     mpss->size);
		if (ret) {
			dev_err(mss->dev, "setting up mpss memory failed: %d\n",
				ret);
			goto release;
		}
	}

	/*
	 * The modem memory can only be reclaimed once the MBA runs; it does
	 * now.  Linux and the modem share it while segments are loaded.
	 */
	ret = mss_mem_xfer(&mss->mem, MSS_XFER_MPSS_FOR_LOAD);
	if (ret) {
		ret = -EAGAIN;
		goto release;
	}

	mss->mpss_reloc = relocate ? min_addr : mpss->base;
	ret = mss_load_segments(mss, fw, seg_name, name_len,
				relocate ? mpss->base : min_addr);
	if (ret)
		goto release;

	ret = mss_mem_xfer(&mss->mem, MSS_XFER_MPSS_FOR_AUTH);
	if (ret) {
		ret = -EAGAIN;
		goto release;
	}

	ret = mss_rmb_mba_wait(mss, RMB_MBA_AUTH_COMPLETE, 10000);
	if (ret == -ETIMEDOUT) {
		dev_err(mss->dev, "MPSS authentication timed out\n");
	} else if (ret < 0) {
		/* The MBA's status is its own code, not an errno */
		dev_err(mss->dev, "MPSS authentication failed: %d\n", ret);
		ret = -EINVAL;
	} else {
		ret = 0;
	}

	qcom_pil_info_store("modem", mpss->base, mpss->size);

release:
	release_firmware(fw);
free_name:
	kfree(seg_name);

	return ret;
}

/* ---- remoteproc ops --------------------------------------------------- */

static int mss_start(struct rproc *rproc)
{
	struct qcom_mss *mss = rproc->priv;
	int ret;

	ret = mss_mba_boot(mss);
	if (ret)
		return ret;

	dev_info(mss->dev, "MBA booted with%s debug policy, loading mpss\n",
		 mss->dp_size ? "" : "out");

	ret = mss_mpss_load(mss);
	if (ret)
		goto teardown;

	ret = qcom_q6v5_wait_for_start(&mss->q6v5, msecs_to_jiffies(5000));
	if (ret == -ETIMEDOUT) {
		dev_err(mss->dev, "start timed out\n");
		goto teardown;
	}

	/* The MBA is done; its region is ours again */
	mss_mem_xfer(&mss->mem, MSS_XFER_MBA_RECLAIM);
	mss->current_dump_size = 0;

	return 0;

teardown:
	mss_teardown(mss);
	mss_dump_mba_logs(mss);

	return ret;
}

static int mss_stop(struct rproc *rproc)
{
	struct qcom_mss *mss = rproc->priv;
	int ret;

	ret = qcom_q6v5_request_stop(&mss->q6v5, mss->sysmon);
	if (ret == -ETIMEDOUT)
		dev_err(mss->dev, "timed out waiting for stop-ack\n");

	mss_teardown(mss);

	return 0;
}

static unsigned long mss_panic(struct rproc *rproc)
{
	struct qcom_mss *mss = rproc->priv;

	return qcom_q6v5_panic(&mss->q6v5);
}

static int mss_reload_mba(struct qcom_mss *mss)
{
	const struct firmware *fw;
	int ret;

	ret = request_firmware(&fw, mss->rproc->firmware, mss->dev);
	if (ret < 0)
		return ret;

	ret = mss_load(mss->rproc, fw);
	if (!ret)
		ret = mss_mba_boot(mss);
	release_firmware(fw);

	return ret;
}

static void mss_dump_segment(struct rproc *rproc,
			     struct rproc_dump_segment *segment,
			     void *dest, size_t cp_offset, size_t size)
{
	struct qcom_mss *mss = rproc->priv;
	const struct mss_mdata_region *mpss = &mss->mem.region[MSS_REGION_MPSS];
	s64 offset = (s64)segment->da - mss->mpss_reloc + cp_offset;
	void *ptr = NULL;
	int ret = 0;

	/*
	 * The MBA unlocks the modem memory protection: it must run before
	 * MPSS is taken back for the CPU to read, and production TrustZone
	 * may refuse even then.  Modem-owned memory is never mapped.
	 */
	if (!mss->mem.mba_running)
		ret = mss_reload_mba(mss);
	if (!ret && !mss_mem_linux_owns(&mss->mem, MSS_REGION_MPSS))
		ret = mss_mem_xfer(&mss->mem, MSS_XFER_MPSS_RECLAIM);

	if (offset < 0 || offset + size > mpss->size)
		ret = -ERANGE;
	if (!ret && mss_mem_linux_owns(&mss->mem, MSS_REGION_MPSS))
		ptr = mss_mem_map(&mss->mem, mpss->base + offset, size);

	if (ptr) {
		memcpy(dest, ptr, size);
		memunmap(ptr);
	} else {
		dev_err(mss->dev,
			"coredump: segment %#llx+%#zx missing: %s (%d)\n",
			(unsigned long long)segment->da + cp_offset, size,
			ret == -ERANGE ? "outside the MPSS region" :
			"MPSS is not readable by Linux", ret ?: -ENOMEM);
		memset(dest, 0xff, size);
	}

	mss->current_dump_size += size;
	if (mss->current_dump_size < mss->total_dump_size ||
	    !mss->mem.mba_running)
		return;

	/* As upstream: MPSS back to the modem, then the MBA is stopped */
	mss_mem_xfer(&mss->mem, MSS_XFER_MPSS_FOR_AUTH);
	mss_teardown(mss);
}

static int mss_parse_fw(struct rproc *rproc, const struct firmware *mba_fw)
{
	struct qcom_mss *mss = rproc->priv;
	const struct elf32_phdr *phdrs;
	const struct elf32_hdr *ehdr;
	const struct firmware *fw;
	int ret;
	int i;

	ret = mss_request_modem(mss, &fw);
	if (ret)
		return ret;

	rproc_coredump_set_elf_info(rproc, ELFCLASS32, EM_NONE);

	ehdr = (const void *)fw->data;
	phdrs = (const void *)(ehdr + 1);
	mss->total_dump_size = 0;
	for (i = 0; i < ehdr->e_phnum; i++) {
		if (!mss_mdt_is_loadable(&phdrs[i]))
			continue;
		ret = rproc_coredump_add_custom_segment(rproc,
							phdrs[i].p_paddr,
							phdrs[i].p_memsz,
							mss_dump_segment, NULL);
		if (ret)
			break;
		mss->total_dump_size += phdrs[i].p_memsz;
	}

	release_firmware(fw);

	return ret;
}

static const struct rproc_ops mss_ops = {
	.start = mss_start,
	.stop = mss_stop,
	.parse_fw = mss_parse_fw,
	.load = mss_load,
	.panic = mss_panic,
};

static void mss_handover(struct qcom_q6v5 *q6v5)
{
	struct qcom_mss *mss = container_of(q6v5, struct qcom_mss, q6v5);

	mss_proxy_release(mss);
}

/* ---- probe/remove ----------------------------------------------------- */

/*
 * qcom_q6v5 keeps the AOSS QMP handle for load_state votes, but the handle
 * is freed when the AOSS driver unbinds and fw_devlink does not follow
 * qcom,qmp.  A stateless device link makes the MSS unbind first.
 */
static int mss_link_qmp(struct qcom_mss *mss)
{
	struct platform_device *aoss;
	struct device_node *np;
	struct device_link *link;

	np = of_parse_phandle(mss->dev->of_node, "qcom,qmp", 0);
	if (!np)
		return 0;

	aoss = of_find_device_by_node(np);
	of_node_put(np);
	if (!aoss)
		return -EPROBE_DEFER;

	link = device_link_add(mss->dev, &aoss->dev,
			       DL_FLAG_AUTOREMOVE_CONSUMER);
	put_device(&aoss->dev);
	if (!link) {
		dev_err(mss->dev, "cannot link to the AOSS QMP device\n");
		return -EINVAL;
	}

	return 0;
}

/*
 * 6.12's rproc_add() drops the reference rproc_alloc() gave its caller
 * when device_add() fails, and only then: the rproc is freed under the
 * subdevices still to be removed from it, and devm_rproc_alloc() puts it
 * once more (KASAN use-after-free, refcount underflow).  Hold a reference
 * of our own across the call; it stands in for the one rproc_add() took,
 * or is given back.
 */
static int mss_rproc_add(struct rproc *rproc)
{
	unsigned int refs;
	int ret;

	get_device(&rproc->dev);
	refs = kref_read(&rproc->dev.kobj.kref);
	ret = rproc_add(rproc);
	if (ret && kref_read(&rproc->dev.kobj.kref) < refs)
		return ret;
	put_device(&rproc->dev);

	return ret;
}

static int mss_probe(struct platform_device *pdev)
{
	const struct mss_soc *soc;
	struct device *dev = &pdev->dev;
	struct device_node *child;
	const char *mba_image;
	struct qcom_mss *mss;
	struct rproc *rproc;
	int ret;

	soc = of_device_get_match_data(dev);
	if (!soc)
		return -EINVAL;

	if (soc->need_mem_protection && !qcom_scm_is_available())
		return -EPROBE_DEFER;

	mba_image = soc->mba_image;
	ret = of_property_read_string_index(dev->of_node, "firmware-name", 0,
					    &mba_image);
	if (ret < 0 && ret != -EINVAL)
		return dev_err_probe(dev, ret, "unable to read MBA firmware-name\n");

	rproc = devm_rproc_alloc(dev, pdev->name, &mss_ops, mba_image,
				 sizeof(*mss));
	if (!rproc)
		return -ENOMEM;

	rproc->auto_boot = false;
	rproc_coredump_set_elf_info(rproc, ELFCLASS32, EM_NONE);

	mss = rproc->priv;
	mss->dev = dev;
	mss->rproc = rproc;
	mss->soc = soc;
	mss->desc = soc->desc;
	mss->mpss_image = "modem.mdt";
	ret = of_property_read_string_index(dev->of_node, "firmware-name", 1,
					    &mss->mpss_image);
	if (ret < 0 && ret != -EINVAL)
		return dev_err_probe(dev, ret, "unable to read modem firmware-name\n");

	platform_set_drvdata(pdev, mss);

	ret = mss_mem_init(&mss->mem, dev, soc->need_mem_protection);
	if (ret)
		return ret;

	ret = mss_init_resources(mss, pdev);
	if (ret)
		return ret;

	ret = qcom_q6v5_init(&mss->q6v5, pdev, rproc, MPSS_CRASH_REASON_SMEM,
			     "modem", mss_handover);
	if (ret)
		goto release;

	ret = mss_link_qmp(mss);
	if (ret)
		goto deinit;

	/*
	 * The glink and SSR helpers return nothing and may fail for want of
	 * memory, leaving a subdevice their remove helpers would unlink
	 * although it was never added (a NULL list entry); the glink one has
	 * already dropped the node it still points to.
	 */
	qcom_add_glink_subdev(rproc, &mss->glink_subdev, "mpss");
	if (mss->glink_subdev.node && !mss->glink_subdev.ssr_name) {
		mss->glink_subdev.node = NULL;
		ret = -ENOMEM;
		goto deinit;
	}
	qcom_add_smd_subdev(rproc, &mss->smd_subdev);
	qcom_add_pdm_subdev(rproc, &mss->pdm_subdev);
	qcom_add_ssr_subdev(rproc, &mss->ssr_subdev, "mpss");
	if (!mss->ssr_subdev.info) {
		ret = -ENOMEM;
		goto remove_pdm;
	}
	mss->sysmon = qcom_add_sysmon_subdev(rproc, "modem", mss->desc->ssctl_id);
	if (IS_ERR(mss->sysmon)) {
		ret = PTR_ERR(mss->sysmon);
		goto remove_subdevs;
	}

	ret = mss_rproc_add(rproc);
	if (ret)
		goto remove_sysmon;

	mss_mdata_debugfs_init(&mss->mem, rproc->dbg_dir);

	child = of_get_compatible_child(dev->of_node, "qcom,bam-dmux");
	mss->bam_dmux = of_platform_device_create(child, NULL, dev);
	of_node_put(child);

	return 0;

remove_sysmon:
	qcom_remove_sysmon_subdev(mss->sysmon);
remove_subdevs:
	qcom_remove_ssr_subdev(rproc, &mss->ssr_subdev);
remove_pdm:
	qcom_remove_pdm_subdev(rproc, &mss->pdm_subdev);
	qcom_remove_smd_subdev(rproc, &mss->smd_subdev);
	qcom_remove_glink_subdev(rproc, &mss->glink_subdev);
deinit:
	qcom_q6v5_deinit(&mss->q6v5);
release:
	mss_release_resources(mss);

	return ret;
}

void mss_remove(struct platform_device *pdev)
{
	struct qcom_mss *mss = platform_get_drvdata(pdev);
	struct rproc *rproc = mss->rproc;

	if (mss->bam_dmux)
		of_platform_device_destroy(&mss->bam_dmux->dev, NULL);
	rproc_del(rproc);

	qcom_q6v5_deinit(&mss->q6v5);
	qcom_remove_sysmon_subdev(mss->sysmon);
	qcom_remove_ssr_subdev(rproc, &mss->ssr_subdev);
	qcom_remove_pdm_subdev(rproc, &mss->pdm_subdev);
	qcom_remove_smd_subdev(rproc, &mss->smd_subdev);
	qcom_remove_glink_subdev(rproc, &mss->glink_subdev);

	mss_release_resources(mss);
}

static struct platform_driver mss_driver = {
	.probe = mss_probe,
	.remove = MSS_REMOVE_CB,
	.driver = {
		.name = "qcom-q6v5-mss",
		.of_match_table = mss_of_match,
	},
};
module_platform_driver(mss_driver);

MODULE_DESCRIPTION("Qualcomm self-authenticating modem remoteproc driver");
MODULE_LICENSE("GPL");
