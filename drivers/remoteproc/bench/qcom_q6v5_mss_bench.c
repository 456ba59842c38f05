// SPDX-License-Identifier: GPL-2.0-only
/*
 * Benchmarks of the Qualcomm MSS driver on the simulated modem (make bench).
 *
 * Nothing here is compiled into the driver: this module only calls what
 * the driver exports for its tests and watches the driver through
 * kprobes, so the driver under measurement is the production one.
 *
 * debugfs qcom_mss_bench/, each write logs "qcom_q6v5_mss_bench: row ..."
 * lines that tools/testing/qcom-mss/bench/bench.sh turns into a table:
 *   staging N  stage the modem image's metadata N times through
 *              mss_mdata_authenticate() from each source (dedicated
 *              region, MPSS window, legacy DMA buffer) with the real
 *              memory operations and TrustZone calls, and a verdict that
 *              costs nothing: map + copy + unmap + assign + reclaim
 *   copy N     copy the modem image's segment bytes N times into a
 *              write-combining mapping of the MPSS carveout, as raw
 *              memcpy() and memset(): the baselines of the segment load,
 *              one into a mapping made for each copy (as the driver's
 *              is), one into a mapping kept warm, kept per image layout
 *              (the one fw_name resolves to now, e.g. through
 *              firmware_class.path).  Only while Linux owns
 *              MPSS, i.e. before the first start
 *   label WORD a word (letters, digits, '-') the next reports append to
 *              their metric names after a ':', so that two sets of starts
 *              in one boot (say, with a simulator knob set for the
 *              second) are reported apart, against the same baselines;
 *              an empty write clears it
 *   report     medians of the starts and stops seen since the module
 *              was loaded or the last report, split by phase, each row
 *              named after the layout of fw_name now: "split" (.mdt and
 *              .bNN files) or "mbn" (the segments in the one file)
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/elf.h>
#include <linux/firmware.h>
#include <linux/firmware/qcom/qcom_scm.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/kprobes.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/of_reserved_mem.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "../qcom_mss_mdt.h"
#include "../qcom_q6v5_mss_mdata.h"
#include "../sim/qcom_scm_sim.h"

static char *compatible = "qcom,sdm845-mss-pil";
module_param(compatible, charp, 0444);
MODULE_PARM_DESC(compatible, "Compatible of the MSS node whose carveouts are measured");

static char *fw_name = "qcom/sim/modem.mdt";
module_param(fw_name, charp, 0444);
MODULE_PARM_DESC(fw_name, "Modem image whose metadata and segments are used");

static int scm_id = 1;
module_param(scm_id, int, 0444);
MODULE_PARM_DESC(scm_id, "Simulated TrustZone's handle of the modem (the only one: 1)");

#define BENCH_MAX_ITER	256

static struct {
	struct device *dev;
	struct mss_mdata_region region[MSS_REGION_NR];
	struct dentry *dir;
} bench;

/* ---- medians ------------------------------------------------------------ */

static int bench_cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static u64 bench_median(u64 *v, unsigned int n)
{
	if (!n)
		return 0;
	sort(v, n, sizeof(*v), bench_cmp_u64, NULL);

	return n & 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* One table row; the host computes the ratio value / baseline */
static void bench_row(const char *metric, u64 value, const char *base,
		      u64 baseline, const char *unit, unsigned int n)
{
	pr_info("row %s %llu %s %llu %s n=%u\n", metric, value, base, baseline,
		unit, n);
}

/* ---- the MSS node's carveouts ------------------------------------------- */

static int bench_find_regions(void)
{
	struct platform_device *pdev;
	struct device_node *np, *rn;
	struct reserved_mem *rmem;
	int i;

	np = of_find_compatible_node(NULL, NULL, compatible);
	if (!np) {
		pr_err("no %s node\n", compatible);
		return -ENODEV;
	}
	pdev = of_find_device_by_node(np);
	if (!pdev) {
		of_node_put(np);
		return -ENODEV;
	}
	bench.dev = &pdev->dev;

	for (i = 0; i < MSS_REGION_NR; i++) {
		rn = of_parse_phandle(np, "memory-region", i);
		if (!rn)
			continue;
		rmem = of_reserved_mem_lookup(rn);
		if (rmem) {
			bench.region[i].present = true;
			bench.region[i].base_known = true;
			bench.region[i].base = rmem->base;
			bench.region[i].size = rmem->size;
			bench.region[i].no_map = of_property_read_bool(rn, "no-map");
		}
		of_node_put(rn);
	}
	of_node_put(np);

	if (!bench.region[MSS_REGION_MPSS].present ||
	    !bench.region[MSS_REGION_MDATA].present) {
		pr_err("%s needs MBA, MPSS and metadata regions\n", compatible);
		put_device(bench.dev);
		return -EINVAL;
	}

	return 0;
}

/* ---- metadata staging per source ---------------------------------------- */

/* The MBA's verdict, at no cost: only the staging is measured */
static int bench_auth(void *ctx, phys_addr_t phys)
{
	return 0;
}

/*
 * A memory state like the driver's at its first start, with the real
 * operations, steered to one source: without the dedicated region the
 * MPSS window is next, and with MPSS unusable too the legacy buffer.
 */
static void bench_mem_init(struct mss_mem *mem, enum mss_mdata_source src)
{
	int i;

	memset(mem, 0, sizeof(*mem));
	mem->dev = bench.dev;
	mem->ops = &mss_mem_hw_ops;
	mem->protected = true;
	mutex_init(&mem->lock);
	for (i = 0; i < MSS_REGION_NR; i++) {
		mem->region[i] = bench.region[i];
		mem->co[i].perm = BIT_ULL(QCOM_SCM_VMID_HLOS);
	}
	if (src != MSS_MDATA_DEDICATED)
		mem->region[MSS_REGION_MDATA].present = false;
	if (src == MSS_MDATA_LEGACY)
		mem->region[MSS_REGION_MPSS].flags |= MSS_REGION_F_STUCK;
	/* Legacy: the warning of a start, not of each iteration */
	mem->legacy_warned = true;
}

/*
 * Staging in the MPSS window starts where a real start does: MPSS given to
 * the modem for the MBA boot, an MBA running (told to the simulated
 * TrustZone too, which would refuse the reclaim otherwise).  So the
 * window's time includes taking MPSS back, which the other sources do not
 * need.
 */
static int bench_window_prepare(struct mss_mem *mem, bool on)
{
	int ret = 0;

	if (on)
		ret = mss_mem_xfer(mem, MSS_XFER_MPSS_FOR_MBA);
	mss_mem_set_mba_running(mem, on);
	qcom_scm_sim_set_mba_running(scm_id, on);

	return ret;
}

static int bench_stage(const struct firmware *fw, enum mss_mdata_source src,
		       unsigned int n, u64 *median)
{
	struct mss_mem *mem;
	u64 *t;
	unsigned int i;
	int ret = 0;

	mem = kmalloc_obj(*mem);
	t = kcalloc(n, sizeof(*t), GFP_KERNEL);
	if (!mem || !t) {
		ret = -ENOMEM;
		goto out;
	}
	bench_mem_init(mem, src);

	/* One warm-up round, not counted */
	for (i = 0; i <= n; i++) {
		u64 t0;

		if (src == MSS_MDATA_MPSS_WINDOW) {
			ret = bench_window_prepare(mem, true);
			if (ret)
				break;
		}
		t0 = ktime_get_ns();
		ret = mss_mdata_authenticate(mem, fw, fw_name, bench_auth, NULL);
		if (i)
			t[i - 1] = ktime_get_ns() - t0;
		if (src == MSS_MDATA_MPSS_WINDOW)
			bench_window_prepare(mem, false);
		if (ret)
			break;
		if (mem->last.source != src) {
			pr_err("staged in %s, not %s\n",
			       mss_mdata_source_name(mem->last.source),
			       mss_mdata_source_name(src));
			ret = -EINVAL;
			break;
		}
		if (!mss_mem_linux_owns(mem, MSS_REGION_MPSS) ||
		    !mss_mem_linux_owns(mem, MSS_REGION_MDATA)) {
			pr_err("%s: carveouts not back with Linux\n",
			       mss_mdata_source_name(src));
			ret = -EIO;
			break;
		}
	}
	if (ret)
		pr_err("staging from %s failed: %d\n",
		       mss_mdata_source_name(src), ret);
	else
		*median = bench_median(t, n);
	mutex_destroy(&mem->lock);
out:
	kfree(t);
	kfree(mem);

	return ret;
}

static int bench_staging(unsigned int n)
{
	static const enum mss_mdata_source srcs[] = {
		MSS_MDATA_DEDICATED, MSS_MDATA_MPSS_WINDOW, MSS_MDATA_LEGACY,
	};
	const struct firmware *fw;
	u64 med[ARRAY_SIZE(srcs)];
	int ret;
	int i;

	ret = request_firmware(&fw, fw_name, bench.dev);
	if (ret)
		return ret;
	for (i = 0; i < ARRAY_SIZE(srcs); i++) {
		ret = bench_stage(fw, srcs[i], n, &med[i]);
		if (ret)
			goto out;
	}
	pr_info("staging %s: %zu bytes of metadata\n", fw_name, fw->size);
	bench_row("staging-dedicated", med[0], "legacy-dma", med[2], "ns", n);
	bench_row("staging-mpss-window", med[1], "legacy-dma", med[2], "ns", n);
out:
	release_firmware(fw);

	return ret;
}

/* ---- raw copy of the segments: the segment load's baseline --------------- */

struct bench_seg {
	u64 off;
	u32 filesz;
	u32 memsz;
	void *data;
};

/*
 * The two layouts the driver loads: segments read from .bNN files into
 * the mapping, or copied from the image itself.
 */
enum bench_layout { LAYOUT_SPLIT, LAYOUT_MBN, LAYOUT_NR };

static const char *const bench_layout_names[LAYOUT_NR] = { "split", "mbn" };

/* As the driver decides: a segment with file bytes past the file is split */
static enum bench_layout bench_layout_of(const struct firmware *fw)
{
	const struct elf32_hdr *ehdr = (const void *)fw->data;
	const struct elf32_phdr *ph = (const void *)(ehdr + 1);
	int i;

	for (i = 0; i < ehdr->e_phnum; i++)
		if (mss_mdt_is_loadable(&ph[i]) && ph[i].p_filesz &&
		    ph[i].p_offset >= fw->size)
			return LAYOUT_SPLIT;

	return LAYOUT_MBN;
}

/* Collect the loadable segments' bytes as the driver places them */
static int bench_read_segments(const struct firmware *fw,
			       struct bench_seg **segs_out, int *nseg_out)
{
	const struct elf32_hdr *ehdr = (const void *)fw->data;
	const struct elf32_phdr *phdrs, *ph;
	const struct firmware *seg;
	u64 min_addr = U64_MAX, reloc;
	struct bench_seg *segs;
	bool relocate = false;
	size_t len = strlen(fw_name);
	char *name;
	int i, n = 0;
	int ret = 0;

	if (fw->size < sizeof(*ehdr) || len <= 4 ||
	    fw->size < sizeof(*ehdr) + ehdr->e_phnum * sizeof(*ph))
		return -EINVAL;
	phdrs = (const void *)(ehdr + 1);
	for (i = 0; i < ehdr->e_phnum; i++) {
		ph = &phdrs[i];
		if (!mss_mdt_is_loadable(ph))
			continue;
		relocate |= mss_mdt_is_relocatable(ph);
		min_addr = min_t(u64, min_addr, ph->p_paddr);
	}
	reloc = relocate ? min_addr : bench.region[MSS_REGION_MPSS].base;

	segs = kcalloc(ehdr->e_phnum, sizeof(*segs), GFP_KERNEL);
	name = kstrdup(fw_name, GFP_KERNEL);
	if (!segs || !name) {
		ret = -ENOMEM;
		goto err;
	}
	for (i = 0; i < ehdr->e_phnum; i++) {
		struct bench_seg *s = &segs[n];

		ph = &phdrs[i];
		if (!mss_mdt_is_loadable(ph))
			continue;
		s->off = ph->p_paddr - reloc;
		s->filesz = ph->p_filesz;
		s->memsz = ph->p_memsz;
		if (s->off + s->memsz > bench.region[MSS_REGION_MPSS].size ||
		    s->filesz > s->memsz) {
			ret = -EINVAL;
			goto err;
		}
		n++;
		if (!s->filesz)
			continue;
		s->data = kvmalloc(s->filesz, GFP_KERNEL);
		if (!s->data) {
			ret = -ENOMEM;
			goto err;
		}
		if ((u64)ph->p_offset + ph->p_filesz <= fw->size) {
			memcpy(s->data, fw->data + ph->p_offset, s->filesz);
			continue;
		}
		ret = mss_mdt_split_name(name, len, i);
		if (ret)
			goto err;
		ret = request_firmware(&seg, name, bench.dev);
		if (ret)
			goto err;
		if (seg->size != s->filesz)
			ret = -EINVAL;
		else
			memcpy(s->data, seg->data, s->filesz);
		release_firmware(seg);
		if (ret)
			goto err;
	}
	kfree(name);
	*segs_out = segs;
	*nseg_out = n;

	return 0;
err:
	for (i = 0; segs && i < n; i++)
		kvfree(segs[i].data);
	kfree(segs);
	kfree(name);

	return ret;
}

static u64 bench_copy_median[LAYOUT_NR];
static u64 bench_fresh_median[LAYOUT_NR];
static u64 bench_copy_bytes[LAYOUT_NR];
static char bench_label[16];

/* @ptr maps MPSS from offset @lo on */
static void bench_copy_segments(void *ptr, u64 lo, const struct bench_seg *segs,
				int nseg)
{
	void *dst;
	int j;

	for (j = 0; j < nseg; j++) {
		dst = ptr + (segs[j].off - lo);
		memcpy(dst, segs[j].data, segs[j].filesz);
		memset(dst + segs[j].filesz, 0, segs[j].memsz - segs[j].filesz);
	}
}

/*
 * The copy into a mapping made for it, as the driver's loader has on
 * every start: the span of the segments mapped, the copy timed, unmapped.
 * A mapping's first touch of each page costs a TLB fill (and under QEMU
 * TCG a software page walk) that a warm mapping has already paid; only
 * the mapping calls themselves are left out, as they are the driver's
 * overhead to be measured.
 */
static int bench_copy_fresh(const struct bench_seg *segs, int nseg, u64 *t,
			    unsigned int n)
{
	const struct mss_mdata_region *mpss = &bench.region[MSS_REGION_MPSS];
	u64 lo = U64_MAX, hi = 0, t0;
	unsigned int i;
	void *ptr;
	int j;

	for (j = 0; j < nseg; j++) {
		lo = min(lo, segs[j].off);
		hi = max(hi, segs[j].off + segs[j].memsz);
	}
	for (i = 0; i < n; i++) {
		ptr = memremap(mpss->base + lo, hi - lo, MEMREMAP_WC);
		if (!ptr)
			return -ENOMEM;
		t0 = ktime_get_ns();
		bench_copy_segments(ptr, lo, segs, nseg);
		t[i] = ktime_get_ns() - t0;
		memunmap(ptr);
	}

	return 0;
}

static int bench_copy(unsigned int n)
{
	const struct mss_mdata_region *mpss = &bench.region[MSS_REGION_MPSS];
	const struct firmware *fw;
	enum bench_layout layout;
	struct bench_seg *segs;
	u64 *t, bytes = 0;
	unsigned int i;
	void *ptr;
	int nseg, j;
	int ret;

	ret = request_firmware(&fw, fw_name, bench.dev);
	if (ret)
		return ret;
	ret = bench_read_segments(fw, &segs, &nseg);
	layout = ret ? LAYOUT_SPLIT : bench_layout_of(fw);
	release_firmware(fw);
	if (ret) {
		pr_err("cannot read the segments of %s: %d\n", fw_name, ret);
		return ret;
	}

	t = kcalloc(n, sizeof(*t), GFP_KERNEL);
	ret = t ? bench_copy_fresh(segs, nseg, t, n) : -ENOMEM;
	if (ret)
		goto out;
	bench_fresh_median[layout] = bench_median(t, n);

	/* The mapping the driver's loader makes: write-combining, no-map */
	ptr = memremap(mpss->base, mpss->size, MEMREMAP_WC);
	if (!ptr) {
		ret = -ENOMEM;
		goto out;
	}
	for (i = 0; i <= n; i++) {
		u64 t0 = ktime_get_ns();

		bench_copy_segments(ptr, 0, segs, nseg);
		if (i)
			t[i - 1] = ktime_get_ns() - t0;
	}
	/* Nothing of the bench may stay where the driver loads the image */
	memset(ptr, 0, mpss->size);
	memunmap(ptr);
	for (j = 0; j < nseg; j++)
		bytes += segs[j].memsz;
	bench_copy_median[layout] = bench_median(t, n);
	bench_copy_bytes[layout] = bytes;
	pr_info("copy %s (%s): %d segments, %llu bytes, median %llu ns, into a fresh mapping %llu ns\n",
		fw_name, bench_layout_names[layout], nseg, bytes,
		bench_copy_median[layout], bench_fresh_median[layout]);
out:
	kfree(t);
	for (j = 0; j < nseg; j++)
		kvfree(segs[j].data);
	kfree(segs);

	return ret;
}

/* ---- phases of the driver's starts and stops, through kprobes ------------ */

enum bench_phase {
	PH_START,	/* rproc_boot(): start to running */
	PH_MBA,		/* mss_load() + mss_mba_boot(): MBA load and authentication */
	PH_MDATA,	/* mss_mdata_authenticate() */
	PH_SEGMENTS,	/* MPSS shared for loading .. given to the modem */
	PH_AUTH,	/* .. to the wait for the modem's ready */
	PH_READY,	/* qcom_q6v5_wait_for_start() */
	PH_SEG_FW,	/* in the segment load: request_firmware_into_buf() */
	PH_SEG_MAP,	/* ... memremap() and memunmap() */
	PH_SEG_RMB,	/* ... mss_rmb_code_advance(): the MBA checks a segment */
	PH_STOP,	/* rproc_shutdown() */
	PH_STOP_ACK,	/* qcom_q6v5_request_stop() */
	PH_NR,
};

static const char *const bench_phase_names[PH_NR] = {
	"start", "start-mba", "start-metadata", "start-segments",
	"start-segment-auth", "start-ready", "start-segments-firmware",
	"start-segments-map", "start-segments-rmb", "stop", "stop-ack",
};

static DEFINE_SPINLOCK(bench_lock);
static struct {
	u64 cur[PH_NR];
	u64 seg_start;
	u64 seg_end;
	u64 bytes;
	u64 samples[PH_NR][BENCH_MAX_ITER];
	u64 seg_bytes[BENCH_MAX_ITER];
	unsigned int nstart;
	unsigned int nstop;
} ph;

struct bench_probe_data {
	u64 t0;
	unsigned long arg;
	unsigned long len;
};

enum bench_probe {
	BP_BOOT, BP_SHUTDOWN, BP_WAIT_START, BP_REQUEST_STOP, BP_LOAD,
	BP_MBA_BOOT, BP_MDATA, BP_XFER, BP_FW_INTO_BUF, BP_MEMREMAP,
	BP_MEMUNMAP, BP_ADVANCE, BP_NR,
};

static struct kretprobe bench_rps[BP_NR];
static struct kretprobe *bench_rp_ptrs[BP_NR];

static const char *const bench_syms[BP_NR] = {
	[BP_BOOT] = "rproc_boot",
	[BP_SHUTDOWN] = "rproc_shutdown",
	[BP_WAIT_START] = "qcom_q6v5_wait_for_start",
	[BP_REQUEST_STOP] = "qcom_q6v5_request_stop",
	[BP_LOAD] = "qcom_q6v5_mss:mss_load",
	[BP_MBA_BOOT] = "qcom_q6v5_mss:mss_mba_boot",
	[BP_MDATA] = "qcom_q6v5_mss:mss_mdata_authenticate",
	[BP_XFER] = "qcom_q6v5_mss:mss_mem_xfer",
	[BP_FW_INTO_BUF] = "request_firmware_into_buf",
	[BP_MEMREMAP] = "memremap",
	[BP_MEMUNMAP] = "memunmap",
	[BP_ADVANCE] = "qcom_q6v5_mss:mss_rmb_code_advance",
};

static enum bench_probe bench_probe_of(struct kretprobe_instance *ri)
{
	return get_kretprobe(ri) - bench_rps;
}

static int bench_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct bench_probe_data *d = (void *)ri->data;
	unsigned long flags;

	d->t0 = ktime_get_ns();
	d->arg = regs_get_kernel_argument(regs, 1);
	d->len = regs_get_kernel_argument(regs, 2);

	spin_lock_irqsave(&bench_lock, flags);
	switch (bench_probe_of(ri)) {
	case BP_BOOT:
		memset(ph.cur, 0, sizeof(ph.cur));
		ph.seg_start = 0;
		ph.seg_end = 0;
		ph.bytes = 0;
		break;
	case BP_XFER:
		/* Every segment is written: MPSS goes to the modem */
		if (d->arg == MSS_XFER_MPSS_FOR_AUTH)
			ph.seg_end = d->t0;
		break;
	case BP_WAIT_START:
		if (ph.seg_end)
			ph.cur[PH_AUTH] = d->t0 - ph.seg_end;
		break;
	default:
		break;
	}
	spin_unlock_irqrestore(&bench_lock, flags);

	return 0;
}

/* Between MPSS shared for loading and given to the modem; bench_lock held */
static bool bench_in_segments(void)
{
	return ph.seg_start && !ph.seg_end;
}

static void bench_push(enum bench_phase from, enum bench_phase to,
		       unsigned int *count)
{
	int i;

	if (*count >= BENCH_MAX_ITER)
		return;
	for (i = from; i <= to; i++)
		ph.samples[i][*count] = ph.cur[i];
	if (from == PH_START)
		ph.seg_bytes[*count] = ph.bytes;
	(*count)++;
}

static int bench_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct bench_probe_data *d = (void *)ri->data;
	u64 now = ktime_get_ns(), dt = now - d->t0;
	bool ok = !regs_return_value(regs);
	unsigned long flags;

	spin_lock_irqsave(&bench_lock, flags);
	switch (bench_probe_of(ri)) {
	case BP_BOOT:
		ph.cur[PH_START] = dt;
		if (ph.seg_start && ph.seg_end > ph.seg_start)
			ph.cur[PH_SEGMENTS] = ph.seg_end - ph.seg_start;
		if (ok)
			bench_push(PH_START, PH_SEG_RMB, &ph.nstart);
		break;
	case BP_SHUTDOWN:
		ph.cur[PH_STOP] = dt;
		if (ok)
			bench_push(PH_STOP, PH_STOP_ACK, &ph.nstop);
		break;
	case BP_REQUEST_STOP:
		ph.cur[PH_STOP_ACK] = dt;
		break;
	case BP_WAIT_START:
		ph.cur[PH_READY] = dt;
		break;
	case BP_MDATA:
		ph.cur[PH_MDATA] = dt;
		break;
	case BP_XFER:
		/* MPSS shared with Linux: the segments are written next */
		if (d->arg == MSS_XFER_MPSS_FOR_LOAD && ok)
			ph.seg_start = now;
		break;
	case BP_LOAD:
	case BP_MBA_BOOT:
		ph.cur[PH_MBA] += dt;
		break;
	case BP_FW_INTO_BUF:
		if (bench_in_segments())
			ph.cur[PH_SEG_FW] += dt;
		break;
	case BP_MEMREMAP:
	case BP_MEMUNMAP:
		if (bench_in_segments())
			ph.cur[PH_SEG_MAP] += dt;
		break;
	case BP_ADVANCE:
		/* Each segment's length is handed to the MBA: the last is the total */
		ph.bytes = d->len;
		ph.cur[PH_SEG_RMB] += dt;
		break;
	default:
		break;
	}
	spin_unlock_irqrestore(&bench_lock, flags);

	return 0;
}

static u64 bench_phase_median(enum bench_phase p, unsigned int n, u64 *tmp)
{
	memcpy(tmp, ph.samples[p], n * sizeof(*tmp));

	return bench_median(tmp, n);
}

/* A row of one layout's report: "METRIC-LAYOUT", baseline "BASE-LAYOUT" */
static void bench_layout_row(enum bench_layout layout, const char *metric,
			     u64 value, const char *base, u64 baseline,
			     const char *unit, unsigned int n)
{
	const char *l = bench_layout_names[layout];
	char m[64], b[48];

	snprintf(m, sizeof(m), "%s-%s%s%s", metric, l,
		 bench_label[0] ? ":" : "", bench_label);
	if (strcmp(base, "-"))
		snprintf(b, sizeof(b), "%s-%s", base, l);
	else
		strscpy(b, base, sizeof(b));
	bench_row(m, value, b, baseline, unit, n);
}

static int bench_report(void)
{
	u64 *tmp, med[PH_NR], bytes, mbps, base_mbps, copy_ns, copy_bytes;
	const struct firmware *fw;
	u64 fresh_ns;
	enum bench_layout layout;
	unsigned int ns, nt;
	unsigned long flags;
	int ret;
	int i;

	/* The layout the starts since the last report loaded */
	ret = request_firmware(&fw, fw_name, bench.dev);
	if (ret)
		return ret;
	layout = bench_layout_of(fw);
	release_firmware(fw);
	copy_ns = bench_copy_median[layout];
	fresh_ns = bench_fresh_median[layout];
	copy_bytes = bench_copy_bytes[layout];

	tmp = kcalloc(BENCH_MAX_ITER, sizeof(*tmp), GFP_KERNEL);
	if (!tmp)
		return -ENOMEM;
	spin_lock_irqsave(&bench_lock, flags);
	ns = ph.nstart;
	nt = ph.nstop;
	for (i = PH_START; i <= PH_SEG_RMB; i++)
		med[i] = bench_phase_median(i, ns, tmp);
	for (i = PH_STOP; i <= PH_STOP_ACK; i++)
		med[i] = bench_phase_median(i, nt, tmp);
	bytes = ns ? ph.seg_bytes[0] : 0;
	for (i = 1; i < ns; i++)
		if (ph.seg_bytes[i] != bytes)
			bytes = 0;
	/* The next report is of the starts after this one */
	ph.nstart = 0;
	ph.nstop = 0;
	spin_unlock_irqrestore(&bench_lock, flags);
	kfree(tmp);

	if (!ns || !nt || !med[PH_SEGMENTS] || !copy_ns || !fresh_ns) {
		pr_err("report %s: %u starts, %u stops, segments %llu ns, copy %llu ns: nothing to report\n",
		       bench_layout_names[layout], ns, nt, med[PH_SEGMENTS],
		       copy_ns);
		return -ENODATA;
	}
	if (bytes != copy_bytes) {
		pr_err("report %s: the driver loaded %llu bytes, the copy %llu\n",
		       bench_layout_names[layout], bytes, copy_bytes);
		return -EINVAL;
	}

	/* Throughput in KB/s, from bytes and nanoseconds */
	mbps = div64_u64(bytes * 1000000ULL, med[PH_SEGMENTS]);
	base_mbps = div64_u64(bytes * 1000000ULL, copy_ns);
	bench_layout_row(layout, "segment-load", mbps, "memcpy-wc", base_mbps,
			 "KB/s", ns);
	base_mbps = div64_u64(bytes * 1000000ULL, fresh_ns);
	bench_layout_row(layout, "segment-load-fresh", mbps, "memcpy-wc-fresh",
			 base_mbps, "KB/s", ns);
	for (i = PH_MBA; i <= PH_READY; i++)
		bench_layout_row(layout, bench_phase_names[i], med[i], "start",
				 med[PH_START], "ns", ns);
	for (i = PH_SEG_FW; i <= PH_SEG_RMB; i++)
		bench_layout_row(layout, bench_phase_names[i], med[i],
				 "start-segments", med[PH_SEGMENTS], "ns", ns);
	bench_layout_row(layout, "start", med[PH_START], "-", 0, "ns", ns);
	bench_layout_row(layout, "stop-ack", med[PH_STOP_ACK], "stop",
			 med[PH_STOP], "ns", nt);
	bench_layout_row(layout, "stop", med[PH_STOP], "start", med[PH_START],
			 "ns", nt);

	return 0;
}

/* ---- debugfs ---------------------------------------------------------- */

static ssize_t bench_write(struct file *file, const char __user *ubuf,
			   size_t len, loff_t *ppos)
{
	int (*fn)(unsigned int n) = file->private_data;
	unsigned int n;
	int ret;

	ret = kstrtouint_from_user(ubuf, len, 0, &n);
	if (ret)
		return ret;
	if (!n || n > BENCH_MAX_ITER)
		return -EINVAL;
	ret = fn(n);

	return ret ?: len;
}

static const struct file_operations bench_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = bench_write,
	.llseek = noop_llseek,
};

static int bench_report_n(unsigned int n)
{
	return bench_report();
}

static ssize_t bench_label_write(struct file *file, const char __user *ubuf,
				 size_t len, loff_t *ppos)
{
	char buf[sizeof(bench_label)];
	size_t i, n;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	n = len;
	if (n && buf[n - 1] == '\n')
		n--;
	/* The label goes into a row's first word: bench.sh splits on spaces */
	for (i = 0; i < n; i++)
		if (!isalnum(buf[i]) && buf[i] != '-')
			return -EINVAL;
	buf[n] = '\0';
	strscpy(bench_label, buf, sizeof(bench_label));

	return len;
}

static const struct file_operations bench_label_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = bench_label_write,
	.llseek = noop_llseek,
};

static int __init bench_init(void)
{
	int ret;
	int i;

	ret = bench_find_regions();
	if (ret)
		return ret;

	for (i = 0; i < BP_NR; i++) {
		bench_rps[i].kp.symbol_name = bench_syms[i];
		bench_rps[i].entry_handler = bench_entry;
		bench_rps[i].handler = bench_ret;
		bench_rps[i].data_size = sizeof(struct bench_probe_data);
		bench_rps[i].maxactive = 4;
		bench_rp_ptrs[i] = &bench_rps[i];
	}
	ret = register_kretprobes(bench_rp_ptrs, BP_NR);
	if (ret) {
		pr_err("kretprobes: %d (is qcom_q6v5_mss loaded?)\n", ret);
		goto put;
	}

	bench.dir = debugfs_create_dir("qcom_mss_bench", NULL);
	debugfs_create_file("staging", 0200, bench.dir, bench_staging,
			    &bench_fops);
	debugfs_create_file("copy", 0200, bench.dir, bench_copy, &bench_fops);
	debugfs_create_file("report", 0200, bench.dir, bench_report_n,
			    &bench_fops);
	debugfs_create_file("label", 0200, bench.dir, NULL, &bench_label_fops);

	return 0;
put:
	put_device(bench.dev);

	return ret;
}
module_init(bench_init);

static void __exit bench_exit(void)
{
	debugfs_remove_recursive(bench.dir);
	unregister_kretprobes(bench_rp_ptrs, BP_NR);
	put_device(bench.dev);
}
module_exit(bench_exit);

MODULE_DESCRIPTION("Benchmarks of the Qualcomm MSS driver on the simulated modem");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
