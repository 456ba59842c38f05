/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Simulated TrustZone (qcom_scm_sim.ko) for the qcom-mss test rig: the
 * interface the simulated modem uses.  The qcom_scm_* calls Linux drivers
 * make are the ones of <linux/firmware/qcom/qcom_scm.h>.
 *
 * Every function here may sleep (it takes the ledger mutex and maps
 * memory); call it from process context.
 */
#ifndef __QCOM_SCM_SIM_H__
#define __QCOM_SCM_SIM_H__

#include <linux/types.h>

/* Granule of the ownership ledger (TrustZone's resource group size) */
#define QCOM_SCM_SIM_GRANULE	0x1000

int qcom_scm_sim_modem_access(phys_addr_t addr, size_t size,
			      bool protected_flavour, const char *what);
int qcom_scm_sim_modem_wrote(phys_addr_t addr, size_t size);
int qcom_scm_sim_get_owners(phys_addr_t addr, size_t size, u64 *owners);
int qcom_scm_sim_get_mem_setup(u32 pas_id, phys_addr_t *addr,
			       phys_addr_t *size);

/* The modem tells TrustZone where its MPSS region is and whether an MBA runs */
int qcom_scm_sim_modem_register(phys_addr_t mpss_base, size_t mpss_size);
void qcom_scm_sim_modem_unregister(int id);
void qcom_scm_sim_set_mba_running(int id, bool running);
int qcom_scm_sim_modem_unseal(phys_addr_t addr, size_t size);

/* Bus reads of the modem (and TrustZone): mappings the XPU model exempts */
void *qcom_scm_sim_bus_map(phys_addr_t addr, size_t size, bool wb);
void qcom_scm_sim_bus_unmap(void *va);

#endif /* __QCOM_SCM_SIM_H__ */
