// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated Qualcomm modem subsystem: the simulated SoC flavours.  Each
 * row of mss_sim_flavours[] says how the simulated hardware of one SoC
 * behaves (how the Q6 is started and which power-up steps it checks, the
 * reset sequence, the external head switch, Q-channels, the AOSS QMP and
 * the proxy power domains), and
 * mss_sim_of_match[] binds a
 * "linux,<soc>-mss-sim" node to its row.  Everything else reads the row;
 * no code tests a SoC by name.
 *
 * Which MSS compatibles a flavour serves and whether TrustZone protects
 * its memory come from the one SoC table, qcom_mss_socs.h, looked up by
 * the row's name when a simulator probes: a flavour whose name is not in
 * the table does not probe.
 *
 * The hardware facts are those of the upstream driver (Linux 7.2
 * qcom_q6v5_mss.c, q6v5proc_reset() and the rproc_hexagon_res tables);
 * the driver's own copy of them is in qcom_q6v5_mss_socs.c.  The
 * simulator keeps its own so that a wrong descriptor there fails here.
 */

#include <linux/bits.h>
#include <linux/device.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../qcom_q6v5_mss_regs.h"
#include "mss_sim.h"

/* The SoC table: compatible, SoC name, protection, default MBA */
static const struct {
	const char *compatible;
	const char *soc;
	bool protected;
	const char *mba_image;
} sim_socs[] = {
#define MSS_SOC(_compat, _soc, _prot, _mba)	{ _compat, #_soc, _prot, _mba },
#include "../qcom_mss_socs.h"
#undef MSS_SOC
};

enum {
	SIM_SDM845,
	SIM_SC7180,
	SIM_MSM8916,
	SIM_MSM8996,
	SIM_SDM660,
	SIM_MSM8917,
	SIM_MSM8953,
	SIM_MSM8974,
	SIM_MSM8226,
	SIM_SC7280,
};

#define SIM_PDS_CX_MX		(BIT(SIM_PD_CX) | BIT(SIM_PD_MX))
#define SIM_PDS_CX_MX_MSS	(SIM_PDS_CX_MX | BIT(SIM_PD_MSS))

static const struct mss_sim_flavour mss_sim_flavours[] = {
	[SIM_SDM845] = {
		.name = "sdm845",
		.boot = SIM_BOOT_FSM,
		.reset = SIM_RESET_ALT,
		.has_qmp = true,
		.pd_mask = SIM_PDS_CX_MX_MSS,
	},
	[SIM_SC7180] = {
		.name = "sc7180",
		.boot = SIM_BOOT_FSM,
		.fsm_xo = true,
		.reset = SIM_RESET_SPARE,
		.has_qmp = true,
		.pd_mask = SIM_PDS_CX_MX_MSS,
	},
	[SIM_MSM8916] = {
		/* Proxy supplies (the DT's fallback regulators), no domains */
		.name = "msm8916",
		.boot = SIM_BOOT_V5,
	},
	[SIM_MSM8996] = {
		.name = "msm8996",
		.boot = SIM_BOOT_V56,
		.acc_override = QDSP6SS_ACC_OVERRIDE_VAL,
		.mem_pwr_reg = QDSP6SS_MEM_PWR_CTL,
		.mem_top_bit = 19,
		.clamp_on_reclaim = true,
		.pd_mask = SIM_PDS_CX_MX,
	},
	[SIM_SDM660] = {
		.name = "sdm660",
		.boot = SIM_BOOT_V56,
		.acc_override = QDSP6SS_ACC_OVERRIDE_VAL,
		.bhs_ack = true,
		.mem_pwr_reg = QDSP6V6SS_MEM_PWR_CTL,
		.mem_top_bit = 28,
		.pd_mask = SIM_PDS_CX_MX,
	},
	[SIM_MSM8917] = {
		.name = "msm8917",
		.boot = SIM_BOOT_V56,
		.acc_override = QDSP6SS_ACC_OVERRIDE_VAL_9607,
		.mem_pwr_reg = QDSP6SS_MEM_PWR_CTL,
		.mem_top_bit = 19,
		.mem_reverse = 6,
		.pd_mask = SIM_PDS_CX_MX,
	},
	[SIM_MSM8953] = {
		.name = "msm8953",
		.boot = SIM_BOOT_V56,
		.mem_pwr_reg = QDSP6SS_MEM_PWR_CTL,
		.mem_top_bit = 19,
		.pas_mem_setup = true,
		.pd_mask = SIM_PDS_CX_MX_MSS,
	},
	[SIM_MSM8974] = {
		/* One proxy domain (cx); mx and mss are supplies */
		.name = "msm8974",
		.boot = SIM_BOOT_V5,
		.pd_mask = BIT(SIM_PD_CX),
	},
	[SIM_MSM8226] = {
		.name = "msm8226",
		.boot = SIM_BOOT_V5,
		.ext_bhs = true,
		.pd_mask = BIT(SIM_PD_CX),
	},
	[SIM_SC7280] = {
		.name = "sc7280",
		.boot = SIM_BOOT_FSM,
		.fsm_xo = true,
		.reset = SIM_RESET_EXT,
		.qchannels = true,
		.vq6 = true,
		.has_qmp = true,
		.pd_mask = BIT(SIM_PD_CX) | BIT(SIM_PD_MSS),
	},
};

#define SIM_MATCH(_soc, _idx) \
	{ .compatible = "linux," #_soc "-mss-sim", \
	  .data = &mss_sim_flavours[_idx] }

const struct of_device_id mss_sim_of_match[] = {
	SIM_MATCH(sdm845, SIM_SDM845),
	SIM_MATCH(sc7180, SIM_SC7180),
	SIM_MATCH(msm8916, SIM_MSM8916),
	SIM_MATCH(msm8996, SIM_MSM8996),
	SIM_MATCH(sdm660, SIM_SDM660),
	SIM_MATCH(msm8917, SIM_MSM8917),
	SIM_MATCH(msm8953, SIM_MSM8953),
	SIM_MATCH(msm8974, SIM_MSM8974),
	SIM_MATCH(msm8226, SIM_MSM8226),
	SIM_MATCH(sc7280, SIM_SC7280),
	{ }
};
MODULE_DEVICE_TABLE(of, mss_sim_of_match);

/**
 * sim_flavour_get() - the flavour of a simulator, completed from the SoC table
 * @dev: the simulator's device
 *
 * Copies the matched row and fills in what the SoC table says about the
 * SoC.  Every entry of the table with the row's name must agree on the
 * protection (msm8916 has two: its deprecated compatible too).
 *
 * Return: the device-managed flavour, or an ERR_PTR().
 */
const struct mss_sim_flavour *sim_flavour_get(struct device *dev)
{
	const struct mss_sim_flavour *row = of_device_get_match_data(dev);
	struct mss_sim_flavour *fl;
	unsigned int i, found = 0;

	if (!row)
		return ERR_PTR(-ENODEV);
	fl = devm_kmemdup(dev, row, sizeof(*row), GFP_KERNEL);
	if (!fl)
		return ERR_PTR(-ENOMEM);

	for (i = 0; i < ARRAY_SIZE(sim_socs); i++) {
		if (strcmp(sim_socs[i].soc, fl->name))
			continue;
		if (found && fl->protected != sim_socs[i].protected)
			return ERR_PTR(dev_err_probe(dev, -EINVAL,
						     "SoC table disagrees on %s's protection\n",
						     fl->name));
		fl->protected = sim_socs[i].protected;
		fl->mba_image = sim_socs[i].mba_image;
		found++;
	}
	if (!found)
		return ERR_PTR(dev_err_probe(dev, -EINVAL,
					     "flavour %s is not in the SoC table\n",
					     fl->name));

	return fl;
}

/**
 * sim_flavour_serves() - is @np an MSS node of the flavour's SoC?
 * @fl: the flavour
 * @np: a device node
 *
 * Return: true if @np is compatible with one of the SoC table's
 * compatibles of @fl's SoC (msm8916 also serves "qcom,q6v5-pil").
 */
bool sim_flavour_serves(const struct mss_sim_flavour *fl,
			const struct device_node *np)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sim_socs); i++)
		if (!strcmp(sim_socs[i].soc, fl->name) &&
		    of_device_is_compatible(np, sim_socs[i].compatible))
			return true;

	return false;
}
