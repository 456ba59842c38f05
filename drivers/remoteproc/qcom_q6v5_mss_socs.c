// SPDX-License-Identifier: GPL-2.0-only
/*
 * Qualcomm MSS driver: per-SoC descriptors.  Every difference between the
 * supported SoCs is data here; the sequences read it.  Which SoCs exist,
 * their compatibles, protection and MBA names come from the one SoC
 * table, qcom_mss_socs.h.
 */

#include <linux/mod_devicetable.h>
#include <linux/module.h>

#include "qcom_q6v5_mss.h"
#include "qcom_q6v5_mss_regs.h"

/* Lists several SoCs share, named after their entries */
static const char * const xo_clk[] = { "xo", NULL };
static const char * const iface_bus_mem_clks[] = { "iface", "bus", "mem", NULL };
static const char * const cx_pd[] = { "cx", NULL };
static const char * const cx_mx_pds[] = { "cx", "mx", NULL };
static const char * const mx_cx_pds[] = { "mx", "cx", NULL };
static const char * const cx_mx_mss_pds[] = { "cx", "mx", "mss", NULL };

static const struct mss_supply pll_proxy[] = {
	{ .name = "pll", .load_ua = 100000 },
	{ }
};

static const struct mss_desc sc7180_mss = {
	.proxy_clks = xo_clk,
	.reset_clks = (const char * const []){ "iface", "bus", "snoc_axi", NULL },
	.active_clks = (const char * const []){ "mnoc_axi", "nav", NULL },
	.proxy_pds = cx_mx_mss_pds,
	.boot = MSS_BOOT_FSM,
	.fsm_xo_clk = true,
	.reset = MSS_RESET_SPARE,
	.ssctl_id = 0x12,
	.has_mba_logs = true,
	.has_spare_reg = true,
};

static const struct mss_desc sc7280_mss = {
	.proxy_clks = (const char * const []){ "xo", "pka", NULL },
	.active_clks = (const char * const []){ "iface", "offline", "snoc_axi", NULL },
	.proxy_pds = (const char * const []){ "cx", "mss", NULL },
	.boot = MSS_BOOT_FSM,
	.fsm_xo_clk = true,
	.reset = MSS_RESET_EXT,
	.ssctl_id = 0x12,
	.has_mba_logs = true,
	.has_qaccept_regs = true,
	.has_ext_cntl_regs = true,
	.has_vq6 = true,
};

static const struct mss_desc sdm660_mss = {
	.proxy_clks = (const char * const []){ "xo", "qdss", "mem", NULL },
	.active_clks = (const char * const []){ "iface", "bus", "gpll0_mss",
						"mnoc_axi", "snoc_axi", NULL },
	.proxy_pds = cx_mx_pds,
	.boot = MSS_BOOT_V56,
	.acc_override = QDSP6SS_ACC_OVERRIDE_VAL,
	.bhs_ack = true,
	.mem_pwr_reg = QDSP6V6SS_MEM_PWR_CTL,
	.mem_pwr_top_bit = 28,
	.reset = MSS_RESET_PLAIN,
	.ssctl_id = 0x12,
};

static const struct mss_desc sdm845_mss = {
	.proxy_clks = (const char * const []){ "xo", "prng", NULL },
	.reset_clks = (const char * const []){ "iface", "snoc_axi", NULL },
	.active_clks = (const char * const []){ "bus", "mem", "gpll0_mss",
						"mnoc_axi", NULL },
	.proxy_pds = cx_mx_mss_pds,
	.boot = MSS_BOOT_FSM,
	.reset = MSS_RESET_ALT,
	.ssctl_id = 0x12,
};

static const struct mss_desc msm8998_mss = {
	.proxy_clks = (const char * const []){ "xo", "qdss", "mem", NULL },
	.active_clks = (const char * const []){ "iface", "bus", "gpll0_mss",
						"mnoc_axi", "snoc_axi", NULL },
	.proxy_pds = cx_mx_pds,
	.boot = MSS_BOOT_V56,
	.acc_override = QDSP6SS_ACC_OVERRIDE_VAL,
	.mem_pwr_reg = QDSP6V6SS_MEM_PWR_CTL,
	.mem_pwr_top_bit = 28,
	.reset = MSS_RESET_PLAIN,
	.ssctl_id = 0x12,
};

static const struct mss_desc msm8996_mss = {
	.proxy_supply = pll_proxy,
	.proxy_clks = (const char * const []){ "xo", "qdss", NULL },
	.active_clks = (const char * const []){ "iface", "bus", "mem",
						"gpll0_mss", "snoc_axi",
						"mnoc_axi", NULL },
	.proxy_pds = mx_cx_pds,
	.boot = MSS_BOOT_V56,
	.acc_override = QDSP6SS_ACC_OVERRIDE_VAL,
	.mem_pwr_reg = QDSP6SS_MEM_PWR_CTL,
	.mem_pwr_top_bit = 19,
	.clamp_on_reclaim = true,
	.reset = MSS_RESET_PLAIN,
	.ssctl_id = 0x12,
};

static const struct mss_desc msm8909_mss = {
	.proxy_supply = pll_proxy,
	.proxy_clks = xo_clk,
	.active_clks = iface_bus_mem_clks,
	.proxy_pds = mx_cx_pds,
	.boot = MSS_BOOT_V56,
	.reset = MSS_RESET_PLAIN,
	.ssctl_id = 0x12,
};

static const struct mss_desc msm8916_mss = {
	.proxy_supply = pll_proxy,
	.fallback_proxy_supply = (const struct mss_supply []){
		{ .name = "mx", .volt_uv = 1050000 },
		{ .name = "cx", .load_ua = 100000 },
		{ }
	},
	.proxy_clks = xo_clk,
	.active_clks = iface_bus_mem_clks,
	.proxy_pds = mx_cx_pds,
	.boot = MSS_BOOT_V5,
	.reset = MSS_RESET_PLAIN,
	.ssctl_id = 0x12,
};

static const struct mss_desc msm8953_mss = {
	.proxy_supply = pll_proxy,
	.proxy_clks = xo_clk,
	.active_clks = iface_bus_mem_clks,
	.proxy_pds = cx_mx_mss_pds,
	.boot = MSS_BOOT_V56,
	.mem_pwr_reg = QDSP6SS_MEM_PWR_CTL,
	.mem_pwr_top_bit = 19,
	.pas_mem_setup = true,
	.reset = MSS_RESET_PLAIN,
	.ssctl_id = 0x12,
};

static const struct mss_desc msm8974_mss = {
	.mba_elf_b00 = true,
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
	.proxy_clks = xo_clk,
	.active_clks = iface_bus_mem_clks,
	.proxy_pds = cx_pd,
	.boot = MSS_BOOT_V5,
	.reset = MSS_RESET_PLAIN,
	.ssctl_id = 0x12,
};

/* The v56 family members mainline added after 6.12 (facts from 7.2) */
static const struct mss_supply mss_active_supply[] = {
	{ .name = "mss", .volt_uv = 1050000, .load_ua = 100000 },
	{ }
};

static const struct mss_desc mdm9607_mss = {
	.proxy_supply = pll_proxy,
	.proxy_clks = xo_clk,
	.active_clks = iface_bus_mem_clks,
	.proxy_pds = mx_cx_pds,
	.boot = MSS_BOOT_V56,
	.acc_override = QDSP6SS_ACC_OVERRIDE_VAL_9607,
	.mem_pwr_reg = QDSP6SS_MEM_PWR_CTL,
	.mem_pwr_top_bit = 19,
	.mem_pwr_reverse = 6,
	.reset = MSS_RESET_PLAIN,
	.ssctl_id = 0x22,
};

static const struct mss_desc msm8917_mss = {
	.proxy_supply = pll_proxy,
	.active_supply = mss_active_supply,
	.proxy_clks = xo_clk,
	.active_clks = iface_bus_mem_clks,
	.proxy_pds = cx_mx_pds,
	.boot = MSS_BOOT_V56,
	.acc_override = QDSP6SS_ACC_OVERRIDE_VAL_9607,
	.mem_pwr_reg = QDSP6SS_MEM_PWR_CTL,
	.mem_pwr_top_bit = 19,
	.mem_pwr_reverse = 6,
	.reset = MSS_RESET_PLAIN,
	.ssctl_id = 0x12,
};

static const struct mss_desc msm8937_mss = {
	.proxy_supply = pll_proxy,
	.active_supply = mss_active_supply,
	.proxy_clks = xo_clk,
	.active_clks = iface_bus_mem_clks,
	.proxy_pds = cx_mx_pds,
	.boot = MSS_BOOT_V56,
	.acc_override = QDSP6SS_ACC_OVERRIDE_VAL_9607,
	.mem_pwr_reg = QDSP6SS_MEM_PWR_CTL,
	.mem_pwr_top_bit = 19,
	.mem_pwr_reverse = 6,
	.pas_mem_setup = true,
	.reset = MSS_RESET_PLAIN,
	.ssctl_id = 0x12,
};

static const struct mss_desc msm8940_mss = {
	.proxy_supply = pll_proxy,
	.active_supply = mss_active_supply,
	.proxy_clks = xo_clk,
	.active_clks = iface_bus_mem_clks,
	.proxy_pds = cx_mx_pds,
	.boot = MSS_BOOT_V56,
	.acc_override = QDSP6SS_ACC_OVERRIDE_VAL_9607,
	.mem_pwr_reg = QDSP6SS_MEM_PWR_CTL,
	.mem_pwr_top_bit = 19,
	.pas_mem_setup = true,
	.reset = MSS_RESET_PLAIN,
	.ssctl_id = 0x12,
};

static const struct mss_supply msm8226_proxy_supply[] = {
	{ .name = "pll", .load_ua = 100000 },
	{ .name = "mx", .volt_uv = 1050000 },
	{ }
};

static const struct mss_desc msm8226_mss = {
	.mba_elf_b00 = true,
	.proxy_supply = msm8226_proxy_supply,
	.proxy_clks = xo_clk,
	.active_clks = iface_bus_mem_clks,
	.proxy_pds = cx_pd,
	.boot = MSS_BOOT_V5,
	.has_ext_bhs = true,
	.reset = MSS_RESET_PLAIN,
	.ssctl_id = 0x12,
};

static const struct mss_desc msm8926_mss = {
	.mba_elf_b00 = true,
	.proxy_supply = msm8226_proxy_supply,
	.active_supply = mss_active_supply,
	.proxy_clks = xo_clk,
	.active_clks = iface_bus_mem_clks,
	.proxy_pds = cx_pd,
	.boot = MSS_BOOT_V5,
	.reset = MSS_RESET_PLAIN,
	.ssctl_id = 0x12,
};

/* Name, protection and MBA image come from the SoC table */
const struct of_device_id mss_of_match[] = {
#define MSS_SOC(_compat, _soc, _prot, _mba)				\
	{								\
		.compatible = _compat,					\
		.data = &(const struct mss_soc){			\
			.name = #_soc,					\
			.mba_image = _mba,				\
			.need_mem_protection = _prot,			\
			.desc = &(_soc##_mss),				\
		},							\
	},
#include "qcom_mss_socs.h"
#undef MSS_SOC
	{ }
};
MODULE_DEVICE_TABLE(of, mss_of_match);
