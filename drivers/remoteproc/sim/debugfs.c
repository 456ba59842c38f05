// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated Qualcomm modem subsystem: debugfs.  Every simulated device has
 * a directory /sys/kernel/debug/qcom_mss_sim/<device>/ with its status,
 * one file per event counter under counters/, and the state and fault
 * knobs its features create (see core.c for the list).  This file holds
 * the root, the status and counters files, and the helpers the features'
 * knobs share.
 */

#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/io.h>
#include <linux/limits.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "../qcom_q6v5_mss_regs.h"
#include "mss_sim.h"

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
	SIM_COUNTER(mba_logs),
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
	SIM_COUNTER(bhs_acks),
	SIM_COUNTER(clamped_resets),
	SIM_COUNTER(partial_samples),
	SIM_COUNTER(ext_bhs_on),
	SIM_COUNTER(ext_bhs_refused),
	SIM_COUNTER(qch_accepts),
	SIM_COUNTER(qch_takedowns),
	SIM_COUNTER(qch_denials),
	SIM_COUNTER(mem_setups),
	SIM_COUNTER(qmp_messages),
	SIM_COUNTER(doorbells),
	SIM_COUNTER(irqs_fired),
	SIM_COUNTER(halt_refused),
	SIM_COUNTER(cbcr_refused),
	SIM_COUNTER(bhs_refused),
	SIM_COUNTER(pd_refused),
	SIM_COUNTER(reset_refused),
	SIM_COUNTER(clk_refused),
	SIM_COUNTER(reg_refused),
};

static struct dentry *sim_debugfs_root;

/**
 * sim_get_arg() - copy a short knob argument from user space
 * @ubuf: the user buffer
 * @count: its size
 * @buf: the destination
 * @size: its size
 *
 * Return: 0 with @buf holding the string without surrounding blanks, or
 * -EINVAL (empty or too long) or -EFAULT.
 */
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
 * sim_fault_attr_off() - a hardware fault attribute, off until armed
 * @attr: the attribute, before fault_create_debugfs_attr()
 *
 * Off (probability 0) until a scenario arms it, and verbose 1: a task's
 * fail-nth sweep reaches every attribute whatever its probability
 * (mss-failslab), and the default verbose 2 dumps a stack per failure,
 * which the rig counts as a kernel complaint.
 */
void sim_fault_attr_off(struct fault_attr *attr)
{
	*attr = (struct fault_attr)FAULT_ATTR_INITIALIZER;
	attr->verbose = 1;
}

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
	seq_printf(m, "flavour: %s (%s, default MBA %s)\n", sim->fl->name,
		   sim->fl->protected ? "protected" : "unprotected",
		   sim->fl->mba_image);
	seq_printf(m, "state: %s\n", sim_state_names[sim->state]);
	seq_printf(m, "mss_restart: %s\n",
		   sim->mss_asserted ? "asserted" : "deasserted");
	seq_printf(m, "pdc_reset: %s\n",
		   sim->pdc_asserted ? "asserted" : "deasserted");
	for_each_set_bit(i, &sim->fl->pd_mask, SIM_MAX_PDS)
		seq_printf(m, "pd %s: %s, performance state %u\n",
			   sim_pd_names[i], pd_on[i] ? "on" : "off",
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
	if (sim->ports_refused)
		seq_printf(m, "axi ports refused: %#lx\n", sim->ports_refused);
	if (sim->qmp)
		seq_printf(m, "aoss load_state: %s, last message: %s\n",
			   sim->qmp_load_state ? "on" : "off", sim->qmp_last);
	if (sim->dp_len)
		seq_printf(m, "debug policy: %#x+%#x\n", sim->dp_addr,
			   sim->dp_len);
	sim_ext_status(sim, m);
	sim_clk_status(sim, m);
	sim_reg_status(sim, m);
	if (sim->q6_started)
		seq_printf(m, "q6 at start: reset %#x pwr %#x mem %#x xo %#x bhs %#x acc %#x\n",
			   sim->q6_at_start.reset, sim->q6_at_start.pwr,
			   sim->q6_at_start.mem, sim->q6_at_start.xo,
			   sim->q6_at_start.bhs, sim->q6_at_start.acc);
	seq_printf(m, "attendants: %u, %llu passes\n", sim->nr_attendants,
		   READ_ONCE(sim->samples));
	mutex_unlock(&sim->lock);

	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sim_status);

/**
 * sim_debugfs_init() - create the simulator's debugfs directory
 * @sim: the simulator, every feature initialised
 *
 * Each feature creates its own files in the directory.  As everywhere in
 * debugfs, failures are not errors: the simulator works without its files.
 */
void sim_debugfs_init(struct mss_sim *sim)
{
	struct dentry *d, *c;
	unsigned int i;

	d = debugfs_create_dir(dev_name(sim->dev), sim_debugfs_root);
	sim->dbg = d;

	debugfs_create_file("status", 0444, d, sim, &sim_status_fops);
	sim_modem_debugfs_init(sim, d);
	sim_pbl_debugfs_init(sim, d);
	sim_mba_debugfs_init(sim, d);
	sim_image_debugfs_init(sim, d);
	sim_bus_debugfs_init(sim, d);
	sim_q6_debugfs_init(sim, d);
	sim_reset_debugfs_init(sim, d);
	sim_pd_debugfs_init(sim, d);
	sim_clk_debugfs_init(sim, d);
	sim_reg_debugfs_init(sim, d);
	sim_irq_debugfs_init(sim, d);
	sim_ext_debugfs_init(sim, d);

	c = debugfs_create_dir("counters", d);
	for (i = 0; i < ARRAY_SIZE(sim_counter_files); i++)
		debugfs_create_u32(sim_counter_files[i].name, 0444, c,
				   (u32 *)((u8 *)&sim->cnt +
					   sim_counter_files[i].offset));
}

/**
 * sim_debugfs_exit() - remove the simulator's debugfs directory
 * @sim: the simulator
 */
void sim_debugfs_exit(struct mss_sim *sim)
{
	debugfs_remove_recursive(sim->dbg);
}

/**
 * sim_debugfs_module_init() - create the /sys/kernel/debug/qcom_mss_sim root
 */
void sim_debugfs_module_init(void)
{
	sim_debugfs_root = debugfs_create_dir("qcom_mss_sim", NULL);
}

/**
 * sim_debugfs_module_exit() - remove the debugfs root
 */
void sim_debugfs_module_exit(void)
{
	debugfs_remove_recursive(sim_debugfs_root);
}

