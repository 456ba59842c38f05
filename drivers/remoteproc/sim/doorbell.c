// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated Qualcomm modem subsystem: Linux's signals to the modem.  The
 * mailbox controller's channels are doorbells (the AOSS QMP and the
 * SMD/G-Link edge ring them); the SMEM state provider holds the bits
 * Linux sets towards the modem, of which the MSS node's "stop" bit asks a
 * running modem to stop.  Both only record the event and wake the modem
 * thread, which may be called from atomic context.
 */

#include <linux/bitops.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/mailbox_controller.h>
#include <linux/soc/qcom/smem_state.h>
#include <linux/spinlock.h>

#include "mss_sim.h"

static int sim_smem_update_bits(void *data, u32 mask, u32 value)
{
	struct mss_sim *sim = data;
	unsigned long flags;

	spin_lock_irqsave(&sim->evlock, flags);
	sim->smem_bits = (sim->smem_bits & ~mask) | (value & mask);
	spin_unlock_irqrestore(&sim->evlock, flags);
	sim_kick(sim);

	return 0;
}

static const struct qcom_smem_state_ops sim_smem_ops = {
	.update_bits = sim_smem_update_bits,
};

static int sim_mbox_send(struct mbox_chan *chan, void *data)
{
	struct mss_sim *sim = chan->con_priv;
	unsigned long flags;

	spin_lock_irqsave(&sim->evlock, flags);
	__set_bit(chan - sim->chans, &sim->doorbells);
	spin_unlock_irqrestore(&sim->evlock, flags);
	sim_kick(sim);

	return 0;
}

static const struct mbox_chan_ops sim_mbox_ops = {
	.send_data = sim_mbox_send,
};

/**
 * sim_doorbells_take() - the doorbells rung since the last call
 * @sim: the simulator
 *
 * Return: a mask of mailbox channel numbers.
 */
unsigned long sim_doorbells_take(struct mss_sim *sim)
{
	unsigned long flags, bells;

	spin_lock_irqsave(&sim->evlock, flags);
	bells = sim->doorbells;
	sim->doorbells = 0;
	spin_unlock_irqrestore(&sim->evlock, flags);

	return bells;
}

/**
 * sim_smem_bit() - the current value of one SMEM state bit
 * @sim: the simulator
 * @bit: the bit number
 *
 * Return: true when Linux has set the bit.
 */
bool sim_smem_bit(struct mss_sim *sim, unsigned int bit)
{
	unsigned long flags;
	bool set;

	spin_lock_irqsave(&sim->evlock, flags);
	set = sim->smem_bits & BIT(bit);
	spin_unlock_irqrestore(&sim->evlock, flags);

	return set;
}

/**
 * sim_doorbell_init() - register the SMEM state and the mailbox controller
 * @sim: the simulator
 *
 * Return: 0 or a negative errno.
 */
int sim_doorbell_init(struct mss_sim *sim)
{
	struct device *dev = sim->dev;
	struct qcom_smem_state *state;
	unsigned int i;
	int ret;

	state = qcom_smem_state_register(dev->of_node, &sim_smem_ops, sim);
	if (IS_ERR(state))
		return dev_err_probe(dev, PTR_ERR(state),
				     "cannot register the smem state\n");
	sim->smem_state = state;

	for (i = 0; i < SIM_MBOX_CHANS; i++)
		sim->chans[i].con_priv = sim;
	sim->mbox.dev = dev;
	sim->mbox.ops = &sim_mbox_ops;
	sim->mbox.chans = sim->chans;
	sim->mbox.num_chans = SIM_MBOX_CHANS;
	ret = mbox_controller_register(&sim->mbox);
	if (ret) {
		qcom_smem_state_unregister(sim->smem_state);
		return dev_err_probe(dev, ret, "cannot register the mailbox\n");
	}

	return 0;
}

/**
 * sim_doorbell_exit() - unregister the mailbox controller and SMEM state
 * @sim: the simulator
 */
void sim_doorbell_exit(struct mss_sim *sim)
{
	mbox_controller_unregister(&sim->mbox);
	qcom_smem_state_unregister(sim->smem_state);
}

