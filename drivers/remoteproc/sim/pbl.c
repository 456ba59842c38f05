// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated Qualcomm modem subsystem: the Q6 core start and the primary
 * boot loader (PBL).  Out of reset the core starts when the driver
 * triggers the boot FSM or releases STOP_CORE after the QDSP6v5/v56
 * power-up sequence; the simulator checks that sequence (power domains,
 * resets, clocks, power and clamp bits; q6ss.c for v5 and v56) first.
 * The PBL then reports its status and authenticates the MBA image the
 * driver placed at RMB_MBA_IMAGE_REG (the whole .mbn file, its hash
 * segment at its p_offset): the hash segment's certificate chain and
 * signature, then the headers and every program header with file bytes
 * against its digest (image.c).
 * The fail_pbl and fail_mba knobs make it report another status instead.
 */

#include <linux/bitops.h>
#include <linux/bits.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/io.h>
#include <linux/minmax.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "../qcom_q6v5_mss_regs.h"
#include "mss_sim.h"

#define SIM_MBA_MAX		SZ_1M

/* Headers and every digest of the MBA image mapped at @img (@extent bytes) */
static int sim_auth_mba_image(struct mss_sim *sim, const u8 *img,
			      size_t extent, bool corrupt, bool corrupt_chain)
{
	struct sim_auth *rep = &sim->mba_auth;
	struct sim_image e;
	unsigned int i;
	u8 *hs = NULL;
	s64 hoff;
	int err;

	/* Re-parse the headers from the mapping we hash */
	err = sim_image_parse_headers(sim, img, extent, extent, "MBA", &e, rep);
	if (err)
		return err;
	hoff = mss_mdt_hash_offset(&e.mdt, extent);
	if (hoff < 0) {
		dev_err(sim->dev, "MBA: hash segment not in the image\n");
		return SIM_ERR_FORMAT;
	}

	/* Like the real PBL, check a private copy of the hash segment */
	hs = kmemdup(img + hoff, e.mdt.hash_size, GFP_KERNEL);
	if (!hs)
		return SIM_ERR_GENERIC;
	err = sim_image_parse_hash(sim, &e, hs, "MBA");
	if (!err)
		err = sim_image_authenticate(sim, &e, MSS_MDT_SW_ID_MBA,
					     corrupt_chain, "MBA");
	if (err)
		goto out;

	/* phdr 0's digest covers the ELF and program headers */
	err = sim_image_verify(sim, &e, 0, img, e.mdt.ehdr_size,
			       corrupt ? 24 : SIZE_MAX);
	if (err) {
		dev_err(sim->dev, "MBA: header digest mismatch\n");
		goto out;
	}

	/* Then every other program header's file bytes */
	for (i = 1; i < e.mdt.phnum; i++) {
		const struct elf32_phdr *ph = &e.mdt.phdrs[i];

		if (!sim_image_has_digest(&e, i))
			continue;
		err = sim_image_verify(sim, &e, i, img + ph->p_offset,
				       ph->p_filesz, SIZE_MAX);
		if (err) {
			dev_err(sim->dev, "MBA: segment %u digest mismatch\n",
				i);
			goto out;
		}
	}
out:
	kfree(hs);

	return err;
}

static int sim_auth_mba(struct mss_sim *sim)
{
	phys_addr_t addr = rmb_rd(sim, RMB_MBA_IMAGE_REG);
	bool corrupt = sim_corrupt_hit(sim, SIM_CORRUPT_MBA, 0);
	bool corrupt_chain = sim_corrupt_hit(sim, SIM_CORRUPT_CHAIN, 0);
	struct sim_image e;
	size_t hdr_size, extent;
	int err = 0;
	void *p;

	sim->mba_addr = addr;
	sim_auth_start(&sim->mba_auth, addr);
	if (!addr) {
		dev_err(sim->dev, "MBA: RMB_MBA_IMAGE_REG was never written\n");
		return SIM_ERR_RANGE;
	}

	p = sim_map(sim, addr, SIM_IMAGE_EHDR_SIZE, "MBA image", &err);
	if (!p)
		return err;
	err = sim_image_parse_ehdr(sim, p, SIM_IMAGE_EHDR_SIZE, "MBA",
				   &hdr_size);
	memunmap(p);
	if (err)
		return err;

	p = sim_map(sim, addr, hdr_size, "MBA image", &err);
	if (!p)
		return err;
	err = sim_image_parse_headers(sim, p, hdr_size, SIM_MBA_MAX, "MBA", &e,
				      NULL);
	extent = err ? 0 : sim_image_extent(&e);
	memunmap(p);
	if (err)
		return err;

	sim->mba_auth.size = extent;
	if (extent > SIM_MBA_MAX ||
	    (sim->region[SIM_REG_MBA].present &&
	     extent > sim->region[SIM_REG_MBA].size)) {
		dev_err(sim->dev, "MBA: image of %zu bytes is too large\n",
			extent);
		return SIM_ERR_RANGE;
	}

	p = sim_map(sim, addr, extent, "MBA image", &err);
	if (!p)
		return err;
	err = sim_auth_mba_image(sim, p, extent, corrupt, corrupt_chain);
	memunmap(p);

	return err;
}

/* What a core start needs that is not in place, one bit per fault */
enum {
	SIM_START_PD_OFF,
	SIM_START_PDC_HELD,
	SIM_START_SLEEP_OFF,
	SIM_START_XO_OFF,
	SIM_START_NO_CORE_START,
	SIM_START_NR_FAULTS,
};

static const char *const sim_start_faults[SIM_START_NR_FAULTS] = {
	[SIM_START_PD_OFF] = "Q6 started with a proxy power domain off",
	[SIM_START_PDC_HELD] = "Q6 started with pdc_reset asserted",
	[SIM_START_SLEEP_OFF] = "boot FSM triggered with the sleep clock off",
	[SIM_START_XO_OFF] = "boot FSM triggered with the XO or core clock off",
	[SIM_START_NO_CORE_START] = "boot FSM triggered without BOOT_CORE_START",
};

/*
 * The faults of a core start, as a mask of SIM_START_*: the power and
 * reset state, and for the boot FSM its clocks and BOOT_CORE_START.  Only
 * registers and flags are read, so an attendant may ask too.
 */
static unsigned long sim_start_faults_of(struct mss_sim *sim)
{
	const struct mss_sim_flavour *fl = sim->fl;
	unsigned long faults = 0;

	if (!sim_powered(sim))
		faults |= BIT(SIM_START_PD_OFF);
	if (fl->reset == SIM_RESET_ALT && READ_ONCE(sim->pdc_asserted))
		faults |= BIT(SIM_START_PDC_HELD);
	if (fl->boot != SIM_BOOT_FSM)
		return faults;

	if (!(q6_rd(sim, QDSP6SS_SLEEP) & Q6SS_CBCR_CLKEN))
		faults |= BIT(SIM_START_SLEEP_OFF);
	if (fl->fsm_xo && (!(q6_rd(sim, QDSP6SS_XO_CBCR) & Q6SS_CBCR_CLKEN) ||
			   !(q6_rd(sim, QDSP6SS_CORE_CBCR) & Q6SS_CBCR_CLKEN)))
		faults |= BIT(SIM_START_XO_OFF);
	if (!(q6_rd(sim, QDSP6SS_BOOT_CORE_START) & 1))
		faults |= BIT(SIM_START_NO_CORE_START);

	return faults;
}

static bool sim_core_start_ok(struct mss_sim *sim)
{
	unsigned long faults = sim_start_faults_of(sim);
	unsigned int i;
	bool ok = !faults;

	for_each_set_bit(i, &faults, SIM_START_NR_FAULTS)
		sim_seq_error(sim, sim_start_faults[i]);
	if (sim->fl->boot != SIM_BOOT_FSM && !sim_q6_start_ok(sim))
		ok = false;

	return ok;
}

/**
 * sim_fsm_handshake() - complete a boot FSM that was triggered cleanly
 * @sim: the simulator, @hs_lock held (sim_handshakes())
 *
 * The driver gives the boot FSM 10 ms, a couple of ticks of the rig's
 * kernel, and real hardware finishes in microseconds, so the attendants
 * answer it as soon as the driver sleeps to wait.  They only set the
 * completion bit when everything the FSM needs is in place (no fault of
 * sim_start_faults_of(), which needs no lock); the modem thread then
 * starts the PBL as before, and handles every faulty trigger itself.
 */
void sim_fsm_handshake(struct mss_sim *sim)
{
	const struct mss_sim_flavour *fl = sim->fl;

	if (fl->boot != SIM_BOOT_FSM || READ_ONCE(sim->state) != SIM_IDLE ||
	    READ_ONCE(sim->hang) == SIM_PH_FSM ||
	    !(q6_rd(sim, QDSP6SS_BOOT_CMD) & 1) || sim_start_faults_of(sim))
		return;

	rmb_wr(sim, RMB_MBA_MSS_STATUS, rmb_rd(sim, RMB_MBA_MSS_STATUS) | BIT(0));
}

/**
 * sim_step_idle() - start the Q6 core when the driver triggers it
 * @sim: the simulator, @lock held, modem out of reset and powered
 */
void sim_step_idle(struct mss_sim *sim)
{
	if (sim->fl->boot == SIM_BOOT_FSM) {
		if (!(q6_rd(sim, QDSP6SS_BOOT_CMD) & 1))
			return;
		if (sim_hang(sim, SIM_PH_FSM))
			return;
		/* BOOT_CMD is a trigger */
		q6_wr(sim, QDSP6SS_BOOT_CMD, 0);
		if (!sim_core_start_ok(sim)) {
			sim_set_state(sim, SIM_FAILED);
			return;
		}
		sim->cnt.fsm_starts++;
		rmb_wr(sim, RMB_MBA_MSS_STATUS,
		       rmb_rd(sim, RMB_MBA_MSS_STATUS) | BIT(0));
	} else {
		if (q6_rd(sim, QDSP6SS_RESET_REG) & Q6SS_STOP_CORE)
			return;
		if (!sim_core_start_ok(sim)) {
			sim_set_state(sim, SIM_FAILED);
			return;
		}
	}

	sim->cnt.boots++;
	/* A debug policy is announced through CODE_START/LENGTH at boot */
	sim->dp_len = rmb_rd(sim, RMB_PMI_CODE_LENGTH_REG);
	sim->dp_addr = sim->dp_len ? rmb_rd(sim, RMB_PMI_CODE_START_REG) : 0;
	dev_dbg(sim->dev, "Q6 out of reset, PBL running\n");
	sim_set_state(sim, SIM_PBL);
}

/**
 * sim_step_pbl() - the PBL reports its status
 * @sim: the simulator, @lock held
 */
void sim_step_pbl(struct mss_sim *sim)
{
	if (sim_hang(sim, SIM_PH_PBL))
		return;
	if (sim->fail_pbl) {
		sim->cnt.pbl_fail++;
		dev_info(sim->dev, "PBL: reporting status %d (fault hook)\n",
			 sim->fail_pbl);
		sim_fail(sim, RMB_PBL_STATUS_REG, sim->fail_pbl);
		return;
	}
	sim->cnt.pbl_ok++;
	rmb_wr(sim, RMB_PBL_STATUS_REG, RMB_PBL_SUCCESS);
	/* From here on the Q6 has bus masters that must be halted */
	sim->bus_active = true;
	sim_set_state(sim, SIM_MBA_AUTH);
}

/*
 * The PBL reads the debug policy the driver announced through
 * RMB_PMI_CODE_START/LENGTH (upstream: 1 MiB after the MBA); its first
 * SIM_DP_KEEP bytes stay in debugfs "debug_policy" until the next boot
 * that has one, for scenarios to compare with the file.
 */
static int sim_pbl_read_dp(struct mss_sim *sim)
{
	int err = 0;
	void *p;

	if (!sim->dp_len)
		return 0;
	p = sim_map(sim, sim->dp_addr, sim->dp_len, "debug policy", &err);
	if (!p)
		return err;
	sim->dp_seen_len = min_t(u32, sim->dp_len, SIM_DP_KEEP);
	memcpy(sim->dp_seen, p, sim->dp_seen_len);
	memunmap(p);

	return 0;
}

/**
 * sim_step_mba_auth() - the PBL authenticates the MBA image
 * @sim: the simulator, @lock held
 * @fire: lines to raise after the pass
 */
void sim_step_mba_auth(struct mss_sim *sim, unsigned long *fire)
{
	int status;

	if (sim_hang(sim, SIM_PH_MBA))
		return;

	status = sim_pbl_read_dp(sim);
	if (!status)
		status = sim_auth_mba(sim);
	sim->mba_auth.status = status;
	if (status) {
		sim->cnt.mba_fail++;
		dev_err(sim->dev, "MBA at %#x: authentication failed, status %d\n",
			sim->mba_addr, status);
		sim_fail(sim, RMB_MBA_STATUS_REG, status);
		return;
	}

	/* From here on the MBA runs: a failure leaves its log */
	status = sim->fail_mba;
	if (status) {
		sim->cnt.mba_fail++;
		dev_err(sim->dev, "MBA at %#x: reporting status %d (fault hook)\n",
			sim->mba_addr, status);
		sim_mba_log(sim, "fault hook", status);
		sim_fail(sim, RMB_MBA_STATUS_REG, status);
		return;
	}

	status = sim_mba_wipe(sim);
	if (status) {
		dev_err(sim->dev, "MBA at %#x cannot wipe MPSS: status %d\n",
			sim->mba_addr, status);
		sim_mba_log(sim, "MPSS wipe failed", status);
		sim_fail(sim, RMB_MBA_STATUS_REG, status);
		return;
	}

	sim->cnt.mba_ok++;
	dev_info(sim->dev, "MBA at %#x authenticated%s, MPSS wiped\n",
		 sim->mba_addr, sim->dp_len ? " (with debug policy)" : "");
	rmb_wr(sim, RMB_MBA_STATUS_REG, RMB_MBA_XPU_UNLOCKED_SCRIBBLED);
	sim_set_state(sim, SIM_MBA);
	sim_crash_point(sim, SIM_PH_MBA, fire);
}

static int sim_dp_show(struct seq_file *m, void *unused)
{
	struct mss_sim *sim = m->private;

	mutex_lock(&sim->lock);
	seq_write(m, sim->dp_seen, sim->dp_seen_len);
	mutex_unlock(&sim->lock);

	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sim_dp);

/**
 * sim_pbl_debugfs_init() - create the fail_pbl and fail_mba knobs and the
 *	debug_policy file
 * @sim: the simulator
 * @dir: its debugfs directory
 */
void sim_pbl_debugfs_init(struct mss_sim *sim, struct dentry *dir)
{
	sim_debugfs_s32(sim, dir, "fail_pbl", &sim->fail_pbl);
	sim_debugfs_s32(sim, dir, "fail_mba", &sim->fail_mba);
	debugfs_create_file("debug_policy", 0444, dir, sim, &sim_dp_fops);
}

