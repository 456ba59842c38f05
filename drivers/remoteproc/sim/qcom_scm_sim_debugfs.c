// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated TrustZone: /sys/kernel/debug/qcom_scm_sim/.
 *
 * State: ledger, sealed, mem_setup, outstanding, watch (the mapping
 * watch), modem (registered modems).  Counters (write 0 to reset):
 * violations, tz_faults, rules/<rule>, assign_calls, assign_failures.
 * Fault hooks: fail_assign/ and fail_mem_setup/ (the kernel's fault
 * injection attributes, Documentation/fault-injection/), fail_assign_errno.
 *
 * Commands for tests, so that every rule can be made to fire without the
 * MSS driver:
 *   assign   "ADDR SIZE SRC_BITMAP VMID [VMID...]": qcom_scm_assign_mem()
 *   check    "ADDR SIZE [PROTECTED]": qcom_scm_sim_modem_access()
 *   corrupt  "ADDR": flip a byte behind TrustZone's back
 *   modem    "register BASE SIZE", "unregister", "mba 0|1",
 *            "unseal ADDR SIZE": a modem of debugfs's own
 *   cpu_map  "map ADDR SIZE wc|wb|ioremap|vmap": a CPU mapping that is not
 *            exempt (kept until "unmap", which drops them all)
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "qcom_scm_sim_priv.h"

#define SIM_MAX_DEST	8	/* destination VMIDs of the assign command */
#define SIM_CMD_MAX	160	/* longest command */
#define SIM_CMD_WORDS	12
#define SIM_ROGUE_MAX	SZ_64M	/* largest cpu_map mapping */

static struct dentry *sim_debugfs;

/* Copy a command from user space and split it into words */
static int sim_split_cmd(const char __user *ubuf, size_t count, char **buf,
			 char **argv)
{
	char *p, *tok;
	int n = 0;

	if (!count || count > SIM_CMD_MAX)
		return -EINVAL;
	*buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(*buf))
		return PTR_ERR(*buf);

	p = strim(*buf);
	while ((tok = strsep(&p, " \t\n")) != NULL) {
		if (!*tok)
			continue;
		if (n == SIM_CMD_WORDS) {
			kfree(*buf);
			return -EINVAL;
		}
		argv[n++] = tok;
	}

	return n;
}

/* A command of numbers only; returns how many */
static int sim_parse_cmd(const char __user *ubuf, size_t count, u64 *val,
			 int max)
{
	char *argv[SIM_CMD_WORDS];
	char *buf;
	int n, i, ret = 0;

	n = sim_split_cmd(ubuf, count, &buf, argv);
	if (n < 0)
		return n;
	if (n > max)
		ret = -EINVAL;
	for (i = 0; !ret && i < n; i++)
		ret = kstrtoull(argv[i], 0, &val[i]);
	kfree(buf);

	return ret ?: n;
}

/* Physical range from two words */
static int sim_parse_range(char *a, char *s, phys_addr_t *addr, size_t *size)
{
	u64 v0, v1;

	if (kstrtoull(a, 0, &v0) || kstrtoull(s, 0, &v1) ||
	    v0 != (phys_addr_t)v0 || v1 != (size_t)v1 ||
	    !sim_range_ok(v0, v1))
		return -EINVAL;
	*addr = v0;
	*size = v1;

	return 0;
}

static int ledger_show(struct seq_file *m, void *unused)
{
	struct sim_range *r;

	mutex_lock(&sim_lock);
	list_for_each_entry(r, &sim_ledger.ranges, node)
		seq_printf(m, "%#llx %#llx %#llx\n", (u64)r->start,
			   (u64)r->end, r->owners);
	mutex_unlock(&sim_lock);

	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ledger);

static int sealed_show(struct seq_file *m, void *unused)
{
	struct sim_seal *s;

	mutex_lock(&sim_lock);
	list_for_each_entry(s, &sim_ledger.seals, node)
		seq_printf(m, "%#llx %#llx\n", (u64)s->start,
			   (u64)sim_seal_end(s));
	mutex_unlock(&sim_lock);

	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sealed);

static int mem_setup_show(struct seq_file *m, void *unused)
{
	struct sim_setup *s;

	mutex_lock(&sim_lock);
	list_for_each_entry(s, &sim_setups, node)
		seq_printf(m, "%u %#llx %#llx\n", s->pas_id, (u64)s->addr,
			   (u64)s->size);
	mutex_unlock(&sim_lock);

	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mem_setup);

static int watch_show(struct seq_file *m, void *unused)
{
	sim_watch_show(m);

	return 0;
}
DEFINE_SHOW_ATTRIBUTE(watch);

static int outstanding_get(void *data, u64 *val)
{
	mutex_lock(&sim_lock);
	*val = sim_ledger_outstanding(&sim_ledger);
	mutex_unlock(&sim_lock);

	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(outstanding_fops, outstanding_get, NULL, "%llu\n");

/* Counters read under the lock; writing 0 resets them */
static int counter_get(void *data, u64 *val)
{
	mutex_lock(&sim_lock);
	*val = *(u64 *)data;
	mutex_unlock(&sim_lock);

	return 0;
}

static int counter_set(void *data, u64 val)
{
	if (val)
		return -EINVAL;
	mutex_lock(&sim_lock);
	*(u64 *)data = 0;
	mutex_unlock(&sim_lock);

	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(counter_fops, counter_get, counter_set, "%llu\n");

/* The rule counters, bumped from kprobe handlers too */
static int sim_atomic_get(void *data, u64 *val)
{
	*val = atomic64_read(data);

	return 0;
}

static int sim_atomic_set(void *data, u64 val)
{
	if (val)
		return -EINVAL;
	atomic64_set(data, 0);

	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(atomic_fops, sim_atomic_get, sim_atomic_set, "%llu\n");

static int knob_get(void *data, u64 *val)
{
	mutex_lock(&sim_lock);
	*val = *(u32 *)data;
	mutex_unlock(&sim_lock);

	return 0;
}

static int knob_set(void *data, u64 val)
{
	if (val > U32_MAX)
		return -EINVAL;
	if (data == &sim_fail_errno && (!val || val > MAX_ERRNO))
		return -EINVAL;
	mutex_lock(&sim_lock);
	*(u32 *)data = val;
	mutex_unlock(&sim_lock);

	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(knob_fops, knob_get, knob_set, "%llu\n");

/*
 * A fault attribute armed but idle: every call it sees fails once
 * "times" is set (probability 100), and quietly: the failing call logs
 * its own line, and a stack dump would fail the boot in the host parser.
 */
static void sim_fault_attr_init(struct fault_attr *attr, const char *name,
				struct dentry *parent)
{
	attr->probability = 100;
	atomic_set(&attr->times, 0);
	attr->verbose = 0;
	fault_create_debugfs_attr(name, parent, attr);
}

/* "ADDR SIZE SRC_BITMAP VMID [VMID...]": one qcom_scm_assign_mem() call */
static ssize_t assign_write(struct file *file, const char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	struct qcom_scm_vmperm perm[SIM_MAX_DEST];
	u64 val[3 + SIM_MAX_DEST];
	u64 src;
	int n, i, ret;

	n = sim_parse_cmd(ubuf, count, val, ARRAY_SIZE(val));
	if (n < 0)
		return n;
	if (n < 4)
		return -EINVAL;
	for (i = 3; i < n; i++) {
		if (val[i] >= BITS_PER_TYPE(u64))
			return -EINVAL;
		perm[i - 3].vmid = val[i];
		perm[i - 3].perm = val[i] == QCOM_SCM_VMID_HLOS ?
				   QCOM_SCM_PERM_RWX : QCOM_SCM_PERM_RW;
	}
	if (val[0] != (phys_addr_t)val[0] || val[1] != (size_t)val[1])
		return -EINVAL;
	src = val[2];
	ret = qcom_scm_assign_mem(val[0], val[1], &src, perm, n - 3);

	return ret ? ret : count;
}

static const struct file_operations assign_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = assign_write,
	.llseek = noop_llseek,
};

/* "ADDR SIZE [PROTECTED]": one qcom_scm_sim_modem_access() call */
static ssize_t check_write(struct file *file, const char __user *ubuf,
			   size_t count, loff_t *ppos)
{
	u64 val[3] = { 0, 0, 0 };
	int n, ret;

	n = sim_parse_cmd(ubuf, count, val, ARRAY_SIZE(val));
	if (n < 0)
		return n;
	if (n < 2 || val[2] > 1)
		return -EINVAL;
	if (val[0] != (phys_addr_t)val[0] || val[1] != (size_t)val[1])
		return -EINVAL;
	ret = sim_modem_check(val[0], val[1], val[2], "debugfs check", false);

	return ret ? ret : count;
}

static const struct file_operations check_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = check_write,
	.llseek = noop_llseek,
};

/*
 * "ADDR": flip (XOR 0xff) the byte at physical ADDR behind TrustZone's back,
 * as a dirty cache line written back over protected memory would.  Only
 * no-map reserved memory; seals are not updated.  The write goes through
 * TrustZone's own mapping: it stands for a write-back, not for a mapping.
 */
static ssize_t corrupt_write(struct file *file, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	phys_addr_t addr, page;
	u64 val;
	u8 *va;
	int n;

	n = sim_parse_cmd(ubuf, count, &val, 1);
	if (n < 0)
		return n;
	if (n != 1 || val != (phys_addr_t)val)
		return -EINVAL;
	addr = val;
	page = ALIGN_DOWN(addr, SIM_GRANULE);

	mutex_lock(&sim_lock);
	if (!sim_tz_readable(page)) {
		mutex_unlock(&sim_lock);
		return -EINVAL;
	}
	va = qcom_scm_sim_bus_map(page, SIM_GRANULE, false);
	if (va) {
		va[addr - page] ^= 0xff;
		qcom_scm_sim_bus_unmap(va);
	}
	mutex_unlock(&sim_lock);
	if (!va)
		return -ENOMEM;
	pr_info("corrupted the byte at %pa (fault hook)\n", &addr);

	return count;
}

static const struct file_operations corrupt_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = corrupt_write,
	.llseek = noop_llseek,
};

/* "register BASE SIZE", "unregister", "mba 0|1", "unseal ADDR SIZE" */
static ssize_t modem_write(struct file *file, const char __user *ubuf,
			   size_t count, loff_t *ppos)
{
	char *argv[SIM_CMD_WORDS];
	phys_addr_t addr;
	size_t size;
	bool running;
	char *buf;
	int n, ret = -EINVAL;

	n = sim_split_cmd(ubuf, count, &buf, argv);
	if (n < 0)
		return n;

	if (n == 3 && !strcmp(argv[0], "register")) {
		ret = sim_parse_range(argv[1], argv[2], &addr, &size);
		if (!ret)
			ret = sim_rules_debugfs_register(addr, size);
	} else if (n == 1 && !strcmp(argv[0], "unregister")) {
		sim_rules_debugfs_unregister();
		ret = 0;
	} else if (n == 2 && !strcmp(argv[0], "mba")) {
		ret = kstrtobool(argv[1], &running);
		if (!ret)
			sim_rules_debugfs_mba(running);
	} else if (n == 3 && !strcmp(argv[0], "unseal")) {
		ret = sim_parse_range(argv[1], argv[2], &addr, &size);
		if (!ret)
			ret = qcom_scm_sim_modem_unseal(addr, size);
	}
	kfree(buf);

	return ret ? ret : count;
}

static int modem_show(struct seq_file *m, void *unused)
{
	sim_rules_show_modems(m);

	return 0;
}

DEFINE_SHOW_STORE_ATTRIBUTE(modem);

/* ------------------------------------------------------------------------
 * cpu_map: CPU mappings nobody exempted, as a buggy driver would make
 */

enum sim_rogue_kind { SIM_ROGUE_WC, SIM_ROGUE_WB, SIM_ROGUE_IOREMAP,
		      SIM_ROGUE_VMAP };

static const char * const sim_rogue_names[] = {
	[SIM_ROGUE_WC] = "wc",
	[SIM_ROGUE_WB] = "wb",
	[SIM_ROGUE_IOREMAP] = "ioremap",
	[SIM_ROGUE_VMAP] = "vmap",
};

/**
 * struct sim_rogue - a mapping made through debugfs cpu_map
 * @node: in sim_rogues
 * @kind: how it was made
 * @addr: first byte mapped
 * @size: number of bytes
 * @va: the mapping (wc, wb, vmap)
 * @io: the mapping (ioremap)
 * @pages: the pages given to vmap()
 */
struct sim_rogue {
	struct list_head node;
	enum sim_rogue_kind kind;
	phys_addr_t addr;
	size_t size;
	void *va;
	void __iomem *io;
	struct page **pages;
};

static LIST_HEAD(sim_rogues);
static DEFINE_MUTEX(sim_rogue_lock);

static int sim_rogue_map(struct sim_rogue *r)
{
	unsigned long pfn = PHYS_PFN(r->addr);
	unsigned long n = PHYS_PFN(r->addr + r->size - 1) - pfn + 1;
	unsigned long i;

	/* arm64 refuses (and WARNs) to ioremap what it maps linearly */
	for (i = 0; i < n; i++)
		if (r->kind == SIM_ROGUE_VMAP ? !pfn_valid(pfn + i) :
						pfn_is_map_memory(pfn + i))
			return -EINVAL;

	switch (r->kind) {
	case SIM_ROGUE_WC:
		r->va = memremap(r->addr, r->size, MEMREMAP_WC);
		return r->va ? 0 : -ENOMEM;
	case SIM_ROGUE_WB:
		r->va = memremap(r->addr, r->size, MEMREMAP_WB);
		return r->va ? 0 : -ENOMEM;
	case SIM_ROGUE_IOREMAP:
		r->io = ioremap(r->addr, r->size);
		return r->io ? 0 : -ENOMEM;
	case SIM_ROGUE_VMAP:
		r->pages = kvmalloc_array(n, sizeof(*r->pages), GFP_KERNEL);
		if (!r->pages)
			return -ENOMEM;
		for (i = 0; i < n; i++)
			r->pages[i] = pfn_to_page(pfn + i);
		r->va = vmap(r->pages, n, VM_MAP, PAGE_KERNEL);
		if (!r->va) {
			kvfree(r->pages);
			return -ENOMEM;
		}
		return 0;
	}

	return -EINVAL;
}

static void sim_rogue_unmap(struct sim_rogue *r)
{
	switch (r->kind) {
	case SIM_ROGUE_WC:
	case SIM_ROGUE_WB:
		memunmap(r->va);
		break;
	case SIM_ROGUE_IOREMAP:
		iounmap(r->io);
		break;
	case SIM_ROGUE_VMAP:
		vunmap(r->va);
		kvfree(r->pages);
		break;
	}
	kfree(r);
}

static void sim_rogue_unmap_all(void)
{
	struct sim_rogue *r, *tmp;

	mutex_lock(&sim_rogue_lock);
	list_for_each_entry_safe(r, tmp, &sim_rogues, node) {
		list_del(&r->node);
		sim_rogue_unmap(r);
	}
	mutex_unlock(&sim_rogue_lock);
}

/* "map ADDR SIZE wc|wb|ioremap|vmap", "unmap" */
static ssize_t cpu_map_write(struct file *file, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	char *argv[SIM_CMD_WORDS];
	struct sim_rogue *r;
	char *buf;
	int n, ret = -EINVAL;

	n = sim_split_cmd(ubuf, count, &buf, argv);
	if (n < 0)
		return n;

	if (n == 1 && !strcmp(argv[0], "unmap")) {
		sim_rogue_unmap_all();
		ret = 0;
	} else if (n == 4 && !strcmp(argv[0], "map")) {
		r = kzalloc_obj(*r);
		ret = -ENOMEM;
		if (!r)
			goto out;
		ret = sim_parse_range(argv[1], argv[2], &r->addr, &r->size);
		if (!ret && r->size > SIM_ROGUE_MAX)
			ret = -EINVAL;
		if (!ret)
			ret = match_string(sim_rogue_names,
					   ARRAY_SIZE(sim_rogue_names), argv[3]);
		if (ret >= 0) {
			r->kind = ret;
			ret = sim_rogue_map(r);
		}
		if (ret) {
			kfree(r);
			goto out;
		}
		pr_info("cpu_map: %s mapping of [%pa+%#zx) (test hook)\n",
			sim_rogue_names[r->kind], &r->addr, r->size);
		mutex_lock(&sim_rogue_lock);
		list_add_tail(&r->node, &sim_rogues);
		mutex_unlock(&sim_rogue_lock);
	}
out:
	kfree(buf);

	return ret ? ret : count;
}

static int cpu_map_show(struct seq_file *m, void *unused)
{
	struct sim_rogue *r;

	mutex_lock(&sim_rogue_lock);
	list_for_each_entry(r, &sim_rogues, node)
		seq_printf(m, "%s %#llx %#zx\n", sim_rogue_names[r->kind],
			   (u64)r->addr, r->size);
	mutex_unlock(&sim_rogue_lock);

	return 0;
}

DEFINE_SHOW_STORE_ATTRIBUTE(cpu_map);

/**
 * sim_debugfs_init() - create /sys/kernel/debug/qcom_scm_sim/
 */
void sim_debugfs_init(void)
{
	struct dentry *d = debugfs_create_dir("qcom_scm_sim", NULL);
	struct dentry *rules = debugfs_create_dir("rules", d);
	unsigned int i;

	sim_debugfs = d;
	debugfs_create_file("ledger", 0444, d, NULL, &ledger_fops);
	debugfs_create_file("sealed", 0444, d, NULL, &sealed_fops);
	debugfs_create_file("mem_setup", 0444, d, NULL, &mem_setup_fops);
	debugfs_create_file("watch", 0444, d, NULL, &watch_fops);
	debugfs_create_file_unsafe("outstanding", 0444, d, NULL,
				   &outstanding_fops);
	debugfs_create_file_unsafe("violations", 0644, d, &sim_violations,
				   &atomic_fops);
	debugfs_create_file_unsafe("tz_faults", 0644, d, &sim_tz_faults,
				   &atomic_fops);
	for (i = 0; i < SIM_NR_RULES; i++)
		debugfs_create_file_unsafe(sim_rule_name(i), 0644, rules,
					   &sim_rule_count[i], &atomic_fops);
	debugfs_create_file_unsafe("assign_calls", 0644, d, &sim_assign_calls,
				   &counter_fops);
	debugfs_create_file_unsafe("assign_failures", 0644, d,
				   &sim_assign_failures, &counter_fops);
	debugfs_create_file_unsafe("setup_failures", 0644, d,
				   &sim_setup_failures, &counter_fops);
	sim_fault_attr_init(&sim_fail_assign_attr, "fail_assign", d);
	sim_fault_attr_init(&sim_fail_setup_attr, "fail_mem_setup", d);
	debugfs_create_file_unsafe("fail_assign_errno", 0644, d,
				   &sim_fail_errno, &knob_fops);
	debugfs_create_file("assign", 0200, d, NULL, &assign_fops);
	debugfs_create_file("check", 0200, d, NULL, &check_fops);
	debugfs_create_file("corrupt", 0200, d, NULL, &corrupt_fops);
	debugfs_create_file("modem", 0644, d, NULL, &modem_fops);
	debugfs_create_file("cpu_map", 0644, d, NULL, &cpu_map_fops);
}

/**
 * sim_debugfs_exit() - remove it, and the mappings made through it
 */
void sim_debugfs_exit(void)
{
	debugfs_remove_recursive(sim_debugfs);
	sim_debugfs = NULL;
	sim_rogue_unmap_all();
}
