/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Qualcomm self-authenticating modem subsystem (MSS) remoteproc driver:
 * definitions shared by its parts.
 *
 *   qcom_q6v5_mss_core.c    probe/remove, rproc ops, coredump
 *   qcom_q6v5_mss_mdata.c   memory regions, metadata carveout manager
 *   qcom_q6v5_mss_rmb.c     RMB handshake with the PBL and the MBA
 *   qcom_q6v5_mss_q6.c      Q6 power-up, reset and halt sequences
 *   qcom_q6v5_mss_socs.c    per-SoC descriptors
 */
#ifndef __QCOM_Q6V5_MSS_H__
#define __QCOM_Q6V5_MSS_H__

#include <linux/bits.h>
#include <linux/types.h>

#include "qcom_common.h"
#include "qcom_q6v5.h"
#include "qcom_q6v5_mss_compat.h"
#include "qcom_q6v5_mss_mdata.h"

struct clk;
struct device;
struct firmware;
struct platform_device;
struct regmap;
struct regulator;
struct reset_control;
struct rproc;

#define MSS_MAX_ACTIVE_CLKS	8
#define MSS_MAX_RESET_CLKS	4
#define MSS_MAX_PROXY_CLKS	4
#define MSS_MAX_PROXY_PDS	3
#define MSS_MAX_PROXY_REGS	2
#define MSS_MAX_ACTIVE_REGS	1

/* The MBA executes from the first 1 MiB; a debug policy may follow it */
#define MSS_MBA_MAX_SIZE	SZ_1M
#define MSS_MBA_LOG_SIZE	SZ_4K
/* Header of an msm8974-family ELF mba.mbn ahead of the MBA code */
#define MSS_MBA_B00_OFFSET	0x1000

/**
 * enum mss_boot_seq - how the Q6 is brought out of reset
 * @MSS_BOOT_V5: QDSP6 v5 (msm8916, msm8974): direct power-control writes
 * @MSS_BOOT_V56: QDSP6 v56/v6x (msm8909, msm8953, msm8996, msm8998,
 *	sdm660): XO clock, head switch, memories one at a time
 * @MSS_BOOT_FSM: QDSP6 v65+ (sdm845, sc7180, sc7280): hardware boot FSM
 */
enum mss_boot_seq {
	MSS_BOOT_V5,
	MSS_BOOT_V56,
	MSS_BOOT_FSM,
};

/**
 * enum mss_reset_kind - how the MSS restart and PDC resets are sequenced
 * @MSS_RESET_PLAIN: mss_restart only
 * @MSS_RESET_ALT: sdm845: pdc_reset around mss_restart, RMB alt reset
 * @MSS_RESET_SPARE: sc7180: AXI gating override in the spare register
 * @MSS_RESET_EXT: sc7280: RSCC disable via the external control registers
 */
enum mss_reset_kind {
	MSS_RESET_PLAIN,
	MSS_RESET_ALT,
	MSS_RESET_SPARE,
	MSS_RESET_EXT,
};

/**
 * struct mss_supply - a regulator the MSS votes for
 * @name: supply name
 * @volt_uv: minimum voltage to request, 0 for none
 * @load_ua: load to request, 0 for none
 */
struct mss_supply {
	const char *name;
	int volt_uv;
	int load_ua;
};

/**
 * struct mss_desc - what differs between SoCs, as data
 * @proxy_supply: supplies voted until handover, NULL-terminated
 * @fallback_proxy_supply: supplies used when the DT has no power domains
 * @active_supply: supplies held while running
 * @proxy_clks: clocks held until handover, NULL-terminated
 * @reset_clks: clocks needed while out of reset
 * @active_clks: clocks held while running
 * @proxy_pds: power domains held until handover
 * @boot: Q6 boot sequence
 * @reset: reset sequencing
 * @has_mba_logs: the MBA leaves a log at the start of its region
 * @has_spare_reg: qcom,spare-regs (AXI gating override) is used
 * @has_qaccept_regs: qcom,qaccept-regs Q-channels are used
 * @has_ext_cntl_regs: qcom,ext-regs are used
 * @has_vq6: a fourth AXI halt port exists
 * @fsm_xo_clk: the boot FSM needs the XO and core CBCRs enabled first
 * @acc_override: value written to QDSP6SS_STRAP_ACC before boot, 0 for none
 * @bhs_ack: wait for the head switch to acknowledge before the LDO bypass
 * @mem_pwr_reg: register powering memories bank by bank, 0 for v56 parts
 *	that power them through PWR_CTL
 * @mem_pwr_top_bit: highest bit of @mem_pwr_reg, banks go top down
 * @mem_pwr_reverse: banks below this bit are powered bottom up, after
 *	the others (inrush current on mdm9607, msm8917, msm8937)
 * @clamp_on_reclaim: clamp IO and memories when the Q6 is torn down
 * @pas_mem_setup: tell TrustZone about the MPSS region before loading
 * @has_ext_bhs: an external block head switch (qcom,ext-bhs-reg) powers
 *	the MSS, on after the active supplies and before the reset clocks
 * @mba_elf_b00: an ELF mba.mbn carries the old split image's 0x1000-byte
 *	header, which is skipped (msm8974 family)
 * @ssctl_id: QMI service instance of the modem's subsystem control
 */
struct mss_desc {
	const struct mss_supply *proxy_supply;
	const struct mss_supply *fallback_proxy_supply;
	const struct mss_supply *active_supply;
	const char * const *proxy_clks;
	const char * const *reset_clks;
	const char * const *active_clks;
	const char * const *proxy_pds;
	enum mss_boot_seq boot;
	enum mss_reset_kind reset;
	bool has_mba_logs;
	bool has_spare_reg;
	bool has_qaccept_regs;
	bool has_ext_cntl_regs;
	bool has_vq6;
	bool fsm_xo_clk;
	u32 acc_override;
	bool bhs_ack;
	u32 mem_pwr_reg;
	u8 mem_pwr_top_bit;
	u8 mem_pwr_reverse;
	bool clamp_on_reclaim;
	bool pas_mem_setup;
	bool has_ext_bhs;
	bool mba_elf_b00;
	u32 ssctl_id;
};

/**
 * struct mss_soc - one entry of the SoC table (qcom_mss_socs.h)
 * @name: SoC name for messages
 * @mba_image: default MBA firmware name
 * @need_mem_protection: TrustZone moves ownership of MBA, MPSS, metadata
 * @desc: the SoC's hardware description
 */
struct mss_soc {
	const char *name;
	const char *mba_image;
	bool need_mem_protection;
	const struct mss_desc *desc;
};

/**
 * struct mss_reg - an acquired supply
 * @reg: the regulator
 * @volt_uv: voltage vote, 0 for none
 * @load_ua: load vote, 0 for none
 */
struct mss_reg {
	struct regulator *reg;
	int volt_uv;
	int load_ua;
};

/**
 * struct mss_regs - a group of supplies switched together
 * @r: the supplies
 * @count: how many of @r are used
 */
struct mss_regs {
	struct mss_reg r[MSS_MAX_PROXY_REGS];
	int count;
};

/**
 * struct qcom_mss - one modem subsystem
 * @dev: the platform device
 * @rproc: the remoteproc
 * @soc: SoC table entry
 * @desc: SoC descriptor (hardware facts)
 * @reg_base: QDSP6SS registers
 * @rmb_base: RMB (relay message buffer) registers shared with PBL/MBA
 * @halt_map: AXI halt (and qaccept) registers
 * @conn_map: spare, external control or external BHS registers
 * @halt_q6: offset of the Q6 AXI halt port
 * @halt_modem: offset of the modem AXI halt port
 * @halt_nc: offset of the NC AXI halt port
 * @halt_vq6: offset of the vQ6 AXI halt port
 * @conn_box: offset of the AXI gating override (spare register)
 * @ext_bhs: offset of the external block head switch register
 * @qaccept_mdm: modem Q-channel
 * @qaccept_cx: CX Q-channel
 * @qaccept_axi: AXI Q-channel
 * @axim1_clk_off: external control: AXIM1 clock status
 * @crypto_clk_off: external control: crypto clock status
 * @force_clk_on: external control: force clocks on
 * @rscc_disable: external control: RSCC disable
 * @mss_restart: MSS restart reset
 * @pdc_reset: PDC reset (alt, spare and ext sequencing)
 * @q6v5: common Q6 handling (interrupts, stop state)
 * @active_clks: clocks held while running
 * @reset_clks: clocks held while out of reset
 * @proxy_clks: clocks held until handover
 * @proxy_pds: power domains held until handover
 * @active_clk_count: number of @active_clks
 * @reset_clk_count: number of @reset_clks
 * @proxy_clk_count: number of @proxy_clks
 * @proxy_pd_count: number of @proxy_pds
 * @active_regs: supplies held while running
 * @proxy_regs: supplies held until handover
 * @fallback_proxy_regs: proxy supplies of DTs without power domains
 * @mem: memory regions and metadata carveout manager
 * @dp_size: size of the debug policy loaded after the MBA, 0 for none
 * @mpss_reloc: address the modem image was linked for
 * @current_dump_size: bytes of the coredump copied so far
 * @total_dump_size: bytes of the coredump
 * @mpss_image: modem firmware name (firmware-name entry 1)
 * @glink_subdev: GLINK edge
 * @smd_subdev: SMD edge
 * @pdm_subdev: protection domain mapper
 * @ssr_subdev: subsystem restart notifications
 * @sysmon: system monitor
 * @bam_dmux: BAM-DMUX child device, if any
 */
struct qcom_mss {
	struct device *dev;
	struct rproc *rproc;
	const struct mss_soc *soc;
	const struct mss_desc *desc;

	void __iomem *reg_base;
	void __iomem *rmb_base;

	struct regmap *halt_map;
	struct regmap *conn_map;
	u32 halt_q6;
	u32 halt_modem;
	u32 halt_nc;
	u32 halt_vq6;
	u32 conn_box;
	u32 ext_bhs;
	u32 qaccept_mdm;
	u32 qaccept_cx;
	u32 qaccept_axi;
	u32 axim1_clk_off;
	u32 crypto_clk_off;
	u32 force_clk_on;
	u32 rscc_disable;

	struct reset_control *mss_restart;
	struct reset_control *pdc_reset;

	struct qcom_q6v5 q6v5;

	struct clk *active_clks[MSS_MAX_ACTIVE_CLKS];
	struct clk *reset_clks[MSS_MAX_RESET_CLKS];
	struct clk *proxy_clks[MSS_MAX_PROXY_CLKS];
	struct device *proxy_pds[MSS_MAX_PROXY_PDS];
	int active_clk_count;
	int reset_clk_count;
	int proxy_clk_count;
	int proxy_pd_count;

	struct mss_regs active_regs;
	struct mss_regs proxy_regs;
	struct mss_regs fallback_proxy_regs;

	struct mss_mem mem;

	size_t dp_size;
	phys_addr_t mpss_reloc;
	size_t current_dump_size;
	size_t total_dump_size;
	const char *mpss_image;

	struct qcom_rproc_glink glink_subdev;
	struct qcom_rproc_subdev smd_subdev;
	struct qcom_rproc_pdm pdm_subdev;
	struct qcom_rproc_ssr ssr_subdev;
	struct qcom_sysmon *sysmon;
	struct platform_device *bam_dmux;
};

/* qcom_q6v5_mss_socs.c */
extern const struct of_device_id mss_of_match[];

/* qcom_q6v5_mss_q6.c */
int mss_init_resources(struct qcom_mss *mss, struct platform_device *pdev);
void mss_release_resources(struct qcom_mss *mss);
int mss_power_up(struct qcom_mss *mss);
void mss_power_down(struct qcom_mss *mss);
void mss_power_unwind(struct qcom_mss *mss);
void mss_proxy_release(struct qcom_mss *mss);
void mss_proxy_drop(struct qcom_mss *mss);
int mss_q6_boot(struct qcom_mss *mss);
void mss_q6_halt(struct qcom_mss *mss, bool teardown);
int mss_reset_assert(struct qcom_mss *mss);
int mss_reset_deassert(struct qcom_mss *mss);
int mss_qchannel_enable(struct qcom_mss *mss);

/* qcom_q6v5_mss_rmb.c */
void mss_rmb_set_mba(struct qcom_mss *mss, phys_addr_t mba, size_t dp_size);
int mss_rmb_pbl_wait(struct qcom_mss *mss, unsigned int ms);
int mss_rmb_mba_wait(struct qcom_mss *mss, u32 status, unsigned int ms);
int mss_rmb_mdata_auth(void *ctx, phys_addr_t phys);
void mss_rmb_code_reset(struct qcom_mss *mss);
int mss_rmb_code_advance(struct qcom_mss *mss, phys_addr_t boot_addr,
			 u32 length);

#endif
