// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated Qualcomm modem subsystem: the QDSP6 subsystem (QDSP6SS) power
 * controls of the flavours whose Q6 the driver powers up by hand, QDSP6v5
 * (msm8916, msm8974, msm8226) and QDSP6v56 (msm8996, sdm660, msm8953,
 * msm8917): their reset values, the head switch acknowledgment, the
 * order of the power-up steps and the state the core starts in.
 *
 * What the simulator can see: the registers are plain memory that the
 * modem thread reads, so it sees values, never individual writes.  Three
 * kinds of check follow from that:
 *
 * - At a moment the simulator controls, the state is exact: when STOP_CORE
 *   is released (sim_q6_start_ok()), when mss_restart is asserted (the
 *   reset callbacks run synchronously) and when the simulator answers a
 *   handshake the driver waits for (everything the driver wrote before it
 *   began to wait is visible then).
 *
 * - The order of writes between two such moments is only seen by sampling
 *   (sim_q6_step(), each pass of the thread while the core is stopped): a
 *   step found done while a step upstream does before it is still undone
 *   is a sequence error.  A wrong order is caught only if a sample falls
 *   between the two writes.  Around a power-up an attendant thread samples
 *   without sleeping on every CPU (sim_attend()); the one beside the
 *   driver sees a wrong order that lasts through a loop of delays (the
 *   memory banks, 1 us each) when the host runs its virtual CPU then,
 *   and two writes in a row, such as the IO clamp and CORE_ARES, almost
 *   never: that rule is checked but weak.  The partial_samples counter
 *   says how often a sample fell inside the bank loop.  Registers are read
 *   in reverse power-up order, so a sample taken while the driver writes
 *   never shows a later step without the earlier one.  A correct sequence
 *   never trips a rule, whatever the timing.
 *
 * - Writes that leave no trace in the final value (a bank switched on
 *   twice, a value written and restored) are not seen at all.
 *
 * The order rules are a pure function of a register snapshot
 * (sim_q6_order_check()), so that the KUnit suite can drive each one.
 *
 * Upstream facts (q6v5proc_reset() of Linux 7.2): v56 enables the XO CBCR
 * because the head switch needs it, waits 1 us after the head switch (or
 * for BHS_EN_REST_ACK on sdm660) before the LDO bypass and the memories,
 * turns the memory banks on one at a time top down (the lowest
 * mem_reverse banks last, bottom up, against inrush current) with 1 us
 * each, then removes the word-line and IO clamps; v5 turns the L2 data
 * banks on one at a time, 2, 1, 0; both release CORE_ARES after the IO
 * clamp, then the core clock and STOP_CORE.  msm8996 clamps IO and
 * memories again before the MSS reset of a teardown "to avoid high MX
 * current".
 *
 * Two faults of this block have knobs: cbcr_stuck holds CLKOFF of a clock
 * branch set (a clock that never runs: the driver gives it 200 us), and
 * bhs_stuck keeps the head switch from acknowledging (sdm660: 200 us).
 * Both are counted when the reset that ends the failed boot finds the
 * driver waited for them.
 */

#include <kunit/visibility.h>
#include <linux/bits.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/string.h>

#include "../qcom_q6v5_mss_regs.h"
#include "mss_sim.h"

#define Q6SS_RESET_DEFAULT	(Q6SS_STOP_CORE | Q6SS_CORE_ARES | \
				 Q6SS_BUS_ARES_ENABLE)
/* Out of reset the IO is clamped; v56 also clamps word lines and memories */
#define Q6V5_PWR_CTL_DEFAULT	Q6SS_CLAMP_IO
#define Q6V56_CLAMPS		(Q6SS_CLAMP_IO | QDSP6v56_CLAMP_WL | \
				 QDSP6v56_CLAMP_QMC_MEM)

/* QDSP6v5: the memories, and the L2 data banks in power-up order */
#define Q6V5_MEM_BITS		(Q6SS_SLP_RET_N | Q6SS_L2TAG_SLP_NRET_N | \
				 Q6SS_ETB_SLP_NRET_N | Q6SS_L2DATA_STBY_N | \
				 Q6V5_L2_BANKS)
#define Q6V5_L2_BANKS		(Q6SS_L2DATA_SLP_NRET_N_0 | \
				 Q6SS_L2DATA_SLP_NRET_N_1 | \
				 Q6SS_L2DATA_SLP_NRET_N_2)
#define Q6V5_PWR_ON_BITS	(QDSS_BHS_ON | QDSS_LDO_BYP | Q6V5_MEM_BITS)

/* QDSP6v56: memory periphery and standby in PWR_CTL */
#define Q6V56_MEM_CTL_BITS	(Q6SS_L2DATA_STBY_N | Q6SS_SLP_RET_N)
#define Q6V56_PWR_ON_BITS	(QDSP6v56_BHS_ON | QDSP6v56_LDO_BYP | \
				 Q6V56_MEM_CTL_BITS)

/* The bank mask of a v56 flavour */
static u32 sim_q6_banks(const struct mss_sim_flavour *fl)
{
	return GENMASK(fl->mem_top_bit, 0);
}

/*
 * Are the banks set in @mem a prefix of the power-up order?  v56: top
 * down to mem_reverse, then 0 up to mem_reverse - 1.
 */
static bool sim_q6_v56_banks_in_order(const struct mss_sim_flavour *fl,
				      u32 mem)
{
	bool gap = false;
	int i;

	for (i = fl->mem_top_bit; i >= fl->mem_reverse; i--) {
		if (!(mem & BIT(i)))
			gap = true;
		else if (gap)
			return false;
	}
	for (i = 0; i < fl->mem_reverse; i++) {
		if (!(mem & BIT(i)))
			gap = true;
		else if (gap)
			return false;
	}

	return true;
}

/* v5: L2 data banks 2, 1, 0 */
static bool sim_q6_v5_banks_in_order(u32 pwr)
{
	if ((pwr & Q6SS_L2DATA_SLP_NRET_N_1) &&
	    !(pwr & Q6SS_L2DATA_SLP_NRET_N_2))
		return false;
	if ((pwr & Q6SS_L2DATA_SLP_NRET_N_0) &&
	    !(pwr & Q6SS_L2DATA_SLP_NRET_N_1))
		return false;

	return true;
}

/* Are the memory banks partly on (the sample fell inside the bank loop)? */
static bool sim_q6_partial(const struct mss_sim_flavour *fl,
			   const struct sim_q6_snap *s)
{
	u32 on;

	if (fl->boot == SIM_BOOT_V5) {
		on = s->pwr & Q6V5_L2_BANKS;
		return on && on != Q6V5_L2_BANKS;
	}
	on = s->mem & sim_q6_banks(fl);

	return on && on != sim_q6_banks(fl);
}

/**
 * sim_q6_order_check() - do the registers show power-up steps out of order?
 * @fl: the flavour (a v5 or v56 one)
 * @s: a snapshot taken while the core is stopped
 *
 * Each rule is "a step is done while a step upstream does before it is
 * not": see the file comment for what sampling can and cannot see.
 *
 * Return: the first rule broken, or %SIM_RULE_NONE.
 */
enum sim_rule sim_q6_order_check(const struct mss_sim_flavour *fl,
				 const struct sim_q6_snap *s)
{
	bool ares = !(s->reset & Q6SS_CORE_ARES);

	if (fl->boot == SIM_BOOT_V5) {
		if ((s->pwr & Q6V5_MEM_BITS) && !(s->pwr & QDSS_BHS_ON))
			return SIM_RULE_MEM_BEFORE_BHS;
		if (!sim_q6_v5_banks_in_order(s->pwr))
			return SIM_RULE_BANK_ORDER;
	} else if (fl->boot == SIM_BOOT_V56) {
		bool bhs = s->pwr & QDSP6v56_BHS_ON;

		if (bhs && !(s->xo & Q6SS_CBCR_CLKEN))
			return SIM_RULE_XO_BEFORE_BHS;
		if (!bhs && ((s->mem & sim_q6_banks(fl)) ||
			     (s->pwr & Q6V56_MEM_CTL_BITS)))
			return SIM_RULE_MEM_BEFORE_BHS;
		if ((s->pwr & QDSP6v56_LDO_BYP) &&
		    (!bhs ||
		     (fl->bhs_ack && !(s->bhs & QDSP6v55_BHS_EN_REST_ACK))))
			return SIM_RULE_LDO_BEFORE_BHS;
		if (!sim_q6_v56_banks_in_order(fl, s->mem))
			return SIM_RULE_BANK_ORDER;
	} else {
		return SIM_RULE_NONE;
	}

	if (ares && (s->pwr & Q6SS_CLAMP_IO))
		return SIM_RULE_ARES_CLAMPED;

	return SIM_RULE_NONE;
}
EXPORT_SYMBOL_IF_KUNIT(sim_q6_order_check);

/**
 * sim_q6_start_check() - is the Q6 powered up when STOP_CORE is released?
 * @fl: the flavour (a v5 or v56 one)
 * @s: the registers at that moment
 *
 * Return: NULL, or what is missing.
 */
const char *sim_q6_start_check(const struct mss_sim_flavour *fl,
			       const struct sim_q6_snap *s)
{
	if (s->reset & Q6SS_CORE_ARES)
		return "STOP_CORE released with CORE_ARES asserted";
	if (!(s->gfmux & Q6SS_CLK_ENABLE))
		return "STOP_CORE released with the core clock off";

	if (fl->boot == SIM_BOOT_V5) {
		if ((s->pwr & Q6V5_PWR_ON_BITS) != Q6V5_PWR_ON_BITS ||
		    (s->pwr & Q6SS_CLAMP_IO))
			return "STOP_CORE released before the Q6 power-up sequence";
		return NULL;
	}

	if (s->acc != fl->acc_override)
		return fl->acc_override ?
		       "STOP_CORE released without the STRAP_ACC override" :
		       "STRAP_ACC written on a SoC without an ACC override";
	if (!(s->xo & Q6SS_CBCR_CLKEN))
		return "STOP_CORE released with the XO clock off";
	if ((s->pwr & Q6V56_PWR_ON_BITS) != Q6V56_PWR_ON_BITS)
		return "STOP_CORE released with the head switch, LDO bypass or memories off";
	if ((s->mem & sim_q6_banks(fl)) != sim_q6_banks(fl))
		return "STOP_CORE released with a memory bank off";
	if (s->pwr & Q6V56_CLAMPS)
		return "STOP_CORE released with the IO, word-line or memory clamp on";

	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(sim_q6_start_check);

/*
 * Read the registers the driver writes last first: a step found done
 * then implies the earlier steps were done before the later reads.
 * Power-up order: STRAP_ACC, QDSP6SS_RESET (resets asserted), XO CBCR,
 * PWR_CTL (head switch, LDO bypass, memory periphery), the memory banks,
 * PWR_CTL (clamps off), QDSP6SS_RESET (CORE_ARES off), the core clock.
 * PWR_CTL comes on both sides of the banks: the rules only need it after
 * them (banks imply the head switch; CORE_ARES implies the IO clamp off).
 */
static void sim_q6_snap(struct mss_sim *sim, struct sim_q6_snap *s)
{
	bool v56 = sim->fl->boot == SIM_BOOT_V56;

	s->gfmux = q6_rd(sim, QDSP6SS_GFMUX_CTL_REG);
	s->reset = q6_rd(sim, QDSP6SS_RESET_REG);
	s->mem = v56 ? q6_rd(sim, sim->fl->mem_pwr_reg) : 0;
	s->pwr = q6_rd(sim, QDSP6SS_PWR_CTL_REG);
	s->bhs = v56 ? q6_rd(sim, QDSP6V62SS_BHS_STATUS) : 0;
	s->xo = v56 ? q6_rd(sim, QDSP6SS_XO_CBCR) : 0;
	s->acc = v56 ? q6_rd(sim, QDSP6SS_STRAP_ACC) : 0;
}

/**
 * sim_q6_window_size() - bytes of the QDSP6SS window the flavour uses
 * @fl: the flavour
 *
 * Return: the end of the highest register the simulator serves.
 */
size_t sim_q6_window_size(const struct mss_sim_flavour *fl)
{
	switch (fl->boot) {
	case SIM_BOOT_FSM:
		return QDSP6SS_BOOT_CMD + 4;
	case SIM_BOOT_V56:
		return QDSP6SS_STRAP_ACC + 4;
	default:
		return QDSP6SS_MEM_PWR_CTL + 4;
	}
}

/* The clock branches cbcr_stuck names, and their registers */
static const char *const sim_cbcr_names[SIM_NR_CBCRS] = {
	[SIM_CBCR_NONE] = "none",
	[SIM_CBCR_SLEEP] = "sleep",
	[SIM_CBCR_XO] = "xo",
};

static const u32 sim_cbcr_regs[SIM_NR_CBCRS] = {
	[SIM_CBCR_SLEEP] = QDSP6SS_SLEEP,
	[SIM_CBCR_XO] = QDSP6SS_XO_CBCR,
};

/* Set or clear CLKOFF of the branch cbcr_stuck names (@lock held) */
static void sim_cbcr_hold(struct mss_sim *sim, bool off)
{
	u32 reg, val;

	if (sim->cbcr_stuck == SIM_CBCR_NONE)
		return;
	reg = sim_cbcr_regs[sim->cbcr_stuck];
	val = q6_rd(sim, reg);
	q6_wr(sim, reg, off ? val | Q6SS_CBCR_CLKOFF : val & ~Q6SS_CBCR_CLKOFF);
}

/* The driver waited for a fault of this block: count it (@lock held) */
static void sim_q6_count_refused(struct mss_sim *sim)
{
	u32 val;

	if (sim->cbcr_stuck != SIM_CBCR_NONE) {
		val = q6_rd(sim, sim_cbcr_regs[sim->cbcr_stuck]);
		if ((val & Q6SS_CBCR_CLKEN) && (val & Q6SS_CBCR_CLKOFF))
			sim->cnt.cbcr_refused++;
	}
	if (sim->bhs_stuck &&
	    (q6_rd(sim, QDSP6SS_PWR_CTL_REG) & QDSP6v56_BHS_ON) &&
	    !(q6_rd(sim, QDSP6V62SS_BHS_STATUS) & QDSP6v55_BHS_EN_REST_ACK))
		sim->cnt.bhs_refused++;
}

static void sim_q6_regs_defaults(struct mss_sim *sim)
{
	if (sim->fl->boot == SIM_BOOT_FSM) {
		q6_wr(sim, QDSP6SS_BOOT_CORE_START, 0);
		q6_wr(sim, QDSP6SS_BOOT_CMD, 0);
		q6_wr(sim, QDSP6SS_SLEEP, 0);
		q6_wr(sim, QDSP6SS_XO_CBCR, 0);
		q6_wr(sim, QDSP6SS_CORE_CBCR, 0);
		return;
	}

	q6_wr(sim, QDSP6SS_RESET_REG, Q6SS_RESET_DEFAULT);
	q6_wr(sim, QDSP6SS_GFMUX_CTL_REG, 0);
	q6_wr(sim, QDSP6SS_XO_CBCR, 0);
	q6_wr(sim, QDSP6SS_MEM_PWR_CTL, 0);
	if (sim->fl->boot == SIM_BOOT_V5) {
		q6_wr(sim, QDSP6SS_PWR_CTL_REG, Q6V5_PWR_CTL_DEFAULT);
		return;
	}
	q6_wr(sim, QDSP6SS_PWR_CTL_REG, Q6V56_CLAMPS);
	q6_wr(sim, QDSP6V6SS_MEM_PWR_CTL, 0);
	q6_wr(sim, QDSP6V62SS_BHS_STATUS, 0);
	q6_wr(sim, QDSP6SS_STRAP_ACC, 0);
}

/**
 * sim_q6_regs_reset() - the QDSP6SS registers after a modem reset
 * @sim: the simulator, @lock held or not yet shared
 */
void sim_q6_regs_reset(struct mss_sim *sim)
{
	sim_q6_count_refused(sim);
	sim_q6_regs_defaults(sim);
	sim_cbcr_hold(sim, true);
}

/* One sample of the power-up order; @ok: the sample is valid */
static void sim_q6_check(struct mss_sim *sim, struct sim_q6_snap *s,
			 bool count, bool *ok)
{
	enum sim_rule rule;
	unsigned int seq;

	*ok = false;
	if (READ_ONCE(sim->state) != SIM_IDLE)
		return;

	/*
	 * A reset callback may be resetting the registers, possibly on the
	 * other CPU: never wait for it, drop the sample.
	 */
	seq = raw_read_seqcount(&sim->regs_seq);
	if (seq & 1)
		return;
	sim_q6_snap(sim, s);
	if (read_seqcount_retry(&sim->regs_seq, seq) ||
	    READ_ONCE(sim->state) != SIM_IDLE)
		return;
	*ok = true;

	rule = sim_q6_order_check(sim->fl, s);
	if (rule != SIM_RULE_NONE)
		sim_rule_broken(sim, rule);
	if (count && sim_q6_partial(sim->fl, s))
		WRITE_ONCE(sim->cnt.partial_samples,
			   sim->cnt.partial_samples + 1);
}

/**
 * sim_q6_step() - check the power-up and answer the head switch
 * @sim: the simulator, @hs_lock held (the modem thread or an attendant)
 * @count: count samples that found the memory banks partly on
 *
 * Only while the modem is out of reset and the core stopped.  On sdm660
 * the head switch acknowledges once it is on (the driver polls for it for
 * 200 us).  When the acknowledgment is given, the LDO bypass must still be
 * off: the driver waits for it before the bypass.
 */
void sim_q6_step(struct mss_sim *sim, bool count)
{
	struct sim_q6_snap s;
	bool ok;

	if (sim->fl->boot == SIM_BOOT_FSM)
		return;
	sim_q6_check(sim, &s, count, &ok);
	if (!ok || !sim->fl->bhs_ack)
		return;

	if ((s.pwr & QDSP6v56_BHS_ON) && !(s.bhs & QDSP6v55_BHS_EN_REST_ACK)) {
		if (READ_ONCE(sim->bhs_stuck))
			return;
		q6_wr(sim, QDSP6V62SS_BHS_STATUS,
		      s.bhs | QDSP6v55_BHS_EN_REST_ACK);
		WRITE_ONCE(sim->cnt.bhs_acks, sim->cnt.bhs_acks + 1);
	} else if (!(s.pwr & QDSP6v56_BHS_ON) &&
		   (s.bhs & QDSP6v55_BHS_EN_REST_ACK)) {
		q6_wr(sim, QDSP6V62SS_BHS_STATUS,
		      s.bhs & ~QDSP6v55_BHS_EN_REST_ACK);
	}
}

/**
 * sim_q6_start_ok() - check the power-up when the driver releases STOP_CORE
 * @sim: the simulator, @lock held
 *
 * Records the registers for debugfs (status, "q6 at start").
 *
 * Return: true if the core may run.
 */
bool sim_q6_start_ok(struct mss_sim *sim)
{
	struct sim_q6_snap s;
	const char *why;

	sim_q6_snap(sim, &s);
	sim->q6_at_start = s;
	sim->q6_started = true;
	why = sim_q6_start_check(sim->fl, &s);
	if (why) {
		sim_seq_error(sim, why);
		return false;
	}

	return true;
}

/**
 * sim_q6_check_reset() - checks when mss_restart takes the modem down
 * @sim: the simulator, @lock held
 *
 * msm8996: a teardown after the MBA ran clamps the IO, word lines and
 * memories first (a failed MBA boot does not).
 */
void sim_q6_check_reset(struct mss_sim *sim)
{
	if (!sim->fl->clamp_on_reclaim || !sim->mba_ran)
		return;

	if ((q6_rd(sim, QDSP6SS_PWR_CTL_REG) & Q6V56_CLAMPS) != Q6V56_CLAMPS)
		sim_seq_error(sim, "mss_restart asserted without the Q6 clamps after the MBA ran");
	else
		sim->cnt.clamped_resets++;
}

static int sim_cbcr_stuck_show(struct seq_file *m, void *unused)
{
	struct mss_sim *sim = m->private;

	mutex_lock(&sim->lock);
	seq_printf(m, "%s\n", sim_cbcr_names[sim->cbcr_stuck]);
	mutex_unlock(&sim->lock);

	return 0;
}

/* "none", or the branch whose CLKOFF stays set: "sleep" (boot FSM), "xo" */
static ssize_t sim_cbcr_stuck_write(struct file *file,
				    const char __user *ubuf, size_t count,
				    loff_t *ppos)
{
	struct mss_sim *sim = ((struct seq_file *)file->private_data)->private;
	char buf[16];
	int ret, i;

	ret = sim_get_arg(ubuf, count, buf, sizeof(buf));
	if (ret)
		return ret;
	i = match_string(sim_cbcr_names, SIM_NR_CBCRS, buf);
	if (i < 0)
		return i;
	/* Only branches the flavour's power-up waits for */
	if ((i == SIM_CBCR_SLEEP && sim->fl->boot != SIM_BOOT_FSM) ||
	    (i == SIM_CBCR_XO && sim->fl->boot == SIM_BOOT_FSM &&
	     !sim->fl->fsm_xo) ||
	    (i == SIM_CBCR_XO && sim->fl->boot == SIM_BOOT_V5))
		return -EINVAL;

	mutex_lock(&sim->lock);
	write_seqcount_begin(&sim->regs_seq);
	sim_cbcr_hold(sim, false);
	sim->cbcr_stuck = i;
	sim_cbcr_hold(sim, true);
	write_seqcount_end(&sim->regs_seq);
	mutex_unlock(&sim->lock);

	return count;
}

DEFINE_SHOW_STORE_ATTRIBUTE(sim_cbcr_stuck);

static int sim_bhs_stuck_get(void *data, u64 *val)
{
	struct mss_sim *sim = data;

	*val = READ_ONCE(sim->bhs_stuck);

	return 0;
}

/* Only the flavours whose head switch acknowledges (sdm660) */
static int sim_bhs_stuck_set(void *data, u64 val)
{
	struct mss_sim *sim = data;

	if (val > 1 || (val && !sim->fl->bhs_ack))
		return -EINVAL;

	mutex_lock(&sim->lock);
	WRITE_ONCE(sim->bhs_stuck, val);
	mutex_unlock(&sim->lock);

	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(sim_bhs_stuck_fops, sim_bhs_stuck_get,
			 sim_bhs_stuck_set, "%llu\n");

/**
 * sim_q6_debugfs_init() - create the cbcr_stuck and bhs_stuck knobs
 * @sim: the simulator
 * @dir: its debugfs directory
 */
void sim_q6_debugfs_init(struct mss_sim *sim, struct dentry *dir)
{
	debugfs_create_file("cbcr_stuck", 0644, dir, sim, &sim_cbcr_stuck_fops);
	debugfs_create_file_unsafe("bhs_stuck", 0644, dir, sim,
				   &sim_bhs_stuck_fops);
}
