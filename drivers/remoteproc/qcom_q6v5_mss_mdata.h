/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Memory regions and the metadata carveout manager of the Qualcomm MSS
 * driver.
 */
#ifndef __QCOM_Q6V5_MSS_MDATA_H__
#define __QCOM_Q6V5_MSS_MDATA_H__

#include <linux/fault-inject.h>
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
 * enum mss_xfer - the ownership transitions the driver makes, by intent
 * @MSS_XFER_MPSS_FOR_MBA: give MPSS to the modem before the MBA boots
 *	(some MBAs wipe it while booting)
 * @MSS_XFER_MBA_FOR_BOOT: give the MBA image to the modem
 * @MSS_XFER_MBA_RECLAIM: take the MBA region back (Q6 in reset, or the
 *	modem has booted)
 * @MSS_XFER_MPSS_RECLAIM: take MPSS back; only with an MBA running
 * @MSS_XFER_MPSS_FOR_LOAD: share MPSS while segments are written; only
 *	with an MBA running
 * @MSS_XFER_MPSS_FOR_AUTH: give MPSS to the modem to authenticate and run
 *	the image, or back after a coredump
 * @MSS_XFER_NR: number of transitions
 */
enum mss_xfer {
	MSS_XFER_MPSS_FOR_MBA,
	MSS_XFER_MBA_FOR_BOOT,
	MSS_XFER_MBA_RECLAIM,
	MSS_XFER_MPSS_RECLAIM,
	MSS_XFER_MPSS_FOR_LOAD,
	MSS_XFER_MPSS_FOR_AUTH,
	MSS_XFER_NR,
};

/* Staging buffers the modem kept, remembered for the owners report */
#define MSS_MEM_MAX_STUCK	4

/**
 * struct mss_piece - a range owned apart from the region it lies in
 * @base: physical start
 * @size: size in bytes, 0 when unused
 * @perm: owners (QCOM_SCM_VMID_* bitmap)
 */
struct mss_piece {
	u64 base;
	u64 size;
	u64 perm;
};

struct mss_mem;

/**
 * struct mss_mem_ops - what the memory module does to memory and TrustZone
 * @map: map a carveout range for the CPU (write-combining)
 * @unmap: undo @map
 * @assign: one TrustZone ownership change; *@perm holds the source
 *	owners and is updated on success (qcom_scm_assign_mem())
 *
 * &mss_mem_hw_ops is what the driver uses; the KUnit suite puts fakes
 * here to check the order of the steps on every path.
 */
struct mss_mem_ops {
	void *(*map)(struct mss_mem *mem, phys_addr_t addr, size_t size);
	void (*unmap)(struct mss_mem *mem, void *ptr);
	int (*assign)(struct mss_mem *mem, u64 *perm, u64 base, u64 size,
		      u64 to);
};

extern const struct mss_mem_ops mss_mem_hw_ops;

/**
 * struct mss_mem - the MSS memory regions, their owners and the metadata
 *	staging state
 * @dev: the MSS device, for messages and the legacy DMA allocation
 * @ops: memory and TrustZone operations (&mss_mem_hw_ops)
 * @lock: protects the report fields (@last, @last_err, @uses) and the
 *	owner record against debugfs
 * @protected: TrustZone moves region ownership (need_mem_protection)
 * @mba_running: an MBA has authenticated and runs, so TrustZone lets
 *	Linux take MPSS memory back from the modem
 * @co: ownership and names of the regions, indexed by &enum mss_region_role
 * @win: the metadata window at the start of MPSS while it is owned apart
 *	from the rest of MPSS (staging, or kept by the modem)
 * @stuck: staging buffers TrustZone did not give back: windows of the
 *	dedicated region, DMA buffers (leaked on purpose)
 * @region: where the regions are (base, size), as the selection logic sees
 *	them, with the reasons each one is unusable for staging
 * @legacy_warned: the one warning per probe about the legacy path was given
 * @last: the source chosen by the most recent start
 * @last_err: the error of the most recent selection, 0 on success
 * @uses: how many starts used each &enum mss_mdata_source
 * @xfers: how many times each &enum mss_xfer succeeded
 * @fail_map: fault injection for mss_mem_map() (debugfs "fail_map")
 */
struct mss_mem {
	struct device *dev;
	const struct mss_mem_ops *ops;
	struct mutex lock; /* report fields and owner record vs debugfs */
	bool protected;
	bool mba_running;
	struct mss_carveout co[MSS_REGION_NR];
	struct mss_piece win;
	struct mss_piece stuck[MSS_MEM_MAX_STUCK];
	struct mss_mdata_region region[MSS_REGION_NR];
	bool legacy_warned;
	struct mss_mdata_choice last;
	int last_err;
	unsigned int uses[MSS_MDATA_LEGACY + 1];
	unsigned int xfers[MSS_XFER_NR];
#ifdef CONFIG_FAULT_INJECTION_DEBUG_FS
	struct fault_attr fail_map;
#endif
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
int mss_mem_xfer(struct mss_mem *mem, enum mss_xfer xfer);
void mss_mem_set_mba_running(struct mss_mem *mem, bool running);
bool mss_mem_linux_owns(const struct mss_mem *mem, enum mss_region_role role);
void *mss_mem_map(struct mss_mem *mem, phys_addr_t addr, size_t size);
int mss_mdata_authenticate(struct mss_mem *mem, const struct firmware *fw,
			   const char *fw_name, mss_mdata_auth_fn auth,
			   void *ctx);
void mss_mdata_debugfs_init(struct mss_mem *mem, struct dentry *dir);

#endif
