// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated Qualcomm modem subsystem: the proxy power domains (those of
 * cx, mx and mss the flavour has) as generic power domain providers on
 * the simulator's node, at fixed provider indices (MSS_SIM_PD_* in the
 * DT; an index the flavour lacks is -ENOENT).  The driver votes them on while it boots the
 * modem and drops them on handover; the modem only runs, and the Q6 core
 * only starts, while every one of them is on.
 *
 * The fail_power_on fault attribute (Documentation/fault-injection/)
 * makes a power-on fail with -EIO, the way a domain whose rail or RPMh
 * vote fails reports it to genpd; the domain stays off.
 */

#include <linux/bitops.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/fault-inject.h>
#include <linux/pm_domain.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "mss_sim.h"

/* Names of the power domains, as in the boards' power-domain-names */
const char *const sim_pd_names[SIM_MAX_PDS] = {
	[SIM_PD_CX] = "cx",
	[SIM_PD_MX] = "mx",
	[SIM_PD_MSS] = "mss",
};

/**
 * sim_powered() - are all the flavour's proxy power domains on?
 * @sim: the simulator
 *
 * Return: true when every power domain is on (or the flavour has none).
 */
bool sim_powered(struct mss_sim *sim)
{
	unsigned long flags;
	bool on = true;
	unsigned int i;

	spin_lock_irqsave(&sim->evlock, flags);
	for_each_set_bit(i, &sim->fl->pd_mask, SIM_MAX_PDS)
		on &= sim->pd_on[i];
	spin_unlock_irqrestore(&sim->evlock, flags);

	return on;
}

static int sim_pd_set(struct generic_pm_domain *genpd, bool on)
{
	struct sim_pd *pd = container_of(genpd, struct sim_pd, genpd);
	struct mss_sim *sim = pd->sim;
	unsigned long flags;

	spin_lock_irqsave(&sim->evlock, flags);
	sim->pd_on[pd->idx] = on;
	spin_unlock_irqrestore(&sim->evlock, flags);
	dev_dbg(sim->dev, "power domain %s %s\n", sim_pd_names[pd->idx],
		on ? "on" : "off");
	/* A power-up sequence with short handshakes may follow */
	if (on)
		sim_attend(sim, SIM_ATTEND_MS);
	sim_kick(sim);

	return 0;
}

static int sim_pd_power_on(struct generic_pm_domain *genpd)
{
	struct sim_pd *pd = container_of(genpd, struct sim_pd, genpd);
	struct mss_sim *sim = pd->sim;

	if (should_fail(&sim->pd_fault, 1)) {
		WRITE_ONCE(sim->cnt.pd_refused, sim->cnt.pd_refused + 1);
		dev_info(sim->dev, "power domain %s fails to power on\n",
			 sim_pd_names[pd->idx]);
		return -EIO;
	}

	return sim_pd_set(genpd, true);
}

static int sim_pd_power_off(struct generic_pm_domain *genpd)
{
	return sim_pd_set(genpd, false);
}

/**
 * sim_pd_init() - register the power domains and their provider
 * @sim: the simulator
 *
 * Return: 0 or a negative errno.
 */
int sim_pd_init(struct mss_sim *sim)
{
	unsigned int i;
	int ret;

	sim_fault_attr_off(&sim->pd_fault);

	for_each_set_bit(i, &sim->fl->pd_mask, SIM_MAX_PDS) {
		struct sim_pd *pd = &sim->pds[i];

		pd->sim = sim;
		pd->idx = i;
		pd->genpd.name = devm_kasprintf(sim->dev, GFP_KERNEL, "%s-%s",
						dev_name(sim->dev),
						sim_pd_names[i]);
		if (!pd->genpd.name) {
			ret = -ENOMEM;
			goto err;
		}
		pd->genpd.power_on = sim_pd_power_on;
		pd->genpd.power_off = sim_pd_power_off;
		ret = pm_genpd_init(&pd->genpd, NULL, true);
		if (ret)
			goto err;
		sim->pd_ptrs[i] = &pd->genpd;
	}
	sim->pd_data.domains = sim->pd_ptrs;
	sim->pd_data.num_domains = fls_long(sim->fl->pd_mask);

	if (!sim->fl->pd_mask)
		return 0;

	ret = of_genpd_add_provider_onecell(sim->dev->of_node, &sim->pd_data);
	if (ret) {
		sim_pd_exit(sim);
		return dev_err_probe(sim->dev, ret, "cannot add power domains\n");
	}
	sim->pd_provider = true;

	return 0;

err:
	sim_pd_exit(sim);
	return ret;
}

/**
 * sim_pd_exit() - remove the provider and the power domains
 * @sim: the simulator
 */
void sim_pd_exit(struct mss_sim *sim)
{
	unsigned int i;

	if (sim->pd_provider)
		of_genpd_del_provider(sim->dev->of_node);
	sim->pd_provider = false;
	for (i = 0; i < SIM_MAX_PDS; i++) {
		if (!sim->pd_ptrs[i])
			continue;
		if (pm_genpd_remove(sim->pd_ptrs[i]))
			dev_err(sim->dev, "power domain %s still in use\n",
				sim_pd_names[i]);
		sim->pd_ptrs[i] = NULL;
	}
}

/**
 * sim_pd_debugfs_init() - create the fail_power_on fault attribute
 * @sim: the simulator
 * @dir: its debugfs directory
 *
 * Only for flavours with proxy power domains.  Off until its probability
 * is set; "space" skips power-ons (on sdm845 cx, mx, mss in that order).
 */
void sim_pd_debugfs_init(struct mss_sim *sim, struct dentry *dir)
{
	if (sim->fl->pd_mask)
		fault_create_debugfs_attr("fail_power_on", dir, &sim->pd_fault);
}
