// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated Qualcomm modem subsystem: the reset controller of the MSS
 * node's mss_restart and pdc_reset lines.  Asserting or pulsing
 * mss_restart resets the modem (registers, lines, boot state); before it
 * does, the simulator checks the flavour's reset sequence (pdc_reset held,
 * the AXI gating override set, RSCC enabled, the modem's AXI ports
 * halted, the Q6 clamped after an MBA ran) and counts a sequence error for each rule the
 * driver broke.  Releasing mss_restart needs the MSS powered (the external
 * head switch on msm8226), and a running MSS is reset before its power
 * goes.  The callbacks run in the driver's context, so these
 * checks see the exact state at the moment of the reset.
 *
 * The fail_reset fault attribute (Documentation/fault-injection/) makes
 * an mss_restart operation (assert, deassert or pulse) fail with -EIO
 * before it changes anything, as a reset controller that cannot reach its
 * register would.
 */

#include <linux/bits.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/fault-inject.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/reset-controller.h>

#include "../qcom_q6v5_mss_regs.h"
#include "mss_sim.h"

static struct mss_sim *rcdev_to_sim(struct reset_controller_dev *rcdev)
{
	return container_of(rcdev, struct mss_sim, rcdev);
}

/* Does fail_reset fail this mss_restart operation? */
static bool sim_reset_fails(struct mss_sim *sim, const char *op)
{
	if (!should_fail(&sim->reset_fault, 1))
		return false;

	WRITE_ONCE(sim->cnt.reset_refused, sim->cnt.reset_refused + 1);
	dev_info(sim->dev, "mss_restart %s fails\n", op);

	return true;
}

/* Checks before mss_restart takes the modem down (@lock held) */
static void sim_check_restart(struct mss_sim *sim, bool pulse)
{
	enum sim_reset kind = sim->fl->reset;

	if (kind == SIM_RESET_ALT && !sim->pdc_asserted)
		sim_seq_error(sim, "mss_restart pulsed without pdc_reset held");

	if ((kind == SIM_RESET_SPARE || kind == SIM_RESET_EXT) && !pulse &&
	    !sim->pdc_asserted)
		sim_seq_error(sim, "mss_restart asserted without pdc_reset held");
	if (kind == SIM_RESET_SPARE && !pulse && sim->spare &&
	    !(readl(sim->spare) & AXI_GATING_VALID_OVERRIDE))
		sim_seq_error(sim, "mss_restart asserted without the AXI gating override");
	/* sc7280: upstream re-enables RSCC before it holds pdc_reset */
	if (kind == SIM_RESET_EXT && !pulse && sim->rscc_disable &&
	    (readl(sim->rscc_disable) & 1))
		sim_seq_error(sim, "mss_restart asserted with RSCC disabled");

	if (sim->bus_active && !sim_ports_halted(sim))
		sim_seq_error(sim, "mss_restart with the modem's AXI ports not halted");

	/* Teardown and unwind switch the MSS power off after the reset */
	if (!sim_ext_bhs_on(sim))
		sim_seq_error(sim, "mss_restart asserted with the external head switch off");

	sim_q6_check_reset(sim);
}

/* Checks before mss_restart lets the modem out of reset (@lock held) */
static void sim_check_release(struct mss_sim *sim)
{
	if (!sim_ext_bhs_on(sim))
		sim_seq_error(sim, "mss_restart released with the external head switch off");
	/* sc7280: pdc_reset goes before mss_restart (upstream's EXT order) */
	if (sim->fl->reset == SIM_RESET_EXT && sim->pdc_asserted)
		sim_seq_error(sim, "mss_restart released with pdc_reset held");
}

static int sim_reset_assert(struct reset_controller_dev *rcdev,
			    unsigned long id)
{
	struct mss_sim *sim = rcdev_to_sim(rcdev);

	if (id == SIM_RESET_MSS_RESTART && sim_reset_fails(sim, "assert"))
		return -EIO;

	mutex_lock(&sim->lock);
	if (id == SIM_RESET_MSS_RESTART) {
		if (!sim->mss_asserted) {
			sim_check_restart(sim, false);
			sim->mss_asserted = true;
			sim_modem_reset(sim, true);
			/* The teardown is over */
			sim_attend_end(sim);
		}
	} else {
		sim->pdc_asserted = true;
	}
	mutex_unlock(&sim->lock);
	sim_kick(sim);

	return 0;
}

static int sim_reset_deassert(struct reset_controller_dev *rcdev,
			      unsigned long id)
{
	struct mss_sim *sim = rcdev_to_sim(rcdev);

	if (id == SIM_RESET_MSS_RESTART && sim_reset_fails(sim, "deassert"))
		return -EIO;

	mutex_lock(&sim->lock);
	if (id == SIM_RESET_MSS_RESTART) {
		if (sim->mss_asserted) {
			sim_check_release(sim);
			sim->mss_asserted = false;
			sim_set_state(sim, SIM_IDLE);
		}
	} else {
		sim->pdc_asserted = false;
	}
	mutex_unlock(&sim->lock);
	/* The Q6 power-up follows, after the driver's memory assignments */
	if (id == SIM_RESET_MSS_RESTART)
		sim_attend(sim, SIM_ATTEND_IDLE_MS);
	else
		sim_kick(sim);

	return 0;
}

static int sim_reset_reset(struct reset_controller_dev *rcdev,
			   unsigned long id)
{
	struct mss_sim *sim = rcdev_to_sim(rcdev);

	if (id != SIM_RESET_MSS_RESTART)
		return 0;
	if (sim_reset_fails(sim, "pulse"))
		return -EIO;

	mutex_lock(&sim->lock);
	sim_check_restart(sim, true);
	sim_check_release(sim);
	sim->mss_asserted = false;
	sim_modem_reset(sim, false);
	mutex_unlock(&sim->lock);
	sim_attend(sim, SIM_ATTEND_IDLE_MS);

	return 0;
}

static int sim_reset_status(struct reset_controller_dev *rcdev,
			    unsigned long id)
{
	struct mss_sim *sim = rcdev_to_sim(rcdev);
	int ret;

	mutex_lock(&sim->lock);
	ret = id == SIM_RESET_MSS_RESTART ? sim->mss_asserted :
					     sim->pdc_asserted;
	mutex_unlock(&sim->lock);

	return ret;
}

static const struct reset_control_ops sim_reset_ops = {
	.reset = sim_reset_reset,
	.assert = sim_reset_assert,
	.deassert = sim_reset_deassert,
	.status = sim_reset_status,
};

/**
 * sim_reset_init() - register the reset controller
 * @sim: the simulator
 *
 * Return: 0 or a negative errno.
 */
int sim_reset_init(struct mss_sim *sim)
{
	int ret;

	sim_fault_attr_off(&sim->reset_fault);

	sim->rcdev.ops = &sim_reset_ops;
	sim->rcdev.owner = THIS_MODULE;
	sim->rcdev.of_node = sim->dev->of_node;
	sim->rcdev.of_reset_n_cells = 1;
	sim->rcdev.nr_resets = SIM_NR_RESETS;
	sim->rcdev.dev = sim->dev;
	ret = reset_controller_register(&sim->rcdev);
	if (ret)
		return dev_err_probe(sim->dev, ret, "cannot register resets\n");

	return 0;
}

/**
 * sim_reset_exit() - unregister the reset controller
 * @sim: the simulator
 */
void sim_reset_exit(struct mss_sim *sim)
{
	reset_controller_unregister(&sim->rcdev);
}

/**
 * sim_reset_debugfs_init() - create the fail_reset fault attribute
 * @sim: the simulator
 * @dir: its debugfs directory
 *
 * Off until its probability is set; "space" skips mss_restart operations.
 */
void sim_reset_debugfs_init(struct mss_sim *sim, struct dentry *dir)
{
	fault_create_debugfs_attr("fail_reset", dir, &sim->reset_fault);
}
