// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated Qualcomm modem subsystem: a modem someone else left running.
 *
 * Field reports (sdm845 after kexec, boards whose bootloader starts the
 * modem) show the driver's first start meeting a modem that already runs:
 * the Q6 out of reset, its AXI ports busy, MPSS owned by the modem alone,
 * and no MBA of ours running, so TrustZone will not give MPSS back.  With
 * the DT property linux,modem-running the simulator probes in that state,
 * as the previous owner left it:
 *
 * - MPSS is assigned to the modem through TrustZone, the way the earlier
 *   kernel did it (protected flavours only; the others have no owners);
 * - the modem runs its firmware: mss_restart released, the bus active,
 *   the RMB showing a completed boot (PBL success, AUTH_COMPLETE), as a
 *   real running modem shows it to whoever looks;
 * - no MBA runs, so the fused-device rule on reclaiming MPSS applies.
 *
 * Nothing else changes: from here the modem behaves as after a boot of
 * ours, and the reset checks (sim/reset.c) judge what the driver does to
 * bring it down.
 */

#include <linux/device.h>
#include <linux/firmware/qcom/qcom_scm.h>
#include <linux/of.h>

#include "../qcom_q6v5_mss_regs.h"
#include "mss_sim.h"

/**
 * sim_leftover_init() - start in the state an earlier owner left the modem
 * @sim: the simulator, before anything may kick its thread
 *
 * Return: 0 or the error of the TrustZone assignment.
 */
int sim_leftover_init(struct mss_sim *sim)
{
	phys_addr_t base = sim->region[SIM_REG_MPSS].base;
	size_t size = sim->region[SIM_REG_MPSS].size;
	struct qcom_scm_vmperm modem = {
		.vmid = QCOM_SCM_VMID_MSS_MSA,
		.perm = QCOM_SCM_PERM_RW,
	};
	u64 src = BIT(QCOM_SCM_VMID_HLOS);
	int ret;

	if (!of_property_read_bool(sim->dev->of_node, "linux,modem-running"))
		return 0;

	if (sim->fl->protected) {
		ret = qcom_scm_assign_mem(base, size, &src, &modem, 1);
		if (ret)
			return dev_err_probe(sim->dev, ret,
					     "cannot give MPSS to the running modem\n");
	}

	mutex_lock(&sim->lock);
	sim->mss_asserted = false;
	sim->bus_active = true;
	rmb_wr(sim, RMB_PBL_STATUS_REG, RMB_PBL_SUCCESS);
	rmb_wr(sim, RMB_MBA_STATUS_REG, RMB_MBA_AUTH_COMPLETE);
	sim_set_state(sim, SIM_RUNNING);
	mutex_unlock(&sim->lock);

	dev_info(sim->dev, "modem left running by an earlier owner%s\n",
		 sim->fl->protected ? ", MPSS owned by it" : "");

	return 0;
}
