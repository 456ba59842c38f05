/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel version differences for the out-of-tree qcom_q6v5_mss build.
 *
 * The driver is built against 6.12 and 6.1 LTS; every API that moved or
 * changed shape between them is wrapped here and nowhere else.  Kbuild
 * probes the kernel headers for the features (see Kbuild) rather than
 * comparing version numbers, so backports are picked up too.
 */
#ifndef __QCOM_Q6V5_MSS_COMPAT_H__
#define __QCOM_Q6V5_MSS_COMPAT_H__

#include <linux/of.h>
#include <linux/platform_device.h>

/* The SCM header moved to include/linux/firmware/qcom/ in 6.5 */
#ifdef MSS_COMPAT_OLD_SCM_HEADER
#include <linux/qcom_scm.h>
#else
#include <linux/firmware/qcom/qcom_scm.h>
#endif

void mss_remove(struct platform_device *pdev);

/* The one place the driver calls TrustZone to move memory ownership */
static inline int mss_scm_assign_mem(phys_addr_t addr, size_t size,
				     u64 *srcvm,
				     const struct qcom_scm_vmperm *newvm,
				     unsigned int dest_cnt)
{
	return qcom_scm_assign_mem(addr, size, srcvm, newvm, dest_cnt);
}

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

#endif
