/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Simulated TrustZone for the qcom-mss test rig: what the parts of
 * qcom_scm_sim.ko share.  Not an interface for other modules (that is
 * qcom_scm_sim.h and <linux/firmware/qcom/qcom_scm.h>).
 *
 *   qcom_scm_sim_core.c     platform driver, module init, qcom_scm_* calls
 *   qcom_scm_sim_ledger.c   ownership ledger and seals
 *   qcom_scm_sim_rules.c    the rules of a fused device, counters, modems
 *   qcom_scm_sim_watch.c    CPU mappings of modem-owned memory
 *   qcom_scm_sim_debugfs.c  /sys/kernel/debug/qcom_scm_sim/
 */
#ifndef __QCOM_SCM_SIM_PRIV_H__
#define __QCOM_SCM_SIM_PRIV_H__

#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/compiler_attributes.h>
#include <linux/fault-inject.h>
#include <linux/firmware/qcom/qcom_scm.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/types.h>

#include "qcom_scm_sim.h"

struct seq_file;

#define SIM_GRANULE	QCOM_SCM_SIM_GRANULE
#define SIM_HLOS	BIT_ULL(QCOM_SCM_VMID_HLOS)
#define SIM_MSA		BIT_ULL(QCOM_SCM_VMID_MSS_MSA)

/* Memory the modem owns and Linux may not touch: MSS_MSA without HLOS */
static inline bool sim_modem_only(u64 owners)
{
	return (owners & SIM_MSA) && !(owners & SIM_HLOS);
}

/* Range [addr, addr + size) is non-empty and does not wrap */
static inline bool sim_range_ok(phys_addr_t addr, size_t size)
{
	return size && addr + size - 1 >= addr;
}

/* ------------------------------------------------------------------------
 * Ledger and seals (qcom_scm_sim_ledger.c).  The caller serialises.
 */

/**
 * struct sim_range - a ledger entry: granules not owned by HLOS alone
 * @node: in &sim_ledger.ranges, sorted by @start, never overlapping
 * @start: first byte
 * @end: first byte after the range
 * @owners: bitmap of VMIDs owning the range
 */
struct sim_range {
	struct list_head node;
	phys_addr_t start;
	phys_addr_t end;
	u64 owners;
};

/**
 * struct sim_seal - CRC32 of granules assigned to MSS_MSA without HLOS
 * @node: in &sim_ledger.seals, sorted by @start, never overlapping
 * @start: first byte
 * @npages: number of granules
 * @crc: one CRC32 per granule
 */
struct sim_seal {
	struct list_head node;
	phys_addr_t start;
	unsigned long npages;
	u32 *crc;
};

/**
 * struct sim_ledger - what TrustZone knows about memory ownership
 * @ranges: &struct sim_range entries; every other granule is HLOS's alone
 * @seals: &struct sim_seal entries
 */
struct sim_ledger {
	struct list_head ranges;
	struct list_head seals;
};

/**
 * struct sim_ledger_spare - allocations one ledger change may need
 * @range: a range split in two and the new range
 * @seal: the right part of a seal split in two
 *
 * Allocated before anything changes, so that a failing call changes
 * nothing; sim_ledger_release() frees what the change did not use.
 */
struct sim_ledger_spare {
	struct sim_range *range[2];
	struct sim_seal *seal;
};

static inline phys_addr_t sim_seal_end(const struct sim_seal *s)
{
	return s->start + (phys_addr_t)s->npages * SIM_GRANULE;
}

void sim_ledger_init(struct sim_ledger *l);
void sim_ledger_destroy(struct sim_ledger *l);
bool sim_ledger_match(const struct sim_ledger *l, phys_addr_t start,
		      phys_addr_t end, u64 mask, u64 value, phys_addr_t *bad,
		      u64 *bad_owners);
u64 sim_ledger_owners_at(const struct sim_ledger *l, phys_addr_t addr);
unsigned long sim_ledger_outstanding(const struct sim_ledger *l);
unsigned int sim_ledger_nr_ranges(const struct sim_ledger *l);
int sim_ledger_prepare(const struct sim_ledger *l, phys_addr_t start,
		       phys_addr_t end, struct sim_ledger_spare *spare);
void sim_ledger_commit(struct sim_ledger *l, phys_addr_t start,
		       phys_addr_t end, u64 owners,
		       struct sim_ledger_spare *spare,
		       struct list_head *new_seals);
void sim_ledger_release(struct sim_ledger_spare *spare);

struct sim_seal *sim_seal_alloc(phys_addr_t start, unsigned long npages);
void sim_seal_free(struct sim_seal *s);
void sim_seals_free_list(struct list_head *list);
void sim_seals_drop(struct sim_ledger *l, phys_addr_t start, phys_addr_t end,
		    struct sim_seal **spare);
int sim_seals_make(phys_addr_t start, phys_addr_t end, struct list_head *list);
int sim_seals_check(const struct sim_ledger *l, phys_addr_t start,
		    phys_addr_t end, phys_addr_t *bad, u32 *want, u32 *got);
int sim_seals_refresh(struct sim_ledger *l, phys_addr_t start,
		      phys_addr_t end);
bool sim_tz_readable(phys_addr_t addr);

/* ------------------------------------------------------------------------
 * Core (qcom_scm_sim_core.c)
 */

/*
 * sim_lock serialises the ledger, the modems and the setups; the mapping
 * watch has its own raw spinlock because kprobe handlers cannot sleep.
 */
extern struct mutex sim_lock;
extern struct sim_ledger sim_ledger;
extern struct list_head sim_setups;
extern u64 sim_assign_calls;
extern u64 sim_assign_failures;
extern u64 sim_setup_failures;
extern struct fault_attr sim_fail_assign_attr;
extern struct fault_attr sim_fail_setup_attr;
extern u32 sim_fail_errno;

/**
 * struct sim_setup - a qcom_scm_pas_mem_setup() call
 * @node: in sim_setups
 * @pas_id: peripheral
 * @addr: start of the range
 * @size: size of the range
 */
struct sim_setup {
	struct list_head node;
	u32 pas_id;
	phys_addr_t addr;
	phys_addr_t size;
};

const char *sim_owner_str(u64 owners, char *buf, size_t len);

/* ------------------------------------------------------------------------
 * Rules of a fused device (qcom_scm_sim_rules.c)
 */

/**
 * enum sim_rule - what a production TrustZone and its XPUs refuse
 * @SIM_RULE_MODEM_LINEAR: the modem reads memory the CPU maps linearly
 * @SIM_RULE_MODEM_OWNER: a protected modem read of memory MSS_MSA does
 *	not own
 * @SIM_RULE_SEAL: memory sealed when it became the modem's changed
 *	behind the modem's back (seen by a protected read or at reclaim)
 * @SIM_RULE_CPU_MAP: a kernel virtual mapping of memory the modem alone
 *	owns, found at the assign or made later
 * @SIM_RULE_CPU_LINEAR: memory with a CPU linear (cacheable) mapping
 *	assigned to the modem alone
 * @SIM_RULE_MPSS_RECLAIM: MPSS taken from the modem while no MBA runs
 *	(a TrustZone fault: the call fails)
 * @SIM_NR_RULES: number of rules
 */
enum sim_rule {
	SIM_RULE_MODEM_LINEAR,
	SIM_RULE_MODEM_OWNER,
	SIM_RULE_SEAL,
	SIM_RULE_CPU_MAP,
	SIM_RULE_CPU_LINEAR,
	SIM_RULE_MPSS_RECLAIM,
	SIM_NR_RULES
};

extern atomic64_t sim_rule_count[SIM_NR_RULES];
extern atomic64_t sim_violations;
extern atomic64_t sim_tz_faults;

const char *sim_rule_name(enum sim_rule rule);
__printf(4, 5)
void sim_report(enum sim_rule rule, phys_addr_t start, phys_addr_t end,
		const char *fmt, ...);
int sim_rules_check_reclaim(phys_addr_t start, phys_addr_t end, u64 src,
			    u64 next);
void sim_rules_show_modems(struct seq_file *m);
int sim_rules_debugfs_register(phys_addr_t base, size_t size);
void sim_rules_debugfs_unregister(void);
void sim_rules_debugfs_mba(bool running);
void sim_rules_exit(void);
int sim_modem_check(phys_addr_t addr, size_t size, bool protected_flavour,
		    const char *what, bool grant);

/* ------------------------------------------------------------------------
 * Mapping watch (qcom_scm_sim_watch.c)
 */

/**
 * struct sim_snapshot - the ranges the modem alone owns, for kprobes
 * @n: number of entries in @r
 * @r: [start, end) of each range, sorted
 */
struct sim_snapshot {
	unsigned int n;
	struct {
		phys_addr_t start;
		phys_addr_t end;
	} r[];
};

int sim_watch_init(void);
void sim_watch_exit(void);
struct sim_snapshot *sim_watch_snapshot_alloc(unsigned int max);
void sim_watch_update(const struct sim_ledger *l, struct sim_snapshot *snap);
void sim_watch_check_assign(phys_addr_t start, phys_addr_t end);
void sim_watch_grant(phys_addr_t start, phys_addr_t end);
void sim_watch_show(struct seq_file *m);

/* ------------------------------------------------------------------------
 * debugfs (qcom_scm_sim_debugfs.c)
 */

void sim_debugfs_init(void);
void sim_debugfs_exit(void);

#endif /* __QCOM_SCM_SIM_PRIV_H__ */
