// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated Qualcomm modem subsystem: the AOP side of the AOSS QMP.  The
 * message RAM the MSS node's qcom,qmp node describes is carveout RAM; the
 * simulator writes the AOP's descriptor into it, follows the link and
 * channel handshakes of the real qcom_aoss driver when it rings its
 * mailbox doorbell, acknowledges every message and remembers the modem's
 * load_state vote.
 */

#include <linux/bits.h>
#include <linux/device.h>
#include <linux/io.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/string.h>

#include "mss_sim.h"

/* AOSS QMP message RAM, as in drivers/soc/qcom/qcom_aoss.c */
#define QMP_DESC_MAGIC			0x00
#define QMP_DESC_VERSION		0x04
#define QMP_DESC_FEATURES		0x08
#define QMP_DESC_UCORE_LINK_STATE	0x0c
#define QMP_DESC_UCORE_LINK_STATE_ACK	0x10
#define QMP_DESC_UCORE_CH_STATE		0x14
#define QMP_DESC_UCORE_CH_STATE_ACK	0x18
#define QMP_DESC_UCORE_MBOX_SIZE	0x1c
#define QMP_DESC_UCORE_MBOX_OFFSET	0x20
#define QMP_DESC_MCORE_LINK_STATE	0x24
#define QMP_DESC_MCORE_LINK_STATE_ACK	0x28
#define QMP_DESC_MCORE_CH_STATE		0x2c
#define QMP_DESC_MCORE_CH_STATE_ACK	0x30
#define QMP_DESC_MCORE_MBOX_SIZE	0x34
#define QMP_DESC_MCORE_MBOX_OFFSET	0x38
#define QMP_STATE_UP			GENMASK(15, 0)
#define QMP_STATE_DOWN			GENMASK(31, 16)
#define QMP_MAGIC			0x4d41494c
#define QMP_VERSION			1
#define QMP_MCORE_OFFSET		0x100
#define QMP_UCORE_OFFSET		0x200
#define QMP_MBOX_SIZE			0x100
#define QMP_MSGRAM_MIN			0x300

static void sim_qmp_init(struct mss_sim *sim)
{
	void __iomem *m = sim->qmp;
	unsigned int i;

	for (i = 0; i < QMP_MSGRAM_MIN; i += 4)
		writel(0, m + i);
	writel(QMP_MAGIC, m + QMP_DESC_MAGIC);
	writel(QMP_VERSION, m + QMP_DESC_VERSION);
	writel(QMP_STATE_UP, m + QMP_DESC_UCORE_LINK_STATE);
	writel(QMP_MBOX_SIZE, m + QMP_DESC_UCORE_MBOX_SIZE);
	writel(QMP_UCORE_OFFSET, m + QMP_DESC_UCORE_MBOX_OFFSET);
	writel(QMP_MBOX_SIZE, m + QMP_DESC_MCORE_MBOX_SIZE);
	writel(QMP_MCORE_OFFSET, m + QMP_DESC_MCORE_MBOX_OFFSET);
}

static bool sim_qmp_state_valid(u32 v)
{
	return v == QMP_STATE_UP || v == QMP_STATE_DOWN;
}

static void sim_qmp_message(struct mss_sim *sim, const char *msg)
{
	strscpy(sim->qmp_last, msg, sizeof(sim->qmp_last));
	sim->cnt.qmp_messages++;
	if (strstr(msg, "res: load_state") && strstr(msg, "name: modem"))
		sim->qmp_load_state = !!strstr(msg, "val: on");
	dev_dbg(sim->dev, "AOSS: %s\n", msg);
}

static bool sim_qmp_service(struct mss_sim *sim)
{
	void __iomem *m = sim->qmp;
	u32 buf[QMP_MSG_MAX / 4 + 1];
	bool irq = false;
	u32 link, ch, len;

	link = readl(m + QMP_DESC_MCORE_LINK_STATE);
	if (sim_qmp_state_valid(link) &&
	    readl(m + QMP_DESC_MCORE_LINK_STATE_ACK) != link) {
		writel(link, m + QMP_DESC_MCORE_LINK_STATE_ACK);
		irq = true;
	}

	ch = readl(m + QMP_DESC_MCORE_CH_STATE);
	if (sim_qmp_state_valid(ch)) {
		/* Open (or close) our channel when Linux does */
		if (readl(m + QMP_DESC_UCORE_CH_STATE) != ch) {
			writel(ch, m + QMP_DESC_UCORE_CH_STATE);
			irq = true;
		}
		if (readl(m + QMP_DESC_UCORE_CH_STATE_ACK) == ch &&
		    readl(m + QMP_DESC_MCORE_CH_STATE_ACK) != ch) {
			writel(ch, m + QMP_DESC_MCORE_CH_STATE_ACK);
			irq = true;
		}
	}

	len = readl(m + QMP_MCORE_OFFSET);
	if (len) {
		/* The message RAM only implements 32-bit accesses */
		memset(buf, 0, sizeof(buf));
		__ioread32_copy(buf, m + QMP_MCORE_OFFSET + 4, QMP_MSG_MAX / 4);
		sim_qmp_message(sim, (const char *)buf);
		writel(0, m + QMP_MCORE_OFFSET);
		irq = true;
	}

	return irq;
}

static int sim_parse_qmp(struct mss_sim *sim)
{
	struct of_phandle_args args;
	struct device_node *qmp;
	struct resource res;
	int ret;

	qmp = of_parse_phandle(sim->mss_np, "qcom,qmp", 0);
	if (!qmp) {
		if (sim->fl->has_qmp)
			dev_info(sim->dev, "%pOF has no qcom,qmp\n", sim->mss_np);
		return 0;
	}

	ret = of_parse_phandle_with_args(qmp, "mboxes", "#mbox-cells", 0,
					 &args);
	if (!ret) {
		of_node_put(args.np);
		if (args.np != sim->dev->of_node || args.args_count != 1 ||
		    args.args[0] >= SIM_MBOX_CHANS)
			ret = -EINVAL;
	}
	if (ret) {
		of_node_put(qmp);
		return dev_err_probe(sim->dev, ret,
				     "the AOSS node must ring one of our mailbox channels\n");
	}
	sim->qmp_chan = args.args[0];

	ret = of_address_to_resource(qmp, 0, &res);
	of_node_put(qmp);
	if (ret || resource_size(&res) < QMP_MSGRAM_MIN)
		return dev_err_probe(sim->dev, -EINVAL,
				     "AOSS message RAM missing or too small\n");

	sim->qmp = sim_map_window(sim, res.start, resource_size(&res),
				  "AOSS message RAM");

	return sim->qmp ? 0 : -ENOMEM;
}

/**
 * sim_aoss_doorbell() - answer the AOSS QMP if its doorbell rang
 * @sim: the simulator, @lock held
 * @bells: the doorbells rung since the last pass
 *
 * Return: true when the AOSS interrupt must be raised.
 */
bool sim_aoss_doorbell(struct mss_sim *sim, unsigned long bells)
{
	if (!sim->qmp || !(bells & BIT(sim->qmp_chan)))
		return false;

	return sim_qmp_service(sim);
}

/**
 * sim_aoss_init() - map the AOSS message RAM the MSS node names, if any
 * @sim: the simulator
 *
 * A flavour without an AOSS QMP, or an MSS node without qcom,qmp, leaves
 * @sim->qmp NULL.
 *
 * Return: 0 or a negative errno.
 */
int sim_aoss_init(struct mss_sim *sim)
{
	int ret;

	ret = sim_parse_qmp(sim);
	if (ret)
		return ret;
	if (sim->qmp)
		sim_qmp_init(sim);

	return 0;
}

