// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated Qualcomm modem subsystem: registers outside the QDSP6SS that
 * some flavours power the modem with.
 *
 * - msm8226's external block head switch (qcom,ext-bhs-reg): EXTERNAL_BHS_STATUS
 *   follows EXTERNAL_BHS_ON; the driver polls it for 50 us.  The MSS must
 *   be powered before mss_restart is released; the reset callback checks
 *   that synchronously.  The ext_bhs_stuck knob keeps the status off.
 *
 * - sc7280's Q-channels (qcom,qaccept-regs: mdm, cx, axi) and external
 *   control registers (qcom,ext-regs: force_clk_on and rscc_disable, then
 *   the axim1 and crypto clock status, which upstream reads through the
 *   halt syscon).  The AXIM1 clock runs while force_clk_on is set; the
 *   crypto clock while the modem is out of reset.  Each Q-channel answers
 *   its REQ register the way the hardware does:
 *
 *   - a request (REQ set) is accepted (ACCEPT set) only once the clock
 *     side allows it: the modem out of reset, the AXIM1 clock running and
 *     RSCC enabled, the order of upstream's q6v5proc_enable_qchannel();
 *     until then it stays pending, unanswered, and the driver's 50 us run
 *     out ("qchannel enable failed").  A request that rises in a wrong
 *     state is a sequence error;
 *   - ACTIVE is set while the modem has traffic in flight: its AXI ports
 *     busy (bus active, not all of them halted) or a denied takedown not
 *     yet drained;
 *   - a takedown (REQ cleared) with traffic in flight is denied (DENY
 *     set, ACCEPT kept).  The driver then requests again (REQ set), which
 *     clears DENY, and the traffic drains; with its ports still busy the
 *     next takedown is denied again, and after ten of them the driver
 *     gives up ("qchannel takedown failed") and relies on mss_restart.
 *     Upstream halts the ports first, so a takedown with busy ports is a
 *     sequence error too; so is one after the MBA ran with RSCC still
 *     enabled (q6v5_mba_reclaim() disables it first);
 *   - otherwise the takedown is accepted (ACCEPT cleared).
 *
 *   A modem reset clears ACCEPT, DENY and ACTIVE (mss_restart "clears out
 *   pending transactions", upstream says), never REQ, which the driver
 *   owns.  The knobs qch_deny (takedowns to deny as if traffic never
 *   drained), qch_ignore (requests to leave unanswered) and axim1_stuck
 *   (the AXIM1 clock does not come up) provoke the driver's error paths.

 * The driver gives a Q-channel request and the external head switch 50 us,
 * much less than a tick of the rig's kernel and often less than a pass of
 * a polling thread takes under TCG (on a busy host, msm8226's second start
 * timed out waiting for the switch).  Real hardware answers within that
 * window every time, so the simulator does too: it registers a regmap of
 * its own for the syscon these registers live in (the Q-channels' with
 * Q-channels, else the head switch's; of_syscon_register_regmap()), and
 * every access the driver makes through it runs a pass of the handshakes
 * in the driver's own context, before the write returns or the read is
 * answered.  syscon has no unregister: that regmap, its mapping and its
 * callbacks stay for the rest of the boot, so the module pins itself once
 * it registered one and can no longer be unloaded.  The other flavours'
 * registers stay plain memory, answered by the modem thread and the
 * attendants (sim_attend()).
 */

#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/io.h>
#include <linux/limits.h>
#include <linux/mfd/syscon.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/regmap.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "../qcom_q6v5_mss_regs.h"
#include "mss_sim.h"

static const char *const sim_qch_names[SIM_NR_QCH] = {
	"mdm", "cx", "axi",
};

/*
 * Map the syscon and offsets of entry @index of a fixed-args property;
 * with @np, the syscon's node is handed to the caller (NULL on failure)
 */
static void __iomem *sim_ext_parse(struct mss_sim *sim, const char *prop,
				   int cells, int index, u32 *args,
				   const char *what, struct device_node **np)
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
	if (p && np)
		*np = a.np;
	else
		of_node_put(a.np);

	return p;
}

/*
 * The regmap of the Q-channels' syscon (sc7280: the TCSR block that also
 * holds the AXI halt registers and the AXIM1 clock status) or the external
 * head switch's (msm8226: TCSR, with the halt registers too).  It outlives
 * any simulator device, since syscon keeps it for the rest of the boot:
 * @base is a mapping of its own (@size bytes, the syscon's reg), and
 * @sim, set while a simulator is bound, is what a pass runs on.  One per
 * boot; a rebound simulator takes it over.
 */
struct sim_ext_map {
	struct device_node *np;
	void __iomem *base;
	resource_size_t size;
	spinlock_t lock;		/* @sim */
	struct mss_sim *sim;
};

static struct sim_ext_map *sim_ext_map;
static DEFINE_MUTEX(sim_ext_map_mutex);	/* @sim_ext_map, attach and detach */

/* The register file is memory; what the driver wrote is answered at once */
static void sim_ext_map_pass(struct sim_ext_map *m)
{
	spin_lock(&m->lock);
	if (m->sim) {
		spin_lock(&m->sim->hs_lock);
		sim_ext_step(m->sim);
		spin_unlock(&m->sim->hs_lock);
	}
	spin_unlock(&m->lock);
}

static int sim_ext_map_read(void *context, unsigned int reg,
			    unsigned int *val)
{
	struct sim_ext_map *m = context;

	if (reg > m->size - 4)
		return -EINVAL;
	sim_ext_map_pass(m);
	*val = readl(m->base + reg);

	return 0;
}

static int sim_ext_map_write(void *context, unsigned int reg,
			     unsigned int val)
{
	struct sim_ext_map *m = context;

	if (reg > m->size - 4)
		return -EINVAL;
	writel(val, m->base + reg);
	sim_ext_map_pass(m);

	return 0;
}

/* The reg's size is known at probe only: the callbacks check the bounds */
static const struct regmap_config sim_ext_map_config = {
	.name = "mss-sim-syscon",
	.reg_bits = 32,
	.val_bits = 32,
	.reg_stride = 4,
	.reg_read = sim_ext_map_read,
	.reg_write = sim_ext_map_write,
	/* as syscon's own MMIO regmaps: callers may be atomic */
	.fast_io = true,
};

static struct sim_ext_map *sim_ext_map_create(struct mss_sim *sim,
					      struct device_node *np)
{
	struct sim_ext_map *m;
	struct resource res;
	struct regmap *map;
	int ret;

	/* sim_map_syscon() has checked the reg */
	if (of_address_to_resource(np, 0, &res))
		return ERR_PTR(-EINVAL);
	m = kzalloc_obj(*m);
	if (!m)
		return ERR_PTR(-ENOMEM);
	spin_lock_init(&m->lock);
	m->base = ioremap(res.start, resource_size(&res));
	if (!m->base) {
		ret = -ENOMEM;
		goto err_free;
	}
	m->size = resource_size(&res);
	map = regmap_init(NULL, NULL, m, &sim_ext_map_config);
	if (IS_ERR(map)) {
		ret = PTR_ERR(map);
		goto err_unmap;
	}
	ret = of_syscon_register_regmap(np, map);
	if (ret) {
		/* Somebody looked the syscon up first: too late to answer */
		dev_err(sim->dev, "cannot register the regmap of %pOF: %d\n",
			np, ret);
		regmap_exit(map);
		goto err_unmap;
	}
	/* Kept by syscon for good, and the callbacks with it */
	m->np = of_node_get(np);
	__module_get(THIS_MODULE);

	return m;

err_unmap:
	iounmap(m->base);
err_free:
	kfree(m);

	return ERR_PTR(ret);
}

/* Answer through the regmap of syscon @np, made on the first call */
static int sim_ext_map_attach(struct mss_sim *sim, struct device_node *np)
{
	struct sim_ext_map *m;
	int ret = 0;

	mutex_lock(&sim_ext_map_mutex);
	m = sim_ext_map;
	if (!m) {
		m = sim_ext_map_create(sim, np);
		if (IS_ERR(m)) {
			ret = PTR_ERR(m);
			goto out;
		}
		sim_ext_map = m;
	} else if (m->np != np || m->sim) {
		dev_err(sim->dev, "the simulator's syscon regmap is %pOF's\n",
			m->np);
		ret = -EBUSY;
		goto out;
	}
	spin_lock_irq(&m->lock);
	m->sim = sim;
	spin_unlock_irq(&m->lock);
out:
	mutex_unlock(&sim_ext_map_mutex);

	return ret;
}

/**
 * sim_ext_exit() - stop answering through the simulator's syscon regmap
 * @sim: the simulator, before its mappings go
 *
 * The regmap stays with syscon and reads and writes plain memory from now
 * on, until a simulator is bound again.
 */
void sim_ext_exit(struct mss_sim *sim)
{
	struct sim_ext_map *m;

	mutex_lock(&sim_ext_map_mutex);
	m = sim_ext_map;
	if (m && m->sim == sim) {
		spin_lock_irq(&m->lock);
		m->sim = NULL;
		spin_unlock_irq(&m->lock);
	}
	mutex_unlock(&sim_ext_map_mutex);
}

/* msm8226's head switch: @np is its syscon's node, to put */
static int sim_ext_init_bhs(struct mss_sim *sim, struct device_node **np)
{
	u32 off[1];

	sim->ext_bhs = sim_ext_parse(sim, "qcom,ext-bhs-reg", 1, 0, off,
				     "ext-bhs", np);
	if (!sim->ext_bhs)
		return -EINVAL;
	sim->ext_bhs += off[0];
	writel(0, sim->ext_bhs);

	return 0;
}

/* sc7280's Q-channels and clock controls: @np is the Q-channels' syscon */
static int sim_ext_init_qch(struct mss_sim *sim, struct device_node **np)
{
	u32 off[3];
	int i;

	sim->qaccept = sim_ext_parse(sim, "qcom,qaccept-regs", 3, 0, off,
				     "qaccept", np);
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
				     "ext-regs", NULL);
	if (!sim->ext_ctl)
		return -EINVAL;
	sim->force_clk_on = sim->ext_ctl + off[0];
	sim->rscc_disable = sim->ext_ctl + off[1];

	sim->ext_clk = sim_ext_parse(sim, "qcom,ext-regs", 2, 1, off,
				     "ext-regs", NULL);
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
 * sim_ext_init() - find the external registers of the flavour
 * @sim: the simulator
 *
 * Also takes the regmap of the syscon that the driver's 50 us polls read:
 * the Q-channels' or, without them, the external head switch's
 * (sim_ext_exit() gives it up).
 *
 * Return: 0 or a negative errno.
 */
int sim_ext_init(struct mss_sim *sim)
{
	struct device_node *np = NULL;
	int ret = 0;

	if (sim->fl->ext_bhs)
		ret = sim_ext_init_bhs(sim, &np);
	if (!ret && sim->fl->qchannels) {
		of_node_put(np);
		np = NULL;
		ret = sim_ext_init_qch(sim, &np);
	}
	if (!ret && np)
		ret = sim_ext_map_attach(sim, np);
	of_node_put(np);

	return ret;
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
	bool req = v & EXTERNAL_BHS_ON;

	/* A switch that never comes on: the driver's 50 us poll times out */
	if (READ_ONCE(sim->ext_bhs_stuck) && req && !(v & EXTERNAL_BHS_STATUS)) {
		if (!sim->ext_bhs_req)
			WRITE_ONCE(sim->cnt.ext_bhs_refused,
				   sim->cnt.ext_bhs_refused + 1);
		sim->ext_bhs_req = true;
		return;
	}
	sim->ext_bhs_req = req;

	if ((v & EXTERNAL_BHS_ON) && !(v & EXTERNAL_BHS_STATUS)) {
		writel(v | EXTERNAL_BHS_STATUS, sim->ext_bhs);
		WRITE_ONCE(sim->cnt.ext_bhs_on, sim->cnt.ext_bhs_on + 1);
	} else if (!(v & EXTERNAL_BHS_ON) && (v & EXTERNAL_BHS_STATUS)) {
		writel(v & ~EXTERNAL_BHS_STATUS, sim->ext_bhs);
	}
}

/* Traffic the modem has in flight: its AXI ports busy, not all halted */
static bool sim_ext_bus_busy(struct mss_sim *sim)
{
	return READ_ONCE(sim->bus_active) &&
	       READ_ONCE(sim->ports_halted) != GENMASK(sim->nr_halt - 1, 0);
}

/* What keeps a request from being accepted, as a rule, or none */
static enum sim_rule sim_ext_request_fault(struct mss_sim *sim)
{
	if (READ_ONCE(sim->mss_asserted))
		return SIM_RULE_QCH_IN_RESET;
	if (readl(sim->axim1_clk_off) & 1)
		return SIM_RULE_QCH_CLK_OFF;
	if (readl(sim->rscc_disable) & 1)
		return SIM_RULE_QCH_RSCC_OFF;

	return SIM_RULE_NONE;
}

/* A takedown (REQ cleared, accepted, not denied): deny or accept it */
static void sim_ext_qch_takedown(struct mss_sim *sim, unsigned int i,
				 bool fell)
{
	void __iomem *q = sim->qaccept + sim->qch_off[i];
	bool busy = sim_ext_bus_busy(sim);

	if (busy || atomic_dec_if_positive(&sim->qch_deny) >= 0) {
		if (busy && fell)
			sim_rule_broken(sim, SIM_RULE_QCH_DOWN_BUSY);
		writel(1, q + QACCEPT_ACTIVE_REG);
		writel(1, q + QACCEPT_DENY_REG);
		WRITE_ONCE(sim->cnt.qch_denials, sim->cnt.qch_denials + 1);
		return;
	}
	if (READ_ONCE(sim->mba_ran) && !(readl(sim->rscc_disable) & 1))
		sim_rule_broken(sim, SIM_RULE_QCH_DOWN_RSCC_ON);
	writel(0, q + QACCEPT_ACCEPT_REG);
	WRITE_ONCE(sim->cnt.qch_takedowns, sim->cnt.qch_takedowns + 1);
}

/*
 * One channel.  The driver gives a request 50 us, often less than the
 * first execution of cold code takes under TCG, so the request's answer
 * is computed on every pass, warm, and only written when it is due.
 */
static void sim_ext_step_qch(struct mss_sim *sim, unsigned int i)
{
	void __iomem *q = sim->qaccept + sim->qch_off[i];
	bool req = readl(q + QACCEPT_REQ_REG) & 1;
	bool acc = readl(q + QACCEPT_ACCEPT_REG) & 1;
	bool deny = readl(q + QACCEPT_DENY_REG) & 1;
	bool edge = req != sim->qch_req_seen[i];
	enum sim_rule fault = sim_ext_request_fault(sim);
	bool busy = sim_ext_bus_busy(sim);
	bool accept;

	sim->qch_req_seen[i] = req;
	if (!req)
		sim->qch_ignored[i] = false;

	if (deny) {
		/*
		 * Denied: the driver asks again, then the traffic drains.  It
		 * may have asked and taken the channel down again between two
		 * passes; then it sees DENY once more and asks again.
		 */
		if (req) {
			writel(0, q + QACCEPT_DENY_REG);
			writel(busy, q + QACCEPT_ACTIVE_REG);
		}
		return;
	}

	/* A request: accepted once the clock side allows it */
	accept = req && !acc && !fault && !sim->qch_ignored[i];
	if (accept && atomic_read(&sim->qch_ignore) > 0 &&
	    atomic_dec_if_positive(&sim->qch_ignore) >= 0) {
		sim->qch_ignored[i] = true;
		accept = false;
	}
	/* Only a fresh request in a wrong state is the driver's doing */
	if (req && !acc && fault && edge)
		sim_rule_broken(sim, fault);
	writel(acc || accept, q + QACCEPT_ACCEPT_REG);
	WRITE_ONCE(sim->cnt.qch_accepts, sim->cnt.qch_accepts + accept);

	writel((acc || accept) && busy, q + QACCEPT_ACTIVE_REG);
	if (!req && acc)
		sim_ext_qch_takedown(sim, i, edge);
}

/**
 * sim_ext_step() - answer the external head switch, clocks and Q-channels
 * @sim: the simulator, @hs_lock held (the modem thread or an attendant);
 *	any modem state: the external head switch is on before the modem
 *	leaves reset
 *
 * The answers are plain register writes; a reset callback running at the
 * same moment may have one overwritten by a stale one, which the next pass
 * corrects (the driver is not waiting then).  The Q-channels are reset
 * under @hs_lock (sim_ext_reset()).
 */
void sim_ext_step(struct mss_sim *sim)
{
	unsigned int i;

	if (sim->ext_bhs)
		sim_ext_step_bhs(sim);
	if (!sim->qaccept)
		return;

	writel(!(readl(sim->force_clk_on) & 1) || READ_ONCE(sim->axim1_stuck),
	       sim->axim1_clk_off);
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
	seq_printf(m, "ext clocks: axim1 %s crypto %s\n",
		   readl(sim->axim1_clk_off) ? "off" : "on",
		   readl(sim->crypto_clk_off) ? "off" : "on");
	for (i = 0; i < SIM_NR_QCH; i++) {
		void __iomem *q = sim->qaccept + sim->qch_off[i];

		seq_printf(m, "qchannel %s: %s (req %u active %u deny %u)\n",
			   sim_qch_names[i],
			   readl(q + QACCEPT_ACCEPT_REG) ? "accepted" : "down",
			   readl(q + QACCEPT_REQ_REG),
			   readl(q + QACCEPT_ACTIVE_REG),
			   readl(q + QACCEPT_DENY_REG));
	}
}

/**
 * sim_ext_reset() - a modem reset clears the Q-channels' transactions
 * @sim: the simulator, @lock held
 *
 * ACCEPT, DENY and ACTIVE go to zero; REQ is the driver's and stays, so
 * a request still set is answered again once the modem is out of reset.
 */
void sim_ext_reset(struct mss_sim *sim)
{
	unsigned int i;

	if (!sim->qaccept)
		return;

	spin_lock(&sim->hs_lock);
	for (i = 0; i < SIM_NR_QCH; i++) {
		void __iomem *q = sim->qaccept + sim->qch_off[i];

		writel(0, q + QACCEPT_ACCEPT_REG);
		writel(0, q + QACCEPT_ACTIVE_REG);
		writel(0, q + QACCEPT_DENY_REG);
		sim->qch_ignored[i] = false;
		/* A request already set is not a fresh one afterwards */
		sim->qch_req_seen[i] = readl(q + QACCEPT_REQ_REG) & 1;
	}
	spin_unlock(&sim->hs_lock);
}

static int sim_atomic_get(void *data, u64 *val)
{
	*val = atomic_read(data);

	return 0;
}

static int sim_atomic_set(void *data, u64 val)
{
	if (val > INT_MAX)
		return -EINVAL;
	atomic_set(data, val);

	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(sim_atomic_fops, sim_atomic_get, sim_atomic_set,
			 "%llu\n");

/**
 * sim_ext_debugfs_init() - the Q-channel and external clock fault knobs
 * @sim: the simulator
 * @dir: its debugfs directory
 *
 * ext_bhs_stuck: 1 keeps the external head switch's status off (msm8226).
 * qch_deny: deny the next N takedowns (the answers of the attendants,
 * which count it down without @lock); qch_ignore: leave the next N
 * requests unanswered; axim1_stuck: 1 keeps the AXIM1 clock off.
 */
void sim_ext_debugfs_init(struct mss_sim *sim, struct dentry *dir)
{
	if (sim->ext_bhs)
		sim_debugfs_s32(sim, dir, "ext_bhs_stuck", &sim->ext_bhs_stuck);
	if (!sim->qaccept)
		return;

	debugfs_create_file_unsafe("qch_deny", 0644, dir, &sim->qch_deny,
				   &sim_atomic_fops);
	debugfs_create_file_unsafe("qch_ignore", 0644, dir, &sim->qch_ignore,
				   &sim_atomic_fops);
	sim_debugfs_s32(sim, dir, "axim1_stuck", &sim->axim1_stuck);
}
