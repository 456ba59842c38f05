// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated Qualcomm modem subsystem (MSS) hardware for the qcom-mss QEMU
 * test rig, in the spirit of netdevsim and gpio-sim.
 *
 * One "linux,<soc>-mss-sim" DT node stands for everything a
 * "qcom,<soc>-mss-pil" node references on a real board, so that the
 * unmodified driver sequences run against it:
 *
 * - The QDSP6SS and RMB register windows (the MSS node's "qdsp6" and "rmb"
 *   reg), the AOSS QMP message RAM (the node qcom,qmp points to) and the
 *   TCSR halt/spare registers (the syscon qcom,halt-regs points to) are
 *   plain RAM in a no-map reserved-memory carveout: arm64 refuses to
 *   ioremap() RAM the kernel maps linearly.  The consumers map and request
 *   their windows as usual; the simulator maps the same physical ranges
 *   with ioremap() (same Device attributes) without requesting them.
 *
 * - A kernel thread plays the modem: it polls those registers and runs the
 *   boot protocol (Q6 reset or boot FSM, PBL, MBA authentication of the MBA
 *   image, metadata authentication, incremental segment authentication,
 *   AUTH_COMPLETE, ready/handover).  Memory plays no tricks, so the thread
 *   only sees register values, not individual writes; the protocol is built
 *   so that values suffice (write-1 triggers are consumed by clearing them).
 *   It polls every ~30 us while a boot is in progress (the driver allows the
 *   boot FSM 10 ms), every 5-20 ms while a halt or stop may come, and sleeps
 *   until an event otherwise.
 *
 * - Clock status bits that real hardware settles within microseconds are
 *   modelled as already settled: the CLKOFF bit (31) of the QDSP6SS sleep,
 *   XO and core CBCRs always reads 0.  The driver polls them with a 200 us
 *   timeout, which a polling thread in a TCG guest cannot meet, and the
 *   driver's read-modify-write would write a stale 1 back otherwise.  The
 *   simulator instead checks, when the core is started, that the driver
 *   did enable those clocks (CLKEN) and counts a sequence error if not.
 *
 * - Every read the modem makes of the MBA image, the metadata or a segment
 *   first goes through qcom_scm_sim_modem_access() (the XPU model of the
 *   simulated TrustZone), then must fall inside one of the MSS node's
 *   memory regions or entirely in linear-mapped RAM (the legacy DMA
 *   buffer); anything else is a bus error.  The modem never writes DDR.
 *
 * - The interrupts the MSS node uses (wdog, fatal, ready, handover,
 *   stop-ack, shutdown-ack), the AOSS doorbell interrupt and the SMD/G-Link
 *   edge interrupt come from an irq domain.  Lines are latched like SMP2P
 *   bits: a raise is an edge only if the line was low; a modem reset lowers
 *   them all.  The thread injects them with generic_handle_domain_irq_safe()
 *   without holding any lock, so handlers (which may call back into this
 *   driver, e.g. the handover handler dropping power-domain votes) run
 *   freely; the line level is reported through irq_get_irqchip_state().
 *
 * - The "stop" SMEM state (#qcom,smem-state-cells = <1>), the reset lines
 *   (mss_restart, pdc_reset; a reset resets the modem), the proxy power
 *   domains (genpd providers, per flavour), and a mailbox controller for
 *   the AOSS and edge doorbells.  The AOSS side of QMP is answered so the
 *   real qcom_aoss driver binds and load_state votes are acknowledged.
 *
 * Halt registers are answered by the thread, not by a regmap callback: the
 * TCSR syscon has its own reg in the carveout, so syscon creates an MMIO
 * regmap of it that lives in core kernel code.  syscon has no unregister,
 * and a regmap registered with of_syscon_register_regmap() would keep
 * pointing at this module's callbacks after rmmod; with the MMIO regmap the
 * module unloads safely.  The driver gives a halt request 100 ms, far more
 * than the 5 ms the thread needs.  Short handshakes (the head switch
 * acknowledgments) are answered by attendant threads while the driver
 * sleeps (sim_attend()).  sc7280's Q-channels and msm8226's external head
 * switch are the exception: the driver gives them 50 us, which no polling
 * thread meets reliably under TCG, so their syscon gets a regmap of the
 * simulator's and the module stays loaded once it registered it (ext.c).
 *
 * debugfs, /sys/kernel/debug/qcom_mss_sim/<device>/:
 *   state           off, idle, pbl, mba-auth, mba, mdata-ok, loading,
 *                   auth-wait, booting, running, stopped, crashed, failed
 *   status          flavour, resets, power domains, lines, regions, RMB
 *                   registers, halted ports, AOSS load_state, clocks
 *                   and supplies on
 *   last_mdata      addr, size, source (dedicated, mpss-window, legacy,
 *                   mba-region, unknown) and status of the last metadata
 *   counters/NAME   one u32 per event (struct sim_counters)
 *   fail_pbl, fail_mba, fail_mdata
 *                   0, or the (negative) status the PBL / MBA reports
 *                   instead of success at that stage
 *   fail_load       0, or the (negative) status the MBA reports on
 *                   LOAD_READY instead of taking the segments
 *   auth_at_end     1: the MBA checks no segment before RMB_PMI_CODE_LENGTH
 *                   covers them all (make bench: the load timed without
 *                   the checks on the guest's other CPU)
 *   hang            none, fsm, pbl, mba, mdata, load, auth: stop answering
 *                   in that phase (the driver's timeouts fire)
 *   ready_delay_ms  delay of the ready interrupt after AUTH_COMPLETE;
 *                   -1: never
 *   stop_ack        ack, none (ignore the stop request), wdog (answer it
 *                   with a watchdog bite)
 *   crash           write fatal or wdog: crash now (modem out of reset);
 *                   reads the crash not raised yet, or "none"
 *   crash_on        "none" or "<mba|mdata|load|running> <fatal|wdog>":
 *                   crash once when that phase is reached
 *   corrupt_read    "none", "mba [N]", "metadata [N]", "segment PHDR [N]",
 *                   "chain [N]": flip a byte of what the modem reads, N
 *                   times (default 1, -1 forever); the digest check (the
 *                   certificate chain check for "chain") then fails (-2)
 *   oem_pk_hash     the root key hash fuse: "none" (default), 64 hex
 *                   digits, or "firmware:NAME" (the SHA-256 of the root
 *                   certificate in firmware file NAME)
 *   mba_auth, modem_auth
 *                   what the PBL and the MBA found in the last MBA image
 *                   and modem metadata: hash segment version and digest,
 *                   certificate chain, signature, root, and every program
 *                   header with its load address and digest state
 *   halt_stuck      mask of AXI ports (qcom,halt-regs order) whose halt
 *                   request is never acknowledged
 *   cbcr_stuck      none, sleep (boot FSM), xo: that QDSP6SS clock branch
 *                   keeps CLKOFF set after a reset
 *   bhs_stuck       1: the head switch never sets BHS_EN_REST_ACK (sdm660)
 *   ext_bhs_stuck   1: the external head switch's status never follows its
 *                   enable bit (msm8226, ext.c)
 *   fail_power_on, fail_reset, fail_clk, fail_regulator
 *                   fault-injection attributes (probability, times, space,
 *                   verbose, ...: Documentation/fault-injection/): a proxy
 *                   power domain's power-on, an mss_restart assert,
 *                   deassert or pulse, an MSS clock's prepare, an MSS
 *                   supply's enable fails with -EIO.  Set verbose to 1 or
 *                   0: the default 2 dumps a stack, a complaint to the rig
 *   inject_irq      write a line name: raise it (latched lines only rise
 *                   again after a modem reset)
 *   qch_deny, qch_ignore, axim1_stuck
 *                   sc7280 (ext.c): deny the next N Q-channel takedowns,
 *                   leave the next N requests unanswered, keep the AXIM1
 *                   clock off
 *
 * The simulator is split by feature like netdevsim (mss_sim.h lists the
 * files); each feature defines its own knobs.  This file finds the MSS
 * node and maps its register windows; the probe then initialises the
 * features in order (irq domain, modem thread, resets, power domains, clocks,
 * supplies, doorbells, debugfs) and remove() undoes them in reverse.
 */

#include <linux/device.h>
#include <linux/err.h>
#include <linux/io.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/of_reserved_mem.h>
#include <linux/platform_device.h>
#include <linux/spinlock.h>

#include "../qcom_q6v5_mss_regs.h"
#include "mss_sim.h"

/* The MSS node whose "stop" state points to this simulator */
static struct device_node *sim_find_mss(struct mss_sim *sim, u32 *bit)
{
	struct device_node *np;

	for_each_node_with_property(np, "qcom,smem-states") {
		struct of_phandle_args args;
		int i;

		i = of_property_match_string(np, "qcom,smem-state-names",
					     "stop");
		if (i < 0)
			continue;
		if (of_parse_phandle_with_args(np, "qcom,smem-states",
					       "#qcom,smem-state-cells", i,
					       &args))
			continue;
		of_node_put(args.np);
		if (args.np != sim->dev->of_node || args.args_count != 1 ||
		    !sim_flavour_serves(sim->fl, np))
			continue;
		*bit = args.args[0];
		return np;	/* the iterator's reference is ours */
	}

	return NULL;
}

/* Is [start, start + size) inside the simulator's no-map carveout? */
static int sim_check_window(struct mss_sim *sim, phys_addr_t start,
			    size_t size, const char *what)
{
	struct device_node *np;
	struct reserved_mem *rmem;
	bool nomap;

	np = of_parse_phandle(sim->dev->of_node, "memory-region", 0);
	if (!np)
		return dev_err_probe(sim->dev, -EINVAL, "no memory-region\n");
	rmem = of_reserved_mem_lookup(np);
	nomap = of_property_read_bool(np, "no-map");
	of_node_put(np);
	if (!rmem || !nomap)
		return dev_err_probe(sim->dev, -EINVAL,
				     "memory-region is not a no-map reserved region\n");

	if (start < rmem->base || size > rmem->size ||
	    start - rmem->base > rmem->size - size)
		return dev_err_probe(sim->dev, -EINVAL,
				     "%s %pa+%#zx is outside the carveout %pa+%pa\n",
				     what, &start, size, &rmem->base,
				     &rmem->size);

	return 0;
}

/**
 * sim_map_window() - map a register window of the simulated hardware
 * @sim: the simulator
 * @start: physical address
 * @size: bytes
 * @what: the window's name in messages
 *
 * The window must lie in the simulator's no-map carveout: arm64 refuses to
 * ioremap() RAM the kernel maps linearly.  The consumer requests the same
 * range; the simulator maps it without requesting it.
 *
 * Return: the device-managed mapping, or NULL.
 */
void __iomem *sim_map_window(struct mss_sim *sim, phys_addr_t start,
			     size_t size, const char *what)
{
	void __iomem *p;

	if (sim_check_window(sim, start, size, what))
		return NULL;
	p = devm_ioremap(sim->dev, start, size);
	if (!p)
		dev_err(sim->dev, "cannot map %s\n", what);

	return p;
}

static void __iomem *sim_map_named(struct mss_sim *sim, const char *name,
				   size_t need)
{
	struct resource res;
	int i;

	i = of_property_match_string(sim->mss_np, "reg-names", name);
	if (i < 0 || of_address_to_resource(sim->mss_np, i, &res)) {
		dev_err(sim->dev, "%pOF has no \"%s\" reg\n", sim->mss_np,
			name);
		return NULL;
	}
	if (resource_size(&res) < need)
		dev_info(sim->dev, "%s window is %#llx bytes; mapping %#zx\n",
			 name, (u64)resource_size(&res), need);

	return sim_map_window(sim, res.start,
			      max_t(size_t, resource_size(&res), need), name);
}

static int mss_sim_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct mss_sim *sim;
	int ret;

	sim = devm_kzalloc(dev, sizeof(*sim), GFP_KERNEL);
	if (!sim)
		return -ENOMEM;
	sim->dev = dev;
	sim->fl = sim_flavour_get(dev);
	if (IS_ERR(sim->fl))
		return PTR_ERR(sim->fl);
	spin_lock_init(&sim->evlock);
	mutex_init(&sim->lock);
	sim->mss_asserted = true;
	sim->pending_crash = -1;
	sim->state = SIM_OFF;
	platform_set_drvdata(pdev, sim);

	sim->mss_np = sim_find_mss(sim, &sim->stop_bit);
	if (!sim->mss_np)
		return dev_err_probe(dev, -ENODEV,
				     "no %s MSS node uses this simulator's stop state\n",
				     sim->fl->name);

	/* What the MSS node references; all of it is mapped with devm */
	ret = sim_check_irqs(sim);
	if (ret)
		goto err_put_mss;
	sim->qdsp6 = sim_map_named(sim, "qdsp6",
				   sim_q6_window_size(sim->fl));
	sim->rmb = sim_map_named(sim, "rmb", RMB_WINDOW_SIZE);
	if (!sim->qdsp6 || !sim->rmb) {
		ret = -EINVAL;
		goto err_put_mss;
	}
	ret = sim_bus_init(sim);
	if (ret)
		goto err_put_mss;
	ret = sim_ext_init(sim);
	if (ret)
		goto err_ext;
	ret = sim_aoss_init(sim);
	if (ret)
		goto err_ext;

	ret = sim_irq_init(sim);
	if (ret)
		goto err_ext;
	/* The thread raises lines: it stops before the domain goes */
	ret = sim_modem_init(sim);
	if (ret)
		goto err_irq;

	/* Everything below may kick the thread */
	ret = sim_reset_init(sim);
	if (ret)
		goto err_modem;
	ret = sim_pd_init(sim);
	if (ret)
		goto err_reset;
	/* Device-managed: gone after remove() */
	ret = sim_clk_init(sim);
	if (ret)
		goto err_pd;
	ret = sim_reg_init(sim);
	if (ret)
		goto err_pd;
	ret = sim_doorbell_init(sim);
	if (ret)
		goto err_pd;
	/* Last: once the modem runs, the driver may probe against it */
	ret = sim_leftover_init(sim);
	if (ret)
		goto err_doorbell;
	sim_debugfs_init(sim);

	dev_info(dev, "simulated %s modem for %pOF (%s)\n", sim->fl->name,
		 sim->mss_np, sim->fl->protected ? "protected" : "unprotected");

	return 0;

err_doorbell:
	sim_doorbell_exit(sim);
err_pd:
	sim_pd_exit(sim);
err_reset:
	sim_reset_exit(sim);
err_modem:
	sim_modem_exit(sim);
err_irq:
	sim_irq_exit(sim);
err_ext:
	sim_ext_exit(sim);
	sim_bus_exit(sim);
err_put_mss:
	of_node_put(sim->mss_np);

	return ret;
}

/* The probe's steps undone in reverse order */
static void mss_sim_remove(struct platform_device *pdev)
{
	struct mss_sim *sim = platform_get_drvdata(pdev);

	sim_debugfs_exit(sim);
	sim_doorbell_exit(sim);
	sim_pd_exit(sim);
	sim_reset_exit(sim);
	sim_modem_exit(sim);
	sim_irq_exit(sim);
	sim_ext_exit(sim);
	sim_bus_exit(sim);
	of_node_put(sim->mss_np);
}

static struct platform_driver mss_sim_driver = {
	.probe = mss_sim_probe,
	.remove = mss_sim_remove,
	.driver = {
		.name = "qcom_mss_sim",
		.of_match_table = mss_sim_of_match,
	},
};

static int __init mss_sim_init(void)
{
	int ret;

	sim_debugfs_module_init();
	ret = platform_driver_register(&mss_sim_driver);
	if (ret)
		sim_debugfs_module_exit();

	return ret;
}
module_init(mss_sim_init);

static void __exit mss_sim_exit(void)
{
	platform_driver_unregister(&mss_sim_driver);
	sim_debugfs_module_exit();
}
module_exit(mss_sim_exit);

MODULE_DESCRIPTION("Simulated Qualcomm modem subsystem for the MSS test rig");
MODULE_LICENSE("GPL");
