// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated Qualcomm modem subsystem: the modem's bus.  Every read the
 * modem makes of the MBA image, the metadata or a segment goes through
 * sim_map(): first the XPU model of the simulated TrustZone
 * (qcom_scm_sim_modem_access()), then the bus, where only the MSS node's
 * memory regions and memory that is entirely linear-mapped RAM (the legacy
 * DMA buffer) answer; anything else is a bus error.  The modem never
 * writes DDR.  The corrupt_read knob flips a byte of what it reads.  The
 * modem's AXI ports are halted through the TCSR halt registers the MSS
 * node's qcom,halt-regs name; the modem thread answers halt requests,
 * except on the ports the halt_stuck knob holds (a modem whose bus
 * traffic never drains: the field's "port failed halt").
 */

#include <linux/bitops.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/io.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/of_reserved_mem.h>
#include <linux/seq_file.h>
#include <linux/string.h>

#include "../qcom_q6v5_mss_regs.h"
#include "mss_sim.h"
#include "qcom_scm_sim.h"

const char *const sim_region_names[SIM_NR_REGIONS] = {
	[SIM_REG_MBA] = "mba",
	[SIM_REG_MPSS] = "mpss",
	[SIM_REG_MDATA] = "metadata",
};

static bool sim_in_region(struct mss_sim *sim, enum sim_region r,
			  phys_addr_t addr, size_t size)
{
	return sim->region[r].present && addr >= sim->region[r].base &&
	       size <= sim->region[r].size &&
	       addr - sim->region[r].base <= sim->region[r].size - size;
}

/* 1: every page linear-mapped, 0: none, -1: mixed */
static int sim_linear(phys_addr_t addr, size_t size)
{
	unsigned long pfn = PHYS_PFN(addr), last = PHYS_PFN(addr + size - 1);
	bool first = pfn_is_map_memory(pfn);

	for (pfn++; pfn <= last; pfn++)
		if (pfn_is_map_memory(pfn) != first)
			return -1;

	return first;
}

/**
 * sim_classify() - which kind of buffer the driver placed at @addr
 * @sim: the simulator
 * @addr: physical address
 * @size: bytes
 *
 * Return: "dedicated", "mpss-window", "mba-region", "legacy" or "unknown".
 */
const char *sim_classify(struct mss_sim *sim, phys_addr_t addr, size_t size)
{
	if (sim_in_region(sim, SIM_REG_MDATA, addr, size))
		return "dedicated";
	if (sim_in_region(sim, SIM_REG_MPSS, addr, size))
		return "mpss-window";
	if (sim_in_region(sim, SIM_REG_MBA, addr, size))
		return "mba-region";
	if (sim_linear(addr, size) == 1)
		return "legacy";

	return "unknown";
}

/**
 * sim_map() - map memory as the modem reads it
 * @sim: the simulator
 * @addr: physical address
 * @size: bytes
 * @what: what the modem reads, in messages
 * @err: the modem's status when the read fails
 *
 * The XPU check comes first, then the bus: only the MSS regions and plain
 * RAM answer.  Unmap with memunmap().
 *
 * Return: the mapping, or NULL with %SIM_ERR_XPU or %SIM_ERR_RANGE in @err.
 */
void *sim_map(struct mss_sim *sim, phys_addr_t addr, size_t size,
	      const char *what, int *err)
{
	unsigned int r;
	bool known = false;
	int lin;
	void *p;

	if (!size || addr + size - 1 < addr) {
		dev_err(sim->dev, "%s: bad range %pa+%zx\n", what, &addr, size);
		*err = SIM_ERR_RANGE;
		return NULL;
	}

	if (qcom_scm_sim_modem_access(addr, size, sim->fl->protected, what)) {
		sim->cnt.xpu_denied++;
		dev_err(sim->dev, "%s at %pa+%zx: access denied by the XPU\n",
			what, &addr, size);
		*err = SIM_ERR_XPU;
		return NULL;
	}

	for (r = 0; r < SIM_NR_REGIONS; r++)
		known |= sim_in_region(sim, r, addr, size);
	lin = sim_linear(addr, size);
	if ((!known && lin != 1) || lin < 0) {
		sim->cnt.bus_errors++;
		dev_err(sim->dev, "%s at %pa+%zx: bus error (not modem DDR)\n",
			what, &addr, size);
		*err = SIM_ERR_RANGE;
		return NULL;
	}

	p = memremap(addr, size, lin ? MEMREMAP_WB : MEMREMAP_WC);
	if (!p) {
		sim->cnt.bus_errors++;
		dev_err(sim->dev, "%s at %pa+%zx: cannot map\n", what, &addr,
			size);
		*err = SIM_ERR_RANGE;
	}

	return p;
}

/**
 * sim_bus_check_mem_setup() - was TrustZone told where MPSS is?
 * @sim: the simulator, @lock held, LOAD_READY just seen
 *
 * On msm8953 TrustZone must know the MPSS range (qcom_scm_pas_mem_setup())
 * before the MBA authenticates segments.  The driver makes the call
 * before it loads the first segment and writes LOAD_READY, so the record
 * is there when the simulator sees LOAD_READY.  The simulated TrustZone
 * keeps the last call per peripheral, so a call of an earlier boot counts
 * too: a driver that never makes it is caught at its first boot.
 */
void sim_bus_check_mem_setup(struct mss_sim *sim)
{
	const typeof(sim->region[0]) *mpss = &sim->region[SIM_REG_MPSS];
	phys_addr_t addr, size;

	if (!sim->fl->pas_mem_setup)
		return;

	if (qcom_scm_sim_get_mem_setup(SIM_MPSS_PAS_ID, &addr, &size) ||
	    addr != mpss->base || size != mpss->size) {
		sim_seq_error(sim, "LOAD_READY before TrustZone was told where MPSS is");
		return;
	}
	sim->cnt.mem_setups++;
}

/**
 * sim_ports_halted() - are all the modem's AXI ports halted?
 * @sim: the simulator, @lock held
 *
 * A port that halt_stuck keeps from halting counts once the driver asked
 * it to halt: a driver has no other way to bring such a modem down than
 * to reset it after giving up on the port.
 *
 * Return: true if every port the MSS node names is halted.
 */
bool sim_ports_halted(struct mss_sim *sim)
{
	return (sim->ports_halted | sim->ports_refused) ==
	       GENMASK(sim->nr_halt - 1, 0);
}

/**
 * sim_bus_step_halts() - answer the AXI halt requests of the TCSR registers
 * @sim: the simulator, @hs_lock held (the modem thread or an attendant)
 */
void sim_bus_step_halts(struct mss_sim *sim)
{
	unsigned int i;

	for (i = 0; i < sim->nr_halt; i++) {
		void __iomem *p = sim->tcsr + sim->halt_off[i];
		u32 req = readl(p + AXI_HALTREQ_REG) & 1;
		u32 ack = readl(p + AXI_HALTACK_REG) & 1;

		if (req && !ack && test_bit(i, &sim->halt_stuck)) {
			/* Its traffic never drains: no IDLE, no ACK */
			if (!test_and_set_bit(i, &sim->ports_refused))
				WRITE_ONCE(sim->cnt.halt_refused,
					   sim->cnt.halt_refused + 1);
		} else if (req && !ack) {
			/* A teardown with Q-channel handshakes follows */
			if (!sim->ports_halted)
				sim_attend(sim, SIM_ATTEND_MS);
			writel(1, p + AXI_IDLE_REG);
			writel(1, p + AXI_HALTACK_REG);
			if (!test_and_set_bit(i, &sim->ports_halted))
				sim->cnt.halts++;
		} else if (!req && ack) {
			/* The port stays halted (IDLE) until the next reset */
			writel(0, p + AXI_HALTACK_REG);
		}
	}
}

static int sim_parse_regions(struct mss_sim *sim)
{
	struct device_node *child, *node;
	struct reserved_mem *rmem;
	unsigned int i;

	child = of_get_child_by_name(sim->mss_np, "mba");
	of_node_put(child);

	for (i = 0; i < SIM_NR_REGIONS; i++) {
		if (child) {
			struct device_node *c;

			c = of_get_child_by_name(sim->mss_np,
						 sim_region_names[i]);
			node = of_parse_phandle(c, "memory-region", 0);
			of_node_put(c);
		} else {
			node = of_parse_phandle(sim->mss_np, "memory-region", i);
		}
		if (!node)
			continue;
		rmem = of_reserved_mem_lookup(node);
		of_node_put(node);
		if (!rmem)
			continue;
		sim->region[i].base = rmem->base;
		sim->region[i].size = rmem->size;
		sim->region[i].present = true;
	}

	if (!sim->region[SIM_REG_MBA].present ||
	    !sim->region[SIM_REG_MPSS].present)
		return dev_err_probe(sim->dev, -EINVAL,
				     "%pOF lacks the MBA or MPSS region\n",
				     sim->mss_np);

	return 0;
}

/**
 * sim_map_syscon() - map the reg of a syscon node the MSS node points to
 * @sim: the simulator
 * @np: the syscon node, whose reg must lie in the simulator's carveout
 * @need: bytes the offsets the MSS node uses reach, at least
 * @what: the property, in messages
 *
 * Return: the device-managed mapping of the whole reg, or NULL.
 */
void __iomem *sim_map_syscon(struct mss_sim *sim, struct device_node *np,
			     u32 need, const char *what)
{
	struct resource res;

	if (of_address_to_resource(np, 0, &res)) {
		dev_err(sim->dev, "%s syscon %pOF has no reg\n", what, np);
		return NULL;
	}
	if (resource_size(&res) < need) {
		dev_err(sim->dev, "%s syscon %pOF is too small for its offsets\n",
			what, np);
		return NULL;
	}

	return sim_map_window(sim, res.start, resource_size(&res), what);
}

static int sim_parse_tcsr(struct mss_sim *sim)
{
	struct of_phandle_args args;
	struct device_node *tcsr;
	unsigned int i;
	u32 need = 0;
	int ret;

	/* Q6, modem, NC, and vQ6 where the flavour has it */
	sim->nr_halt = sim->fl->vq6 ? 4 : 3;
	ret = of_parse_phandle_with_fixed_args(sim->mss_np, "qcom,halt-regs",
					       sim->nr_halt, 0, &args);
	if (ret)
		return dev_err_probe(sim->dev, ret, "no qcom,halt-regs\n");
	tcsr = args.np;
	for (i = 0; i < sim->nr_halt; i++) {
		sim->halt_off[i] = args.args[i];
		need = max(need, args.args[i] + AXI_IDLE_REG + 4);
	}
	sim->tcsr = sim_map_syscon(sim, tcsr, need, "halt");
	of_node_put(tcsr);
	if (!sim->tcsr)
		return -EINVAL;
	if (sim->fl->reset != SIM_RESET_SPARE)
		return 0;

	ret = of_parse_phandle_with_fixed_args(sim->mss_np, "qcom,spare-regs",
					       1, 0, &args);
	if (ret)
		return dev_err_probe(sim->dev, ret, "no qcom,spare-regs\n");
	/* Upstream DTs use another TCSR syscon; a second mapping is fine */
	sim->spare = sim_map_syscon(sim, args.np, args.args[0] + 4, "spare");
	of_node_put(args.np);
	if (!sim->spare)
		return -EINVAL;
	sim->spare += args.args[0];

	return 0;
}

/**
 * sim_corrupt_hit() - consume one corrupt_read event if it applies
 * @sim: the simulator, @lock held
 * @what: what the modem is about to read
 * @phdr: for a segment, its program header index
 *
 * Return: true if a byte of this read must be flipped.
 */
bool sim_corrupt_hit(struct mss_sim *sim, enum sim_corrupt what, u32 phdr)
{
	if (sim->corrupt != what || !sim->corrupt_count)
		return false;
	if (what == SIM_CORRUPT_SEGMENT && sim->corrupt_phdr != phdr)
		return false;
	if (sim->corrupt_count > 0 && !--sim->corrupt_count)
		sim->corrupt = SIM_CORRUPT_NONE;
	dev_info(sim->dev, "corrupting a byte of what the modem reads\n");

	return true;
}

static int sim_corrupt_show(struct seq_file *m, void *unused)
{
	struct mss_sim *sim = m->private;

	mutex_lock(&sim->lock);
	switch (sim->corrupt) {
	case SIM_CORRUPT_MBA:
		seq_printf(m, "mba %d\n", sim->corrupt_count);
		break;
	case SIM_CORRUPT_MDATA:
		seq_printf(m, "metadata %d\n", sim->corrupt_count);
		break;
	case SIM_CORRUPT_SEGMENT:
		seq_printf(m, "segment %u %d\n", sim->corrupt_phdr,
			   sim->corrupt_count);
		break;
	case SIM_CORRUPT_CHAIN:
		seq_printf(m, "chain %d\n", sim->corrupt_count);
		break;
	default:
		seq_puts(m, "none\n");
		break;
	}
	mutex_unlock(&sim->lock);

	return 0;
}

/*
 * "none", "mba [COUNT]", "metadata [COUNT]", "segment PHDR [COUNT]" or
 * "chain [COUNT]": flip a byte of the next COUNT reads (default 1, -1
 * forever); "chain" flips the last byte of the attestation certificate of
 * the next certificate chains (MBA image or metadata) read.
 */
static ssize_t sim_corrupt_write(struct file *file, const char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	struct mss_sim *sim = ((struct seq_file *)file->private_data)->private;
	enum sim_corrupt what;
	int n = 1, args;
	char buf[48], word[16];
	u32 phdr = 0;
	int ret;

	ret = sim_get_arg(ubuf, count, buf, sizeof(buf));
	if (ret)
		return ret;

	if (sscanf(buf, "%15s", word) != 1)
		return -EINVAL;
	if (!strcmp(word, "none")) {
		what = SIM_CORRUPT_NONE;
	} else if (!strcmp(word, "mba") || !strcmp(word, "metadata") ||
		   !strcmp(word, "chain")) {
		what = !strcmp(word, "mba") ? SIM_CORRUPT_MBA :
		       !strcmp(word, "chain") ? SIM_CORRUPT_CHAIN :
						SIM_CORRUPT_MDATA;
		if (sscanf(buf, "%*s %d", &n) < 1)
			n = 1;
	} else if (!strcmp(word, "segment")) {
		what = SIM_CORRUPT_SEGMENT;
		args = sscanf(buf, "%*s %u %d", &phdr, &n);
		if (args < 1)
			return -EINVAL;
		if (args == 1)
			n = 1;
	} else {
		return -EINVAL;
	}
	if (!n || n < -1)
		return -EINVAL;

	mutex_lock(&sim->lock);
	sim->corrupt = what;
	sim->corrupt_phdr = phdr;
	sim->corrupt_count = what == SIM_CORRUPT_NONE ? 0 : n;
	mutex_unlock(&sim->lock);

	return count;
}

DEFINE_SHOW_STORE_ATTRIBUTE(sim_corrupt);

/**
 * sim_bus_reset() - release the AXI halts, as a modem reset does
 * @sim: the simulator
 */
void sim_bus_reset(struct mss_sim *sim)
{
	unsigned int i;

	/* A reset releases the AXI halt (the port stays halted until then) */
	for (i = 0; i < sim->nr_halt; i++) {
		void __iomem *p = sim->tcsr + sim->halt_off[i];

		writel(0, p + AXI_HALTREQ_REG);
		writel(0, p + AXI_HALTACK_REG);
		writel(0, p + AXI_IDLE_REG);
	}
	sim->ports_halted = 0;
	sim->ports_refused = 0;
}

/**
 * sim_bus_init() - find the modem's memory regions and halt registers
 * @sim: the simulator
 *
 * Return: 0 or a negative errno.
 */
int sim_bus_init(struct mss_sim *sim)
{
	int ret;

	ret = sim_parse_regions(sim);
	if (ret)
		return ret;
	ret = sim_parse_tcsr(sim);
	if (ret)
		return ret;

	/* TrustZone needs to know which memory is MPSS for its rules */
	sim->scm_id = qcom_scm_sim_modem_register(sim->region[SIM_REG_MPSS].base,
						  sim->region[SIM_REG_MPSS].size);
	if (sim->scm_id < 0)
		return dev_err_probe(sim->dev, sim->scm_id,
				     "cannot register MPSS with the simulated TrustZone\n");

	return 0;
}

/**
 * sim_bus_exit() - undo sim_bus_init()
 * @sim: the simulator
 */
void sim_bus_exit(struct mss_sim *sim)
{
	qcom_scm_sim_modem_unregister(sim->scm_id);
}

/**
 * sim_mba_wipe() - the MBA clears MPSS while it boots
 * @sim: the simulator, @lock held
 *
 * Some MBA versions wipe the MPSS region at boot, which is why the driver
 * gives MPSS to the modem before booting the MBA.  The simulated MBA
 * writes the first and the last granule of MPSS through the XPU: when the
 * modem does not own them the write is an XPU violation and the MBA
 * fails.
 *
 * Return: 0, or SIM_ERR_XPU / SIM_ERR_RANGE.
 */
int sim_mba_wipe(struct mss_sim *sim)
{
	phys_addr_t base = sim->region[SIM_REG_MPSS].base;
	size_t size = sim->region[SIM_REG_MPSS].size;
	phys_addr_t at[2] = { base, base + size - SZ_4K };
	int err = 0;
	int i;

	for (i = 0; i < ARRAY_SIZE(at) && size >= SZ_4K; i++) {
		void *p = sim_map(sim, at[i], SZ_4K, "MBA wipe of MPSS", &err);

		if (!p)
			return err;
		memset(p, 0, SZ_4K);
		memunmap(p);
		/* the modem's own write: its seal follows the new contents */
		qcom_scm_sim_modem_wrote(at[i], SZ_4K);
	}

	return 0;
}

/**
 * sim_mba_log() - the MBA leaves its log at the start of its region
 * @sim: the simulator, @lock held, the MBA at @sim->mba_addr failed
 * @what: why it failed
 * @status: the status it reports
 *
 * An MBA that fails after it started writes a text log over the first
 * SIM_MBA_LOG_SIZE bytes of its region, which the driver of SoCs with
 * MBA logs (sc7180, sc7280) dumps through devcoredump once it took the
 * region back.  The write goes through the XPU like any modem write.
 */
void sim_mba_log(struct mss_sim *sim, const char *what, int status)
{
	int err = 0;
	char *p;

	p = sim_map(sim, sim->mba_addr, SIM_MBA_LOG_SIZE, "MBA log", &err);
	if (!p)
		return;
	memset(p, 0, SIM_MBA_LOG_SIZE);
	snprintf(p, SIM_MBA_LOG_SIZE,
		 "qcom-mss-sim MBA log: %s, status %d (boot %u)\n", what,
		 status, sim->cnt.boots);
	memunmap(p);
	/* the modem's own write: its seal follows the new contents */
	qcom_scm_sim_modem_wrote(sim->mba_addr, SIM_MBA_LOG_SIZE);
	sim->cnt.mba_logs++;
}

static int sim_halt_stuck_get(void *data, u64 *val)
{
	struct mss_sim *sim = data;

	*val = READ_ONCE(sim->halt_stuck);

	return 0;
}

/* A mask of ports, in qcom,halt-regs order (q6, modem, nc[, vq6]) */
static int sim_halt_stuck_set(void *data, u64 val)
{
	struct mss_sim *sim = data;

	if (val & ~GENMASK_ULL(sim->nr_halt - 1, 0))
		return -EINVAL;

	/* Read by the thread and the attendants under @hs_lock */
	spin_lock(&sim->hs_lock);
	WRITE_ONCE(sim->halt_stuck, val);
	spin_unlock(&sim->hs_lock);

	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(sim_halt_stuck_fops, sim_halt_stuck_get,
			 sim_halt_stuck_set, "%#llx\n");

/**
 * sim_bus_debugfs_init() - create the corrupt_read and halt_stuck files
 * @sim: the simulator
 * @dir: its debugfs directory
 */
void sim_bus_debugfs_init(struct mss_sim *sim, struct dentry *dir)
{
	debugfs_create_file("corrupt_read", 0644, dir, sim, &sim_corrupt_fops);
	debugfs_create_file_unsafe("halt_stuck", 0644, dir, sim,
				   &sim_halt_stuck_fops);
}

