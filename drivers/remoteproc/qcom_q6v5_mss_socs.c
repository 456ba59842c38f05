// SPDX-License-Identifier: GPL-2.0-only
/*
 * Qualcomm MSS driver: per-SoC descriptors.  Every difference between the
 * supported SoCs is data here; the sequences read it.
 */

#include <linux/mod_devicetable.h>
#include <linux/module.h>

#include "qcom_q6v5_mss.h"
#include "qcom_q6v5_mss_regs.h"

static const struct mss_supply pll_proxy[] = {
	{ .name = "pll", .load_ua = 100000 },
	{ }
};

static const struct mss_desc sc7180_mss = {
	.name = "sc7180",
	.mba_image = "mba.mbn",
	.proxy_clks = (const char * const []){ "xo", NULL },
	.reset_clks = (const char * const []){ "iface", "bus", "snoc_axi", NULL },
	.active_clks = (const char * const []){ "mnoc_axi", "nav", NULL },
	.proxy_pds = (const char * const []){ "cx", "mx", "mss", NULL },
	.boot = MSS_BOOT_FSM,
	.fsm_xo_clk = true,
	.reset = MSS_RESET_SPARE,
	.need_mem_protection = true,
	.has_mba_logs = true,
	.has_spare_reg = true,
};

static const struct mss_desc sc7280_mss = {
	.name = "sc7280",
	.mba_image = "mba.mbn",
	.proxy_clks = (const char * const []){ "xo", "pka", NULL },
	.active_clks = (const char * const []){ "iface", "offline", "snoc_axi", NULL },
	.proxy_pds = (const char * const []){ "cx", "mss", NULL },
	.boot = MSS_BOOT_FSM,
	.fsm_xo_clk = true,
	.reset = MSS_RESET_EXT,
	.need_mem_protection = true,
	.has_mba_logs = true,
	.has_qaccept_regs = true,
	.has_ext_cntl_regs = true,
	.has_vq6 = true,
};

static const struct mss_desc sdm660_mss = {
	.name = "sdm660",
	.mba_image = "mba.mbn",
	.proxy_clks = (const char * const []){ "xo", "qdss", "mem", NULL },
	.active_clks = (const char * const []){ "iface", "bus", "gpll0_mss",
						"mnoc_axi", "snoc_axi", NULL },
	.proxy_pds = (const char * const []){ "cx", "mx", NULL },
	.boot = MSS_BOOT_V56,
	.acc_override = true,
	.bhs_ack = true,
	.mem_pwr_reg = QDSP6V6SS_MEM_PWR_CTL,
	.mem_pwr_top_bit = 28,
	.reset = MSS_RESET_PLAIN,
	.need_mem_protection = true,
};

static const struct mss_desc sdm845_mss = {
	.name = "sdm845",
	.mba_image = "mba.mbn",
	.proxy_clks = (const char * const []){ "xo", "prng", NULL },
	.reset_clks = (const char * const []){ "iface", "snoc_axi", NULL },
	.active_clks = (const char * const []){ "bus", "mem", "gpll0_mss",
						"mnoc_axi", NULL },
	.proxy_pds = (const char * const []){ "cx", "mx", "mss", NULL },
	.boot = MSS_BOOT_FSM,
	.reset = MSS_RESET_ALT,
	.need_mem_protection = true,
};

static const struct mss_desc msm8998_mss = {
	.name = "msm8998",
	.mba_image = "mba.mbn",
	.proxy_clks = (const char * const []){ "xo", "qdss", "mem", NULL },
	.active_clks = (const char * const []){ "iface", "bus", "gpll0_mss",
						"mnoc_axi", "snoc_axi", NULL },
	.proxy_pds = (const char * const []){ "cx", "mx", NULL },
	.boot = MSS_BOOT_V56,
	.acc_override = true,
	.mem_pwr_reg = QDSP6V6SS_MEM_PWR_CTL,
	.mem_pwr_top_bit = 28,
	.reset = MSS_RESET_PLAIN,
	.need_mem_protection = true,
};

static const struct mss_desc msm8996_mss = {
	.name = "msm8996",
	.mba_image = "mba.mbn",
	.proxy_supply = pll_proxy,
	.proxy_clks = (const char * const []){ "xo", "qdss", NULL },
	.active_clks = (const char * const []){ "iface", "bus", "mem",
						"gpll0_mss", "snoc_axi",
						"mnoc_axi", NULL },
	.proxy_pds = (const char * const []){ "mx", "cx", NULL },
	.boot = MSS_BOOT_V56,
	.acc_override = true,
	.mem_pwr_reg = QDSP6SS_MEM_PWR_CTL,
	.mem_pwr_top_bit = 19,
	.clamp_on_reclaim = true,
	.reset = MSS_RESET_PLAIN,
	.need_mem_protection = true,
};

static const struct mss_desc msm8909_mss = {
	.name = "msm8909",
	.mba_image = "mba.mbn",
	.proxy_supply = pll_proxy,
	.proxy_clks = (const char * const []){ "xo", NULL },
	.active_clks = (const char * const []){ "iface", "bus", "mem", NULL },
	.proxy_pds = (const char * const []){ "mx", "cx", NULL },
	.boot = MSS_BOOT_V56,
	.reset = MSS_RESET_PLAIN,
};

static const struct mss_desc msm8916_mss = {
	.name = "msm8916",
	.mba_image = "mba.mbn",
	.proxy_supply = pll_proxy,
	.fallback_proxy_supply = (const struct mss_supply []){
		{ .name = "mx", .volt_uv = 1050000 },
		{ .name = "cx", .load_ua = 100000 },
		{ }
	},
	.proxy_clks = (const char * const []){ "xo", NULL },
	.active_clks = (const char * const []){ "iface", "bus", "mem", NULL },
	.proxy_pds = (const char * const []){ "mx", "cx", NULL },
	.boot = MSS_BOOT_V5,
	.reset = MSS_RESET_PLAIN,
};

static const struct mss_desc msm8953_mss = {
	.name = "msm8953",
	.mba_image = "mba.mbn",
	.proxy_supply = pll_proxy,
	.proxy_clks = (const char * const []){ "xo", NULL },
	.active_clks = (const char * const []){ "iface", "bus", "mem", NULL },
	.proxy_pds = (const char * const []){ "cx", "mx", "mss", NULL },
	.boot = MSS_BOOT_V56,
	.mem_pwr_reg = QDSP6SS_MEM_PWR_CTL,
	.mem_pwr_top_bit = 19,
	.pas_mem_setup = true,
	.reset = MSS_RESET_PLAIN,
};

static const struct mss_desc msm8974_mss = {
	.name = "msm8974",
	.mba_image = "mba.b00",
	.proxy_supply = (const struct mss_supply []){
		{ .name = "pll", .load_ua = 100000 },
		{ .name = "mx", .volt_uv = 1050000 },
		{ }
	},
	.fallback_proxy_supply = (const struct mss_supply []){
		{ .name = "cx", .load_ua = 100000 },
		{ }
	},
	.active_supply = (const struct mss_supply []){
		{ .name = "mss", .volt_uv = 1050000, .load_ua = 100000 },
		{ }
	},
	.proxy_clks = (const char * const []){ "xo", NULL },
	.active_clks = (const char * const []){ "iface", "bus", "mem", NULL },
	.proxy_pds = (const char * const []){ "cx", NULL },
	.boot = MSS_BOOT_V5,
	.reset = MSS_RESET_PLAIN,
};

const struct of_device_id mss_of_match[] = {
	{ .compatible = "qcom,q6v5-pil", .data = &msm8916_mss },
	{ .compatible = "qcom,msm8909-mss-pil", .data = &msm8909_mss },
	{ .compatible = "qcom,msm8916-mss-pil", .data = &msm8916_mss },
	{ .compatible = "qcom,msm8953-mss-pil", .data = &msm8953_mss },
	{ .compatible = "qcom,msm8974-mss-pil", .data = &msm8974_mss },
	{ .compatible = "qcom,msm8996-mss-pil", .data = &msm8996_mss },
	{ .compatible = "qcom,msm8998-mss-pil", .data = &msm8998_mss },
	{ .compatible = "qcom,sc7180-mss-pil", .data = &sc7180_mss },
	{ .compatible = "qcom,sc7280-mss-pil", .data = &sc7280_mss },
	{ .compatible = "qcom,sdm660-mss-pil", .data = &sdm660_mss },
	{ .compatible = "qcom,sdm845-mss-pil", .data = &sdm845_mss },
	{ }
};
MODULE_DEVICE_TABLE(of, mss_of_match);
