/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Simulated Qualcomm modem subsystem (qcom_mss_sim.ko): definitions shared
 * by its parts, split by simulated feature like netdevsim.  The design is
 * described in core.c.
 *
 *   core.c      probe/remove, the MSS node and its register windows
 *   flavours.c  the table of simulated SoC flavours
 *   irq.c       interrupt lines (irq domain), inject_irq
 *   modem.c     state machine and modem thread, state and its knobs
 *   pbl.c       Q6 core start, PBL, MBA image authentication
 *   q6ss.c      QDSP6v5/v56 power-up: reset values, order, start state
 *   ext.c       external head switch, Q-channels, external control regs
 *   mba.c       MBA: metadata, segments, handover; last_mdata
 *   image.c     the image formats (ELF, hash segment) and digests
 *   bus.c       the modem's view of DDR and its AXI ports; corrupt_read
 *   reset.c     mss_restart and pdc_reset
 *   power.c     proxy power domains (genpd)
 *   clk.c       the MSS clocks (clock provider), fail_clk
 *   regulator.c the MSS supplies (regulators), fail_regulator
 *   doorbell.c  mailbox doorbells and SMEM state
 *   aoss.c      the AOP side of the AOSS QMP
 *   debugfs.c   debugfs root, status, counters, knob helpers
 */
#ifndef __MSS_SIM_H__
#define __MSS_SIM_H__

#include <linux/atomic.h>
#include <linux/clk-provider.h>
#include <linux/fault-inject.h>
#include <linux/io.h>
#include <linux/ktime.h>
#include <linux/mailbox_controller.h>
#include <linux/mod_devicetable.h>
#include <linux/mutex.h>
#include <linux/pm_domain.h>
#include <linux/regulator/driver.h>
#include <linux/reset-controller.h>
#include <linux/seqlock.h>
#include <linux/sizes.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "../qcom_mss_mdt.h"

struct dentry;
struct device;
struct device_node;
struct irq_domain;
struct qcom_smem_state;
struct seq_file;
struct task_struct;

/* The register map is shared with the driver: qcom_q6v5_mss_regs.h */
#define RMB_WINDOW_SIZE			0x48

/*
 * Interrupt lines, reset lines, power domains and mailbox channels: the
 * numbers the DT uses (linux,mss-sim.yaml, arch/arm64/boot/dts/qcom/mss-sim.h).
 */
enum sim_line {
	SIM_IRQ_WDOG,
	SIM_IRQ_FATAL,
	SIM_IRQ_READY,
	SIM_IRQ_HANDOVER,
	SIM_IRQ_STOP_ACK,
	SIM_IRQ_SHUTDOWN_ACK,
	SIM_IRQ_AOSS,
	SIM_IRQ_EDGE,
	SIM_NR_IRQS,
};

#define SIM_RESET_MSS_RESTART	0
#define SIM_RESET_PDC		1
#define SIM_NR_RESETS		2

#define SIM_MAX_PDS		3

/* MSS clocks, by provider index (MSS_SIM_CLK_* in mss-sim.h) */
enum sim_clk_index {
	SIM_CLK_XO,
	SIM_CLK_IFACE,
	SIM_CLK_BUS,
	SIM_CLK_MEM,
	SIM_CLK_GPLL0_MSS,
	SIM_CLK_SNOC_AXI,
	SIM_CLK_MNOC_AXI,
	SIM_CLK_PRNG,
	SIM_NR_CLKS,
};

/* sc7280's AXI Q-channels, in qcom,qaccept-regs order */
#define SIM_NR_QCH		3

/* Peripheral id of the modem in TrustZone's PAS calls (upstream MPSS_PAS_ID) */
#define SIM_MPSS_PAS_ID		5
#define SIM_MBOX_CHANS		16

/* The MBA's log at the start of its region (upstream MBA_LOG_SIZE) */
#define SIM_MBA_LOG_SIZE	SZ_4K

/* Bytes of the debug policy the PBL read that debugfs keeps */
#define SIM_DP_KEEP		SZ_1K

/* Longest AOSS QMP message the simulator keeps */
#define QMP_MSG_MAX		64

/* Negative RMB statuses the simulated PBL/MBA report */
#define SIM_ERR_GENERIC		(-1)
#define SIM_ERR_HASH		(-2)	/* digest, signature, chain or root */
#define SIM_ERR_FORMAT		(-3)	/* malformed ELF or hash segment */
#define SIM_ERR_RANGE		(-4)	/* address or size out of range */
#define SIM_ERR_XPU		(-5)	/* access denied by the XPU */
#define SIM_ERR_SEQ		(-6)	/* protocol sequence error */

/* Largest metadata (headers and hash segment) the MBA accepts */
#define SIM_MDATA_MAX		(4 * SZ_1M)

/* The QDSP6SS clock branch whose CLKOFF the cbcr_stuck knob holds set */
enum sim_cbcr {
	SIM_CBCR_NONE,
	SIM_CBCR_SLEEP,	/* QDSP6SS_SLEEP: the boot FSM's first clock */
	SIM_CBCR_XO,	/* QDSP6SS_XO_CBCR: v56 head switch, sc7180's FSM */
	SIM_NR_CBCRS,
};

/* How the Q6 core is brought out of reset */
enum sim_boot {
	SIM_BOOT_V5,	/* QDSP6v5 power-up through QDSP6SS_RESET/PWR_CTL */
	SIM_BOOT_V56,	/* QDSP6v56: XO, head switch, memory banks */
	SIM_BOOT_FSM,	/* QDSP6v65+: the boot FSM (BOOT_CORE_START/BOOT_CMD) */
};

/* How mss_restart and pdc_reset must be sequenced */
enum sim_reset {
	SIM_RESET_PLAIN,	/* mss_restart alone */
	SIM_RESET_ALT,		/* sdm845: mss_restart pulsed, pdc_reset held */
	SIM_RESET_SPARE,	/* sc7180: AXI gating override, pdc_reset held */
	SIM_RESET_EXT,		/* sc7280: pdc_reset held, RSCC re-enabled */
};

/* Proxy power domains, by provider index (MSS_SIM_PD_* in mss-sim.h) */
enum sim_pd_index {
	SIM_PD_CX,
	SIM_PD_MX,
	SIM_PD_MSS,
};

/**
 * struct mss_sim_flavour - what differs between simulated SoCs
 * @name: SoC name, as in the SoC table (qcom_mss_socs.h)
 * @boot: how the Q6 is started
 * @fsm_xo: the boot FSM also needs the XO and core CBCRs enabled
 * @reset: the reset sequence mss_restart must follow
 * @acc_override: QDSP6SS_STRAP_ACC value a v56 power-up writes; 0: the
 *	register must keep its reset value
 * @bhs_ack: the head switch acknowledges in QDSP6V62SS_BHS_STATUS, and the
 *	LDO bypass must wait for it
 * @mem_pwr_reg: register of the memory banks a v56 power-up turns on one
 *	at a time; 0: the memories are in QDSP6SS_PWR_CTL (msm8909)
 * @mem_top_bit: highest bank of @mem_pwr_reg; banks go on top down
 * @mem_reverse: banks below this one go on last, bottom up
 * @clamp_on_reclaim: the teardown after an MBA ran clamps the Q6 IO and
 *	memories before mss_restart is asserted (msm8996)
 * @pas_mem_setup: TrustZone must be told where MPSS is before the MBA
 *	authenticates segments (qcom_scm_pas_mem_setup())
 * @ext_bhs: an external head switch (qcom,ext-bhs-reg) powers the MSS;
 *	it must be on before mss_restart is released
 * @qchannels: the AXI Q-channels (qcom,qaccept-regs) and the external
 *	control registers (qcom,ext-regs) of sc7280
 * @vq6: a fourth AXI port (vq6) to halt
 * @has_qmp: the MSS node names an AOSS QMP (qcom,qmp)
 * @pd_mask: the proxy power domains (BIT(SIM_PD_*))
 * @protected: TrustZone moves memory ownership (need_mem_protection);
 *	from the SoC table, filled in at probe
 * @mba_image: the driver's default MBA name; from the SoC table, for the
 *	status file
 */
struct mss_sim_flavour {
	const char *name;
	enum sim_boot boot;
	bool fsm_xo;
	enum sim_reset reset;
	u32 acc_override;
	bool bhs_ack;
	u32 mem_pwr_reg;
	u8 mem_top_bit;
	u8 mem_reverse;
	bool clamp_on_reclaim;
	bool pas_mem_setup;
	bool ext_bhs;
	bool qchannels;
	bool vq6;
	bool has_qmp;
	unsigned long pd_mask;
	bool protected;
	const char *mba_image;
};

enum sim_state {
	SIM_OFF,	/* held in reset */
	SIM_IDLE,	/* out of reset, core not started */
	SIM_PBL,	/* core running the PBL */
	SIM_MBA_AUTH,	/* PBL done, authenticating the MBA image */
	SIM_MBA,	/* MBA running, waiting for the metadata */
	SIM_MDATA_OK,	/* metadata authenticated, waiting for LOAD_READY */
	SIM_LOADING,	/* authenticating segments as CODE_LENGTH grows */
	SIM_AUTH_WAIT,	/* all segments good, waiting for MPSS handover */
	SIM_BOOTING,	/* AUTH_COMPLETE, ready not yet signalled */
	SIM_RUNNING,
	SIM_STOPPED,	/* acknowledged (or ignored) a stop request */
	SIM_CRASHED,	/* signalled fatal error or watchdog */
	SIM_FAILED,	/* boot failed, waiting for reset */
	SIM_NR_STATES,
};

/* Phases the hang and crash_on fault hooks name */
enum sim_phase {
	SIM_PH_NONE,
	SIM_PH_FSM,
	SIM_PH_PBL,
	SIM_PH_MBA,
	SIM_PH_MDATA,
	SIM_PH_LOAD,
	SIM_PH_AUTH,
	SIM_PH_RUNNING,
	SIM_NR_PHASES,
};

enum sim_stop_mode {
	SIM_STOP_ACK,
	SIM_STOP_NONE,
	SIM_STOP_WDOG,
	SIM_NR_STOP_MODES,
};

enum sim_corrupt {
	SIM_CORRUPT_NONE,
	SIM_CORRUPT_MBA,
	SIM_CORRUPT_MDATA,
	SIM_CORRUPT_SEGMENT,
	SIM_CORRUPT_CHAIN,
};

enum sim_region {
	SIM_REG_MBA,
	SIM_REG_MPSS,
	SIM_REG_MDATA,
	SIM_NR_REGIONS,
};

/**
 * struct sim_counters - event counters, one debugfs file each
 * @resets: modem resets (mss_restart asserted or pulsed)
 * @boots: Q6 core starts (boot FSM or STOP_CORE released)
 * @fsm_starts: boot FSM completions (RMB_MBA_MSS_STATUS bit 0)
 * @pbl_ok: PBL reported success
 * @pbl_fail: PBL reported a failure (fail_pbl)
 * @mba_ok: MBA images authenticated (status XPU_UNLOCKED)
 * @mba_fail: MBA authentication failures
 * @mba_logs: logs the MBA left at the start of its region when it failed
 * @mdata_ok: metadata authenticated (status META_DATA_AUTH_SUCCESS)
 * @mdata_fail: metadata authentication failures
 * @segments: segments authenticated
 * @auth_complete: images authenticated (status AUTH_COMPLETE)
 * @auth_fail: segment or image-lock failures
 * @handovers: handover interrupts raised
 * @readys: ready interrupts raised
 * @stop_requests: rising edges of the stop SMEM bit
 * @stop_acks: stop-ack interrupts raised
 * @crashes: fatal or watchdog interrupts raised by a crash hook
 * @halts: AXI ports halted
 * @xpu_denied: modem reads refused by the XPU model
 * @bus_errors: modem reads outside modem DDR
 * @seq_errors: driver sequences that real hardware would not accept
 * @bhs_acks: QDSP6 head switch acknowledgements given (sdm660)
 * @clamped_resets: teardown resets with the Q6 clamped (msm8996)
 * @partial_samples: power-up samples that found the memory banks partly
 *	on: how often the order checks looked inside the bank loop
 * @ext_bhs_on: external head switch turned on (msm8226)
 * @ext_bhs_refused: external head switch turned on but kept without
 *	status (ext_bhs_stuck)
 * @qch_accepts: Q-channel requests accepted (sc7280)
 * @qch_takedowns: Q-channel takedowns accepted (sc7280)
 * @qch_denials: Q-channel takedowns denied for traffic in flight (sc7280)
 * @mem_setups: LOAD_READY seen with TrustZone told where MPSS is
 *	(qcom_scm_pas_mem_setup(), msm8953)
 * @qmp_messages: AOSS QMP messages received
 * @doorbells: mailbox doorbells rung
 * @irqs_fired: interrupt edges delivered
 * @halt_refused: AXI halt requests left unanswered (halt_stuck)
 * @cbcr_refused: QDSP6SS CBCR enables left with CLKOFF set (cbcr_stuck),
 *	counted when the reset that follows finds them
 * @bhs_refused: QDSP6 head switches turned on and never acknowledged
 *	(bhs_stuck), counted when the reset that follows finds them on
 * @pd_refused: proxy power domain power-ons failed (fail_power_on)
 * @reset_refused: mss_restart operations failed (fail_reset)
 * @clk_refused: clock prepares failed (fail_clk)
 * @reg_refused: supply enables failed (fail_regulator)
 */
struct sim_counters {
	u32 resets;
	u32 boots;
	u32 fsm_starts;
	u32 pbl_ok;
	u32 pbl_fail;
	u32 mba_ok;
	u32 mba_fail;
	u32 mba_logs;
	u32 mdata_ok;
	u32 mdata_fail;
	u32 segments;
	u32 auth_complete;
	u32 auth_fail;
	u32 handovers;
	u32 readys;
	u32 stop_requests;
	u32 stop_acks;
	u32 crashes;
	u32 halts;
	u32 xpu_denied;
	u32 bus_errors;
	u32 seq_errors;
	u32 bhs_acks;
	u32 clamped_resets;
	u32 partial_samples;
	u32 ext_bhs_on;
	u32 ext_bhs_refused;
	u32 qch_accepts;
	u32 qch_takedowns;
	u32 qch_denials;
	u32 mem_setups;
	u32 qmp_messages;
	u32 doorbells;
	u32 irqs_fired;
	u32 halt_refused;
	u32 cbcr_refused;
	u32 bhs_refused;
	u32 pd_refused;
	u32 reset_refused;
	u32 clk_refused;
	u32 reg_refused;
};

/* Bytes of an image's ELF header: what sim_image_parse_ehdr() reads */
#define SIM_IMAGE_EHDR_SIZE	52

/* Most program headers an image may have (segment files .b00-.b99) */
#define SIM_MAX_PHNUM		100

/* The OEM_PK_HASH fuse: SHA-256 of the root certificate */
#define SIM_ROOT_HASH_SIZE	32

/* What became of a program header's digest (struct sim_auth) */
enum sim_digest {
	SIM_DG_ZERO,		/* no file bytes: entry all zero, as required */
	SIM_DG_PENDING,		/* not checked yet */
	SIM_DG_OK,
	SIM_DG_BAD,
	SIM_DG_UNCHECKED,	/* file bytes the modem never sees */
};

/**
 * struct sim_auth - what the PBL (MBA image) or MBA (modem) found
 * @valid: an authentication was attempted
 * @status: its result: 0 or a negative RMB status
 * @addr: where the image or metadata was
 * @size: its size (MBA: file bytes, modem: metadata)
 * @version: hash segment version (0: not that far)
 * @digest_size: 32 (SHA-256) or 48 (SHA-384)
 * @certs: certificates in the chain
 * @chain: what the chain check found
 * @signature: what the signature check found
 * @root: what the fuse check found
 * @root_hash: SHA-256 of the root certificate
 * @root_valid: @root_hash is set
 * @phnum: program headers
 * @ph: each one, its load address and the state of its digest
 */
struct sim_auth {
	bool valid;
	int status;
	u32 addr;
	u32 size;
	u32 version;
	u32 digest_size;
	unsigned int certs;
	const char *chain;
	const char *signature;
	const char *root;
	u8 root_hash[SIM_ROOT_HASH_SIZE];
	bool root_valid;
	unsigned int phnum;
	struct {
		u32 type;
		u32 flags;
		u32 offset;
		u32 paddr;
		u32 load;
		u32 filesz;
		u32 memsz;
		u8 digest;
	} ph[SIM_MAX_PHNUM];
};

/**
 * struct sim_image - an image (MBA or metadata) as image.c parsed it
 * @mdt: its headers (qcom_mss_mdt.h), in the caller's buffer
 * @hash: the layout of its hash segment
 * @hs: the hash segment, in the caller's buffer
 * @rep: where verification results are recorded, or NULL
 *
 * The pointers stay valid as long as the buffers the image was parsed
 * from.
 */
struct sim_image {
	struct mss_mdt_image mdt;
	struct mss_mdt_hash hash;
	const u8 *hs;
	struct sim_auth *rep;
};

/**
 * struct sim_image_seg - a loadable segment of an image
 * @offset: file offset (p_offset)
 * @filesz: bytes in the file (p_filesz)
 * @memsz: bytes in memory (p_memsz)
 * @paddr: load address (p_paddr)
 * @reloc: the segment is relocatable
 */
struct sim_image_seg {
	u32 offset;
	u32 filesz;
	u32 memsz;
	u32 paddr;
	bool reloc;
};

/**
 * struct sim_seg - a segment the MBA authenticates, in load order
 * @phdr: index in the program header table (and in the digest table)
 * @paddr: p_paddr
 * @filesz: p_filesz: the bytes its digest covers
 * @memsz: p_memsz
 * @end: cumulative p_memsz up to and including this segment
 * @in: for a program header that is not loaded but has a digest
 *	(PT_INTERP, PT_DYNAMIC): index of the segment whose file bytes hold
 *	its own, at @offset; -1 for a loadable segment
 * @offset: see @in
 */
struct sim_seg {
	u32 phdr;
	u32 paddr;
	u32 filesz;
	u32 memsz;
	u64 end;
	int in;
	u32 offset;
};

struct mss_sim;

/**
 * struct sim_q6_snap - the QDSP6SS power controls at one moment
 * @reset: QDSP6SS_RESET
 * @gfmux: QDSP6SS_GFMUX_CTL
 * @pwr: QDSP6SS_PWR_CTL
 * @xo: QDSP6SS_XO_CBCR (v56)
 * @mem: the memory bank register (v56)
 * @bhs: QDSP6V62SS_BHS_STATUS (v56)
 * @acc: QDSP6SS_STRAP_ACC (v56)
 */
struct sim_q6_snap {
	u32 reset;
	u32 gfmux;
	u32 pwr;
	u32 xo;
	u32 mem;
	u32 bhs;
	u32 acc;
};

/*
 * Sequence rules checked without @lock (q6ss.c, ext.c: the sampler and the
 * attendants): a broken one is recorded with sim_rule_broken() and counted
 * as a sequence error by the next pass that holds the lock, once per boot.
 */
enum sim_rule {
	SIM_RULE_NONE,
	SIM_RULE_XO_BEFORE_BHS,
	SIM_RULE_MEM_BEFORE_BHS,
	SIM_RULE_LDO_BEFORE_BHS,
	SIM_RULE_BANK_ORDER,
	SIM_RULE_ARES_CLAMPED,
	SIM_RULE_QCH_IN_RESET,
	SIM_RULE_QCH_CLK_OFF,
	SIM_RULE_QCH_RSCC_OFF,
	SIM_RULE_QCH_DOWN_RSCC_ON,
	SIM_RULE_QCH_DOWN_BUSY,
	SIM_NR_RULES,
};

/**
 * struct sim_s32_hook - a signed integer fault hook in debugfs
 * @sim: owner, whose lock protects the value
 * @val: the value
 */
struct sim_s32_hook {
	struct mss_sim *sim;
	s32 *val;
};

/*
 * Room for every sim_debugfs_s32() knob one flavour can have: fail_pbl,
 * fail_mba, fail_mdata, fail_load, auth_at_end, ready_delay_ms, and one of
 * axim1_stuck (sc7280) or ext_bhs_stuck (msm8226), with room to spare; one
 * more than this is a WARN at probe, which fails the boot in the rig.
 */
#define SIM_NR_S32_HOOKS	8

/**
 * struct sim_pd - one simulated proxy power domain
 * @genpd: the generic power domain
 * @sim: owner
 * @idx: provider index
 */
struct sim_pd {
	struct generic_pm_domain genpd;
	struct mss_sim *sim;
	unsigned int idx;
};

/**
 * struct sim_clk - one simulated MSS clock
 * @hw: the clock
 * @sim: owner
 * @idx: provider index
 * @prepared: prepared (the clock framework serialises the callbacks)
 * @enabled: enabled
 */
struct sim_clk {
	struct clk_hw hw;
	struct mss_sim *sim;
	unsigned int idx;
	bool prepared;
	bool enabled;
};

/**
 * struct sim_reg - one simulated MSS supply
 * @desc: its description
 * @rdev: the regulator
 * @sim: owner
 * @uv: the voltage set
 * @load_ua: the load set
 * @enabled: on (the regulator core serialises the callbacks)
 */
struct sim_reg {
	struct regulator_desc desc;
	struct regulator_dev *rdev;
	struct mss_sim *sim;
	int uv;
	int load_ua;
	bool enabled;
};

/*
 * struct mss_sim - one simulated modem subsystem
 *
 * Locking: @lock (a mutex) serialises the modem model: the state machine,
 * the register windows, the boot data and the fault hooks; the thread holds
 * it while it works, the reset callbacks and debugfs take it.  @evlock (a
 * spinlock) covers what atomic-context callers touch: line levels and
 * masks, power-domain state, doorbells and the SMEM state bits.  @lock may
 * be held when taking @evlock, never the reverse.  No lock is held while
 * an interrupt is injected.
 */
struct mss_sim {
	struct device *dev;
	const struct mss_sim_flavour *fl;
	struct device_node *mss_np;
	u32 stop_bit;

	void __iomem *qdsp6;
	void __iomem *rmb;
	void __iomem *tcsr;
	u32 halt_off[4];
	unsigned int nr_halt;
	void __iomem *spare;

	/* ext.c: external head switch, Q-channels, external control */
	void __iomem *ext_bhs;
	void __iomem *qaccept;
	u32 qch_off[SIM_NR_QCH];
	bool qch_req_seen[SIM_NR_QCH];	/* REQ at the last pass */
	bool qch_ignored[SIM_NR_QCH];	/* a request left unanswered */
	atomic_t qch_deny;		/* takedowns still to deny */
	atomic_t qch_ignore;		/* requests still to leave unanswered */
	s32 axim1_stuck;		/* the AXIM1 clock ignores force_clk_on */
	s32 ext_bhs_stuck;		/* the external BHS status stays off */
	bool ext_bhs_req;		/* EXTERNAL_BHS_ON seen set, last pass */
	void __iomem *ext_ctl;
	void __iomem *force_clk_on;
	void __iomem *rscc_disable;
	void __iomem *ext_clk;
	void __iomem *axim1_clk_off;
	void __iomem *crypto_clk_off;

	void __iomem *qmp;
	u32 qmp_chan;

	struct {
		phys_addr_t base;
		size_t size;
		bool present;
	} region[SIM_NR_REGIONS];

	struct irq_domain *domain;
	struct reset_controller_dev rcdev;
	struct sim_pd pds[SIM_MAX_PDS];
	struct generic_pm_domain *pd_ptrs[SIM_MAX_PDS];
	struct genpd_onecell_data pd_data;
	bool pd_provider;
	struct sim_clk clks[SIM_NR_CLKS];
	struct clk_hw_onecell_data *clk_data;
	struct sim_reg *regs;
	unsigned int nr_regs;
	struct qcom_smem_state *smem_state;
	struct mbox_controller mbox;
	struct mbox_chan chans[SIM_MBOX_CHANS];

	struct task_struct *task;
	atomic_t kicked;
	struct dentry *dbg;

	/* sim_attend(): until then (ns); the attendant threads */
	atomic64_t attend_until;
	struct task_struct **attendants;
	unsigned int nr_attendants;
	spinlock_t hs_lock;		/* sim_handshakes() */
	seqcount_mutex_t regs_seq;	/* register resets, for the sampler */
	u64 samples;

	spinlock_t evlock;		/* see the locking rules above */
	unsigned long irq_level;
	unsigned long irq_unmasked;
	bool pd_on[SIM_MAX_PDS];
	unsigned long doorbells;
	u32 smem_bits;

	struct mutex lock;		/* see the locking rules above */
	enum sim_state state;
	int scm_id;			/* qcom_scm_sim_modem_register() */
	bool mss_asserted;
	bool pdc_asserted;
	bool bus_active;
	bool stop_seen;
	unsigned long ports_halted;
	unsigned long ports_refused;	/* halt requested, halt_stuck held */
	ktime_t active_until;
	ktime_t ready_at;
	ktime_t stop_ack_at;
	bool stop_ack_pending;
	bool mba_ran;			/* since the last reset */

	/* sim_rule_broken(): set by the sampler, counted under @lock */
	unsigned long rules_pending;
	unsigned long rules_broken;	/* this boot */

	/* q6ss.c: registers at the core start */
	struct sim_q6_snap q6_at_start;
	bool q6_started;

	/* the boot in progress */
	u32 mba_addr;
	u8 *mdata;
	size_t mdata_size;
	struct sim_image mdimg;		/* parsed @mdata: the digests */
	struct sim_seg *segs;		/* loadable, then @nr_extras others */
	unsigned int nr_segs;
	unsigned int nr_extras;
	unsigned int next_seg;
	bool reloc;
	u32 min_paddr;
	u32 code_start;
	u32 dp_addr;
	u32 dp_len;

	/* the debug policy the last boot read (debugfs "debug_policy") */
	u8 dp_seen[SIM_DP_KEEP];
	u32 dp_seen_len;

	/* last metadata the MBA was handed */
	struct {
		u32 addr;
		u32 size;
		const char *source;
		int status;
		bool valid;
	} last_md;

	/* what the last authentications found (debugfs "auth") */
	struct sim_auth mba_auth;
	struct sim_auth md_auth;

	/* the OEM_PK_HASH fuse (debugfs "oem_pk_hash") */
	bool fuse_set;
	u8 fuse[SIM_ROOT_HASH_SIZE];

	/* AOSS */
	bool qmp_load_state;
	char qmp_last[QMP_MSG_MAX + 1];

	/* fault hooks */
	s32 fail_pbl;
	s32 fail_mba;
	s32 fail_mdata;
	s32 fail_load;
	s32 auth_at_end;		/* mba.c: segments checked at the end */
	unsigned long halt_stuck;	/* bus.c: ports that never halt */
	enum sim_cbcr cbcr_stuck;	/* q6ss.c: CLKOFF held set */
	bool bhs_stuck;			/* q6ss.c: no BHS_EN_REST_ACK */
	struct fault_attr pd_fault;	/* power.c: fail_power_on */
	struct fault_attr reset_fault;	/* reset.c: fail_reset */
	struct fault_attr clk_fault;	/* clk.c: fail_clk */
	struct fault_attr reg_fault;	/* regulator.c: fail_regulator */
	enum sim_phase hang;
	s32 ready_delay_ms;
	enum sim_stop_mode stop_mode;
	enum sim_phase crash_on;
	enum sim_line crash_on_line;
	int pending_crash;		/* line to fire, or -1 */
	enum sim_corrupt corrupt;
	u32 corrupt_phdr;
	int corrupt_count;		/* < 0: forever */

	struct sim_counters cnt;
	struct sim_s32_hook s32_hooks[SIM_NR_S32_HOOKS];
	unsigned int nr_s32_hooks;
};

/* The QDSP6SS and RMB register windows */
static inline u32 q6_rd(struct mss_sim *sim, u32 off)
{
	return readl(sim->qdsp6 + off);
}

static inline void q6_wr(struct mss_sim *sim, u32 off, u32 val)
{
	writel(val, sim->qdsp6 + off);
}

static inline u32 rmb_rd(struct mss_sim *sim, u32 off)
{
	return readl(sim->rmb + off);
}

static inline void rmb_wr(struct mss_sim *sim, u32 off, u32 val)
{
	writel(val, sim->rmb + off);
}

/* core.c: probe, remove, the register windows */
void __iomem *sim_map_window(struct mss_sim *sim, phys_addr_t start,
			     size_t size, const char *what);

/* flavours.c: the flavour table, as match data of the platform driver */
extern const struct of_device_id mss_sim_of_match[];
const struct mss_sim_flavour *sim_flavour_get(struct device *dev);
bool sim_flavour_serves(const struct mss_sim_flavour *fl,
			const struct device_node *np);

/* q6ss.c: the QDSP6SS power controls (v5, v56) */
enum sim_rule sim_q6_order_check(const struct mss_sim_flavour *fl,
				 const struct sim_q6_snap *s);
const char *sim_q6_start_check(const struct mss_sim_flavour *fl,
			       const struct sim_q6_snap *s);
size_t sim_q6_window_size(const struct mss_sim_flavour *fl);
void sim_q6_regs_reset(struct mss_sim *sim);
void sim_q6_step(struct mss_sim *sim, bool count);
bool sim_q6_start_ok(struct mss_sim *sim);
void sim_q6_check_reset(struct mss_sim *sim);
void sim_q6_debugfs_init(struct mss_sim *sim, struct dentry *dir);

/* ext.c: external head switch, Q-channels and external control */
int sim_ext_init(struct mss_sim *sim);
void sim_ext_exit(struct mss_sim *sim);
bool sim_ext_bhs_on(struct mss_sim *sim);
void sim_ext_step(struct mss_sim *sim);
void sim_ext_reset(struct mss_sim *sim);
void sim_ext_debugfs_init(struct mss_sim *sim, struct dentry *dir);
void sim_ext_status(struct mss_sim *sim, struct seq_file *m);

/* irq.c: the interrupt lines */
extern const char *const sim_line_names[SIM_NR_IRQS];
int sim_check_irqs(struct mss_sim *sim);
int sim_irq_init(struct mss_sim *sim);
void sim_irq_exit(struct mss_sim *sim);
void sim_irq_debugfs_init(struct mss_sim *sim, struct dentry *dir);
void sim_fire(struct mss_sim *sim, unsigned long lines);
void sim_lines_reset(struct mss_sim *sim);

/* modem.c: the state machine and the modem thread */
extern const char *const sim_state_names[SIM_NR_STATES];
int sim_modem_init(struct mss_sim *sim);
void sim_modem_exit(struct mss_sim *sim);
void sim_modem_debugfs_init(struct mss_sim *sim, struct dentry *dir);
void sim_kick(struct mss_sim *sim);
#define SIM_ATTEND_MS		250
#define SIM_ATTEND_IDLE_MS	2000
void sim_attend(struct mss_sim *sim, unsigned int ms);
void sim_attend_end(struct mss_sim *sim);
void sim_activity(struct mss_sim *sim);
void sim_set_state(struct mss_sim *sim, enum sim_state state);
void sim_seq_error(struct mss_sim *sim, const char *what);
extern const char *const sim_rule_names[SIM_NR_RULES];
void sim_rule_broken(struct mss_sim *sim, enum sim_rule rule);
void sim_fail(struct mss_sim *sim, u32 reg, int status);
void sim_free_boot(struct mss_sim *sim);
void sim_modem_reset(struct mss_sim *sim, bool hold);
bool sim_hang(struct mss_sim *sim, enum sim_phase phase);
bool sim_crash_point(struct mss_sim *sim, enum sim_phase phase,
		     unsigned long *fire);

/* pbl.c: the Q6 core start and the PBL */
void sim_pbl_debugfs_init(struct mss_sim *sim, struct dentry *dir);
void sim_step_idle(struct mss_sim *sim);
void sim_step_pbl(struct mss_sim *sim);
void sim_step_mba_auth(struct mss_sim *sim, unsigned long *fire);

/* mba.c: the MBA */
void sim_mba_debugfs_init(struct mss_sim *sim, struct dentry *dir);
void sim_step_mba(struct mss_sim *sim, unsigned long *fire);
void sim_step_mdata_ok(struct mss_sim *sim);
void sim_step_loading(struct mss_sim *sim, unsigned long *fire);
void sim_step_auth_wait(struct mss_sim *sim, unsigned long *fire);

/* image.c: the image formats and their authentication */
void sim_image_debugfs_init(struct mss_sim *sim, struct dentry *dir);
int sim_image_parse_ehdr(struct mss_sim *sim, const void *buf, size_t len,
			 const char *what, size_t *hdr_size);
int sim_image_parse_headers(struct mss_sim *sim, const void *buf, size_t len,
			    u64 file_size, const char *what,
			    struct sim_image *img, struct sim_auth *rep);
int sim_image_parse_hash(struct mss_sim *sim, struct sim_image *img,
			 const u8 *hs, const char *what);
int sim_image_authenticate(struct mss_sim *sim, const struct sim_image *img,
			   u64 sw_id, bool corrupt_leaf, const char *what);
size_t sim_image_extent(const struct sim_image *img);
bool sim_image_segment(const struct sim_image *img, unsigned int i,
		       struct sim_image_seg *seg);
bool sim_image_has_digest(const struct sim_image *img, unsigned int i);
int sim_image_verify(struct mss_sim *sim, const struct sim_image *img,
		     unsigned int i, const void *data, size_t len, size_t flip);
void sim_auth_start(struct sim_auth *rep, u32 addr);
void sim_auth_note(struct sim_auth *rep, unsigned int i, u8 digest, u32 load);

/* bus.c: the modem's view of DDR, its AXI ports */
extern const char *const sim_region_names[SIM_NR_REGIONS];
int sim_bus_init(struct mss_sim *sim);
void sim_bus_exit(struct mss_sim *sim);
void __iomem *sim_map_syscon(struct mss_sim *sim, struct device_node *np,
			     u32 need, const char *what);
void sim_bus_check_mem_setup(struct mss_sim *sim);
void sim_mba_log(struct mss_sim *sim, const char *what, int status);
int sim_mba_wipe(struct mss_sim *sim);
void sim_bus_debugfs_init(struct mss_sim *sim, struct dentry *dir);
void *sim_map(struct mss_sim *sim, phys_addr_t addr, size_t size,
	      const char *what, int *err);
const char *sim_classify(struct mss_sim *sim, phys_addr_t addr, size_t size);
void sim_fsm_handshake(struct mss_sim *sim);
int sim_leftover_init(struct mss_sim *sim);
bool sim_corrupt_hit(struct mss_sim *sim, enum sim_corrupt what, u32 phdr);
void sim_bus_reset(struct mss_sim *sim);
void sim_bus_step_halts(struct mss_sim *sim);
bool sim_ports_halted(struct mss_sim *sim);

/* reset.c: mss_restart and pdc_reset */
int sim_reset_init(struct mss_sim *sim);
void sim_reset_exit(struct mss_sim *sim);
void sim_reset_debugfs_init(struct mss_sim *sim, struct dentry *dir);

/* power.c: the proxy power domains */
extern const char *const sim_pd_names[SIM_MAX_PDS];
int sim_pd_init(struct mss_sim *sim);
void sim_pd_exit(struct mss_sim *sim);
void sim_pd_debugfs_init(struct mss_sim *sim, struct dentry *dir);
bool sim_powered(struct mss_sim *sim);

/* clk.c: the MSS clocks */
extern const char *const sim_clk_names[SIM_NR_CLKS];
int sim_clk_init(struct mss_sim *sim);
void sim_clk_status(struct mss_sim *sim, struct seq_file *m);
void sim_clk_debugfs_init(struct mss_sim *sim, struct dentry *dir);

/* regulator.c: the MSS supplies */
int sim_reg_init(struct mss_sim *sim);
void sim_reg_status(struct mss_sim *sim, struct seq_file *m);
void sim_reg_debugfs_init(struct mss_sim *sim, struct dentry *dir);

/* doorbell.c: mailbox doorbells and SMEM state bits */
int sim_doorbell_init(struct mss_sim *sim);
void sim_doorbell_exit(struct mss_sim *sim);
unsigned long sim_doorbells_take(struct mss_sim *sim);
bool sim_smem_bit(struct mss_sim *sim, unsigned int bit);

/* aoss.c: the AOP side of the AOSS QMP */
int sim_aoss_init(struct mss_sim *sim);
bool sim_aoss_doorbell(struct mss_sim *sim, unsigned long bells);

/* debugfs.c: the debugfs root, status, counters and knob helpers */
void sim_debugfs_module_init(void);
void sim_debugfs_module_exit(void);
void sim_debugfs_init(struct mss_sim *sim);
void sim_debugfs_exit(struct mss_sim *sim);
int sim_get_arg(const char __user *ubuf, size_t count, char *buf,
		size_t size);
void sim_debugfs_s32(struct mss_sim *sim, struct dentry *dir,
		     const char *name, s32 *val);
void sim_fault_attr_off(struct fault_attr *attr);

#endif /* __MSS_SIM_H__ */
