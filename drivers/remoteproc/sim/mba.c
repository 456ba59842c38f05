// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated Qualcomm modem subsystem: the modem boot authenticator (MBA).
 * On META_DATA_READY it reads the metadata (ELF header, program headers
 * and hash segment) at RMB_PMI_META_DATA_REG into a private copy, checks
 * it (headers, the hash segment's chain and signature, the headers'
 * digest; image.c) and records where it came from (last_mdata); on
 * LOAD_READY it authenticates each segment as RMB_PMI_CODE_LENGTH covers
 * it: the digest of its p_filesz bytes where the driver placed it.  Once
 * Linux has handed the MPSS region over, it has the XPU model check that
 * the image is still what it authenticated, reports AUTH_COMPLETE and
 * raises the handover interrupt.  The fail_mdata knob makes the metadata
 * check report another status.
 */

#include <linux/bits.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/firmware/qcom/qcom_scm.h>
#include <linux/io.h>
#include <linux/log2.h>
#include <linux/minmax.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../qcom_q6v5_mss_regs.h"
#include "mss_sim.h"
#include "qcom_scm_sim.h"

#define SIM_SEG_MAX		(256 * SZ_1M)

/*
 * A program header with a digest that the driver does not load (PT_INTERP,
 * PT_DYNAMIC in apq8016's modem): its file bytes lie inside a loadable
 * segment's, so they are checked there once that segment is loaded.
 * Return: the index in @sim->segs, or -1 if no loaded segment holds them.
 */
static int sim_find_holder(struct mss_sim *sim, const struct elf32_phdr *ph,
			   u32 *offset)
{
	const struct elf32_phdr *phdrs = sim->mdimg.mdt.phdrs;
	unsigned int i;

	for (i = 0; i < sim->nr_segs; i++) {
		const struct elf32_phdr *h = &phdrs[sim->segs[i].phdr];

		if (ph->p_offset >= h->p_offset &&
		    (u64)ph->p_offset + ph->p_filesz <=
		    (u64)h->p_offset + h->p_filesz) {
			*offset = ph->p_offset - h->p_offset;
			return i;
		}
	}

	return -1;
}

static int sim_build_segments(struct mss_sim *sim, const struct sim_image *e)
{
	struct sim_image_seg seg;
	unsigned int i, n = 0, extra = 0;
	u64 end = 0;

	for (i = 0; i < e->mdt.phnum; i++) {
		if (sim_image_segment(e, i, &seg))
			n++;
		else if (sim_image_has_digest(e, i) && i)
			extra++;
	}
	if (!n) {
		dev_err(sim->dev, "metadata: no loadable segment\n");
		return SIM_ERR_FORMAT;
	}

	sim->segs = kcalloc(n + extra, sizeof(*sim->segs), GFP_KERNEL);
	if (!sim->segs)
		return SIM_ERR_GENERIC;

	sim->min_paddr = U32_MAX;
	for (i = 0; i < e->mdt.phnum; i++) {
		struct sim_seg *s;

		if (!sim_image_segment(e, i, &seg))
			continue;
		if (seg.memsz > SIM_SEG_MAX ||
		    (u64)seg.paddr + seg.memsz > (u64)U32_MAX + 1) {
			dev_err(sim->dev, "metadata: segment %u out of range\n",
				i);
			return SIM_ERR_RANGE;
		}
		if (seg.reloc)
			sim->reloc = true;
		sim->min_paddr = min(sim->min_paddr, seg.paddr);
		end += seg.memsz;

		s = &sim->segs[sim->nr_segs++];
		s->phdr = i;
		s->paddr = seg.paddr;
		s->filesz = seg.filesz;
		s->memsz = seg.memsz;
		s->end = end;
		s->in = -1;
	}

	for (i = 1; i < e->mdt.phnum; i++) {
		const struct elf32_phdr *ph = &e->mdt.phdrs[i];
		struct sim_seg *s;

		if (sim_image_segment(e, i, &seg) || !sim_image_has_digest(e, i))
			continue;
		s = &sim->segs[sim->nr_segs + sim->nr_extras++];
		s->phdr = i;
		s->filesz = ph->p_filesz;
		s->in = sim_find_holder(sim, ph, &s->offset);
		if (s->in < 0) {
			/* The MBA never sees these bytes */
			dev_info(sim->dev, "metadata: phdr %u (type %#x) is not loaded: its digest is not checked\n",
				 i, ph->p_type);
			sim_auth_note(&sim->md_auth, i, SIM_DG_UNCHECKED, 0);
		}
	}

	return 0;
}

static int sim_auth_mdata(struct mss_sim *sim)
{
	phys_addr_t addr = rmb_rd(sim, RMB_PMI_META_DATA_REG);
	bool corrupt = sim_corrupt_hit(sim, SIM_CORRUPT_MDATA, 0);
	bool corrupt_chain = sim_corrupt_hit(sim, SIM_CORRUPT_CHAIN, 0);
	struct sim_image *md = &sim->mdimg;
	const char *what = "metadata";
	size_t hdr_size, total;
	struct sim_image e;
	int err = 0;
	s64 hoff;
	void *p;

	sim_free_boot(sim);
	sim->mba_addr = rmb_rd(sim, RMB_MBA_IMAGE_REG);
	sim->last_md.valid = true;
	sim->last_md.addr = addr;
	sim->last_md.size = 0;
	sim->last_md.source = sim_classify(sim, addr, 1);
	sim_auth_start(&sim->md_auth, addr);

	if (!addr) {
		dev_err(sim->dev, "metadata: RMB_PMI_META_DATA_REG is 0\n");
		return SIM_ERR_RANGE;
	}

	p = sim_map(sim, addr, SIM_IMAGE_EHDR_SIZE, what, &err);
	if (!p)
		return err;
	err = sim_image_parse_ehdr(sim, p, SIM_IMAGE_EHDR_SIZE, what,
				   &hdr_size);
	memunmap(p);
	if (err)
		return err;

	/* The headers say how large the metadata is */
	p = sim_map(sim, addr, hdr_size, what, &err);
	if (!p)
		return err;
	err = sim_image_parse_headers(sim, p, hdr_size, SIM_MDATA_MAX, what,
				      &e, NULL);
	total = err ? 0 : e.mdt.metadata_size;
	memunmap(p);
	if (err)
		return err;
	if (total > SIM_MDATA_MAX)
		return SIM_ERR_RANGE;

	sim->last_md.size = total;
	sim->md_auth.size = total;
	sim->last_md.source = sim_classify(sim, addr, total);

	/* Like the real MBA, keep a private copy: the buffer is reclaimed */
	p = sim_map(sim, addr, total, what, &err);
	if (!p)
		return err;
	sim->mdata = kmalloc(total, GFP_KERNEL);
	if (sim->mdata)
		memcpy(sim->mdata, p, total);
	memunmap(p);
	if (!sim->mdata)
		return SIM_ERR_GENERIC;
	sim->mdata_size = total;
	if (corrupt)
		sim->mdata[24] ^= 0xff;

	/* Everything from here on uses the private copy only */
	err = sim_image_parse_headers(sim, sim->mdata, total, total, what, md,
				      &sim->md_auth);
	if (err)
		return err;
	if (md->mdt.metadata_size != total) {
		dev_err(sim->dev, "metadata: %llu bytes of headers and hash segment, %zu staged\n",
			md->mdt.metadata_size, total);
		return SIM_ERR_FORMAT;
	}

	/* The hash segment follows the headers in the metadata */
	hoff = mss_mdt_hash_offset(&md->mdt, total);
	err = sim_image_parse_hash(sim, md, sim->mdata + hoff, what);
	if (!err)
		err = sim_image_authenticate(sim, md, MSS_MDT_SW_ID_MODEM,
					     corrupt_chain, what);
	if (err)
		return err;

	err = sim_image_verify(sim, md, 0, sim->mdata, md->mdt.ehdr_size,
			       SIZE_MAX);
	if (err) {
		dev_err(sim->dev, "metadata: header digest mismatch\n");
		return err;
	}

	return sim_build_segments(sim, md);
}

static u32 sim_load_addr(struct mss_sim *sim, const struct sim_seg *s)
{
	return sim->reloc ? sim->code_start + (s->paddr - sim->min_paddr) :
			    s->paddr;
}

/* Authenticate the next segment in load order */
static int sim_auth_segment(struct mss_sim *sim, unsigned int idx)
{
	const struct sim_seg *s = &sim->segs[idx];
	u32 load = sim_load_addr(sim, s);
	bool corrupt = sim_corrupt_hit(sim, SIM_CORRUPT_SEGMENT, s->phdr);
	struct sim_image *md = &sim->mdimg;
	unsigned int i;
	char what[24];
	int err = 0;
	u8 *p;

	snprintf(what, sizeof(what), "segment %u", s->phdr);
	/* The whole segment must be readable; the digest covers p_filesz */
	p = sim_map(sim, load, s->memsz, what, &err);
	if (!p)
		return err;

	sim_auth_note(&sim->md_auth, s->phdr, SIM_DG_ZERO, load);
	if (s->filesz)
		err = sim_image_verify(sim, md, s->phdr, p, s->filesz,
				       corrupt ? s->filesz / 2 : SIZE_MAX);
	if (err) {
		dev_err(sim->dev, "%s at %#x: digest mismatch\n", what, load);
		goto out;
	}

	/* Program headers whose file bytes are part of this segment's */
	for (i = sim->nr_segs; i < sim->nr_segs + sim->nr_extras; i++) {
		const struct sim_seg *x = &sim->segs[i];

		if (x->in != idx)
			continue;
		err = sim_image_verify(sim, md, x->phdr, p + x->offset,
				       x->filesz, SIZE_MAX);
		sim_auth_note(&sim->md_auth, x->phdr,
			      err ? SIM_DG_BAD : SIM_DG_OK, load + x->offset);
		if (err) {
			dev_err(sim->dev, "phdr %u in %s at %#x: digest mismatch\n",
				x->phdr, what, load + x->offset);
			goto out;
		}
	}
	sim->cnt.segments++;
out:
	memunmap(p);

	return err;
}

/**
 * sim_step_mba() - the MBA authenticates the metadata on META_DATA_READY
 * @sim: the simulator, @lock held
 * @fire: lines to raise after the pass
 */
void sim_step_mba(struct mss_sim *sim, unsigned long *fire)
{
	u32 cmd = rmb_rd(sim, RMB_MBA_COMMAND_REG);
	int status;

	if (cmd == RMB_CMD_LOAD_READY) {
		dev_err(sim->dev, "MBA: LOAD_READY before the metadata\n");
		sim_fail(sim, RMB_MBA_STATUS_REG, SIM_ERR_SEQ);
		return;
	}
	if (cmd != RMB_CMD_META_DATA_READY || sim_hang(sim, SIM_PH_MDATA))
		return;

	status = sim_auth_mdata(sim);
	if (!status && sim->fail_mdata)
		status = sim->fail_mdata;
	sim->md_auth.status = status;
	sim->last_md.status = status ? status : RMB_MBA_META_DATA_AUTH_SUCCESS;
	if (status) {
		sim->cnt.mdata_fail++;
		dev_err(sim->dev, "metadata at %#x (%s): authentication failed, status %d\n",
			sim->last_md.addr, sim->last_md.source, status);
		sim_free_boot(sim);
		sim_fail(sim, RMB_MBA_STATUS_REG, status);
		return;
	}

	sim->cnt.mdata_ok++;
	dev_info(sim->dev, "metadata at %#x+%#x (%s): authenticated, %u segments%s\n",
		 sim->last_md.addr, sim->last_md.size, sim->last_md.source,
		 sim->nr_segs, sim->reloc ? ", relocatable" : "");
	rmb_wr(sim, RMB_MBA_STATUS_REG, RMB_MBA_META_DATA_AUTH_SUCCESS);
	sim_set_state(sim, SIM_MDATA_OK);
	sim_crash_point(sim, SIM_PH_MDATA, fire);
}

/*
 * A relocated image keeps each segment's alignment: the modem maps its
 * segments with pages of up to p_align (sdm845's first segment is
 * aligned 1 MiB), so CODE_START must move them by a multiple of it.
 */
static bool sim_reloc_aligned(struct mss_sim *sim)
{
	unsigned int i;

	for (i = 0; i < sim->nr_segs; i++) {
		const struct sim_seg *s = &sim->segs[i];
		u32 align = sim->mdimg.mdt.phdrs[s->phdr].p_align;

		if (align < 2 || !is_power_of_2(align) ||
		    !((sim_load_addr(sim, s) ^ s->paddr) & (align - 1)))
			continue;
		dev_err(sim->dev, "CODE_START %#x puts segment %u (p_align %#x) at %#x\n",
			sim->code_start, s->phdr, align, sim_load_addr(sim, s));
		return false;
	}

	return true;
}

/**
 * sim_step_mdata_ok() - the MBA takes the load address on LOAD_READY
 * @sim: the simulator, @lock held
 */
void sim_step_mdata_ok(struct mss_sim *sim)
{
	if (rmb_rd(sim, RMB_MBA_COMMAND_REG) != RMB_CMD_LOAD_READY)
		return;

	if (sim->fail_load) {
		/* The MBA gives up on the image before its first segment */
		dev_err(sim->dev, "MBA: failing the segment phase, status %d\n",
			sim->fail_load);
		sim->cnt.auth_fail++;
		sim->md_auth.status = sim->fail_load;
		sim_fail(sim, RMB_MBA_STATUS_REG, sim->fail_load);
		return;
	}

	sim->code_start = rmb_rd(sim, RMB_PMI_CODE_START_REG);
	if (!sim->reloc && sim->code_start != sim->min_paddr)
		dev_warn(sim->dev, "CODE_START %#x is not the lowest segment address %#x\n",
			 sim->code_start, sim->min_paddr);
	if (sim->reloc && !sim_reloc_aligned(sim)) {
		sim->cnt.auth_fail++;
		sim_fail(sim, RMB_MBA_STATUS_REG, SIM_ERR_RANGE);
		return;
	}
	sim_set_state(sim, SIM_LOADING);
}

/**
 * sim_step_loading() - authenticate the segments RMB_PMI_CODE_LENGTH covers
 * @sim: the simulator, @lock held
 * @fire: lines to raise after the pass
 */
void sim_step_loading(struct mss_sim *sim, unsigned long *fire)
{
	u32 len = rmb_rd(sim, RMB_PMI_CODE_LENGTH_REG);
	int status;

	if (sim_hang(sim, SIM_PH_LOAD))
		return;
	/*
	 * A real MBA hashes on the modem's own CPU; this one takes a guest
	 * CPU, the bus and, for each mapping, a TLB flush of every CPU.
	 * make bench can hold it back until the load is complete, so that
	 * the driver's copy is timed without the simulator's share.  (An
	 * image in this phase has segments: sim_build_segments().)
	 */
	if (sim->auth_at_end && len < sim->segs[sim->nr_segs - 1].end)
		return;

	while (sim->next_seg < sim->nr_segs &&
	       len >= sim->segs[sim->next_seg].end) {
		status = sim_auth_segment(sim, sim->next_seg);
		if (status) {
			sim->cnt.auth_fail++;
			sim->md_auth.status = status;
			sim_fail(sim, RMB_MBA_STATUS_REG, status);
			return;
		}
		sim->next_seg++;
		sim_activity(sim);
		if (sim->next_seg == 1 && sim_crash_point(sim, SIM_PH_LOAD, fire))
			return;
	}

	if (sim->next_seg == sim->nr_segs)
		sim_set_state(sim, SIM_AUTH_WAIT);
}

/* The MPSS range the modem runs from: the DT region, else the image span */
static void sim_image_range(struct mss_sim *sim, phys_addr_t *base,
			    size_t *size)
{
	const struct sim_seg *s;
	u32 lo = U32_MAX, hi = 0;
	unsigned int i;

	if (sim->region[SIM_REG_MPSS].present) {
		*base = sim->region[SIM_REG_MPSS].base;
		*size = sim->region[SIM_REG_MPSS].size;
		return;
	}

	for (i = 0; i < sim->nr_segs; i++) {
		u32 load;

		s = &sim->segs[i];
		load = sim_load_addr(sim, s);
		lo = min(lo, load);
		hi = max(hi, load + s->memsz);
	}
	*base = lo;
	*size = hi - lo;
}

/**
 * sim_step_auth_wait() - lock the image once Linux hands MPSS over
 * @sim: the simulator, @lock held
 * @fire: lines to raise after the pass (handover)
 */
void sim_step_auth_wait(struct mss_sim *sim, unsigned long *fire)
{
	const struct sim_seg *s;
	phys_addr_t base;
	unsigned int i;
	size_t size;
	u64 owners;
	int err = 0;
	void *p;

	if (sim_hang(sim, SIM_PH_AUTH))
		return;

	sim_image_range(sim, &base, &size);
	if (sim->fl->protected &&
	    (qcom_scm_sim_get_owners(base, size, &owners) ||
	     owners != BIT_ULL(QCOM_SCM_VMID_MSS_MSA)))
		return;	/* Linux has not handed the MPSS region over yet */

	/* The XPU now locks the image: check what runs is what was loaded */
	for (i = 0; i < sim->nr_segs; i++) {
		u32 load;

		s = &sim->segs[i];
		load = sim_load_addr(sim, s);
		p = sim_map(sim, load, s->memsz, "image lock", &err);
		if (!p) {
			sim->cnt.auth_fail++;
			sim_fail(sim, RMB_MBA_STATUS_REG, err);
			return;
		}
		memunmap(p);
	}

	sim->cnt.auth_complete++;
	dev_info(sim->dev, "modem image authenticated, %u segments\n",
		 sim->nr_segs);
	rmb_wr(sim, RMB_MBA_STATUS_REG, RMB_MBA_AUTH_COMPLETE);

	/* Done with the proxy votes as soon as the image runs */
	sim->cnt.handovers++;
	*fire |= BIT(SIM_IRQ_HANDOVER);
	if (sim->ready_delay_ms >= 0)
		sim->ready_at = ktime_add_ms(ktime_get(), sim->ready_delay_ms);
	sim_set_state(sim, SIM_BOOTING);
}

static int sim_last_mdata_show(struct seq_file *m, void *unused)
{
	struct mss_sim *sim = m->private;

	mutex_lock(&sim->lock);
	if (sim->last_md.valid) {
		seq_printf(m, "addr: %#x\n", sim->last_md.addr);
		seq_printf(m, "size: %u\n", sim->last_md.size);
		seq_printf(m, "source: %s\n", sim->last_md.source);
		seq_printf(m, "status: %d\n", sim->last_md.status);
	} else {
		seq_puts(m, "source: none\n");
	}
	mutex_unlock(&sim->lock);

	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sim_last_mdata);

/**
 * sim_mba_debugfs_init() - create the last_mdata file and the fail_mdata
 *	and fail_load knobs
 * @sim: the simulator
 * @dir: its debugfs directory
 */
void sim_mba_debugfs_init(struct mss_sim *sim, struct dentry *dir)
{
	debugfs_create_file("last_mdata", 0444, dir, sim, &sim_last_mdata_fops);
	sim_debugfs_s32(sim, dir, "fail_mdata", &sim->fail_mdata);
	sim_debugfs_s32(sim, dir, "fail_load", &sim->fail_load);
	sim_debugfs_s32(sim, dir, "auth_at_end", &sim->auth_at_end);
}

