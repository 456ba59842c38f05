/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel version differences for the out-of-tree qcom_q6v5_mss build.
 *
 * The driver builds against the 6.1, 6.12 and 7.2 series (Debian's
 * bookworm, bookworm-backports/bookworm-security and sid kernels); every
 * API that moved or changed shape between them is wrapped here and
 * nowhere else.  Kbuild probes the target's headers for each feature
 * (see Kbuild) rather than comparing version numbers, so a backport into
 * a series is picked up too.  The private remoteproc headers themselves
 * come from kcompat/<series>/, chosen by Kbuild.
 *
 * Unchanged across the three, so not wrapped: of_reserved_mem_lookup()
 * (the driver resolves its regions with it, not with 6.16's
 * of_reserved_mem_region_to_resource()), qcom_q6v5_init() and the other
 * subdevice helpers, the rproc coredump API.
 */
#ifndef __QCOM_Q6V5_MSS_COMPAT_H__
#define __QCOM_Q6V5_MSS_COMPAT_H__

#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/platform_device.h>

/* The SCM header moved to include/linux/firmware/qcom/ in 6.5 */
#ifdef MSS_COMPAT_OLD_SCM_HEADER
#include <linux/qcom_scm.h>
#else
#include <linux/firmware/qcom/qcom_scm.h>
#endif

#include "qcom_common.h"

void mss_remove(struct platform_device *pdev);

/* platform_driver::remove returned int before 6.11 */
#ifdef MSS_COMPAT_REMOVE_INT
static inline int mss_remove_int(struct platform_device *pdev)
{
	mss_remove(pdev);
	return 0;
}

#define MSS_REMOVE_CB	mss_remove_int
#else
#define MSS_REMOVE_CB	mss_remove
#endif

/* of_property_present() appeared in 6.3 */
#ifndef MSS_COMPAT_HAVE_OF_PROPERTY_PRESENT
static inline bool of_property_present(const struct device_node *np,
				       const char *propname)
{
	return of_find_property(np, propname, NULL);
}
#endif

/**
 * mss_scm_assign_mem() - qcom_scm_assign_mem() with a u64 owner bitmap
 * @addr: physical start
 * @size: size in bytes
 * @src: current owners, a bitmap of BIT(QCOM_SCM_VMID_*); updated
 * @newvm: the new owners and their permissions
 * @dest_cnt: number of entries in @newvm
 *
 * The one place the driver calls TrustZone to move memory ownership.
 * Before 6.3 the owner bitmap was an unsigned int; every VMID the driver
 * uses (HLOS, MSS_MSA) is below 32, so the narrower type loses nothing,
 * and a wider bitmap is refused rather than truncated.
 *
 * Return: 0 or the error of qcom_scm_assign_mem().
 */
#ifdef MSS_COMPAT_SCM_SRC_UINT
static inline int mss_scm_assign_mem(phys_addr_t addr, size_t size, u64 *src,
				     const struct qcom_scm_vmperm *newvm,
				     unsigned int dest_cnt)
{
	unsigned int cur = lower_32_bits(*src);
	int ret;

	if (upper_32_bits(*src))
		return -EINVAL;

	ret = qcom_scm_assign_mem(addr, size, &cur, newvm, dest_cnt);
	if (!ret)
		*src = cur;

	return ret;
}
#else
static inline int mss_scm_assign_mem(phys_addr_t addr, size_t size, u64 *src,
				     const struct qcom_scm_vmperm *newvm,
				     unsigned int dest_cnt)
{
	return qcom_scm_assign_mem(addr, size, src, newvm, dest_cnt);
}
#endif

/*
 * The protection-domain mapper subdevice is 6.11's; before it userspace
 * (pd-mapper) serves the modem's domain lookups, so there is nothing to
 * register and the stubs keep the probe and remove paths unconditional.
 */
#ifndef MSS_COMPAT_HAVE_PDM
struct qcom_rproc_pdm {
};

static inline void qcom_add_pdm_subdev(struct rproc *rproc,
				       struct qcom_rproc_pdm *pdm)
{
}

static inline void qcom_remove_pdm_subdev(struct rproc *rproc,
					  struct qcom_rproc_pdm *pdm)
{
}
#endif

#endif
