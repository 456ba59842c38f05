// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated Qualcomm modem subsystem: registers outside the QDSP6SS that
 * some flavours power the modem with.
 *
 * - msm8226's external block head switch (qcom,ext-bhs-reg): EXTERNAL_BHS_STATUS
 *   follows EXTERNAL_BHS_ON; the driver polls it for 50 us.  The MSS must
 *   be powered before mss_restart is released; the reset callback checks
 *   that synchronously.
 *
 * - sc7280's AXI Q-channels (qcom,qaccept-regs) and external control
 *   registers (qcom,ext-regs: force_clk_on and rscc_disable, then the
 *   axim1 and crypto clock status).  A Q-channel accepts a request (REQ
 *   set) and a takedown (REQ cleared); it is never busy (ACTIVE 0) and
 *   never denies.  The driver gives a request 50 us.  When the simulator
 *   answers it knows what the driver wrote before it began to wait: a
 *   request must come with the AXIM1 clock forced on, RSCC enabled and the
 *   modem out of reset; a takedown after the MBA ran with RSCC disabled
 *   (upstream's q6v5_mba_reclaim() order).  The axim1 clock is off unless
 *   forced on; the crypto clock runs while the modem is out of reset.
 *
 * The driver sleeps while it waits for these answers, shorter than a tick
 * of the rig's kernel: the attendant thread of its CPU gives them
 * (sim_attend()).
 */

#include <linux/bits.h>
#include <linux/device.h>
#include <linux/io.h>
#include <linux/minmax.h>
#include <linux/of.h>
#include <linux/seq_file.h>

#include "../qcom_q6v5_mss_regs.h"
#include "mss_sim.h"

static const char *const sim_qch_names[SIM_NR_QCH] = {
	"mdm", "cx", "axi",
};

/* Map the syscon and offsets of entry @index of a fixed-args property */
static void __iomem *sim_ext_parse(struct mss_sim *sim, const char *prop,
				   int cells, int index, u32 *args,
				   const char *what)
{
	struct of_phandle_args a;
	void __iomem *p;
	u32 need = 0;
	int i, ret;

	ret = of_parse_phandle_with_fixed_args(sim->mss_np, prop, cells, index,
					       &a);
	if (ret) {
		dev_err(sim->dev, "%pOF: no %s entry %d\n", sim->mss_np, prop,
			index);
		return NULL;
	}
	for (i = 0; i < cells; i++) {
		args[i] = a.args[i];
		need = max(need, a.args[i] + 0x10);
	}
	p = sim_map_syscon(sim, a.np, need, what);
	of_node_put(a.np);

	return p;
}

/**
 * sim_ext_init() - find the external registers of the flavour
 * @sim: the simulator
 *
 * Return: 0 or -EINVAL.
 */
int sim_ext_init(struct mss_sim *sim)
{
	u32 off[3];
	int i;

	if (sim->fl->ext_bhs) {
		sim->ext_bhs = sim_ext_parse(sim, "qcom,ext-bhs-reg", 1, 0, off,
					     "ext-bhs");
		if (!sim->ext_bhs)
			return -EINVAL;
		sim->ext_bhs += off[0];
		writel(0, sim->ext_bhs);
	}

	if (!sim->fl->qchannels)
		return 0;

	sim->qaccept = sim_ext_parse(sim, "qcom,qaccept-regs", 3, 0, off,
				     "qaccept");
	if (!sim->qaccept)
		return -EINVAL;
	for (i = 0; i < SIM_NR_QCH; i++) {
		sim->qch_off[i] = off[i];
		writel(0, sim->qaccept + off[i] + QACCEPT_ACCEPT_REG);
		writel(0, sim->qaccept + off[i] + QACCEPT_ACTIVE_REG);
		writel(0, sim->qaccept + off[i] + QACCEPT_DENY_REG);
		writel(0, sim->qaccept + off[i] + QACCEPT_REQ_REG);
	}

	sim->ext_ctl = sim_ext_parse(sim, "qcom,ext-regs", 2, 0, off,
				     "ext-regs");
	if (!sim->ext_ctl)
		return -EINVAL;
	sim->force_clk_on = sim->ext_ctl + off[0];
	sim->rscc_disable = sim->ext_ctl + off[1];

	sim->ext_clk = sim_ext_parse(sim, "qcom,ext-regs", 2, 1, off,
				     "ext-regs");
	if (!sim->ext_clk)
		return -EINVAL;
	sim->axim1_clk_off = sim->ext_clk + off[0];
	sim->crypto_clk_off = sim->ext_clk + off[1];

	writel(0, sim->force_clk_on);
	writel(0, sim->rscc_disable);
	writel(1, sim->axim1_clk_off);
	writel(1, sim->crypto_clk_off);

	return 0;
}

/**
 * sim_ext_bhs_on() - is the external head switch on?
 * @sim: the simulator
 *
 * Return: true on flavours without one, or when it is on and settled.
 */
bool sim_ext_bhs_on(struct mss_sim *sim)
{
	u32 v;

	if (!sim->ext_bhs)
		return true;
	v = readl(sim->ext_bhs);

	return (v & EXTERNAL_BHS_ON) && (v & EXTERNAL_BHS_STATUS);
}

static void sim_ext_step_bhs(struct mss_sim *sim)
{
	u32 v = readl(sim->ext_bhs);

	if ((v & EXTERNAL_BHS_ON) && !(v & EXTERNAL_BHS_STATUS)) {
		writel(v | EXTERNAL_BHS_STATUS, sim->ext_bhs);
		WRITE_ONCE(sim->cnt.ext_bhs_on, sim->cnt.ext_bhs_on + 1);
	} else if (!(v & EXTERNAL_BHS_ON) && (v & EXTERNAL_BHS_STATUS)) {
		writel(v & ~EXTERNAL_BHS_STATUS, sim->ext_bhs);
	}
}

static void sim_ext_step_qch(struct mss_sim *sim, unsigned int i)
{
	void __iomem *q = sim->qaccept + sim->qch_off[i];
	bool req = readl(q + QACCEPT_REQ_REG) & 1;
	bool acc = readl(q + QACCEPT_ACCEPT_REG) & 1;

	if (req && !acc) {
		if (READ_ONCE(sim->mss_asserted))
			sim_rule_broken(sim, SIM_RULE_QCH_IN_RESET);
		else if (!(readl(sim->force_clk_on) & 1))
			sim_rule_broken(sim, SIM_RULE_QCH_CLK_OFF);
		else if (readl(sim->rscc_disable) & 1)
			sim_rule_broken(sim, SIM_RULE_QCH_RSCC_OFF);
		writel(1, q + QACCEPT_ACCEPT_REG);
		WRITE_ONCE(sim->cnt.qch_accepts, sim->cnt.qch_accepts + 1);
	} else if (!req && acc) {
		if (READ_ONCE(sim->mba_ran) && !(readl(sim->rscc_disable) & 1))
			sim_rule_broken(sim, SIM_RULE_QCH_DOWN_RSCC_ON);
		writel(0, q + QACCEPT_ACCEPT_REG);
		WRITE_ONCE(sim->cnt.qch_takedowns, sim->cnt.qch_takedowns + 1);
	}
}

/**
 * sim_ext_step() - answer the external head switch, clocks and Q-channels
 * @sim: the simulator, @hs_lock held (the modem thread or an attendant);
 *	any modem state: the external head switch is on before the modem
 *	leaves reset
 *
 * The answers are plain register writes; a reset callback running at the
 * same moment may have one overwritten by a stale one, which the next pass
 * corrects (the driver is not waiting then).
 */
void sim_ext_step(struct mss_sim *sim)
{
	unsigned int i;

	if (sim->ext_bhs)
		sim_ext_step_bhs(sim);
	if (!sim->qaccept)
		return;

	writel(readl(sim->force_clk_on) & 1 ? 0 : 1, sim->axim1_clk_off);
	writel(READ_ONCE(sim->mss_asserted) ? 1 : 0, sim->crypto_clk_off);
	for (i = 0; i < SIM_NR_QCH; i++)
		sim_ext_step_qch(sim, i);
}

/**
 * sim_ext_status() - the external registers in the status file
 * @sim: the simulator, @lock held
 * @m: the status file
 */
void sim_ext_status(struct mss_sim *sim, struct seq_file *m)
{
	unsigned int i;

	if (sim->ext_bhs)
		seq_printf(m, "external bhs: %s\n",
			   sim_ext_bhs_on(sim) ? "on" : "off");
	if (!sim->qaccept)
		return;
	seq_printf(m, "ext regs: force_clk_on %u rscc_disable %u\n",
		   readl(sim->force_clk_on), readl(sim->rscc_disable));
	for (i = 0; i < SIM_NR_QCH; i++)
		seq_printf(m, "qchannel %s: %s\n", sim_qch_names[i],
			   readl(sim->qaccept + sim->qch_off[i] +
				 QACCEPT_ACCEPT_REG) ? "accepted" : "down");
}
