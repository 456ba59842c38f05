/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Numbers shared by the simulated modem subsystem DTs and
 * drivers/remoteproc/sim/mss_sim.h (see linux,mss-sim.yaml).
 */
#ifndef __DTS_QCOM_MSS_SIM_H__
#define __DTS_QCOM_MSS_SIM_H__

/* Interrupt lines of the simulator (#interrupt-cells = <2>) */
#define MSS_SIM_IRQ_WDOG		0
#define MSS_SIM_IRQ_FATAL		1
#define MSS_SIM_IRQ_READY		2
#define MSS_SIM_IRQ_HANDOVER		3
#define MSS_SIM_IRQ_STOP_ACK		4
#define MSS_SIM_IRQ_SHUTDOWN_ACK	5
#define MSS_SIM_IRQ_AOSS		6
#define MSS_SIM_IRQ_EDGE		7

/* Reset lines (#reset-cells = <1>) */
#define MSS_SIM_RESET_MSS_RESTART	0
#define MSS_SIM_RESET_PDC		1

/* Proxy power domains (#power-domain-cells = <1>), in binding order */
#define MSS_SIM_PD_CX			0
#define MSS_SIM_PD_MX			1
#define MSS_SIM_PD_MSS			2

/* MSS clocks (#clock-cells = <1>) */
#define MSS_SIM_CLK_XO			0
#define MSS_SIM_CLK_IFACE		1
#define MSS_SIM_CLK_BUS			2
#define MSS_SIM_CLK_MEM			3
#define MSS_SIM_CLK_GPLL0_MSS		4
#define MSS_SIM_CLK_SNOC_AXI		5
#define MSS_SIM_CLK_MNOC_AXI		6
#define MSS_SIM_CLK_PRNG		7

/* Mailbox channels (#mbox-cells = <1>) */
#define MSS_SIM_MBOX_AOSS		0
#define MSS_SIM_MBOX_EDGE		12

/* SMEM state bits (#qcom,smem-state-cells = <1>) */
#define MSS_SIM_STATE_STOP		0

/*
 * Memory map of the simulated boards, inside QEMU virt's 1 GiB of RAM at
 * 0x40000000 (the kernel, the initramfs and the DTB sit low).
 */
#define MSS_SIM_MPSS_BASE		0x70000000
#define MSS_SIM_MPSS_SIZE		0x01000000	/* 16 MiB */
#define MSS_SIM_MBA_BASE		0x71000000
#define MSS_SIM_MBA_SIZE		0x00200000	/* 2 MiB */
#define MSS_SIM_MDATA_BASE		0x71200000
#define MSS_SIM_MDATA_SIZE		0x00004000	/* 16 KiB, as upstream */
#define MSS_SIM_MDATA_RANGE		0x00100000	/* alloc-ranges window */

/* No-map carveout holding every simulated register window */
#define MSS_SIM_MMIO_BASE		0x71400000
#define MSS_SIM_MMIO_SIZE		0x00080000
#define MSS_SIM_QDSP6_BASE		(MSS_SIM_MMIO_BASE + 0x00000)
#define MSS_SIM_RMB_BASE		(MSS_SIM_MMIO_BASE + 0x10000)
#define MSS_SIM_AOSS_BASE		(MSS_SIM_MMIO_BASE + 0x11000)
#define MSS_SIM_TCSR1_BASE		(MSS_SIM_MMIO_BASE + 0x40000)
#define MSS_SIM_TCSR2_BASE		(MSS_SIM_MMIO_BASE + 0x60000)
#define MSS_SIM_TCSR_SIZE		0x00020000

#endif
