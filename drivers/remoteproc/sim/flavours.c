// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated Qualcomm modem subsystem: the simulated SoC flavours.  Each
 * row of mss_sim_flavours[] says what differs between the SoCs the
 * simulator plays (how the Q6 is started, whether TrustZone moves memory
 * ownership, the reset sequence, the AOSS QMP and the proxy power
 * domains), and mss_sim_of_match[] binds a "linux,<soc>-mss-sim" node to
 * its row.  Everything else reads the row; no code tests a SoC by name.
 */

#include <linux/mod_devicetable.h>
#include <linux/module.h>

#include "mss_sim.h"

enum {
	SIM_SDM845,
	SIM_SC7180,
	SIM_MSM8916,
};

static const char *const sim_pds_cx_mx_mss[] = { "cx", "mx", "mss" };

static const struct mss_sim_flavour mss_sim_flavours[] = {
	[SIM_SDM845] = {
		.name = "sdm845",
		.mss_compatible = "qcom,sdm845-mss-pil",
		.boot_fsm = true,
		.protected = true,
		.alt_reset = true,
		.has_qmp = true,
		.nr_pds = 3,
		.pd_names = sim_pds_cx_mx_mss,
	},
	[SIM_SC7180] = {
		.name = "sc7180",
		.mss_compatible = "qcom,sc7180-mss-pil",
		.boot_fsm = true,
		.fsm_xo = true,
		.protected = true,
		.spare_reg = true,
		.has_qmp = true,
		.nr_pds = 3,
		.pd_names = sim_pds_cx_mx_mss,
	},
	[SIM_MSM8916] = {
		.name = "msm8916",
		.mss_compatible = "qcom,msm8916-mss-pil",
	},
};

const struct of_device_id mss_sim_of_match[] = {
	{ .compatible = "linux,sdm845-mss-sim",
	  .data = &mss_sim_flavours[SIM_SDM845] },
	{ .compatible = "linux,sc7180-mss-sim",
	  .data = &mss_sim_flavours[SIM_SC7180] },
	{ .compatible = "linux,msm8916-mss-sim",
	  .data = &mss_sim_flavours[SIM_MSM8916] },
	{ }
};
MODULE_DEVICE_TABLE(of, mss_sim_of_match);
