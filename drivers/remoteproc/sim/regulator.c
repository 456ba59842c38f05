// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated Qualcomm modem subsystem: the MSS supplies (pll, mx, cx, mss)
 * of the flavours without power domains for them, one regulator per
 * regulator-* child of the simulator's node, with the constraints the
 * child gives.  Unlike regulator-fixed they take voltage and load votes
 * (the driver's regulator_set_voltage() and regulator_set_load()) and can
 * fail: the fail_regulator fault attribute (Documentation/fault-injection/)
 * makes an enable fail with -EIO, the way an RPM regulator whose request
 * is refused reports it; the supply stays off.  With size 1 each enable
 * of a supply that is off is one call, so "space N" lets N - 1 through.
 *
 * The status file lists the supplies that are on, with their votes, and
 * the number on, so a test can check that a failed start left none.
 */

#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/fault-inject.h>
#include <linux/of.h>
#include <linux/regulator/driver.h>
#include <linux/regulator/machine.h>
#include <linux/regulator/of_regulator.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "mss_sim.h"

static int sim_reg_enable(struct regulator_dev *rdev)
{
	struct sim_reg *r = rdev_get_drvdata(rdev);
	struct mss_sim *sim = r->sim;

	if (should_fail(&sim->reg_fault, 1)) {
		WRITE_ONCE(sim->cnt.reg_refused, sim->cnt.reg_refused + 1);
		dev_info(sim->dev, "supply %s fails to enable\n",
			 rdev_get_name(rdev));
		return -EIO;
	}
	WRITE_ONCE(r->enabled, true);

	return 0;
}

static int sim_reg_disable(struct regulator_dev *rdev)
{
	struct sim_reg *r = rdev_get_drvdata(rdev);

	WRITE_ONCE(r->enabled, false);

	return 0;
}

static int sim_reg_is_enabled(struct regulator_dev *rdev)
{
	struct sim_reg *r = rdev_get_drvdata(rdev);

	return READ_ONCE(r->enabled);
}

static int sim_reg_set_voltage(struct regulator_dev *rdev, int min_uv,
			       int max_uv, unsigned int *selector)
{
	struct sim_reg *r = rdev_get_drvdata(rdev);

	WRITE_ONCE(r->uv, min_uv);

	return 0;
}

/* 0 until the core applies the child's constraints at registration */
static int sim_reg_get_voltage(struct regulator_dev *rdev)
{
	struct sim_reg *r = rdev_get_drvdata(rdev);

	return READ_ONCE(r->uv);
}

static int sim_reg_set_load(struct regulator_dev *rdev, int load_ua)
{
	struct sim_reg *r = rdev_get_drvdata(rdev);

	WRITE_ONCE(r->load_ua, load_ua);

	return 0;
}

static const struct regulator_ops sim_reg_ops = {
	.enable = sim_reg_enable,
	.disable = sim_reg_disable,
	.is_enabled = sim_reg_is_enabled,
	.set_voltage = sim_reg_set_voltage,
	.get_voltage = sim_reg_get_voltage,
	.set_load = sim_reg_set_load,
};

static int sim_reg_add(struct mss_sim *sim, struct device_node *np,
		       struct sim_reg *r)
{
	struct regulator_config config = {};
	struct regulator_init_data *init;
	struct regulator_dev *rdev;

	r->sim = sim;
	r->desc.name = np->name;
	r->desc.type = REGULATOR_VOLTAGE;
	r->desc.owner = THIS_MODULE;
	r->desc.ops = &sim_reg_ops;

	config.dev = sim->dev;
	config.of_node = np;
	config.driver_data = r;
	init = of_get_regulator_init_data(sim->dev, np, &r->desc);
	if (!init)
		return -ENOMEM;
	/*
	 * Let the driver's votes reach the callbacks, as on the RPM
	 * regulators of real boards, whatever range the child allows.
	 */
	init->constraints.valid_ops_mask |= REGULATOR_CHANGE_STATUS |
					    REGULATOR_CHANGE_VOLTAGE |
					    REGULATOR_CHANGE_DRMS;
	config.init_data = init;

	rdev = devm_regulator_register(sim->dev, &r->desc, &config);
	if (IS_ERR(rdev))
		return dev_err_probe(sim->dev, PTR_ERR(rdev),
				     "cannot register supply %pOFn\n", np);
	r->rdev = rdev;

	return 0;
}

/**
 * sim_reg_init() - register a regulator per regulator-* child
 * @sim: the simulator
 *
 * The regulators are device-managed: they go after remove(), once the
 * driver that used them is gone.
 *
 * Return: 0 or a negative errno.
 */
int sim_reg_init(struct mss_sim *sim)
{
	struct device_node *np = sim->dev->of_node;
	unsigned int n = 0;
	int ret;

	sim_fault_attr_off(&sim->reg_fault);

	for_each_child_of_node_scoped(np, child)
		if (of_node_name_prefix(child, "regulator-"))
			n++;
	if (!n)
		return 0;

	sim->regs = devm_kcalloc(sim->dev, n, sizeof(*sim->regs), GFP_KERNEL);
	if (!sim->regs)
		return -ENOMEM;

	for_each_child_of_node_scoped(np, child) {
		if (!of_node_name_prefix(child, "regulator-"))
			continue;
		ret = sim_reg_add(sim, child, &sim->regs[sim->nr_regs]);
		if (ret)
			return ret;
		sim->nr_regs++;
	}

	return 0;
}

/**
 * sim_reg_status() - the supplies' state, for the status file
 * @sim: the simulator
 * @m: the status file
 *
 * One line per supply that is on, then the number on, which a test
 * expects at 0 after a failed start.  Nothing without supplies.
 */
void sim_reg_status(struct mss_sim *sim, struct seq_file *m)
{
	unsigned int i, on = 0;

	if (!sim->nr_regs)
		return;
	for (i = 0; i < sim->nr_regs; i++) {
		struct sim_reg *r = &sim->regs[i];

		if (!READ_ONCE(r->enabled))
			continue;
		seq_printf(m, "supply %s: on, %d uV, %d uA\n",
			   rdev_get_name(r->rdev), READ_ONCE(r->uv),
			   READ_ONCE(r->load_ua));
		on++;
	}
	seq_printf(m, "supplies: %u on\n", on);
}

/**
 * sim_reg_debugfs_init() - create the fail_regulator fault attribute
 * @sim: the simulator
 * @dir: its debugfs directory
 *
 * Only for flavours with supplies.  Off until its probability is set;
 * "space" skips enables (in the driver's power-up order).
 */
void sim_reg_debugfs_init(struct mss_sim *sim, struct dentry *dir)
{
	if (sim->nr_regs)
		fault_create_debugfs_attr("fail_regulator", dir,
					  &sim->reg_fault);
}
