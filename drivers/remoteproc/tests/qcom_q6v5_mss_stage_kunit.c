// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the order of the steps in mss_mdata_authenticate() and
 * the rules of mss_mem_xfer().
 *
 * A CPU mapping of a buffer the modem owns, or a buffer handed back too
 * late, resets a protected SoC.  With fake memory and TrustZone
 * operations (&struct mss_mem_ops) every step is recorded, so the suite
 * pins the order map -> copy -> unmap -> assign to the modem ->
 * authenticate -> reclaim on the good path and on every error branch.
 */

#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/elf.h>
#include <linux/errno.h>
#include <linux/firmware.h>
#include <linux/firmware/qcom/qcom_scm.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "qcom_q6v5_mss_mdata.h"

#define MPSS_BASE	0x86000000ULL
#define MDATA_BASE	0x9f000000ULL
#define LINUX		BIT_ULL(QCOM_SCM_VMID_HLOS)
#define MODEM		BIT_ULL(QCOM_SCM_VMID_MSS_MSA)

#define HASH_SIZE	100
#define MDATA_SIZE	(sizeof(struct elf32_hdr) + 2 * sizeof(struct elf32_phdr) + \
			 HASH_SIZE)

/* What the fakes saw, as a string such as "map unmap give auth take" */
struct stage_ctx {
	struct kunit *test;
	struct mss_mem mem;
	char trace[256];
	u8 buf[SZ_16K];		/* the "carveout" the fake map returns */
	u8 image[MDATA_SIZE];
	bool mapped;
	bool buf_modem;		/* the fake TrustZone gave buf to the modem */
	int fail_map;		/* fail the Nth map (1-based), 0: never */
	int fail_assign;	/* fail the Nth assign, 0: never */
	int assigns, maps;
	int auth_ret;
};

static void trace(struct stage_ctx *c, const char *what)
{
	size_t n = strlen(c->trace);

	snprintf(c->trace + n, sizeof(c->trace) - n, "%s%s", n ? " " : "",
		 what);
}

static struct stage_ctx *ctx_of(struct mss_mem *mem)
{
	return container_of(mem, struct stage_ctx, mem);
}

static void *fake_map(struct mss_mem *mem, phys_addr_t addr, size_t size)
{
	struct stage_ctx *c = ctx_of(mem);

	c->maps++;
	if (c->fail_map == c->maps) {
		trace(c, "map-fails");
		return NULL;
	}
	/* Mapping memory the modem owns is the XPU violation itself */
	KUNIT_EXPECT_FALSE(c->test, c->buf_modem);
	KUNIT_EXPECT_LE(c->test, size, sizeof(c->buf));
	trace(c, "map");
	c->mapped = true;
	return c->buf;
}

static void fake_unmap(struct mss_mem *mem, void *ptr)
{
	struct stage_ctx *c = ctx_of(mem);

	/* the copy happened while mapped: the metadata is in the buffer */
	KUNIT_EXPECT_MEMEQ(c->test, c->buf, c->image, sizeof(c->image));
	trace(c, "unmap");
	c->mapped = false;
}

static int fake_assign(struct mss_mem *mem, u64 *perm, u64 base, u64 size,
		       u64 to)
{
	struct stage_ctx *c = ctx_of(mem);
	bool staging = base == MDATA_BASE || size < SZ_1M;

	c->assigns++;
	if (c->fail_assign == c->assigns) {
		trace(c, to & LINUX ? "take-fails" : "give-fails");
		return -EINVAL;
	}
	/* Nothing is handed to the modem while the CPU still maps it */
	KUNIT_EXPECT_FALSE(c->test, c->mapped);
	if (staging)
		c->buf_modem = !(to & LINUX);
	if (!staging)
		trace(c, to == MODEM ? "mpss-modem" : to == LINUX ? "mpss-linux" :
		      "mpss-shared");
	else
		trace(c, to & LINUX ? "take" : "give");
	*perm = to;
	return 0;
}

static const struct mss_mem_ops fake_ops = {
	.map = fake_map,
	.unmap = fake_unmap,
	.assign = fake_assign,
};

static int fake_auth(void *ctx, phys_addr_t phys)
{
	struct stage_ctx *c = ctx;

	KUNIT_EXPECT_EQ(c->test, c->buf_modem, c->mem.protected);
	KUNIT_EXPECT_FALSE(c->test, c->mapped);
	trace(c, c->auth_ret ? "auth-fails" : "auth");
	return c->auth_ret;
}

/* The smallest image qcom_mdt_read_metadata() accepts: headers + hash */
static void make_image(struct stage_ctx *c)
{
	struct elf32_hdr *eh = (void *)c->image;
	struct elf32_phdr *ph = (void *)(eh + 1);

	memset(c->image, 0, sizeof(c->image));
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS32;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_phoff = sizeof(*eh);
	eh->e_phentsize = sizeof(*ph);
	eh->e_phnum = 2;
	ph[0].p_type = PT_NULL;
	ph[0].p_flags = 7 << 24;
	ph[0].p_filesz = sizeof(*eh) + 2 * sizeof(*ph);
	ph[1].p_type = PT_NULL;
	ph[1].p_flags = 2 << 24;	/* the hash segment */
	ph[1].p_offset = ph[0].p_filesz;
	ph[1].p_filesz = HASH_SIZE;
	memset(c->image + ph[1].p_offset, 0xa5, HASH_SIZE);
}

static void region(struct mss_mdata_region *r, u64 base, u64 size)
{
	memset(r, 0, sizeof(*r));
	r->present = true;
	r->no_map = true;
	r->base_known = true;
	r->base = base;
	r->size = size;
}

static struct stage_ctx *setup(struct kunit *test, bool dedicated)
{
	struct stage_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	struct device *dev;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, c);
	dev = kunit_device_register(test, "mss-stage-test");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	c->test = test;
	c->mem.dev = dev;
	c->mem.ops = &fake_ops;
	c->mem.protected = true;
	c->mem.mba_running = true;
	mutex_init(&c->mem.lock);
	for (i = 0; i < MSS_REGION_NR; i++)
		c->mem.co[i].perm = LINUX;
	c->mem.co[MSS_REGION_MPSS].perm = MODEM;	/* since the MBA booted */
	region(&c->mem.region[MSS_REGION_MBA], 0x8e000000, SZ_1M);
	region(&c->mem.region[MSS_REGION_MPSS], MPSS_BASE, SZ_128M);
	if (dedicated)
		region(&c->mem.region[MSS_REGION_MDATA], MDATA_BASE, SZ_16K);
	mss_mdata_check_regions(c->mem.region, PAGE_SIZE);
	make_image(c);
	return c;
}

static int run(struct stage_ctx *c)
{
	struct firmware fw = { .data = c->image, .size = sizeof(c->image) };

	return mss_mdata_authenticate(&c->mem, &fw, "modem.mdt", fake_auth, c);
}

static void dedicated_in_order(struct kunit *test)
{
	struct stage_ctx *c = setup(test, true);

	KUNIT_EXPECT_EQ(test, run(c), 0);
	KUNIT_EXPECT_STREQ(test, c->trace, "map unmap give auth take");
	KUNIT_EXPECT_EQ(test, c->mem.stuck[0].size, 0ULL);
	KUNIT_EXPECT_EQ(test, c->mem.last.source, MSS_MDATA_DEDICATED);
}

static void map_fails_nothing_given(struct kunit *test)
{
	struct stage_ctx *c = setup(test, true);

	c->fail_map = 1;
	KUNIT_EXPECT_EQ(test, run(c), -EBUSY);
	KUNIT_EXPECT_STREQ(test, c->trace, "map-fails");
	KUNIT_EXPECT_EQ(test, c->assigns, 0);
}

static void give_fails_no_auth(struct kunit *test)
{
	struct stage_ctx *c = setup(test, true);

	c->fail_assign = 1;
	KUNIT_EXPECT_EQ(test, run(c), -EAGAIN);
	KUNIT_EXPECT_STREQ(test, c->trace, "map unmap give-fails");
	KUNIT_EXPECT_EQ(test, c->mem.co[MSS_REGION_MDATA].perm, LINUX);
}

static void auth_fails_still_taken_back(struct kunit *test)
{
	struct stage_ctx *c = setup(test, true);

	c->auth_ret = -EIO;
	KUNIT_EXPECT_EQ(test, run(c), -EIO);
	KUNIT_EXPECT_STREQ(test, c->trace, "map unmap give auth-fails take");
	KUNIT_EXPECT_EQ(test, c->mem.co[MSS_REGION_MDATA].perm, LINUX);
}

static void take_fails_region_asked_again(struct kunit *test)
{
	struct stage_ctx *c = setup(test, true);

	c->fail_assign = 2;
	KUNIT_EXPECT_EQ(test, run(c), -EINVAL);
	KUNIT_EXPECT_STREQ(test, c->trace, "map unmap give auth take-fails");
	/* the window TrustZone kept is recorded as the modem's ... */
	KUNIT_EXPECT_EQ(test, c->mem.stuck[0].base, MDATA_BASE);
	KUNIT_EXPECT_EQ(test, c->mem.stuck[0].size, (u64)PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, c->mem.stuck[0].perm, MODEM);
	KUNIT_EXPECT_EQ(test, c->mem.co[MSS_REGION_MDATA].perm, LINUX);
	/* ... and not staged in while the modem has it */
	KUNIT_EXPECT_TRUE(test, c->mem.region[MSS_REGION_MDATA].flags &
			  MSS_REGION_F_STUCK);

	/* asked for again first; refused again, the MPSS window stages */
	c->trace[0] = '\0';
	c->fail_assign = 1;
	c->assigns = 0;
	c->buf_modem = false;
	KUNIT_EXPECT_EQ(test, run(c), 0);
	KUNIT_EXPECT_EQ(test, c->mem.last.source, MSS_MDATA_MPSS_WINDOW);
	KUNIT_EXPECT_TRUE(test, c->mem.region[MSS_REGION_MDATA].flags &
			  MSS_REGION_F_STUCK);
	KUNIT_EXPECT_EQ(test, c->mem.stuck[0].size, (u64)PAGE_SIZE);

	/* given back this time: the region stages again, the record is gone */
	c->trace[0] = '\0';
	c->fail_assign = 0;
	c->assigns = 0;
	KUNIT_EXPECT_EQ(test, run(c), 0);
	KUNIT_EXPECT_EQ(test, c->mem.last.source, MSS_MDATA_DEDICATED);
	KUNIT_EXPECT_FALSE(test, c->mem.region[MSS_REGION_MDATA].flags &
			   MSS_REGION_F_STUCK);
	KUNIT_EXPECT_EQ(test, c->mem.stuck[0].size, 0ULL);
}

static void window_in_order(struct kunit *test)
{
	struct stage_ctx *c = setup(test, false);

	KUNIT_EXPECT_EQ(test, run(c), 0);
	KUNIT_EXPECT_STREQ(test, c->trace,
			   "mpss-linux map unmap give auth take");
	KUNIT_EXPECT_EQ(test, c->mem.last.source, MSS_MDATA_MPSS_WINDOW);
	/* the window is folded back into MPSS, Linux's for loading */
	KUNIT_EXPECT_EQ(test, c->mem.win.size, 0ULL);
	KUNIT_EXPECT_TRUE(test, mss_mem_linux_owns(&c->mem, MSS_REGION_MPSS));
}

static void window_take_fails_kept_apart(struct kunit *test)
{
	struct stage_ctx *c = setup(test, false);

	c->fail_assign = 3;	/* mpss-linux, give, then take */
	KUNIT_EXPECT_EQ(test, run(c), -EINVAL);
	KUNIT_EXPECT_STREQ(test, c->trace,
			   "mpss-linux map unmap give auth take-fails");
	/* the rest of MPSS is Linux's, the window the modem's */
	KUNIT_EXPECT_EQ(test, c->mem.co[MSS_REGION_MPSS].perm, LINUX);
	KUNIT_EXPECT_EQ(test, c->mem.win.perm, MODEM);
	KUNIT_EXPECT_NE(test, c->mem.win.size, 0ULL);
	KUNIT_EXPECT_FALSE(test, mss_mem_linux_owns(&c->mem, MSS_REGION_MPSS));

	/* a whole-MPSS transition moves both pieces and folds them */
	c->trace[0] = '\0';
	c->fail_assign = 0;
	KUNIT_EXPECT_EQ(test, mss_mem_xfer(&c->mem, MSS_XFER_MPSS_FOR_AUTH), 0);
	KUNIT_EXPECT_EQ(test, c->mem.win.size, 0ULL);
	KUNIT_EXPECT_EQ(test, c->mem.co[MSS_REGION_MPSS].perm, MODEM);
}

static void no_mba_no_mpss_reclaim(struct kunit *test)
{
	struct stage_ctx *c = setup(test, false);

	/* A fused device resets when MPSS is taken without an MBA */
	mss_mem_set_mba_running(&c->mem, false);
	KUNIT_EXPECT_EQ(test, run(c), -EPERM);
	KUNIT_EXPECT_EQ(test, c->assigns, 0);
	KUNIT_EXPECT_EQ(test, c->maps, 0);
	KUNIT_EXPECT_EQ(test, mss_mem_xfer(&c->mem, MSS_XFER_MPSS_RECLAIM),
			-EPERM);
	KUNIT_EXPECT_EQ(test, mss_mem_xfer(&c->mem, MSS_XFER_MPSS_FOR_LOAD),
			-EPERM);
	KUNIT_EXPECT_EQ(test, c->assigns, 0);
	/* giving it to the modem, and the MBA region back, stay allowed */
	KUNIT_EXPECT_EQ(test, mss_mem_xfer(&c->mem, MSS_XFER_MBA_FOR_BOOT), 0);
	KUNIT_EXPECT_EQ(test, mss_mem_xfer(&c->mem, MSS_XFER_MBA_RECLAIM), 0);
	KUNIT_EXPECT_EQ(test, c->assigns, 2);
}

static void unprotected_never_assigns(struct kunit *test)
{
	struct stage_ctx *c = setup(test, true);

	c->mem.protected = false;
	KUNIT_EXPECT_EQ(test, run(c), 0);
	KUNIT_EXPECT_STREQ(test, c->trace, "map unmap auth");
	KUNIT_EXPECT_EQ(test, mss_mem_xfer(&c->mem, MSS_XFER_MPSS_RECLAIM), 0);
	KUNIT_EXPECT_EQ(test, c->assigns, 0);
}

static struct kunit_case mss_stage_cases[] = {
	KUNIT_CASE(dedicated_in_order),
	KUNIT_CASE(map_fails_nothing_given),
	KUNIT_CASE(give_fails_no_auth),
	KUNIT_CASE(auth_fails_still_taken_back),
	KUNIT_CASE(take_fails_region_asked_again),
	KUNIT_CASE(window_in_order),
	KUNIT_CASE(window_take_fails_kept_apart),
	KUNIT_CASE(no_mba_no_mpss_reclaim),
	KUNIT_CASE(unprotected_never_assigns),
	{ }
};

static struct kunit_suite mss_stage_suite = {
	.name = "qcom_q6v5_mss_stage",
	.test_cases = mss_stage_cases,
};

kunit_test_suite(mss_stage_suite);
