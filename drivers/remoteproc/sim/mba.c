// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated Qualcomm modem subsystem: the modem boot authenticator (MBA).
 * On META_DATA_READY it reads the metadata (ELF header, program headers
 * and hash segment) at RMB_PMI_META_DATA_REG into a private copy, checks
 * it and records where it came from (last_mdata); on LOAD_READY it
 * authenticates each segment as RMB_PMI_CODE_LENGTH covers it.  Once
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
#include <linux/minmax.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../qcom_q6v5_mss_regs.h"
#include "mss_sim.h"
#include "qcom_scm_sim.h"

#define SIM_SEG_MAX		(256 * SZ_1M)

static int sim_build_segments(struct mss_sim *sim, const struct sim_image *e)
{
	struct sim_image_seg seg;
	unsigned int i, n = 0;
	u64 end = 0;

	for (i = 0; i < e->phnum; i++)
		n += sim_image_segment(e, i, &seg);
	if (!n) {
		dev_err(sim->dev, "metadata: no loadable segment\n");
		return SIM_ERR_FORMAT;
	}

	sim->segs = kcalloc(n, sizeof(*sim->segs), GFP_KERNEL);
	if (!sim->segs)
		return SIM_ERR_GENERIC;

	sim->min_paddr = U32_MAX;
	for (i = 0; i < e->phnum; i++) {
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
		s->memsz = seg.memsz;
		s->end = end;
	}

	return 0;
}

static int sim_auth_mdata(struct mss_sim *sim)
{
	phys_addr_t addr = rmb_rd(sim, RMB_PMI_META_DATA_REG);
	bool corrupt = sim_corrupt_hit(sim, SIM_CORRUPT_MDATA, 0);
	struct sim_image *md = &sim->mdimg;
	const char *what = "metadata";
	struct sim_image e;
	size_t total;
	int err = 0;
	void *p;

	sim_free_boot(sim);
	sim->mba_addr = rmb_rd(sim, RMB_MBA_IMAGE_REG);
	sim->last_md.valid = true;
	sim->last_md.addr = addr;
	sim->last_md.size = 0;
	sim->last_md.source = sim_classify(sim, addr, 1);

	if (!addr) {
		dev_err(sim->dev, "metadata: RMB_PMI_META_DATA_REG is 0\n");
		return SIM_ERR_RANGE;
	}

	p = sim_map(sim, addr, SIM_IMAGE_EHDR_SIZE, what, &err);
	if (!p)
		return err;
	err = sim_image_parse_ehdr(sim, p, SIM_IMAGE_EHDR_SIZE, what, &e);
	memunmap(p);
	if (err)
		return err;

	p = sim_map(sim, addr, e.hdr_size, what, &err);
	if (!p)
		return err;
	err = sim_image_parse_phdrs(sim, p, e.hdr_size, what, &e);
	total = err ? 0 : e.hdr_size + e.hash_size;
	memunmap(p);
	if (err)
		return err;
	if (total > SIM_MDATA_MAX)
		return SIM_ERR_RANGE;

	sim->last_md.size = total;
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
	err = sim_image_parse_ehdr(sim, sim->mdata, total, what, md);
	if (!err)
		err = sim_image_parse_phdrs(sim, sim->mdata, total, what, md);
	if (err)
		return err;
	if (md->hdr_size + md->hash_size != total)
		return SIM_ERR_FORMAT;

	/* The hash segment follows the headers in the metadata */
	err = sim_image_parse_hash(sim, md, sim->mdata + md->hdr_size, what);
	if (err)
		return err;

	err = sim_image_verify(md, 0, sim->mdata, md->hdr_size, 0, SIZE_MAX);
	if (err) {
		dev_err(sim->dev, "metadata: header digest mismatch\n");
		return err;
	}

	return sim_build_segments(sim, md);
}

/* Authenticate the next segment in load order */
static int sim_auth_segment(struct mss_sim *sim, const struct sim_seg *s)
{
	u32 load = sim->reloc ? sim->code_start + (s->paddr - sim->min_paddr) :
				s->paddr;
	bool corrupt = sim_corrupt_hit(sim, SIM_CORRUPT_SEGMENT, s->phdr);
	char what[24];
	int err = 0;
	void *p;

	snprintf(what, sizeof(what), "segment %u", s->phdr);
	p = sim_map(sim, load, s->memsz, what, &err);
	if (!p)
		return err;

	err = sim_image_verify(&sim->mdimg, s->phdr, p, s->memsz, 0,
			       corrupt ? s->memsz / 2 : SIZE_MAX);
	memunmap(p);

	if (err) {
		dev_err(sim->dev, "%s at %#x: digest mismatch\n", what, load);
		return err;
	}
	sim->cnt.segments++;

	return 0;
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

/**
 * sim_step_mdata_ok() - the MBA takes the load address on LOAD_READY
 * @sim: the simulator, @lock held
 */
void sim_step_mdata_ok(struct mss_sim *sim)
{
	if (rmb_rd(sim, RMB_MBA_COMMAND_REG) != RMB_CMD_LOAD_READY)
		return;

	sim->code_start = rmb_rd(sim, RMB_PMI_CODE_START_REG);
	if (!sim->reloc && sim->code_start != sim->min_paddr)
		dev_warn(sim->dev, "CODE_START %#x is not the lowest segment address %#x\n",
			 sim->code_start, sim->min_paddr);
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

	while (sim->next_seg < sim->nr_segs &&
	       len >= sim->segs[sim->next_seg].end) {
		status = sim_auth_segment(sim, &sim->segs[sim->next_seg]);
		if (status) {
			sim->cnt.auth_fail++;
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
		load = sim->reloc ? sim->code_start + (s->paddr - sim->min_paddr) :
				    s->paddr;
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
		load = sim->reloc ? sim->code_start + (s->paddr - sim->min_paddr) :
				    s->paddr;
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
 * sim_mba_debugfs_init() - create the last_mdata file and fail_mdata knob
 * @sim: the simulator
 * @dir: its debugfs directory
 */
void sim_mba_debugfs_init(struct mss_sim *sim, struct dentry *dir)
{
	debugfs_create_file("last_mdata", 0444, dir, sim, &sim_last_mdata_fops);
	sim_debugfs_s32(sim, dir, "fail_mdata", &sim->fail_mdata);
}

