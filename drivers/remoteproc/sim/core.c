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
 * than the 5 ms the thread needs.  (Q-channel handshakes, 50 us, would
 * need synchronous callbacks; no simulated flavour has them.)
 *
 * debugfs, /sys/kernel/debug/qcom_mss_sim/<device>/:
 *   state           off, idle, pbl, mba-auth, mba, mdata-ok, loading,
 *                   auth-wait, booting, running, stopped, crashed, failed
 *   status          flavour, resets, power domains, lines, regions, RMB
 *                   registers, halted ports, AOSS load_state
 *   last_mdata      addr, size, source (dedicated, mpss-window, legacy,
 *                   mba-region, unknown) and status of the last metadata
 *   counters/NAME   one u32 per event (struct sim_counters)
 *   fail_pbl, fail_mba, fail_mdata
 *                   0, or the (negative) status the PBL / MBA reports
 *                   instead of success at that stage
 *   hang            none, fsm, pbl, mba, mdata, load, auth: stop answering
 *                   in that phase (the driver's timeouts fire)
 *   ready_delay_ms  delay of the ready interrupt after AUTH_COMPLETE;
 *                   -1: never
 *   stop_ack        ack, none (ignore the stop request), wdog (answer it
 *                   with a watchdog bite)
 *   crash           write fatal or wdog: crash now (modem out of reset)
 *   crash_on        "none" or "<mba|mdata|load|running> <fatal|wdog>":
 *                   crash once when that phase is reached
 *   corrupt_read    "none", "mba [N]", "metadata [N]", "segment PHDR [N]":
 *                   flip a byte of what the modem reads, N times (default
 *                   1, -1 forever); the digest check then fails (-2)
 *   inject_irq      write a line name: raise it (latched lines only rise
 *                   again after a modem reset)
 */

#include <crypto/sha2.h>
#include <linux/bitmap.h>
#include <linux/bits.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/elf.h>
#include <linux/err.h>
#include <linux/firmware/qcom/qcom_scm.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/irqdomain.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/mailbox_controller.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/of_irq.h>
#include <linux/of_reserved_mem.h>
#include <linux/platform_device.h>
#include <linux/pm_domain.h>
#include <linux/reset-controller.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/soc/qcom/mdt_loader.h>
#include <linux/soc/qcom/smem_state.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "../qcom_q6v5_mss_regs.h"
#include "mss_sim.h"
#include "qcom_scm_sim.h"

#define Q6SS_RESET_DEFAULT	(Q6SS_STOP_CORE | Q6SS_CORE_ARES | \
				 Q6SS_BUS_ARES_ENABLE)
#define Q6SS_PWR_CTL_DEFAULT	(Q6SS_CLAMP_IO | QDSP6v56_CLAMP_WL | \
				 QDSP6v56_CLAMP_QMC_MEM)

#define SIM_FAST_NS		(30 * NSEC_PER_USEC)
#define SIM_MEDIUM_NS		(5 * NSEC_PER_MSEC)
#define SIM_RUNNING_NS		(20 * NSEC_PER_MSEC)
#define SIM_ACTIVE_WINDOW_MS	5000
#define SIM_STOP_ACK_DELAY_MS	1

static const char *const sim_state_names[SIM_NR_STATES] = {
	[SIM_OFF] = "off",
	[SIM_IDLE] = "idle",
	[SIM_PBL] = "pbl",
	[SIM_MBA_AUTH] = "mba-auth",
	[SIM_MBA] = "mba",
	[SIM_MDATA_OK] = "mdata-ok",
	[SIM_LOADING] = "loading",
	[SIM_AUTH_WAIT] = "auth-wait",
	[SIM_BOOTING] = "booting",
	[SIM_RUNNING] = "running",
	[SIM_STOPPED] = "stopped",
	[SIM_CRASHED] = "crashed",
	[SIM_FAILED] = "failed",
};

static const char *const sim_phase_names[SIM_NR_PHASES] = {
	[SIM_PH_NONE] = "none",
	[SIM_PH_FSM] = "fsm",
	[SIM_PH_PBL] = "pbl",
	[SIM_PH_MBA] = "mba",
	[SIM_PH_MDATA] = "mdata",
	[SIM_PH_LOAD] = "load",
	[SIM_PH_AUTH] = "auth",
	[SIM_PH_RUNNING] = "running",
};

static const char *const sim_stop_names[SIM_NR_STOP_MODES] = {
	[SIM_STOP_ACK] = "ack",
	[SIM_STOP_NONE] = "none",
	[SIM_STOP_WDOG] = "wdog",
};

#define SIM_COUNTER(name) { #name, offsetof(struct sim_counters, name) }

static const struct {
	const char *name;
	size_t offset;
} sim_counter_files[] = {
	SIM_COUNTER(resets),
	SIM_COUNTER(boots),
	SIM_COUNTER(fsm_starts),
	SIM_COUNTER(pbl_ok),
	SIM_COUNTER(pbl_fail),
	SIM_COUNTER(mba_ok),
	SIM_COUNTER(mba_fail),
	SIM_COUNTER(mdata_ok),
	SIM_COUNTER(mdata_fail),
	SIM_COUNTER(segments),
	SIM_COUNTER(auth_complete),
	SIM_COUNTER(auth_fail),
	SIM_COUNTER(handovers),
	SIM_COUNTER(readys),
	SIM_COUNTER(stop_requests),
	SIM_COUNTER(stop_acks),
	SIM_COUNTER(crashes),
	SIM_COUNTER(halts),
	SIM_COUNTER(xpu_denied),
	SIM_COUNTER(bus_errors),
	SIM_COUNTER(seq_errors),
	SIM_COUNTER(qmp_messages),
	SIM_COUNTER(doorbells),
	SIM_COUNTER(irqs_fired),
};

static struct dentry *sim_debugfs_root;

/* ------------------------------------------------------------------------
 * Small helpers
 */

void sim_kick(struct mss_sim *sim)
{
	atomic_set(&sim->kicked, 1);
	if (sim->task)
		wake_up_process(sim->task);
}

void sim_activity(struct mss_sim *sim)
{
	sim->active_until = ktime_add_ms(ktime_get(), SIM_ACTIVE_WINDOW_MS);
}

void sim_set_state(struct mss_sim *sim, enum sim_state state)
{
	if (sim->state != state)
		dev_dbg(sim->dev, "state %s -> %s\n",
			sim_state_names[sim->state], sim_state_names[state]);
	sim->state = state;
	sim_activity(sim);
}

void sim_seq_error(struct mss_sim *sim, const char *what)
{
	sim->cnt.seq_errors++;
	dev_err(sim->dev, "sequence error: %s\n", what);
}

void sim_free_boot(struct mss_sim *sim)
{
	kfree(sim->mdata);
	sim->mdata = NULL;
	sim->mdata_size = 0;
	memset(&sim->mdimg, 0, sizeof(sim->mdimg));
	kfree(sim->segs);
	sim->segs = NULL;
	sim->nr_segs = 0;
	sim->next_seg = 0;
	sim->reloc = false;
	sim->min_paddr = 0;
	sim->code_start = 0;
	sim->mba_addr = 0;
	sim->dp_addr = 0;
	sim->dp_len = 0;
}

/* Register values after a modem reset */
static void sim_regs_reset(struct mss_sim *sim)
{
	unsigned int i;

	for (i = 0; i < RMB_WINDOW_SIZE; i += 4)
		rmb_wr(sim, i, 0);

	if (sim->fl->boot_fsm) {
		q6_wr(sim, QDSP6SS_BOOT_CORE_START, 0);
		q6_wr(sim, QDSP6SS_BOOT_CMD, 0);
		q6_wr(sim, QDSP6SS_SLEEP, 0);
		q6_wr(sim, QDSP6SS_XO_CBCR, 0);
		q6_wr(sim, QDSP6SS_CORE_CBCR, 0);
	} else {
		q6_wr(sim, QDSP6SS_RESET_REG, Q6SS_RESET_DEFAULT);
		q6_wr(sim, QDSP6SS_PWR_CTL_REG, Q6SS_PWR_CTL_DEFAULT);
		q6_wr(sim, QDSP6SS_GFMUX_CTL_REG, 0);
		q6_wr(sim, QDSP6SS_XO_CBCR, 0);
		q6_wr(sim, QDSP6SS_MEM_PWR_CTL, 0);
	}

	sim_bus_reset(sim);
}

/* Called with @lock held: the modem is reset (and held if @hold) */
void sim_modem_reset(struct mss_sim *sim, bool hold)
{
	sim->cnt.resets++;
	sim_free_boot(sim);
	sim_regs_reset(sim);
	sim_lines_reset(sim);
	sim->bus_active = false;
	sim->stop_seen = false;
	sim->stop_ack_pending = false;
	sim->pending_crash = -1;
	sim_set_state(sim, hold ? SIM_OFF : SIM_IDLE);
}

/* ------------------------------------------------------------------------
 * The boot protocol (@lock held)
 */

bool sim_hang(struct mss_sim *sim, enum sim_phase phase)
{
	return sim->hang == phase;
}

/* crash_on: fire the chosen line when @phase is reached */
bool sim_crash_point(struct mss_sim *sim, enum sim_phase phase,
			    unsigned long *fire)
{
	if (sim->crash_on != phase)
		return false;
	sim->crash_on = SIM_PH_NONE;
	sim->cnt.crashes++;
	dev_info(sim->dev, "crashing in phase %s (%s)\n",
		 sim_phase_names[phase], sim_line_names[sim->crash_on_line]);
	*fire |= BIT(sim->crash_on_line);
	sim_set_state(sim, SIM_CRASHED);

	return true;
}

void sim_fail(struct mss_sim *sim, u32 reg, int status)
{
	rmb_wr(sim, reg, status);
	sim_set_state(sim, SIM_FAILED);
}

static void sim_step_booting(struct mss_sim *sim, unsigned long *fire)
{
	if (sim->ready_delay_ms < 0 || ktime_before(ktime_get(), sim->ready_at))
		return;

	sim->cnt.readys++;
	*fire |= BIT(SIM_IRQ_READY);
	sim_set_state(sim, SIM_RUNNING);
	sim_crash_point(sim, SIM_PH_RUNNING, fire);
}

/* The "stop" SMEM bit, asserted by qcom_q6v5_request_stop() */
static void sim_step_stop(struct mss_sim *sim, unsigned long *fire)
{
	if (!sim_smem_bit(sim, sim->stop_bit)) {
		sim->stop_seen = false;
		return;
	}
	if (!sim->stop_seen) {
		sim->stop_seen = true;
		sim->cnt.stop_requests++;
		if (sim->state == SIM_RUNNING) {
			sim->stop_ack_pending = true;
			sim->stop_ack_at = ktime_add_ms(ktime_get(),
							SIM_STOP_ACK_DELAY_MS);
		} else {
			dev_info(sim->dev, "stop requested in state %s, ignored\n",
				 sim_state_names[sim->state]);
		}
	}

	if (!sim->stop_ack_pending || ktime_before(ktime_get(), sim->stop_ack_at))
		return;
	sim->stop_ack_pending = false;
	if (sim->state != SIM_RUNNING)
		return;

	switch (sim->stop_mode) {
	case SIM_STOP_ACK:
		sim->cnt.stop_acks++;
		*fire |= BIT(SIM_IRQ_STOP_ACK);
		break;
	case SIM_STOP_WDOG:
		dev_info(sim->dev, "answering the stop request with a watchdog bite\n");
		*fire |= BIT(SIM_IRQ_WDOG);
		break;
	default:
		dev_info(sim->dev, "ignoring the stop request (fault hook)\n");
		break;
	}
	sim_set_state(sim, SIM_STOPPED);
}

/* One pass of the modem; returns how long to sleep (0: until an event) */
static u64 sim_step(struct mss_sim *sim, unsigned long *fire)
{
	bool active;
	unsigned long bells;
	ktime_t now;
	u64 sleep;

	bells = sim_doorbells_take(sim);

	mutex_lock(&sim->lock);

	sim->cnt.doorbells += hweight_long(bells);
	if (sim_aoss_doorbell(sim, bells))
		*fire |= BIT(SIM_IRQ_AOSS);

	if (sim->pending_crash >= 0) {
		*fire |= BIT(sim->pending_crash);
		sim->pending_crash = -1;
		sim->cnt.crashes++;
		if (sim->state != SIM_OFF)
			sim_set_state(sim, SIM_CRASHED);
	}

	if (sim->state != SIM_OFF)
		sim_bus_step_halts(sim);

	switch (sim->state) {
	case SIM_IDLE:
		if (sim_powered(sim))
			sim_step_idle(sim);
		break;
	case SIM_PBL:
		sim_step_pbl(sim);
		break;
	case SIM_MBA_AUTH:
		sim_step_mba_auth(sim, fire);
		break;
	case SIM_MBA:
		sim_step_mba(sim, fire);
		break;
	case SIM_MDATA_OK:
		sim_step_mdata_ok(sim);
		if (sim->state != SIM_LOADING)
			break;
		fallthrough;
	case SIM_LOADING:
		sim_step_loading(sim, fire);
		if (sim->state != SIM_AUTH_WAIT)
			break;
		fallthrough;
	case SIM_AUTH_WAIT:
		sim_step_auth_wait(sim, fire);
		if (sim->state != SIM_BOOTING)
			break;
		fallthrough;
	case SIM_BOOTING:
		sim_step_booting(sim, fire);
		break;
	default:
		break;
	}

	if (sim->state != SIM_OFF)
		sim_step_stop(sim, fire);

	/* How attentive to be until the next pass */
	now = ktime_get();
	active = ktime_before(now, sim->active_until);
	switch (sim->state) {
	case SIM_OFF:
		sleep = 0;
		break;
	case SIM_IDLE:
		if (!sim_powered(sim)) {
			sleep = 0;
			break;
		}
		fallthrough;
	case SIM_PBL:
	case SIM_MBA_AUTH:
	case SIM_MBA:
	case SIM_MDATA_OK:
	case SIM_LOADING:
	case SIM_AUTH_WAIT:
		sleep = active ? SIM_FAST_NS : SIM_MEDIUM_NS;
		break;
	case SIM_BOOTING:
		sleep = SIM_MEDIUM_NS;
		if (sim->ready_delay_ms >= 0)
			sleep = clamp_t(s64, ktime_to_ns(ktime_sub(sim->ready_at, now)),
					SIM_FAST_NS, SIM_MEDIUM_NS);
		break;
	case SIM_RUNNING:
		sleep = sim->stop_ack_pending ? SIM_FAST_NS : SIM_RUNNING_NS;
		break;
	default:
		sleep = SIM_MEDIUM_NS;
		break;
	}

	mutex_unlock(&sim->lock);

	return sleep;
}

static int sim_thread(void *data)
{
	struct mss_sim *sim = data;

	while (!kthread_should_stop()) {
		unsigned long fire = 0;
		ktime_t t;
		u64 ns;

		ns = sim_step(sim, &fire);
		if (fire)
			sim_fire(sim, fire);

		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop() || atomic_xchg(&sim->kicked, 0)) {
			__set_current_state(TASK_RUNNING);
			continue;
		}
		if (ns) {
			t = ns_to_ktime(ns);
			schedule_hrtimeout_range(&t, ns / 2, HRTIMER_MODE_REL);
		} else {
			schedule_timeout(HZ);
		}
		__set_current_state(TASK_RUNNING);
	}

	return 0;
}

/* ------------------------------------------------------------------------
 * debugfs
 */

static int sim_state_show(struct seq_file *m, void *unused)
{
	struct mss_sim *sim = m->private;

	mutex_lock(&sim->lock);
	seq_printf(m, "%s\n", sim_state_names[sim->state]);
	mutex_unlock(&sim->lock);

	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sim_state);

static int sim_status_show(struct seq_file *m, void *unused)
{
	struct mss_sim *sim = m->private;
	unsigned long flags, level, unmasked;
	bool pd_on[SIM_MAX_PDS];
	unsigned int i;
	u32 smem;

	spin_lock_irqsave(&sim->evlock, flags);
	level = sim->irq_level;
	unmasked = sim->irq_unmasked;
	memcpy(pd_on, sim->pd_on, sizeof(pd_on));
	smem = sim->smem_bits;
	spin_unlock_irqrestore(&sim->evlock, flags);

	mutex_lock(&sim->lock);
	seq_printf(m, "flavour: %s\n", sim->fl->name);
	seq_printf(m, "state: %s\n", sim_state_names[sim->state]);
	seq_printf(m, "mss_restart: %s\n",
		   sim->mss_asserted ? "asserted" : "deasserted");
	seq_printf(m, "pdc_reset: %s\n",
		   sim->pdc_asserted ? "asserted" : "deasserted");
	for (i = 0; i < sim->fl->nr_pds; i++)
		seq_printf(m, "pd %s: %s, performance state %u\n",
			   sim->fl->pd_names[i], pd_on[i] ? "on" : "off",
			   sim->pds[i].genpd.performance_state);
	for (i = 0; i < SIM_NR_IRQS; i++)
		seq_printf(m, "line %s: %s%s\n", sim_line_names[i],
			   test_bit(i, &level) ? "high" : "low",
			   test_bit(i, &unmasked) ? "" : ", masked");
	seq_printf(m, "smem state: %#x (stop bit %u)\n", smem, sim->stop_bit);
	for (i = 0; i < SIM_NR_REGIONS; i++)
		if (sim->region[i].present)
			seq_printf(m, "region %s: %pa+%#zx\n",
				   sim_region_names[i], &sim->region[i].base,
				   sim->region[i].size);
	seq_printf(m, "rmb: image %#x pbl %#x cmd %#x status %d mdata %#x code %#x+%#x mss_status %#x\n",
		   rmb_rd(sim, RMB_MBA_IMAGE_REG), rmb_rd(sim, RMB_PBL_STATUS_REG),
		   rmb_rd(sim, RMB_MBA_COMMAND_REG),
		   (s32)rmb_rd(sim, RMB_MBA_STATUS_REG),
		   rmb_rd(sim, RMB_PMI_META_DATA_REG),
		   rmb_rd(sim, RMB_PMI_CODE_START_REG),
		   rmb_rd(sim, RMB_PMI_CODE_LENGTH_REG),
		   rmb_rd(sim, RMB_MBA_MSS_STATUS));
	seq_printf(m, "segments: %u of %u authenticated\n", sim->next_seg,
		   sim->nr_segs);
	seq_printf(m, "axi ports halted: %#lx of %u\n", sim->ports_halted,
		   sim->nr_halt);
	if (sim->qmp)
		seq_printf(m, "aoss load_state: %s, last message: %s\n",
			   sim->qmp_load_state ? "on" : "off", sim->qmp_last);
	if (sim->dp_len)
		seq_printf(m, "debug policy: %#x+%#x\n", sim->dp_addr,
			   sim->dp_len);
	mutex_unlock(&sim->lock);

	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sim_status);

/* Copy a short user string, without the trailing newline */
int sim_get_arg(const char __user *ubuf, size_t count, char *buf,
		       size_t size)
{
	if (!count || count >= size)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	strim(buf);

	return 0;
}

static int sim_phase_parse(const char *s, enum sim_phase *phase)
{
	int i = match_string(sim_phase_names, SIM_NR_PHASES, s);

	if (i < 0)
		return -EINVAL;
	*phase = i;

	return 0;
}

static int sim_crash_line_parse(const char *s, enum sim_line *line)
{
	if (!strcmp(s, "fatal"))
		*line = SIM_IRQ_FATAL;
	else if (!strcmp(s, "wdog"))
		*line = SIM_IRQ_WDOG;
	else
		return -EINVAL;

	return 0;
}

static int sim_hang_show(struct seq_file *m, void *unused)
{
	struct mss_sim *sim = m->private;

	mutex_lock(&sim->lock);
	seq_printf(m, "%s\n", sim_phase_names[sim->hang]);
	mutex_unlock(&sim->lock);

	return 0;
}

static ssize_t sim_hang_write(struct file *file, const char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	struct mss_sim *sim = ((struct seq_file *)file->private_data)->private;
	enum sim_phase phase;
	char buf[16];
	int ret;

	ret = sim_get_arg(ubuf, count, buf, sizeof(buf));
	if (ret)
		return ret;
	if (sim_phase_parse(buf, &phase) || phase == SIM_PH_RUNNING)
		return -EINVAL;

	mutex_lock(&sim->lock);
	sim->hang = phase;
	mutex_unlock(&sim->lock);
	sim_kick(sim);

	return count;
}

static int sim_hang_open(struct inode *inode, struct file *file)
{
	return single_open(file, sim_hang_show, inode->i_private);
}

static const struct file_operations sim_hang_fops = {
	.owner = THIS_MODULE,
	.open = sim_hang_open,
	.read = seq_read,
	.write = sim_hang_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static int sim_stop_ack_show(struct seq_file *m, void *unused)
{
	struct mss_sim *sim = m->private;

	mutex_lock(&sim->lock);
	seq_printf(m, "%s\n", sim_stop_names[sim->stop_mode]);
	mutex_unlock(&sim->lock);

	return 0;
}

static ssize_t sim_stop_ack_write(struct file *file, const char __user *ubuf,
				  size_t count, loff_t *ppos)
{
	struct mss_sim *sim = ((struct seq_file *)file->private_data)->private;
	char buf[16];
	int ret, i;

	ret = sim_get_arg(ubuf, count, buf, sizeof(buf));
	if (ret)
		return ret;
	i = match_string(sim_stop_names, SIM_NR_STOP_MODES, buf);
	if (i < 0)
		return -EINVAL;

	mutex_lock(&sim->lock);
	sim->stop_mode = i;
	mutex_unlock(&sim->lock);

	return count;
}

static int sim_stop_ack_open(struct inode *inode, struct file *file)
{
	return single_open(file, sim_stop_ack_show, inode->i_private);
}

static const struct file_operations sim_stop_ack_fops = {
	.owner = THIS_MODULE,
	.open = sim_stop_ack_open,
	.read = seq_read,
	.write = sim_stop_ack_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static int sim_crash_on_show(struct seq_file *m, void *unused)
{
	struct mss_sim *sim = m->private;

	mutex_lock(&sim->lock);
	if (sim->crash_on == SIM_PH_NONE)
		seq_puts(m, "none\n");
	else
		seq_printf(m, "%s %s\n", sim_phase_names[sim->crash_on],
			   sim_line_names[sim->crash_on_line]);
	mutex_unlock(&sim->lock);

	return 0;
}

/* "none" or "<mba|mdata|load|running> <fatal|wdog>" */
static ssize_t sim_crash_on_write(struct file *file, const char __user *ubuf,
				  size_t count, loff_t *ppos)
{
	struct mss_sim *sim = ((struct seq_file *)file->private_data)->private;
	enum sim_line line = SIM_IRQ_FATAL;
	enum sim_phase phase;
	char buf[32], *kind;
	int ret;

	ret = sim_get_arg(ubuf, count, buf, sizeof(buf));
	if (ret)
		return ret;
	kind = strchr(buf, ' ');
	if (kind) {
		*kind++ = '\0';
		if (sim_crash_line_parse(skip_spaces(kind), &line))
			return -EINVAL;
	}
	if (sim_phase_parse(buf, &phase))
		return -EINVAL;
	if (phase != SIM_PH_NONE && phase != SIM_PH_MBA &&
	    phase != SIM_PH_MDATA && phase != SIM_PH_LOAD &&
	    phase != SIM_PH_RUNNING)
		return -EINVAL;

	mutex_lock(&sim->lock);
	sim->crash_on = phase;
	sim->crash_on_line = line;
	mutex_unlock(&sim->lock);

	return count;
}

static int sim_crash_on_open(struct inode *inode, struct file *file)
{
	return single_open(file, sim_crash_on_show, inode->i_private);
}

static const struct file_operations sim_crash_on_fops = {
	.owner = THIS_MODULE,
	.open = sim_crash_on_open,
	.read = seq_read,
	.write = sim_crash_on_write,
	.llseek = seq_lseek,
	.release = single_release,
};

/* "fatal" or "wdog": the modem crashes now (it must be out of reset) */
static ssize_t sim_crash_write(struct file *file, const char __user *ubuf,
			       size_t count, loff_t *ppos)
{
	struct mss_sim *sim = file->private_data;
	enum sim_line line;
	char buf[16];
	int ret;

	ret = sim_get_arg(ubuf, count, buf, sizeof(buf));
	if (ret)
		return ret;
	if (sim_crash_line_parse(buf, &line))
		return -EINVAL;

	mutex_lock(&sim->lock);
	if (sim->state == SIM_OFF) {
		ret = -EBUSY;
	} else {
		dev_info(sim->dev, "crash requested (%s) in state %s\n",
			 sim_line_names[line], sim_state_names[sim->state]);
		sim->pending_crash = line;
	}
	mutex_unlock(&sim->lock);
	sim_kick(sim);

	return ret ? ret : count;
}

static const struct file_operations sim_crash_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = sim_crash_write,
};

/* Signed integer hooks (fail_*, ready_delay_ms), under the lock */
static int sim_s32_get(void *data, u64 *val)
{
	struct sim_s32_hook *h = data;

	mutex_lock(&h->sim->lock);
	*val = (s64)*h->val;
	mutex_unlock(&h->sim->lock);

	return 0;
}

static int sim_s32_set(void *data, u64 val)
{
	struct sim_s32_hook *h = data;

	if ((s64)val < S32_MIN || (s64)val > S32_MAX)
		return -EINVAL;

	mutex_lock(&h->sim->lock);
	*h->val = (s32)val;
	mutex_unlock(&h->sim->lock);
	sim_kick(h->sim);

	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE_SIGNED(sim_s32_fops, sim_s32_get, sim_s32_set,
				"%lld\n");

/**
 * sim_debugfs_s32() - create a signed integer fault knob
 * @sim: the simulator, whose @lock protects @val
 * @dir: the directory
 * @name: the file name
 * @val: the value, a member of @sim
 *
 * A write kicks the modem thread.
 */
void sim_debugfs_s32(struct mss_sim *sim, struct dentry *dir,
		     const char *name, s32 *val)
{
	struct sim_s32_hook *h;

	if (WARN_ON(sim->nr_s32_hooks == ARRAY_SIZE(sim->s32_hooks)))
		return;
	h = &sim->s32_hooks[sim->nr_s32_hooks++];
	h->sim = sim;
	h->val = val;
	debugfs_create_file_unsafe(name, 0644, dir, h, &sim_s32_fops);
}

static void sim_debugfs_init(struct mss_sim *sim)
{
	struct dentry *d, *c;
	unsigned int i;

	d = debugfs_create_dir(dev_name(sim->dev), sim_debugfs_root);
	sim->dbg = d;

	debugfs_create_file("state", 0444, d, sim, &sim_state_fops);
	debugfs_create_file("status", 0444, d, sim, &sim_status_fops);
	sim_pbl_debugfs_init(sim, d);
	sim_mba_debugfs_init(sim, d);
	sim_debugfs_s32(sim, d, "ready_delay_ms", &sim->ready_delay_ms);
	debugfs_create_file("hang", 0644, d, sim, &sim_hang_fops);
	debugfs_create_file("stop_ack", 0644, d, sim, &sim_stop_ack_fops);
	debugfs_create_file("crash_on", 0644, d, sim, &sim_crash_on_fops);
	debugfs_create_file("crash", 0200, d, sim, &sim_crash_fops);
	sim_bus_debugfs_init(sim, d);
	sim_irq_debugfs_init(sim, d);

	c = debugfs_create_dir("counters", d);
	for (i = 0; i < ARRAY_SIZE(sim_counter_files); i++)
		debugfs_create_u32(sim_counter_files[i].name, 0444, c,
				   (u32 *)((u8 *)&sim->cnt +
					   sim_counter_files[i].offset));
}

/* ------------------------------------------------------------------------
 * Probe: find the MSS node this simulator serves and what it references
 */

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
		    !of_device_is_compatible(np, sim->fl->mss_compatible))
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

static void sim_put_mss(void *data)
{
	of_node_put(data);
}

static void sim_stop_thread(void *data)
{
	struct mss_sim *sim = data;

	kthread_stop(sim->task);
	put_task_struct(sim->task);
}

static void sim_remove_debugfs(void *data)
{
	debugfs_remove_recursive(data);
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
	sim->fl = of_device_get_match_data(dev);
	spin_lock_init(&sim->evlock);
	mutex_init(&sim->lock);
	sim->mss_asserted = true;
	sim->pending_crash = -1;
	sim->state = SIM_OFF;
	platform_set_drvdata(pdev, sim);

	sim->mss_np = sim_find_mss(sim, &sim->stop_bit);
	if (!sim->mss_np)
		return dev_err_probe(dev, -ENODEV,
				     "no %s node uses this simulator's stop state\n",
				     sim->fl->mss_compatible);
	ret = devm_add_action_or_reset(dev, sim_put_mss, sim->mss_np);
	if (ret)
		return ret;

	ret = sim_check_irqs(sim);
	if (ret)
		return ret;
	sim->qdsp6 = sim_map_named(sim, "qdsp6",
				   sim->fl->boot_fsm ? QDSP6SS_BOOT_CMD + 4 :
						       QDSP6SS_MEM_PWR_CTL + 4);
	sim->rmb = sim_map_named(sim, "rmb", RMB_WINDOW_SIZE);
	if (!sim->qdsp6 || !sim->rmb)
		return -EINVAL;
	ret = sim_bus_init(sim);
	if (ret)
		return ret;
	ret = sim_aoss_init(sim);
	if (ret)
		return ret;

	/* Power-on state: the modem is held in reset */
	sim_regs_reset(sim);

	ret = sim_irq_init(sim);
	if (ret)
		return ret;

	/* Stopped before the domain goes (it raises lines) */
	sim->task = kthread_create(sim_thread, sim, "mss_sim/%s",
				   sim->fl->name);
	if (IS_ERR(sim->task))
		return PTR_ERR(sim->task);
	get_task_struct(sim->task);
	ret = devm_add_action_or_reset(dev, sim_stop_thread, sim);
	if (ret)
		return ret;
	wake_up_process(sim->task);

	/* Everything below may kick the thread */
	ret = sim_reset_init(sim);
	if (ret)
		return ret;

	ret = sim_pd_init(sim);
	if (ret)
		return ret;

	ret = sim_doorbell_init(sim);
	if (ret)
		return ret;

	sim_debugfs_init(sim);
	ret = devm_add_action_or_reset(dev, sim_remove_debugfs, sim->dbg);
	if (ret)
		return ret;

	dev_info(dev, "simulated %s modem for %pOF (%s)\n", sim->fl->name,
		 sim->mss_np, sim->fl->protected ? "protected" : "unprotected");

	return 0;
}

static struct platform_driver mss_sim_driver = {
	.probe = mss_sim_probe,
	.driver = {
		.name = "qcom_mss_sim",
		.of_match_table = mss_sim_of_match,
	},
};

static int __init mss_sim_init(void)
{
	int ret;

	sim_debugfs_root = debugfs_create_dir("qcom_mss_sim", NULL);
	ret = platform_driver_register(&mss_sim_driver);
	if (ret)
		debugfs_remove_recursive(sim_debugfs_root);

	return ret;
}
module_init(mss_sim_init);

static void __exit mss_sim_exit(void)
{
	platform_driver_unregister(&mss_sim_driver);
	debugfs_remove_recursive(sim_debugfs_root);
}
module_exit(mss_sim_exit);

MODULE_DESCRIPTION("Simulated Qualcomm modem subsystem for the MSS test rig");
MODULE_LICENSE("GPL");
