// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated Qualcomm modem subsystem: the modem's interrupt lines.  The
 * lines the MSS node uses (wdog, fatal, ready, handover, stop-ack,
 * shutdown-ack), the AOSS doorbell and the SMD/G-Link edge interrupt come
 * from a linear irq domain on the simulator's node.  Lines latch like SMP2P
 * bits: a raise is an edge only if the line was low, and only a modem
 * reset lowers them; the AOSS doorbell pulses.  The inject_irq debugfs
 * file raises any line by name.
 */

#include <linux/bitmap.h>
#include <linux/bits.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/irqdomain.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_irq.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "mss_sim.h"

const char *const sim_line_names[SIM_NR_IRQS] = {
	[SIM_IRQ_WDOG] = "wdog",
	[SIM_IRQ_FATAL] = "fatal",
	[SIM_IRQ_READY] = "ready",
	[SIM_IRQ_HANDOVER] = "handover",
	[SIM_IRQ_STOP_ACK] = "stop-ack",
	[SIM_IRQ_SHUTDOWN_ACK] = "shutdown-ack",
	[SIM_IRQ_AOSS] = "aoss",
	[SIM_IRQ_EDGE] = "edge",
};

/* Lines that pulse rather than latch (doorbells) */
#define SIM_PULSE_LINES		BIT(SIM_IRQ_AOSS)

/**
 * sim_lines_reset() - lower every line, as a modem reset does
 * @sim: the simulator
 *
 * The modem holds a line it raised until it is reset.
 */
void sim_lines_reset(struct mss_sim *sim)
{
	unsigned long flags;

	spin_lock_irqsave(&sim->evlock, flags);
	sim->irq_level = 0;
	spin_unlock_irqrestore(&sim->evlock, flags);
}

static void sim_irq_mask(struct irq_data *d)
{
	struct mss_sim *sim = irq_data_get_irq_chip_data(d);
	unsigned long flags;

	spin_lock_irqsave(&sim->evlock, flags);
	__clear_bit(irqd_to_hwirq(d), &sim->irq_unmasked);
	spin_unlock_irqrestore(&sim->evlock, flags);
}

static void sim_irq_unmask(struct irq_data *d)
{
	struct mss_sim *sim = irq_data_get_irq_chip_data(d);
	unsigned long flags;

	spin_lock_irqsave(&sim->evlock, flags);
	__set_bit(irqd_to_hwirq(d), &sim->irq_unmasked);
	spin_unlock_irqrestore(&sim->evlock, flags);

	/*
	 * qcom_q6v5_prepare() enables the handover interrupt right before
	 * the driver powers the modem up: the first sign of a boot where
	 * the proxy power domain is already on (a single domain is attached
	 * and powered by the driver core).
	 */
	if (irqd_to_hwirq(d) == SIM_IRQ_HANDOVER)
		sim_attend(sim, SIM_ATTEND_MS);
}

static int sim_irq_set_type(struct irq_data *d, unsigned int type)
{
	switch (type & IRQ_TYPE_SENSE_MASK) {
	case IRQ_TYPE_EDGE_RISING:
	case IRQ_TYPE_LEVEL_HIGH:
		return 0;
	default:
		return -EINVAL;
	}
}

static int sim_irq_get_state(struct irq_data *d,
			     enum irqchip_irq_state which, bool *state)
{
	struct mss_sim *sim = irq_data_get_irq_chip_data(d);
	unsigned long flags;

	if (which != IRQCHIP_STATE_LINE_LEVEL)
		return -EINVAL;

	spin_lock_irqsave(&sim->evlock, flags);
	*state = test_bit(irqd_to_hwirq(d), &sim->irq_level);
	spin_unlock_irqrestore(&sim->evlock, flags);

	return 0;
}

static struct irq_chip sim_irq_chip = {
	.name = "mss-sim",
	.irq_mask = sim_irq_mask,
	.irq_unmask = sim_irq_unmask,
	.irq_set_type = sim_irq_set_type,
	.irq_get_irqchip_state = sim_irq_get_state,
	.flags = IRQCHIP_SKIP_SET_WAKE,
};

static int sim_irq_map(struct irq_domain *d, unsigned int virq,
		       irq_hw_number_t hw)
{
	irq_set_chip_data(virq, d->host_data);
	irq_set_chip_and_handler(virq, &sim_irq_chip, handle_simple_irq);
	irq_set_noprobe(virq);
	/*
	 * qcom_q6v5_prepare() enabling the handover line announces every
	 * boot (sim_irq_unmask()), not only the first: mask it as soon as
	 * it is disabled, so that the next enable unmasks it again.
	 */
	if (hw == SIM_IRQ_HANDOVER)
		irq_set_status_flags(virq, IRQ_DISABLE_UNLAZY);

	return 0;
}

static void sim_irq_unmap(struct irq_domain *d, unsigned int virq)
{
	irq_set_chip_and_handler(virq, NULL, NULL);
	irq_set_chip_data(virq, NULL);
}

static const struct irq_domain_ops sim_irq_ops = {
	.map = sim_irq_map,
	.unmap = sim_irq_unmap,
	.xlate = irq_domain_xlate_twocell,
};

/**
 * sim_fire() - raise lines
 * @sim: the simulator, @lock not held: handlers may call back into the
 *	simulator (power domains, resets)
 * @lines: mask of &enum sim_line
 *
 * A latched line that is already high gives no new edge.
 */
void sim_fire(struct mss_sim *sim, unsigned long lines)
{
	unsigned long flags;
	unsigned int hw;

	for_each_set_bit(hw, &lines, SIM_NR_IRQS) {
		bool edge;

		spin_lock_irqsave(&sim->evlock, flags);
		edge = !test_bit(hw, &sim->irq_level);
		if (!(BIT(hw) & SIM_PULSE_LINES))
			__set_bit(hw, &sim->irq_level);
		spin_unlock_irqrestore(&sim->evlock, flags);

		if (!edge)
			continue;
		dev_dbg(sim->dev, "raising %s\n", sim_line_names[hw]);
		if (generic_handle_domain_irq_safe(sim->domain, hw))
			dev_dbg(sim->dev, "%s is not mapped\n",
				sim_line_names[hw]);
		else
			WRITE_ONCE(sim->cnt.irqs_fired,
				   READ_ONCE(sim->cnt.irqs_fired) + 1);
	}
}

/* Raise any line by name (test hook); latched lines need a reset to rise again */
static ssize_t sim_inject_write(struct file *file, const char __user *ubuf,
				size_t count, loff_t *ppos)
{
	struct mss_sim *sim = file->private_data;
	char buf[16];
	int ret, i;

	ret = sim_get_arg(ubuf, count, buf, sizeof(buf));
	if (ret)
		return ret;
	i = match_string(sim_line_names, SIM_NR_IRQS, buf);
	if (i < 0)
		return -EINVAL;

	dev_info(sim->dev, "injecting %s\n", sim_line_names[i]);
	sim_fire(sim, BIT(i));

	return count;
}

static const struct file_operations sim_inject_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = sim_inject_write,
};

/**
 * sim_check_irqs() - check the MSS node uses the simulator's line numbers
 * @sim: the simulator
 *
 * Return: 0, or -EINVAL when an interrupt of the MSS node names the wrong
 * line.
 */
int sim_check_irqs(struct mss_sim *sim)
{
	unsigned int i;

	for (i = 0; i <= SIM_IRQ_SHUTDOWN_ACK; i++) {
		struct of_phandle_args args;
		int idx;

		idx = of_property_match_string(sim->mss_np, "interrupt-names",
					       sim_line_names[i]);
		if (idx < 0)
			continue;
		if (of_irq_parse_one(sim->mss_np, idx, &args))
			continue;
		of_node_put(args.np);
		if (args.np == sim->dev->of_node && args.args[0] != i)
			return dev_err_probe(sim->dev, -EINVAL,
					     "%pOF: interrupt \"%s\" must be line %u\n",
					     sim->mss_np, sim_line_names[i], i);
	}

	return 0;
}

/**
 * sim_irq_init() - create the irq domain of the modem's lines
 * @sim: the simulator
 *
 * Return: 0 or a negative errno.
 */
int sim_irq_init(struct mss_sim *sim)
{
	sim->domain = irq_domain_create_linear(of_fwnode_handle(sim->dev->of_node),
					       SIM_NR_IRQS, &sim_irq_ops, sim);
	if (!sim->domain)
		return -ENOMEM;

	return 0;
}

/**
 * sim_irq_exit() - dispose of the lines' mappings and remove the domain
 * @sim: the simulator
 */
void sim_irq_exit(struct mss_sim *sim)
{
	unsigned int hw;

	for (hw = 0; hw < SIM_NR_IRQS; hw++)
		irq_dispose_mapping(irq_find_mapping(sim->domain, hw));
	irq_domain_remove(sim->domain);
}

/**
 * sim_irq_debugfs_init() - create the inject_irq file
 * @sim: the simulator
 * @dir: its debugfs directory
 */
void sim_irq_debugfs_init(struct mss_sim *sim, struct dentry *dir)
{
	debugfs_create_file("inject_irq", 0200, dir, sim, &sim_inject_fops);
}
