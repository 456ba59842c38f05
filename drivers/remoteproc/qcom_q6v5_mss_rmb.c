// SPDX-License-Identifier: GPL-2.0-only
/*
 * Qualcomm MSS driver: the RMB (relay message buffer) handshake with the
 * modem's primary boot loader (PBL) and modem boot authenticator (MBA).
 *
 * The PBL reports on RMB_PBL_STATUS_REG; the MBA takes commands on
 * RMB_MBA_COMMAND_REG and answers on RMB_MBA_STATUS_REG, where a
 * negative value is an error code of the modem's own.
 */

#include <linux/device.h>
#include <linux/io.h>
#include <linux/iopoll.h>
#include <linux/time64.h>
#include <linux/sizes.h>

#include "qcom_q6v5_mss.h"
#include "qcom_q6v5_mss_regs.h"

/**
 * mss_rmb_set_mba() - tell the PBL where the MBA (and debug policy) is
 * @mss: the MSS
 * @mba: physical address of the MBA image
 * @dp_size: size of the debug policy placed 1 MiB after the MBA, or 0
 */
void mss_rmb_set_mba(struct qcom_mss *mss, phys_addr_t mba, size_t dp_size)
{
	writel(mba, mss->rmb_base + RMB_MBA_IMAGE_REG);
	if (dp_size) {
		writel(mba + SZ_1M, mss->rmb_base + RMB_PMI_CODE_START_REG);
		writel(dp_size, mss->rmb_base + RMB_PMI_CODE_LENGTH_REG);
	}
}

/**
 * mss_rmb_pbl_wait() - wait for the PBL to report
 * @mss: the MSS
 * @ms: time limit
 *
 * Return: 0 on PBL success, -ETIMEDOUT, or -EINVAL for any other status.
 */
int mss_rmb_pbl_wait(struct qcom_mss *mss, unsigned int ms)
{
	s32 val;

	if (readl_poll_timeout(mss->rmb_base + RMB_PBL_STATUS_REG, val, val,
			       1000, ms * USEC_PER_MSEC)) {
		dev_err(mss->dev, "PBL boot timed out\n");
		return -ETIMEDOUT;
	}

	if (val != RMB_PBL_SUCCESS) {
		dev_err(mss->dev, "PBL returned unexpected status %d\n", val);
		return -EINVAL;
	}

	return 0;
}

/**
 * mss_rmb_mba_wait() - wait for an MBA status
 * @mss: the MSS
 * @status: the status to wait for, or 0 for any non-zero status
 * @ms: time limit
 *
 * Return: the status read (positive), the MBA's negative error status,
 * or -ETIMEDOUT.  Callers tell the MBA's errors apart from ours by the
 * messages this driver logs.
 */
int mss_rmb_mba_wait(struct qcom_mss *mss, u32 status, unsigned int ms)
{
	s32 val;
	int ret;

	/* A negative status is the MBA giving up: stop waiting at once */
	ret = readl_poll_timeout(mss->rmb_base + RMB_MBA_STATUS_REG, val,
				 val < 0 || (status ? val == status : val != 0),
				 1000, ms * USEC_PER_MSEC);

	return ret ?: val;
}

/**
 * mss_rmb_mdata_auth() - have the MBA authenticate staged metadata
 * @ctx: the &struct qcom_mss
 * @phys: physical address of the metadata, owned by the modem
 *
 * Return: 0 when the MBA accepted it, -ETIMEDOUT, or the MBA's negative
 * status.
 */
int mss_rmb_mdata_auth(void *ctx, phys_addr_t phys)
{
	struct qcom_mss *mss = ctx;
	int ret;

	writel(phys, mss->rmb_base + RMB_PMI_META_DATA_REG);
	writel(RMB_CMD_META_DATA_READY, mss->rmb_base + RMB_MBA_COMMAND_REG);

	ret = mss_rmb_mba_wait(mss, RMB_MBA_META_DATA_AUTH_SUCCESS, 1000);
	if (ret == -ETIMEDOUT) {
		dev_err(mss->dev, "MPSS header authentication timed out\n");
		return ret;
	}
	if (ret < 0) {
		/* The MBA's status is its own code, not an errno */
		dev_err(mss->dev, "MPSS header authentication failed: %d\n", ret);
		return -EINVAL;
	}

	return 0;
}

/**
 * mss_rmb_code_reset() - restart the MBA's incremental segment validator
 * @mss: the MSS
 */
void mss_rmb_code_reset(struct qcom_mss *mss)
{
	writel(0, mss->rmb_base + RMB_PMI_CODE_LENGTH_REG);
}

/**
 * mss_rmb_code_advance() - tell the MBA how much of the image is loaded
 * @mss: the MSS
 * @boot_addr: where the image starts; sent with the first segment
 * @length: bytes loaded so far
 *
 * Return: 0, or the MBA's negative status if it already rejected a
 * segment.
 */
int mss_rmb_code_advance(struct qcom_mss *mss, phys_addr_t boot_addr,
			 u32 length)
{
	s32 status;

	if (!readl(mss->rmb_base + RMB_PMI_CODE_LENGTH_REG)) {
		writel(boot_addr, mss->rmb_base + RMB_PMI_CODE_START_REG);
		writel(RMB_CMD_LOAD_READY, mss->rmb_base + RMB_MBA_COMMAND_REG);
	}
	writel(length, mss->rmb_base + RMB_PMI_CODE_LENGTH_REG);

	status = readl(mss->rmb_base + RMB_MBA_STATUS_REG);
	if (status < 0) {
		dev_err(mss->dev, "MPSS authentication failed: %d\n", status);
		return status;
	}

	return 0;
}
