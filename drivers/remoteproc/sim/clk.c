// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated Qualcomm modem subsystem: the MSS clocks (xo, iface, bus, ...)
 * as gate clocks of a clock provider on the simulator's node, one per
 * provider index (MSS_SIM_CLK_* in the DT).  Unlike the board's fixed XO
 * they can fail: the fail_clk fault attribute (Documentation/fault-injection/)
 * makes a prepare fail with -EIO, the way a clock whose RPMh vote or branch
 * enable times out reports it; the clock stays unprepared.  With size 1
 * each clk_prepare() is one call, so "space N" lets N - 1 prepares through.
 *
 * The clock framework counts prepares and enables itself and calls the
 * callbacks only on the first and last; the callbacks keep the resulting
 * state per clock for the status file, so a test can check that a failed
 * start left every clock off.
 */

#include <linux/clk-provider.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/fault-inject.h>
#include <linux/seq_file.h>

#include "mss_sim.h"

/* Names of the clocks by provider index, as in the boards' clock-names */
const char *const sim_clk_names[SIM_NR_CLKS] = {
	[SIM_CLK_XO] = "xo",
	[SIM_CLK_IFACE] = "iface",
	[SIM_CLK_BUS] = "bus",
	[SIM_CLK_MEM] = "mem",
	[SIM_CLK_GPLL0_MSS] = "gpll0_mss",
	[SIM_CLK_SNOC_AXI] = "snoc_axi",
	[SIM_CLK_MNOC_AXI] = "mnoc_axi",
	[SIM_CLK_PRNG] = "prng",
};

static struct sim_clk *to_sim_clk(struct clk_hw *hw)
{
	return container_of(hw, struct sim_clk, hw);
}

static int sim_clk_prepare(struct clk_hw *hw)
{
	struct sim_clk *c = to_sim_clk(hw);
	struct mss_sim *sim = c->sim;

	if (should_fail(&sim->clk_fault, 1)) {
		WRITE_ONCE(sim->cnt.clk_refused, sim->cnt.clk_refused + 1);
		dev_info(sim->dev, "clock %s fails to prepare\n",
			 sim_clk_names[c->idx]);
		return -EIO;
	}
	WRITE_ONCE(c->prepared, true);

	return 0;
}

static void sim_clk_unprepare(struct clk_hw *hw)
{
	WRITE_ONCE(to_sim_clk(hw)->prepared, false);
}

static int sim_clk_is_prepared(struct clk_hw *hw)
{
	return READ_ONCE(to_sim_clk(hw)->prepared);
}

static int sim_clk_enable(struct clk_hw *hw)
{
	WRITE_ONCE(to_sim_clk(hw)->enabled, true);

	return 0;
}

static void sim_clk_disable(struct clk_hw *hw)
{
	WRITE_ONCE(to_sim_clk(hw)->enabled, false);
}

static int sim_clk_is_enabled(struct clk_hw *hw)
{
	return READ_ONCE(to_sim_clk(hw)->enabled);
}

static const struct clk_ops sim_clk_ops = {
	.prepare = sim_clk_prepare,
	.unprepare = sim_clk_unprepare,
	.is_prepared = sim_clk_is_prepared,
	.enable = sim_clk_enable,
	.disable = sim_clk_disable,
	.is_enabled = sim_clk_is_enabled,
};

/**
 * sim_clk_init() - register the clocks and their provider
 * @sim: the simulator
 *
 * The clocks and the provider are device-managed: they go after remove(),
 * once the driver that used them is gone.
 *
 * Return: 0 or a negative errno.
 */
int sim_clk_init(struct mss_sim *sim)
{
	struct device *dev = sim->dev;
	unsigned int i;
	int ret;

	sim_fault_attr_off(&sim->clk_fault);

	sim->clk_data = devm_kzalloc(dev, struct_size(sim->clk_data, hws,
						      SIM_NR_CLKS),
				     GFP_KERNEL);
	if (!sim->clk_data)
		return -ENOMEM;
	sim->clk_data->num = SIM_NR_CLKS;

	for (i = 0; i < SIM_NR_CLKS; i++) {
		struct sim_clk *c = &sim->clks[i];
		struct clk_init_data init = {
			.ops = &sim_clk_ops,
		};

		init.name = devm_kasprintf(dev, GFP_KERNEL, "%s-%s",
					   dev_name(dev), sim_clk_names[i]);
		if (!init.name)
			return -ENOMEM;
		c->sim = sim;
		c->idx = i;
		c->hw.init = &init;
		ret = devm_clk_hw_register(dev, &c->hw);
		if (ret)
			return dev_err_probe(dev, ret, "cannot register clock %s\n",
					     sim_clk_names[i]);
		sim->clk_data->hws[i] = &c->hw;
	}

	ret = devm_of_clk_add_hw_provider(dev, of_clk_hw_onecell_get,
					  sim->clk_data);
	if (ret)
		return dev_err_probe(dev, ret, "cannot add clock provider\n");

	return 0;
}

/**
 * sim_clk_status() - the clocks' state, for the status file
 * @sim: the simulator
 * @m: the status file
 *
 * One line per clock that is on, then the totals a test expects at 0 after
 * a failed start.
 */
void sim_clk_status(struct mss_sim *sim, struct seq_file *m)
{
	unsigned int i, prepared = 0, enabled = 0;

	for (i = 0; i < SIM_NR_CLKS; i++) {
		bool p = READ_ONCE(sim->clks[i].prepared);
		bool e = READ_ONCE(sim->clks[i].enabled);

		if (!p && !e)
			continue;
		seq_printf(m, "clk %s:%s%s\n", sim_clk_names[i],
			   p ? " prepared" : "", e ? " enabled" : "");
		prepared += p;
		enabled += e;
	}
	seq_printf(m, "clocks: %u prepared, %u enabled\n", prepared, enabled);
}

/**
 * sim_clk_debugfs_init() - create the fail_clk fault attribute
 * @sim: the simulator
 * @dir: its debugfs directory
 *
 * Off until its probability is set; "space" skips prepares (on sdm845 xo,
 * prng, iface, snoc_axi, bus, ... in the driver's power-up order).
 */
void sim_clk_debugfs_init(struct mss_sim *sim, struct dentry *dir)
{
	fault_create_debugfs_attr("fail_clk", dir, &sim->clk_fault);
}
