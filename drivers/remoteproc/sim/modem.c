// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated Qualcomm modem subsystem: the modem's state machine and the
 * kernel thread that plays the modem.  Each pass of the thread answers the
 * doorbells, fires pending crashes, answers AXI halt requests, advances
 * the boot protocol one state (Q6 start, PBL, MBA, segments, handover,
 * ready) and watches the stop bit; it then sleeps ~30 us while a boot is
 * in progress, 5-20 ms while a halt or stop may come, and until an event
 * otherwise.  For 50 ms after an event that starts a power-up or a
 * teardown (sim_attend()) attendant threads, one per CPU, also answer
 * the handshakes and sample the power-up order without sleeping, and a
 * real-time ticker per CPU answers them once per tick.
 * Interrupts are raised after the pass, without @lock.
 * The
 * state file and the hang, stop_ack, crash_on, crash and ready_delay_ms
 * knobs act on this state machine.
 */

#include <kunit/visibility.h>
#include <linux/bitops.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/io.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../qcom_q6v5_mss_regs.h"
#include "mss_sim.h"
#include "qcom_scm_sim.h"

#define SIM_FAST_NS		(30 * NSEC_PER_USEC)
#define SIM_MEDIUM_NS		(5 * NSEC_PER_MSEC)
#define SIM_RUNNING_NS		(20 * NSEC_PER_MSEC)
#define SIM_ACTIVE_WINDOW_MS	5000
#define SIM_STOP_ACK_DELAY_MS	1

const char *const sim_state_names[SIM_NR_STATES] = {
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

/**
 * sim_kick() - wake the modem thread for an event
 * @sim: the simulator; any context
 */
void sim_kick(struct mss_sim *sim)
{
	atomic_set(&sim->kicked, 1);
	if (sim->task)
		wake_up_process(sim->task);
}

/**
 * sim_attend() - attend closely for a while: a power-up or teardown comes
 * @sim: the simulator; any context
 * @ms: for how long at most
 *
 * Called on the events that precede a power-up (the driver enabling the
 * handover interrupt in qcom_q6v5_prepare(), a proxy power domain going
 * on: %SIM_ATTEND_MS; mss_restart released: %SIM_ATTEND_IDLE_MS, as the
 * driver's memory assignments come before the Q6 power-up, 340 ms on the
 * first boot of the rig) or a teardown (an AXI halt request).  Until
 * then, or until the core starts or mss_restart is asserted
 * (sim_attend_end()), an attendant thread on every CPU answers the
 * handshakes and samples the power-up without sleeping:
 *
 * - the driver gives some handshakes less than a tick of the rig's kernel
 *   (sdm660's head switch 200 us, msm8226's external head switch and
 *   sc7280's Q-channels 50 us; there are no high-resolution timers), and
 *   sleeps while it waits until the next tick: the ticker of its CPU,
 *   woken by the same tick, answers before it reads again, and the
 *   attendant of its CPU runs in between;
 * - its power-up is a burst of writes with busy-wait delays and no sleep,
 *   on a kernel that is not preemptible: only an attendant running beside
 *   it, on another CPU, sees the steps in between, and only if the host
 *   runs that virtual CPU at that moment (q6ss.c).
 */
void sim_attend(struct mss_sim *sim, unsigned int ms)
{
	s64 until = ktime_get_ns() + (s64)ms * NSEC_PER_MSEC;
	s64 old = atomic64_read(&sim->attend_until);
	unsigned int i;

	/*
	 * The modem thread answers everything else (the boot FSM among it):
	 * wake it whether or not this flavour has attendants, or it sleeps
	 * on in an unpowered state for up to a second.
	 */
	if (!sim->nr_attendants) {
		sim_kick(sim);
		return;
	}
	/* Extend, never shorten, a window in progress */
	while (old < until &&
	       !atomic64_try_cmpxchg(&sim->attend_until, &old, until))
		;
	for (i = 0; i < sim->nr_attendants; i++)
		wake_up_process(sim->attendants[i]);
	sim_kick(sim);
}

/**
 * sim_attend_end() - the power-up or teardown is over
 * @sim: the simulator; any context
 */
void sim_attend_end(struct mss_sim *sim)
{
	atomic64_set(&sim->attend_until, 0);
}

static bool sim_attentive(struct mss_sim *sim)
{
	return ktime_get_ns() < atomic64_read(&sim->attend_until);
}

/*
 * The handshakes the driver polls for with short timeouts (ext.c, the
 * head switch acknowledgment of q6ss.c) and the power-up order checks:
 * every pass of the modem thread and the attendants' loops.  They only
 * touch register memory and the counters they own, under @hs_lock.
 */
static void sim_handshakes(struct mss_sim *sim, bool attendant)
{
	spin_lock(&sim->hs_lock);
	sim_fsm_handshake(sim);
	sim_ext_step(sim);
	/*
	 * The AXI halts too: the first one attends for the Q-channels of a
	 * teardown, and the driver gives each port 100 ms, which the modem
	 * thread alone cannot promise while the attendants spin.
	 */
	if (READ_ONCE(sim->state) != SIM_OFF)
		sim_bus_step_halts(sim);
	sim_q6_step(sim, attendant);
	sim->samples += attendant;
	spin_unlock(&sim->hs_lock);
}

/* An attendant: one per CPU, bound to it, busy while attentive */
static int sim_attendant(void *data)
{
	struct mss_sim *sim = data;

	while (!kthread_should_stop()) {
		if (sim_attentive(sim)) {
			sim_handshakes(sim, true);
			cond_resched();
			continue;
		}
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop() && !sim_attentive(sim))
			schedule();
		__set_current_state(TASK_RUNNING);
	}

	return 0;
}

/*
 * A ticker: one per CPU beside the attendant, real-time, one pass per
 * tick while attentive.  The driver's short waits sleep until the next
 * tick (no high-resolution timers), and an attendant switched in while
 * that tick is already due hands the CPU straight back (cond_resched()
 * loops while a reschedule is pending), which on a busy host is the rule
 * rather than the exception.  Woken by the same tick as the driver, the
 * ticker runs first: every read the driver makes after a sleep follows a
 * pass on its CPU, however little time the host gives that CPU.
 */
static int sim_ticker(void *data)
{
	struct mss_sim *sim = data;

	while (!kthread_should_stop()) {
		if (sim_attentive(sim)) {
			sim_handshakes(sim, true);
			schedule_timeout_interruptible(1);
			continue;
		}
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop() && !sim_attentive(sim))
			schedule();
		__set_current_state(TASK_RUNNING);
	}

	return 0;
}

static void sim_attendants_stop(struct mss_sim *sim)
{
	while (sim->nr_attendants) {
		struct task_struct *t = sim->attendants[--sim->nr_attendants];

		kthread_stop(t);
		put_task_struct(t);
	}
}

static int sim_attendant_start(struct mss_sim *sim,
			       int (*fn)(void *data), unsigned int cpu,
			       const char *name)
{
	struct task_struct *t;

	t = kthread_create_on_cpu(fn, sim, cpu, name);
	if (IS_ERR(t))
		return PTR_ERR(t);
	if (fn == sim_ticker)
		sched_set_fifo_low(t);
	get_task_struct(t);
	sim->attendants[sim->nr_attendants++] = t;
	wake_up_process(t);

	return 0;
}

static int sim_attendants_start(struct mss_sim *sim)
{
	unsigned int cpu;
	int ret;

	/*
	 * Every flavour has a short handshake to answer: a power-up to
	 * sample, a head switch or Q-channel acknowledgment, or the boot
	 * FSM, which the driver gives 10 ms (sim_fsm_handshake()).
	 */
	sim->attendants = devm_kcalloc(sim->dev, 2 * nr_cpu_ids,
				       sizeof(*sim->attendants), GFP_KERNEL);
	if (!sim->attendants)
		return -ENOMEM;
	for_each_online_cpu(cpu) {
		ret = sim_attendant_start(sim, sim_attendant, cpu,
					  "mss_sim_att/%u");
		if (!ret)
			ret = sim_attendant_start(sim, sim_ticker, cpu,
						  "mss_sim_tick/%u");
		if (ret) {
			sim_attendants_stop(sim);
			return ret;
		}
	}

	return 0;
}

/**
 * sim_activity() - poll fast for a while: the driver is talking to the modem
 * @sim: the simulator, @lock held
 */
void sim_activity(struct mss_sim *sim)
{
	sim->active_until = ktime_add_ms(ktime_get(), SIM_ACTIVE_WINDOW_MS);
}

/**
 * sim_set_state() - enter a state of the modem
 * @sim: the simulator, @lock held
 * @state: the new state
 */
void sim_set_state(struct mss_sim *sim, enum sim_state state)
{
	enum sim_state old = sim->state;

	if (old != state)
		dev_dbg(sim->dev, "state %s -> %s\n",
			sim_state_names[old], sim_state_names[state]);
	sim->state = state;
	if (state == SIM_MBA)
		sim->mba_ran = true;
	/* The Q6 runs its PBL: the power-up is over */
	if (state == SIM_PBL)
		sim_attend_end(sim);
	sim_activity(sim);

	/*
	 * TrustZone lets Linux take MPSS back only while an MBA runs: from
	 * its authentication until the Q6 is reset or restarts its PBL.
	 */
	if (state == SIM_MBA)
		qcom_scm_sim_set_mba_running(sim->scm_id, true);
	else if (state == SIM_OFF || state == SIM_IDLE || state == SIM_PBL)
		qcom_scm_sim_set_mba_running(sim->scm_id, false);

	/* The modem firmware writes its own segments once it runs */
	if (state == SIM_RUNNING && old != SIM_RUNNING)
		qcom_scm_sim_modem_unseal(sim->region[SIM_REG_MPSS].base,
					  sim->region[SIM_REG_MPSS].size);
}

/**
 * sim_seq_error() - count a driver sequence real hardware would not accept
 * @sim: the simulator, @lock held
 * @what: what the driver did
 */
void sim_seq_error(struct mss_sim *sim, const char *what)
{
	sim->cnt.seq_errors++;
	dev_err(sim->dev, "sequence error: %s\n", what);
}

const char *const sim_rule_names[SIM_NR_RULES] = {
	[SIM_RULE_NONE] = "none",
	[SIM_RULE_XO_BEFORE_BHS] = "head switch on with the XO clock off",
	[SIM_RULE_MEM_BEFORE_BHS] = "memories powered before the head switch",
	[SIM_RULE_LDO_BEFORE_BHS] = "LDO bypassed before the head switch settled",
	[SIM_RULE_BANK_ORDER] = "memory bank powered out of order",
	[SIM_RULE_ARES_CLAMPED] = "Q6 core reset released with the IO clamp on",
	[SIM_RULE_QCH_IN_RESET] = "Q-channel requested with the modem in reset",
	[SIM_RULE_QCH_CLK_OFF] = "Q-channel requested with the AXIM1 clock not forced on",
	[SIM_RULE_QCH_RSCC_OFF] = "Q-channel requested with RSCC disabled",
	[SIM_RULE_QCH_DOWN_RSCC_ON] = "Q-channel taken down with RSCC enabled after the MBA ran",
	[SIM_RULE_QCH_DOWN_BUSY] = "Q-channel taken down with the modem's AXI ports not halted",
};
EXPORT_SYMBOL_IF_KUNIT(sim_rule_names);

/**
 * sim_rule_broken() - record a broken sequence rule
 * @sim: the simulator; any context
 * @rule: the rule
 *
 * The next pass that holds @lock counts it (sim_rules_count()).
 */
void sim_rule_broken(struct mss_sim *sim, enum sim_rule rule)
{
	set_bit(rule, &sim->rules_pending);
}

/* Count the recorded rules as sequence errors, each once per boot */
static void sim_rules_count(struct mss_sim *sim)
{
	unsigned long pending = xchg(&sim->rules_pending, 0);
	unsigned int i;

	for_each_set_bit(i, &pending, SIM_NR_RULES) {
		if (test_and_set_bit(i, &sim->rules_broken))
			continue;
		sim_seq_error(sim, sim_rule_names[i]);
	}
}

/**
 * sim_free_boot() - forget the boot in progress (metadata, segments)
 * @sim: the simulator, @lock held
 */
void sim_free_boot(struct mss_sim *sim)
{
	kfree(sim->mdata);
	sim->mdata = NULL;
	sim->mdata_size = 0;
	memset(&sim->mdimg, 0, sizeof(sim->mdimg));
	kfree(sim->segs);
	sim->segs = NULL;
	sim->nr_segs = 0;
	sim->nr_extras = 0;
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

	sim_q6_regs_reset(sim);
	sim_bus_reset(sim);
}

/**
 * sim_modem_reset() - reset the modem
 * @sim: the simulator, @lock held
 * @hold: keep it in reset (mss_restart asserted) rather than pulse it
 */
void sim_modem_reset(struct mss_sim *sim, bool hold)
{
	sim->cnt.resets++;
	sim_free_boot(sim);
	write_seqcount_begin(&sim->regs_seq);
	sim_regs_reset(sim);
	write_seqcount_end(&sim->regs_seq);
	sim_ext_reset(sim);
	sim_lines_reset(sim);
	sim->bus_active = false;
	sim->mba_ran = false;
	sim_rules_count(sim);
	sim->rules_broken = 0;
	sim->stop_seen = false;
	sim->stop_ack_pending = false;
	sim->pending_crash = -1;
	sim_set_state(sim, hold ? SIM_OFF : SIM_IDLE);
}

/**
 * sim_hang() - does the hang knob stop the modem in this phase?
 * @sim: the simulator, @lock held
 * @phase: the phase the modem is in
 *
 * Return: true if the modem must not answer.
 */
bool sim_hang(struct mss_sim *sim, enum sim_phase phase)
{
	return sim->hang == phase;
}

/**
 * sim_crash_point() - crash here if the crash_on knob names this phase
 * @sim: the simulator, @lock held
 * @phase: the phase just reached
 * @fire: lines to raise after the pass; the crash line is added
 *
 * Return: true if the modem crashed.
 */
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

/**
 * sim_fail() - report a boot failure and wait for a reset
 * @sim: the simulator, @lock held
 * @reg: the RMB status register (PBL or MBA)
 * @status: the negative status
 */
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

	sim_rules_count(sim);
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

	sim_handshakes(sim, false);

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
		sim_bus_check_mem_setup(sim);
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
	sim_rules_count(sim);

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

static int sim_state_show(struct seq_file *m, void *unused)
{
	struct mss_sim *sim = m->private;

	mutex_lock(&sim->lock);
	seq_printf(m, "%s\n", sim_state_names[sim->state]);
	mutex_unlock(&sim->lock);

	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sim_state);

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

DEFINE_SHOW_STORE_ATTRIBUTE(sim_hang);

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

DEFINE_SHOW_STORE_ATTRIBUTE(sim_stop_ack);

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

DEFINE_SHOW_STORE_ATTRIBUTE(sim_crash_on);

/*
 * Reads the crash still waiting for the modem thread to raise its line,
 * or "none": a scenario waits for "none" to know the line has fired
 * before it goes on (a reset drops a crash that had not fired).
 */
static int sim_crash_show(struct seq_file *m, void *unused)
{
	struct mss_sim *sim = m->private;

	mutex_lock(&sim->lock);
	seq_printf(m, "%s\n", sim->pending_crash < 0 ? "none" :
		   sim_line_names[sim->pending_crash]);
	mutex_unlock(&sim->lock);

	return 0;
}

/* "fatal" or "wdog": the modem crashes now (it must be out of reset) */
static ssize_t sim_crash_write(struct file *file, const char __user *ubuf,
			       size_t count, loff_t *ppos)
{
	struct mss_sim *sim = ((struct seq_file *)file->private_data)->private;
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

DEFINE_SHOW_STORE_ATTRIBUTE(sim_crash);

/**
 * sim_modem_init() - put the modem in reset and start its thread
 * @sim: the simulator, with its irq domain (the thread raises lines)
 *
 * Return: 0 or a negative errno.
 */
int sim_modem_init(struct mss_sim *sim)
{
	int ret;

	/* Power-on state: the modem is held in reset */
	sim_regs_reset(sim);
	seqcount_mutex_init(&sim->regs_seq, &sim->lock);
	spin_lock_init(&sim->hs_lock);
	ret = sim_attendants_start(sim);
	if (ret)
		return ret;

	/* Stopped before the domain goes (it raises lines) */
	sim->task = kthread_create(sim_thread, sim, "mss_sim/%s",
				   sim->fl->name);
	if (IS_ERR(sim->task)) {
		sim_attendants_stop(sim);
		return PTR_ERR(sim->task);
	}
	get_task_struct(sim->task);
	wake_up_process(sim->task);

	return 0;
}

/**
 * sim_modem_exit() - stop the modem thread
 * @sim: the simulator
 */
void sim_modem_exit(struct mss_sim *sim)
{
	kthread_stop(sim->task);
	put_task_struct(sim->task);
	sim_attendants_stop(sim);
}

/**
 * sim_modem_debugfs_init() - create the state file and the modem's knobs
 * @sim: the simulator
 * @dir: its debugfs directory
 */
void sim_modem_debugfs_init(struct mss_sim *sim, struct dentry *dir)
{
	debugfs_create_file("state", 0444, dir, sim, &sim_state_fops);
	sim_debugfs_s32(sim, dir, "ready_delay_ms", &sim->ready_delay_ms);
	debugfs_create_file("hang", 0644, dir, sim, &sim_hang_fops);
	debugfs_create_file("stop_ack", 0644, dir, sim, &sim_stop_ack_fops);
	debugfs_create_file("crash_on", 0644, dir, sim, &sim_crash_on_fops);
	debugfs_create_file("crash", 0600, dir, sim, &sim_crash_fops);
}

