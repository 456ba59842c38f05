/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Memory regions and the metadata carveout manager of the Qualcomm MSS
 * driver.
 */
#ifndef __QCOM_Q6V5_MSS_MDATA_H__
#define __QCOM_Q6V5_MSS_MDATA_H__

#include <linux/mutex.h>
#include <linux/types.h>

#include "qcom_q6v5_mss_mdata_select.h"

struct device;
struct dentry;
struct firmware;

/**
 * struct mss_carveout - ownership and name of an MSS region
 * @perm: current owners, a bitmap of QCOM_SCM_VMID_* (HLOS at probe)
 * @node: full name of the reserved-memory node, for messages
 *
 * Where the region is and whether it may be staged in is kept once, in
 * &struct mss_mem.region.
 */
struct mss_carveout {
	u64 perm;
	char node[64];
};

/**
 * struct mss_mem - the MSS memory regions and the metadata staging state
 * @dev: the MSS device, for messages and the legacy DMA allocation
 * @lock: protects the report fields (@last, @last_err, @uses) against debugfs
 * @protected: TrustZone moves region ownership (need_mem_protection)
 * @co: ownership and names of the regions, indexed by &enum mss_region_role
 * @region: where the regions are (base, size), as the selection logic sees
 *	them, with the reasons each one is unusable for staging
 * @legacy_warned: the one warning per probe about the legacy path was given
 * @last: the source chosen by the most recent start
 * @last_err: the error of the most recent selection, 0 on success
 * @uses: how many starts used each &enum mss_mdata_source
 */
struct mss_mem {
	struct device *dev;
	struct mutex lock; /* report fields vs debugfs */
	bool protected;
	struct mss_carveout co[MSS_REGION_NR];
	struct mss_mdata_region region[MSS_REGION_NR];
	bool legacy_warned;
	struct mss_mdata_choice last;
	int last_err;
	unsigned int uses[MSS_MDATA_LEGACY + 1];
};

/**
 * typedef mss_mdata_auth_fn - hand staged metadata to the MBA and wait
 * @ctx: caller's context
 * @phys: physical address of the staged metadata
 *
 * Called with the metadata owned by the modem.  Returns 0 when the MBA
 * accepted the metadata, a negative error otherwise.
 */
typedef int (*mss_mdata_auth_fn)(void *ctx, phys_addr_t phys);

int mss_mem_init(struct mss_mem *mem, struct device *dev, bool protected);
int mss_mem_assign(struct mss_mem *mem, enum mss_region_role role,
		   bool local, bool remote);
int mss_mem_assign_range(struct mss_mem *mem, u64 *perm, phys_addr_t addr,
			 size_t size, bool local, bool remote);
bool mss_mem_linux_owns(const struct mss_mem *mem, enum mss_region_role role);
int mss_mdata_authenticate(struct mss_mem *mem, const struct firmware *fw,
			   const char *fw_name, mss_mdata_auth_fn auth,
			   void *ctx);
void mss_mdata_debugfs_init(struct mss_mem *mem, struct dentry *dir);

#endif
