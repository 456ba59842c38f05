// SPDX-License-Identifier: GPL-2.0-only
/*
 * Qualcomm MSS driver: Q6 resources, power-up, reset and halt sequences.
 *
 * Register offsets and the order of the writes below are hardware facts,
 * the same as the upstream qcom_q6v5_mss driver; what differs between
 * SoCs comes from struct mss_desc.
 */

#include <linux/clk.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/io.h>
#include <linux/iopoll.h>
#include <linux/mfd/syscon.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm_domain.h>
#include <linux/pm_runtime.h>
#include <linux/regmap.h>
#include <linux/regulator/consumer.h>
#include <linux/reset.h>

#include "qcom_q6v5_mss.h"
#include "qcom_q6v5_mss_regs.h"

/* ---- supplies, clocks, power domains ---------------------------------- */

static int mss_regs_get(struct device *dev, struct mss_regs *regs,
			const struct mss_supply *sup, int max)
{
	int i;

	regs->count = 0;
	for (i = 0; sup && sup[i].name; i++) {
		if (i == max)
			return -EINVAL;
		regs->r[i].reg = devm_regulator_get(dev, sup[i].name);
		if (IS_ERR(regs->r[i].reg))
			return dev_err_probe(dev, PTR_ERR(regs->r[i].reg),
					     "failed to get %s supply\n",
					     sup[i].name);
		regs->r[i].volt_uv = sup[i].volt_uv;
		regs->r[i].load_ua = sup[i].load_ua;
		regs->count++;
	}

	return 0;
}

static void mss_reg_unvote(struct mss_reg *r)
{
	if (r->volt_uv > 0)
		regulator_set_voltage(r->reg, 0, INT_MAX);
	if (r->load_ua > 0)
		regulator_set_load(r->reg, 0);
}

static int mss_regs_enable(struct qcom_mss *mss, struct mss_regs *regs)
{
	int ret;
	int i;

	for (i = 0; i < regs->count; i++) {
		struct mss_reg *r = &regs->r[i];

		if (r->volt_uv > 0) {
			ret = regulator_set_voltage(r->reg, r->volt_uv, INT_MAX);
			if (ret) {
				dev_err(mss->dev, "failed to request voltage for supply %d\n", i);
				goto unwind;
			}
		}
		if (r->load_ua > 0) {
			ret = regulator_set_load(r->reg, r->load_ua);
			if (ret < 0) {
				dev_err(mss->dev, "failed to set load for supply %d\n", i);
				mss_reg_unvote(r);
				goto unwind;
			}
		}
		ret = regulator_enable(r->reg);
		if (ret) {
			dev_err(mss->dev, "failed to enable supply %d\n", i);
			mss_reg_unvote(r);
			goto unwind;
		}
	}

	return 0;

unwind:
	while (--i >= 0) {
		mss_reg_unvote(&regs->r[i]);
		regulator_disable(regs->r[i].reg);
	}

	return ret;
}

static void mss_regs_disable(struct mss_regs *regs)
{
	int i;

	for (i = 0; i < regs->count; i++) {
		mss_reg_unvote(&regs->r[i]);
		regulator_disable(regs->r[i].reg);
	}
}

static int mss_clks_get(struct device *dev, struct clk **clks,
			const char * const *names, int max)
{
	int i;

	for (i = 0; names && names[i]; i++) {
		if (i == max)
			return -EINVAL;
		clks[i] = devm_clk_get(dev, names[i]);
		if (IS_ERR(clks[i]))
			return dev_err_probe(dev, PTR_ERR(clks[i]),
					     "failed to get %s clock\n", names[i]);
	}

	return i;
}

static int mss_clks_enable(struct device *dev, struct clk **clks, int count)
{
	int ret;
	int i;

	for (i = 0; i < count; i++) {
		ret = clk_prepare_enable(clks[i]);
		if (ret) {
			dev_err(dev, "clock enable failed: %d\n", ret);
			while (--i >= 0)
				clk_disable_unprepare(clks[i]);
			return ret;
		}
	}

	return 0;
}

static void mss_clks_disable(struct clk **clks, int count)
{
	int i;

	for (i = 0; i < count; i++)
		clk_disable_unprepare(clks[i]);
}

static int mss_pds_attach(struct qcom_mss *mss)
{
	const char * const *names = mss->desc->proxy_pds;
	struct device *dev = mss->dev;
	int n = 0;
	int ret;
	int i;

	while (names && names[n])
		n++;
	if (!n)
		return 0;
	if (n > MSS_MAX_PROXY_PDS)
		return -EINVAL;

	/* With a single domain the core already attached the device */
	if (n == 1 && dev->pm_domain) {
		mss->proxy_pds[0] = dev;
		pm_runtime_enable(dev);
		return 1;
	}

	for (i = 0; i < n; i++) {
		mss->proxy_pds[i] = dev_pm_domain_attach_by_name(dev, names[i]);
		if (IS_ERR_OR_NULL(mss->proxy_pds[i])) {
			ret = PTR_ERR(mss->proxy_pds[i]) ? : -ENODATA;
			while (--i >= 0)
				dev_pm_domain_detach(mss->proxy_pds[i], false);
			return ret;
		}
	}

	return n;
}

static void mss_pds_detach(struct qcom_mss *mss)
{
	int i;

	if (mss->proxy_pd_count == 1 && mss->dev->pm_domain) {
		pm_runtime_disable(mss->dev);
		return;
	}

	for (i = 0; i < mss->proxy_pd_count; i++)
		dev_pm_domain_detach(mss->proxy_pds[i], false);
}

static int mss_pds_enable(struct qcom_mss *mss)
{
	int ret;
	int i;

	for (i = 0; i < mss->proxy_pd_count; i++) {
		dev_pm_genpd_set_performance_state(mss->proxy_pds[i], INT_MAX);
		ret = pm_runtime_get_sync(mss->proxy_pds[i]);
		if (ret < 0) {
			pm_runtime_put_noidle(mss->proxy_pds[i]);
			/*
			 * A failed resume leaves runtime_error set, and runtime
			 * PM refuses every later resume with -EINVAL until the
			 * status is set again: the domain is off, say so, or
			 * no later start could vote for it.
			 */
			pm_runtime_set_suspended(mss->proxy_pds[i]);
			dev_pm_genpd_set_performance_state(mss->proxy_pds[i], 0);
			goto unwind;
		}
	}

	return 0;

unwind:
	while (--i >= 0) {
		dev_pm_genpd_set_performance_state(mss->proxy_pds[i], 0);
		pm_runtime_put(mss->proxy_pds[i]);
	}

	return ret;
}

static void mss_pds_disable(struct qcom_mss *mss)
{
	int i;

	for (i = 0; i < mss->proxy_pd_count; i++) {
		dev_pm_genpd_set_performance_state(mss->proxy_pds[i], 0);
		pm_runtime_put(mss->proxy_pds[i]);
	}
}

/* ---- register windows and syscons ------------------------------------- */

static struct regmap *mss_syscon_args(struct device *dev, const char *prop,
				      int cells, int index,
				      struct of_phandle_args *args)
{
	struct regmap *map;
	int ret;

	ret = of_parse_phandle_with_fixed_args(dev->of_node, prop, cells, index,
					       args);
	if (ret < 0) {
		dev_err(dev, "failed to parse %s entry %d\n", prop, index);
		return ERR_PTR(-EINVAL);
	}

	map = syscon_node_to_regmap(args->np);
	of_node_put(args->np);
	if (IS_ERR(map))
		dev_err(dev, "%s: no regmap: %pe\n", prop, map);

	return map;
}

static int mss_init_mmio(struct qcom_mss *mss, struct platform_device *pdev)
{
	const struct mss_desc *desc = mss->desc;
	struct device *dev = mss->dev;
	struct of_phandle_args args;

	mss->reg_base = devm_platform_ioremap_resource_byname(pdev, "qdsp6");
	if (IS_ERR(mss->reg_base))
		return PTR_ERR(mss->reg_base);

	mss->rmb_base = devm_platform_ioremap_resource_byname(pdev, "rmb");
	if (IS_ERR(mss->rmb_base))
		return PTR_ERR(mss->rmb_base);

	mss->halt_map = mss_syscon_args(dev, "qcom,halt-regs",
					desc->has_vq6 ? 4 : 3, 0, &args);
	if (IS_ERR(mss->halt_map))
		return PTR_ERR(mss->halt_map);
	mss->halt_q6 = args.args[0];
	mss->halt_modem = args.args[1];
	mss->halt_nc = args.args[2];
	if (desc->has_vq6)
		mss->halt_vq6 = args.args[3];

	if (desc->has_qaccept_regs) {
		if (of_parse_phandle_with_fixed_args(dev->of_node,
						     "qcom,qaccept-regs", 3, 0,
						     &args) < 0) {
			dev_err(dev, "failed to parse qcom,qaccept-regs\n");
			return -EINVAL;
		}
		of_node_put(args.np);
		mss->qaccept_mdm = args.args[0];
		mss->qaccept_cx = args.args[1];
		mss->qaccept_axi = args.args[2];
	}

	if (desc->has_ext_cntl_regs) {
		mss->conn_map = mss_syscon_args(dev, "qcom,ext-regs", 2, 0, &args);
		if (IS_ERR(mss->conn_map))
			return PTR_ERR(mss->conn_map);
		mss->force_clk_on = args.args[0];
		mss->rscc_disable = args.args[1];

		if (of_parse_phandle_with_fixed_args(dev->of_node,
						     "qcom,ext-regs", 2, 1,
						     &args) < 0) {
			dev_err(dev, "failed to parse qcom,ext-regs entry 1\n");
			return -EINVAL;
		}
		of_node_put(args.np);
		mss->axim1_clk_off = args.args[0];
		mss->crypto_clk_off = args.args[1];
	}

	if (desc->has_ext_bhs) {
		mss->conn_map = mss_syscon_args(dev, "qcom,ext-bhs-reg", 1, 0,
						&args);
		if (IS_ERR(mss->conn_map))
			return PTR_ERR(mss->conn_map);
		mss->ext_bhs = args.args[0];
	}

	if (desc->has_spare_reg) {
		mss->conn_map = mss_syscon_args(dev, "qcom,spare-regs", 1, 0,
						&args);
		if (IS_ERR(mss->conn_map))
			return PTR_ERR(mss->conn_map);
		mss->conn_box = args.args[0];
	}

	return 0;
}

static int mss_init_resets(struct qcom_mss *mss)
{
	mss->mss_restart = devm_reset_control_get_exclusive(mss->dev,
							    "mss_restart");
	if (IS_ERR(mss->mss_restart))
		return dev_err_probe(mss->dev, PTR_ERR(mss->mss_restart),
				     "failed to acquire mss_restart\n");

	if (mss->desc->reset == MSS_RESET_PLAIN)
		return 0;

	mss->pdc_reset = devm_reset_control_get_exclusive(mss->dev,
							  "pdc_reset");
	if (IS_ERR(mss->pdc_reset))
		return dev_err_probe(mss->dev, PTR_ERR(mss->pdc_reset),
				     "failed to acquire pdc_reset\n");

	return 0;
}

/**
 * mss_init_resources() - acquire registers, clocks, supplies, domains, resets
 * @mss: the MSS
 * @pdev: its platform device
 *
 * Return: 0 or a negative error (-EPROBE_DEFER included).  On error
 * nothing that needs mss_release_resources() is held.
 */
int mss_init_resources(struct qcom_mss *mss, struct platform_device *pdev)
{
	const struct mss_desc *desc = mss->desc;
	struct device *dev = mss->dev;
	int ret;

	ret = mss_init_mmio(mss, pdev);
	if (ret)
		return ret;

	ret = mss_clks_get(dev, mss->proxy_clks, desc->proxy_clks,
			   MSS_MAX_PROXY_CLKS);
	if (ret < 0)
		return ret;
	mss->proxy_clk_count = ret;

	ret = mss_clks_get(dev, mss->reset_clks, desc->reset_clks,
			   MSS_MAX_RESET_CLKS);
	if (ret < 0)
		return ret;
	mss->reset_clk_count = ret;

	ret = mss_clks_get(dev, mss->active_clks, desc->active_clks,
			   MSS_MAX_ACTIVE_CLKS);
	if (ret < 0)
		return ret;
	mss->active_clk_count = ret;

	ret = mss_regs_get(dev, &mss->proxy_regs, desc->proxy_supply,
			   MSS_MAX_PROXY_REGS);
	if (ret)
		return ret;

	ret = mss_regs_get(dev, &mss->active_regs, desc->active_supply,
			   MSS_MAX_ACTIVE_REGS);
	if (ret)
		return ret;

	ret = mss_pds_attach(mss);
	if (ret == -ENODATA && desc->fallback_proxy_supply) {
		/* Old DTs describe the proxy votes as regulators */
		ret = mss_regs_get(dev, &mss->fallback_proxy_regs,
				   desc->fallback_proxy_supply,
				   MSS_MAX_PROXY_REGS);
		if (ret)
			return ret;
	} else if (ret >= 0) {
		mss->proxy_pd_count = ret;
	} else {
		return dev_err_probe(dev, ret, "failed to attach power domains\n");
	}

	ret = mss_init_resets(mss);
	if (ret)
		mss_pds_detach(mss);

	return ret;
}

/**
 * mss_release_resources() - undo what devm does not
 * @mss: the MSS
 */
void mss_release_resources(struct qcom_mss *mss)
{
	mss_pds_detach(mss);
}

/* ---- AXI ports -------------------------------------------------------- */

static int mss_halt_axi_port(struct qcom_mss *mss, u32 offset)
{
	struct regmap *map = mss->halt_map;
	unsigned int val;
	int ret;

	ret = regmap_read(map, offset + AXI_IDLE_REG, &val);
	if (!ret && val)
		return 0;

	regmap_write(map, offset + AXI_HALTREQ_REG, 1);
	regmap_read_poll_timeout(map, offset + AXI_HALTACK_REG, val, val, 1000,
				 HALT_ACK_TIMEOUT_US);

	ret = regmap_read(map, offset + AXI_IDLE_REG, &val);
	if (ret || !val) {
		dev_err(mss->dev, "port %#x failed to halt\n", offset);
		ret = -ETIMEDOUT;
	}

	/* The port stays halted until the next reset */
	regmap_write(map, offset + AXI_HALTREQ_REG, 0);

	return ret;
}

/* Halt every AXI port of the modem; the first error, after trying all */
static int mss_halt_ports(struct qcom_mss *mss)
{
	int ret;

	ret = mss_halt_axi_port(mss, mss->halt_q6);
	if (mss->desc->has_vq6)
		ret = mss_halt_axi_port(mss, mss->halt_vq6) ?: ret;
	ret = mss_halt_axi_port(mss, mss->halt_modem) ?: ret;

	return mss_halt_axi_port(mss, mss->halt_nc) ?: ret;
}

/* ---- power ------------------------------------------------------------ */

/* The external head switch (msm8226) is on once its status bit says so */
static int mss_ext_bhs_enable(struct qcom_mss *mss)
{
	u32 val;
	int ret;

	if (!mss->desc->has_ext_bhs)
		return 0;

	regmap_set_bits(mss->conn_map, mss->ext_bhs, EXTERNAL_BHS_ON);
	ret = regmap_read_poll_timeout(mss->conn_map, mss->ext_bhs, val,
				       val & EXTERNAL_BHS_STATUS, 1,
				       EXTERNAL_BHS_TIMEOUT_US);
	if (ret) {
		dev_err(mss->dev, "external BHS timed out\n");
		regmap_clear_bits(mss->conn_map, mss->ext_bhs, EXTERNAL_BHS_ON);
		return -ETIMEDOUT;
	}

	return 0;
}

static void mss_ext_bhs_disable(struct qcom_mss *mss)
{
	if (mss->desc->has_ext_bhs)
		regmap_clear_bits(mss->conn_map, mss->ext_bhs, EXTERNAL_BHS_ON);
}

/*
 * A modem that a bootloader or an earlier kernel (kexec) left running
 * shows its completed boot in the RMB, which reads as zero after every
 * reset.  Such a modem is brought down before ours boots: its AXI ports
 * halted, then the MSS reset.  Resetting it under its own bus traffic, or
 * powering up a core that runs, is what makes such first starts fail in
 * the field ("port failed halt").  MPSS stays the modem's; the ownership
 * moves that follow find that out (mss_move()).
 */
static int mss_stop_leftover(struct qcom_mss *mss)
{
	u32 pbl = readl(mss->rmb_base + RMB_PBL_STATUS_REG);
	u32 mba = readl(mss->rmb_base + RMB_MBA_STATUS_REG);
	int ret;

	if (!pbl && !mba)
		return 0;

	dev_warn(mss->dev,
		 "modem left running (PBL status %#x, MBA status %#x): halting and resetting it first\n",
		 pbl, mba);
	ret = mss_halt_ports(mss);
	if (ret) {
		dev_err(mss->dev,
			"the modem left running does not halt: not resetting it under its bus traffic\n");
		return ret;
	}

	return mss_reset_assert(mss);
}

/**
 * mss_power_up() - proxy and active votes, then take the MSS out of reset
 * @mss: the MSS
 *
 * Return: 0 with every vote held and the reset deasserted, or an error
 * with nothing held.
 */
int mss_power_up(struct qcom_mss *mss)
{
	struct device *dev = mss->dev;
	int ret;

	ret = mss_pds_enable(mss);
	if (ret < 0) {
		dev_err(dev, "failed to enable proxy power domains\n");
		return ret;
	}

	ret = mss_regs_enable(mss, &mss->fallback_proxy_regs);
	if (ret)
		goto disable_pds;

	ret = mss_regs_enable(mss, &mss->proxy_regs);
	if (ret)
		goto disable_fallback;

	ret = mss_clks_enable(dev, mss->proxy_clks, mss->proxy_clk_count);
	if (ret)
		goto disable_proxy_regs;

	ret = mss_regs_enable(mss, &mss->active_regs);
	if (ret)
		goto disable_proxy_clks;

	ret = mss_ext_bhs_enable(mss);
	if (ret)
		goto disable_active_regs;

	ret = mss_clks_enable(dev, mss->reset_clks, mss->reset_clk_count);
	if (ret)
		goto disable_ext_bhs;

	/* The RMB and the halt ports answer from here on */
	ret = mss_stop_leftover(mss);
	if (ret)
		goto disable_reset_clks;

	ret = mss_reset_deassert(mss);
	if (ret) {
		dev_err(dev, "failed to deassert mss restart\n");
		goto disable_reset_clks;
	}

	ret = mss_clks_enable(dev, mss->active_clks, mss->active_clk_count);
	if (ret)
		goto assert_reset;

	return 0;

assert_reset:
	mss_reset_assert(mss);
disable_reset_clks:
	mss_clks_disable(mss->reset_clks, mss->reset_clk_count);
disable_ext_bhs:
	mss_ext_bhs_disable(mss);
disable_active_regs:
	mss_regs_disable(&mss->active_regs);
disable_proxy_clks:
	mss_clks_disable(mss->proxy_clks, mss->proxy_clk_count);
disable_proxy_regs:
	mss_regs_disable(&mss->proxy_regs);
disable_fallback:
	mss_regs_disable(&mss->fallback_proxy_regs);
disable_pds:
	mss_pds_disable(mss);

	return ret;
}

/**
 * mss_proxy_release() - drop the votes the modem takes over at handover
 * @mss: the MSS
 */
void mss_proxy_release(struct qcom_mss *mss)
{
	mss_clks_disable(mss->proxy_clks, mss->proxy_clk_count);
	mss_regs_disable(&mss->proxy_regs);
	mss_regs_disable(&mss->fallback_proxy_regs);
	mss_pds_disable(mss);
}

/**
 * mss_proxy_drop() - drop the proxy votes at teardown when no handover came
 * @mss: the MSS
 *
 * Same votes as mss_proxy_release(), in the order the teardown uses:
 * power domains first.
 */
void mss_proxy_drop(struct qcom_mss *mss)
{
	mss_pds_disable(mss);
	mss_clks_disable(mss->proxy_clks, mss->proxy_clk_count);
	mss_regs_disable(&mss->fallback_proxy_regs);
	mss_regs_disable(&mss->proxy_regs);
}

/**
 * mss_power_down() - assert reset and drop the active votes after a run
 * @mss: the MSS
 *
 * The proxy votes are the caller's business: they went to the modem at
 * handover, or mss_proxy_drop() drops them.
 */
void mss_power_down(struct qcom_mss *mss)
{
	mss_reset_assert(mss);
	mss_clks_disable(mss->reset_clks, mss->reset_clk_count);
	mss_clks_disable(mss->active_clks, mss->active_clk_count);
	mss_ext_bhs_disable(mss);
	mss_regs_disable(&mss->active_regs);
}

/**
 * mss_power_unwind() - undo mss_power_up() after a failed MBA boot
 * @mss: the MSS
 *
 * The exact reverse of mss_power_up(): the active clocks go before the
 * reset is asserted, then everything else including the proxy votes.
 */
void mss_power_unwind(struct qcom_mss *mss)
{
	mss_clks_disable(mss->active_clks, mss->active_clk_count);
	mss_reset_assert(mss);
	mss_clks_disable(mss->reset_clks, mss->reset_clk_count);
	mss_ext_bhs_disable(mss);
	mss_regs_disable(&mss->active_regs);
	mss_clks_disable(mss->proxy_clks, mss->proxy_clk_count);
	mss_regs_disable(&mss->proxy_regs);
	mss_regs_disable(&mss->fallback_proxy_regs);
	mss_pds_disable(mss);
}

/* ---- resets ----------------------------------------------------------- */

/**
 * mss_reset_assert() - put the MSS in reset, per the SoC's sequencing
 * @mss: the MSS
 *
 * Return: 0 or the reset controller's error.
 */
int mss_reset_assert(struct qcom_mss *mss)
{
	int ret;

	switch (mss->desc->reset) {
	case MSS_RESET_ALT:
		reset_control_assert(mss->pdc_reset);
		ret = reset_control_reset(mss->mss_restart);
		reset_control_deassert(mss->pdc_reset);
		return ret;
	case MSS_RESET_SPARE:
		/*
		 * Resetting the AXI pipeline with the Q6 partly running can
		 * glitch the AXI valid signal into spurious transactions;
		 * hold the gating override across the MSS reset, released
		 * after the PDC reset.
		 */
		reset_control_assert(mss->pdc_reset);
		regmap_update_bits(mss->conn_map, mss->conn_box,
				   AXI_GATING_VALID_OVERRIDE, 1);
		reset_control_assert(mss->mss_restart);
		reset_control_deassert(mss->pdc_reset);
		regmap_update_bits(mss->conn_map, mss->conn_box,
				   AXI_GATING_VALID_OVERRIDE, 0);
		return reset_control_deassert(mss->mss_restart);
	case MSS_RESET_EXT:
		regmap_write(mss->conn_map, mss->rscc_disable, 0);
		reset_control_assert(mss->pdc_reset);
		reset_control_assert(mss->mss_restart);
		reset_control_deassert(mss->pdc_reset);
		return reset_control_deassert(mss->mss_restart);
	default:
		return reset_control_assert(mss->mss_restart);
	}
}

/**
 * mss_reset_deassert() - take the MSS out of reset
 * @mss: the MSS
 *
 * Return: 0 or the reset controller's error.
 */
int mss_reset_deassert(struct qcom_mss *mss)
{
	int ret;

	switch (mss->desc->reset) {
	case MSS_RESET_ALT:
		reset_control_assert(mss->pdc_reset);
		writel(1, mss->rmb_base + RMB_MBA_ALT_RESET);
		ret = reset_control_reset(mss->mss_restart);
		writel(0, mss->rmb_base + RMB_MBA_ALT_RESET);
		reset_control_deassert(mss->pdc_reset);
		return ret;
	case MSS_RESET_SPARE:
	case MSS_RESET_EXT:
		return reset_control_reset(mss->mss_restart);
	default:
		return reset_control_deassert(mss->mss_restart);
	}
}

/* ---- Q-channels and AXI ports ----------------------------------------- */

/* External control registers: wait for a clock's "off" status to clear */
static int mss_ext_clk_wait(struct qcom_mss *mss, u32 clk_off, const char *what)
{
	unsigned int val;

	if (regmap_read_poll_timeout(mss->halt_map, clk_off, val, !val, 1,
				     Q6SS_CBCR_TIMEOUT_US)) {
		dev_err(mss->dev, "failed to enable %s clock\n", what);
		return -ETIMEDOUT;
	}

	return 0;
}

static int mss_qchannel_on(struct qcom_mss *mss, u32 offset)
{
	unsigned int val;
	int ret;

	if (mss->desc->has_ext_cntl_regs) {
		regmap_write(mss->conn_map, mss->rscc_disable, 0);
		regmap_write(mss->conn_map, mss->force_clk_on, 1);

		ret = mss_ext_clk_wait(mss, mss->axim1_clk_off, "axim1");
		if (ret)
			return ret;
	}

	regmap_write(mss->halt_map, offset + QACCEPT_REQ_REG, 1);
	ret = regmap_read_poll_timeout(mss->halt_map,
				       offset + QACCEPT_ACCEPT_REG, val, val, 5,
				       QACCEPT_TIMEOUT_US);
	if (ret) {
		dev_err(mss->dev, "qchannel enable failed\n");
		return -ETIMEDOUT;
	}

	return 0;
}

/**
 * mss_qchannel_enable() - open the AXI Q-channel before the Q6 boots
 * @mss: the MSS
 *
 * Return: 0 (also when the SoC has no Q-channels) or -ETIMEDOUT.
 */
int mss_qchannel_enable(struct qcom_mss *mss)
{
	if (!mss->desc->has_qaccept_regs)
		return 0;

	return mss_qchannel_on(mss, mss->qaccept_axi);
}

static void mss_qchannel_off(struct qcom_mss *mss, u32 offset)
{
	struct regmap *map = mss->halt_map;
	bool done = false;
	unsigned int val;
	int tries = 10;
	int retry;

	while (!done && tries--) {
		regmap_read_poll_timeout(map, offset + QACCEPT_ACTIVE_REG, val,
					 !val, 5, QACCEPT_TIMEOUT_US);

		regmap_write(map, offset + QACCEPT_REQ_REG, 0);

		/* A denied takedown is re-requested once traffic drains */
		for (retry = 10; retry; retry--) {
			usleep_range(5, 10);
			if (!regmap_read(map, offset + QACCEPT_DENY_REG, &val) &&
			    val) {
				regmap_write(map, offset + QACCEPT_REQ_REG, 1);
				break;
			}
			if (!regmap_read(map, offset + QACCEPT_ACCEPT_REG, &val) &&
			    !val) {
				done = true;
				break;
			}
		}
		if (!retry)
			break;
	}

	/* mss_restart clears pending transactions if this failed */
	if (!done)
		dev_err(mss->dev, "qchannel takedown failed\n");
}

/**
 * mss_q6_halt() - stop the modem's bus traffic before it is reset
 * @mss: the MSS
 * @teardown: a full teardown after the MBA ran (stop, reclaim), which also
 *	clamps the Q6 where the SoC needs it and disables RSCC; a failed
 *	MBA boot only halts the ports and Q-channels
 *
 * Halts every AXI port and takes the Q-channels down.
 */
void mss_q6_halt(struct qcom_mss *mss, bool teardown)
{
	const struct mss_desc *desc = mss->desc;
	u32 pwr;

	/* A port that does not halt is reported; the reset follows anyway */
	mss_halt_ports(mss);

	if (teardown && desc->clamp_on_reclaim) {
		/* Avoids high MX current during LPASS/MSS restart */
		pwr = readl(mss->reg_base + QDSP6SS_PWR_CTL_REG);
		pwr |= Q6SS_CLAMP_IO | QDSP6v56_CLAMP_WL | QDSP6v56_CLAMP_QMC_MEM;
		writel(pwr, mss->reg_base + QDSP6SS_PWR_CTL_REG);
	}

	if (teardown && desc->has_ext_cntl_regs) {
		regmap_write(mss->conn_map, mss->rscc_disable, 1);
		mss_ext_clk_wait(mss, mss->axim1_clk_off, "axim1");
		mss_ext_clk_wait(mss, mss->crypto_clk_off, "crypto");
	}

	if (desc->has_qaccept_regs) {
		mss_qchannel_off(mss, mss->qaccept_mdm);
		mss_qchannel_off(mss, mss->qaccept_cx);
		mss_qchannel_off(mss, mss->qaccept_axi);
	}
}

/* ---- Q6 boot ---------------------------------------------------------- */

static int mss_cbcr_enable(struct qcom_mss *mss, u32 reg, const char *what)
{
	u32 val;
	int ret;

	val = readl(mss->reg_base + reg);
	val |= Q6SS_CBCR_CLKEN;
	writel(val, mss->reg_base + reg);

	ret = readl_poll_timeout(mss->reg_base + reg, val,
				 !(val & Q6SS_CBCR_CLKOFF), 1,
				 Q6SS_CBCR_TIMEOUT_US);
	if (ret)
		dev_err(mss->dev, "QDSP6SS %s clock timed out\n", what);

	return ret;
}

/* QDSP6 v65+: the boot FSM sequences power-up by itself */
static int mss_boot_fsm(struct qcom_mss *mss)
{
	void __iomem *base = mss->reg_base;
	u32 val;
	int ret;

	ret = mss_cbcr_enable(mss, QDSP6SS_SLEEP, "sleep");
	if (ret)
		return -ETIMEDOUT;

	if (mss->desc->fsm_xo_clk) {
		/* The XO clock feeds the PLL the FSM sets up */
		ret = mss_cbcr_enable(mss, QDSP6SS_XO_CBCR, "XO");
		if (ret)
			return -ETIMEDOUT;

		/* Core clock comes up by itself once the FSM finishes */
		val = readl(base + QDSP6SS_CORE_CBCR);
		val |= Q6SS_CBCR_CLKEN;
		writel(val, base + QDSP6SS_CORE_CBCR);
	}

	writel(1, base + QDSP6SS_BOOT_CORE_START);
	if (mss->desc->fsm_xo_clk)
		/* Let staggering logic settle before the FSM is triggered */
		usleep_range(10, 20);
	writel(1, base + QDSP6SS_BOOT_CMD);

	ret = readl_poll_timeout(mss->rmb_base + RMB_MBA_MSS_STATUS, val,
				 (val & BIT(0)) != 0, 10, BOOT_FSM_TIMEOUT);
	if (ret) {
		dev_err(mss->dev, "boot FSM failed to complete\n");
		/* Leave the FSM in its reset state for the next attempt */
		mss_reset_deassert(mss);
		return ret;
	}

	return 0;
}

/* QDSP6 v56/v6x: head switch, LDO bypass, memories bank by bank */
static int mss_boot_v56_power(struct qcom_mss *mss, u32 *pwr)
{
	const struct mss_desc *desc = mss->desc;
	void __iomem *base = mss->reg_base;
	u32 val, mem;
	int ret;
	int i;

	if (desc->acc_override)
		writel(desc->acc_override, base + QDSP6SS_STRAP_ACC);

	val = readl(base + QDSP6SS_RESET_REG);
	val |= Q6SS_CORE_ARES | Q6SS_BUS_ARES_ENABLE | Q6SS_STOP_CORE;
	writel(val, base + QDSP6SS_RESET_REG);

	/* The head switch needs the XO CBCR */
	ret = mss_cbcr_enable(mss, QDSP6SS_XO_CBCR, "XO");
	if (ret)
		return ret;

	val = readl(base + QDSP6SS_PWR_CTL_REG);
	val |= QDSP6v56_BHS_ON;
	writel(val, base + QDSP6SS_PWR_CTL_REG);
	val |= readl(base + QDSP6SS_PWR_CTL_REG);
	udelay(1);

	if (desc->bhs_ack) {
		ret = readl_relaxed_poll_timeout(base + QDSP6V62SS_BHS_STATUS,
						 i, i & QDSP6v55_BHS_EN_REST_ACK,
						 1, BHS_CHECK_MAX_LOOPS);
		if (ret) {
			dev_err(mss->dev, "BHS_EN_REST_ACK not set\n");
			return -ETIMEDOUT;
		}
	}

	val |= QDSP6v56_LDO_BYP;
	writel(val, base + QDSP6SS_PWR_CTL_REG);

	if (desc->mem_pwr_reg) {
		val = readl(base + QDSP6SS_PWR_CTL_REG);
		val &= ~QDSP6v56_CLAMP_QMC_MEM;
		writel(val, base + QDSP6SS_PWR_CTL_REG);

		val |= Q6SS_L2DATA_STBY_N | Q6SS_SLP_RET_N;
		writel(val, base + QDSP6SS_PWR_CTL_REG);

		/*
		 * One bank at a time, reading back so each write lands, with
		 * 1 us for the periphery and array of the bank to power up.
		 */
		mem = readl(base + desc->mem_pwr_reg);
		for (i = desc->mem_pwr_top_bit; i >= desc->mem_pwr_reverse; i--) {
			mem |= BIT(i);
			writel(mem, base + desc->mem_pwr_reg);
			mem |= readl(base + desc->mem_pwr_reg);
			udelay(1);
		}
		for (i = 0; i < desc->mem_pwr_reverse; i++) {
			mem |= BIT(i);
			writel(mem, base + desc->mem_pwr_reg);
			mem |= readl(base + desc->mem_pwr_reg);
			udelay(1);
		}
	} else {
		val = readl(base + QDSP6SS_PWR_CTL_REG);
		val |= Q6SS_SLP_RET_N | Q6SS_L2DATA_STBY_N |
		       Q6SS_ETB_SLP_NRET_N | QDSP6V55_MEM_BITS;
		writel(val, base + QDSP6SS_PWR_CTL_REG);

		for (i = 0; i <= 7; i++) {
			val |= BIT(i);
			writel(val, base + QDSP6SS_PWR_CTL_REG);
		}
	}

	val = readl(base + QDSP6SS_PWR_CTL_REG);
	val &= ~QDSP6v56_CLAMP_WL;
	writel(val, base + QDSP6SS_PWR_CTL_REG);

	*pwr = val;
	return 0;
}

/* QDSP6 v5: direct power control */
static u32 mss_boot_v5_power(struct qcom_mss *mss)
{
	void __iomem *base = mss->reg_base;
	u32 val;

	val = readl(base + QDSP6SS_RESET_REG);
	val |= Q6SS_CORE_ARES | Q6SS_BUS_ARES_ENABLE | Q6SS_STOP_CORE;
	writel(val, base + QDSP6SS_RESET_REG);

	val = readl(base + QDSP6SS_PWR_CTL_REG);
	val |= QDSS_BHS_ON | QDSS_LDO_BYP;
	writel(val, base + QDSP6SS_PWR_CTL_REG);
	val |= readl(base + QDSP6SS_PWR_CTL_REG);
	udelay(1);

	/* L2 banks one at a time to limit inrush current */
	val = readl(base + QDSP6SS_PWR_CTL_REG);
	val |= Q6SS_SLP_RET_N | Q6SS_L2TAG_SLP_NRET_N |
	       Q6SS_ETB_SLP_NRET_N | Q6SS_L2DATA_STBY_N;
	writel(val, base + QDSP6SS_PWR_CTL_REG);
	val |= Q6SS_L2DATA_SLP_NRET_N_2;
	writel(val, base + QDSP6SS_PWR_CTL_REG);
	val |= Q6SS_L2DATA_SLP_NRET_N_1;
	writel(val, base + QDSP6SS_PWR_CTL_REG);
	val |= Q6SS_L2DATA_SLP_NRET_N_0;
	writel(val, base + QDSP6SS_PWR_CTL_REG);

	return val;
}

static void mss_boot_release_core(struct qcom_mss *mss, u32 pwr)
{
	void __iomem *base = mss->reg_base;
	u32 val;

	pwr &= ~Q6SS_CLAMP_IO;
	writel(pwr, base + QDSP6SS_PWR_CTL_REG);

	val = readl(base + QDSP6SS_RESET_REG);
	val &= ~Q6SS_CORE_ARES;
	writel(val, base + QDSP6SS_RESET_REG);

	val = readl(base + QDSP6SS_GFMUX_CTL_REG);
	val |= Q6SS_CLK_ENABLE;
	writel(val, base + QDSP6SS_GFMUX_CTL_REG);

	val = readl(base + QDSP6SS_RESET_REG);
	val &= ~Q6SS_STOP_CORE;
	writel(val, base + QDSP6SS_RESET_REG);
}

/**
 * mss_q6_boot() - power the Q6 up, start it and wait for the PBL
 * @mss: the MSS
 *
 * Return: 0 when the PBL reported success, -ETIMEDOUT, or -EINVAL for an
 * unexpected PBL status.
 */
int mss_q6_boot(struct qcom_mss *mss)
{
	int ret;
	u32 pwr;

	switch (mss->desc->boot) {
	case MSS_BOOT_FSM:
		ret = mss_boot_fsm(mss);
		if (ret)
			return ret;
		break;
	case MSS_BOOT_V56:
		ret = mss_boot_v56_power(mss, &pwr);
		if (ret)
			return ret;
		mss_boot_release_core(mss, pwr);
		break;
	default:
		pwr = mss_boot_v5_power(mss);
		mss_boot_release_core(mss, pwr);
		break;
	}

	return mss_rmb_pbl_wait(mss, 1000);
}
