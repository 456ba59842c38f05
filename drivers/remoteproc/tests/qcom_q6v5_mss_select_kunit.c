// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the MSS metadata source selection and region checks.
 *
 * The rules under test decide whether a modem start can trip an XPU
 * violation, so every branch is pinned down here: which source wins,
 * when a region is refused, and what happens when nothing fits.
 */

#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "qcom_q6v5_mss_mdata_select.h"

#define PG	4096ULL

#define MBA_BASE	0x8e000000ULL
#define MPSS_BASE	0x86000000ULL
#define MDATA_BASE	0x9f000000ULL

static void region(struct mss_mdata_region *r, u64 base, u64 size)
{
	memset(r, 0, sizeof(*r));
	r->present = true;
	r->no_map = true;
	r->base_known = true;
	r->base = base;
	r->size = size;
}

/* A sane sdm845-like layout: MBA 1 MiB, MPSS 128 MiB, metadata 16 KiB */
static void layout(struct mss_mdata_region *regs, bool with_mdata)
{
	region(&regs[MSS_REGION_MBA], MBA_BASE, SZ_1M);
	region(&regs[MSS_REGION_MPSS], MPSS_BASE, SZ_128M);
	if (with_mdata)
		region(&regs[MSS_REGION_MDATA], MDATA_BASE, SZ_16K);
	else
		memset(&regs[MSS_REGION_MDATA], 0, sizeof(regs[0]));
}

static int pick(struct mss_mdata_region *regs, u64 size, bool legacy,
		struct mss_mdata_choice *c)
{
	mss_mdata_check_regions(regs, PG);
	return mss_mdata_select(regs, size, true, legacy, PG, c);
}

static void dedicated_chosen(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	layout(regs, true);
	KUNIT_ASSERT_EQ(test, pick(regs, 6000, true, &c), 0);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_DEDICATED);
	KUNIT_EXPECT_EQ(test, c.base, MDATA_BASE);
	KUNIT_EXPECT_EQ(test, c.size, 6000ULL);
	KUNIT_EXPECT_EQ(test, c.window, 2 * PG);
}

static void dedicated_exact_fit(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	layout(regs, true);
	KUNIT_ASSERT_EQ(test, pick(regs, SZ_16K, true, &c), 0);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_DEDICATED);
	KUNIT_EXPECT_EQ(test, c.window, (u64)SZ_16K);
}

static void dedicated_too_small_falls_to_window(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	layout(regs, true);
	/* Upstream fails with -EINVAL here; we use the MPSS window */
	KUNIT_ASSERT_EQ(test, pick(regs, SZ_16K + 1, true, &c), 0);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_MPSS_WINDOW);
	KUNIT_EXPECT_EQ(test, c.base, MPSS_BASE);
	KUNIT_EXPECT_EQ(test, c.window, (u64)SZ_16K + PG);
}

static void window_when_no_dedicated(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	layout(regs, false);
	KUNIT_ASSERT_EQ(test, pick(regs, 9000, true, &c), 0);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_MPSS_WINDOW);
	KUNIT_EXPECT_EQ(test, c.base, MPSS_BASE);
	KUNIT_EXPECT_EQ(test, c.window, 3 * PG);
	KUNIT_EXPECT_TRUE(test, regs[MSS_REGION_MDATA].flags & MSS_REGION_F_MISSING);
}

/* msm8916-like: no TrustZone protection of the metadata buffer */
static int pick_unprotected(struct mss_mdata_region *regs, u64 size,
			    bool legacy, struct mss_mdata_choice *c)
{
	mss_mdata_check_regions(regs, PG);
	return mss_mdata_select(regs, size, false, legacy, PG, c);
}

static void unprotected_dedicated_first(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	layout(regs, true);
	KUNIT_ASSERT_EQ(test, pick_unprotected(regs, 6000, false, &c), 0);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_DEDICATED);
	KUNIT_EXPECT_EQ(test, c.base, MDATA_BASE);
}

static void unprotected_dma_not_window(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	/* The MPSS window would fit, but the DMA buffer is safe here */
	layout(regs, false);
	KUNIT_ASSERT_EQ(test, pick_unprotected(regs, 9000, true, &c), 0);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_LEGACY);
	KUNIT_EXPECT_EQ(test, c.window, 0ULL);
	KUNIT_EXPECT_EQ(test, c.size, 9000ULL);
}

static void unprotected_dma_despite_legacy_refused(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	/* legacy_mdata=0 is about the unsafe case, which this is not */
	layout(regs, true);
	KUNIT_ASSERT_EQ(test, pick_unprotected(regs, SZ_16K + 1, false, &c), 0);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_LEGACY);
}

static void legacy_when_nothing_fits(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	layout(regs, false);
	regs[MSS_REGION_MPSS].size = PG;
	KUNIT_ASSERT_EQ(test, pick(regs, 2 * PG, true, &c), 0);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_LEGACY);
	KUNIT_EXPECT_EQ(test, c.base, 0ULL);
	KUNIT_EXPECT_EQ(test, c.window, 0ULL);
	KUNIT_EXPECT_EQ(test, c.size, 2 * PG);
}

static void legacy_refused_is_enospc(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	layout(regs, false);
	regs[MSS_REGION_MPSS].size = PG;
	KUNIT_EXPECT_EQ(test, pick(regs, 2 * PG, false, &c), -ENOSPC);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_NONE);
	KUNIT_EXPECT_EQ(test, c.size, 0ULL);
}

static void legacy_refused_but_window_fits(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	layout(regs, false);
	KUNIT_ASSERT_EQ(test, pick(regs, PG, false, &c), 0);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_MPSS_WINDOW);
}

static void dedicated_without_no_map_refused(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	layout(regs, true);
	regs[MSS_REGION_MDATA].no_map = false;
	KUNIT_ASSERT_EQ(test, pick(regs, PG, true, &c), 0);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_MPSS_WINDOW);
	KUNIT_EXPECT_TRUE(test, regs[MSS_REGION_MDATA].flags & MSS_REGION_F_NO_MAP);
	KUNIT_EXPECT_FALSE(test, mss_mdata_region_usable(&regs[MSS_REGION_MDATA]));
}

static void mpss_without_no_map_refused(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	layout(regs, false);
	regs[MSS_REGION_MPSS].no_map = false;
	KUNIT_ASSERT_EQ(test, pick(regs, PG, true, &c), 0);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_LEGACY);
	KUNIT_EXPECT_EQ(test, pick(regs, PG, false, &c), -ENOSPC);
}

static void dedicated_unaligned_base_refused(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	layout(regs, true);
	regs[MSS_REGION_MDATA].base += 0x100;
	KUNIT_ASSERT_EQ(test, pick(regs, PG, true, &c), 0);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_MPSS_WINDOW);
	KUNIT_EXPECT_TRUE(test, regs[MSS_REGION_MDATA].flags & MSS_REGION_F_UNALIGNED);
}

static void dedicated_unaligned_size_refused(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	layout(regs, true);
	regs[MSS_REGION_MDATA].size = SZ_16K + 0x10;
	KUNIT_ASSERT_EQ(test, pick(regs, PG, true, &c), 0);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_MPSS_WINDOW);
	KUNIT_EXPECT_TRUE(test, regs[MSS_REGION_MDATA].flags & MSS_REGION_F_UNALIGNED);
}

static void mpss_unaligned_refused(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	layout(regs, false);
	regs[MSS_REGION_MPSS].base += 0x800;
	KUNIT_ASSERT_EQ(test, pick(regs, PG, true, &c), 0);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_LEGACY);
	KUNIT_EXPECT_TRUE(test, regs[MSS_REGION_MPSS].flags & MSS_REGION_F_UNALIGNED);
}

static void dedicated_overlapping_mpss_refused(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	layout(regs, true);
	regs[MSS_REGION_MDATA].base = MPSS_BASE + SZ_64M;
	KUNIT_ASSERT_EQ(test, pick(regs, PG, true, &c), 0);
	/* Both sides of an overlap are refused: staging would corrupt one */
	KUNIT_EXPECT_TRUE(test, regs[MSS_REGION_MDATA].flags & MSS_REGION_F_OVERLAP);
	KUNIT_EXPECT_TRUE(test, regs[MSS_REGION_MPSS].flags & MSS_REGION_F_OVERLAP);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_LEGACY);
}

static void mba_overlapping_mpss_refused(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	layout(regs, true);
	regs[MSS_REGION_MBA].base = MPSS_BASE + SZ_128M - PG;
	KUNIT_ASSERT_EQ(test, pick(regs, PG, true, &c), 0);
	KUNIT_EXPECT_TRUE(test, regs[MSS_REGION_MBA].flags & MSS_REGION_F_OVERLAP);
	KUNIT_EXPECT_TRUE(test, regs[MSS_REGION_MPSS].flags & MSS_REGION_F_OVERLAP);
	KUNIT_EXPECT_FALSE(test, regs[MSS_REGION_MDATA].flags);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_DEDICATED);
}

static void adjacent_regions_do_not_overlap(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	layout(regs, true);
	regs[MSS_REGION_MDATA].base = MPSS_BASE + SZ_128M;
	regs[MSS_REGION_MBA].base = MPSS_BASE - SZ_1M;
	KUNIT_ASSERT_EQ(test, pick(regs, PG, true, &c), 0);
	KUNIT_EXPECT_EQ(test, regs[MSS_REGION_MDATA].flags, 0U);
	KUNIT_EXPECT_EQ(test, regs[MSS_REGION_MPSS].flags, 0U);
	KUNIT_EXPECT_EQ(test, regs[MSS_REGION_MBA].flags, 0U);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_DEDICATED);
}

static void dynamic_region_used(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	/* The kernel knows where alloc-ranges placed it */
	layout(regs, true);
	regs[MSS_REGION_MDATA].dynamic = true;
	KUNIT_ASSERT_EQ(test, pick(regs, PG, true, &c), 0);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_DEDICATED);
	KUNIT_EXPECT_EQ(test, c.base, MDATA_BASE);
}

static void dynamic_region_unknown_base(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	/* The host validator does not know the base: no overlap check */
	layout(regs, true);
	regs[MSS_REGION_MDATA].dynamic = true;
	regs[MSS_REGION_MDATA].base_known = false;
	regs[MSS_REGION_MDATA].base = MPSS_BASE;
	KUNIT_ASSERT_EQ(test, pick(regs, PG, true, &c), 0);
	KUNIT_EXPECT_EQ(test, regs[MSS_REGION_MDATA].flags, 0U);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_DEDICATED);
}

static void dynamic_region_unaligned_size(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	layout(regs, true);
	regs[MSS_REGION_MDATA].base_known = false;
	regs[MSS_REGION_MDATA].size = 0x3800;
	KUNIT_ASSERT_EQ(test, pick(regs, PG, true, &c), 0);
	KUNIT_EXPECT_TRUE(test, regs[MSS_REGION_MDATA].flags & MSS_REGION_F_UNALIGNED);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_MPSS_WINDOW);
}

static void zero_size_metadata_rejected(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	layout(regs, true);
	KUNIT_EXPECT_EQ(test, pick(regs, 0, true, &c), -EINVAL);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_NONE);
}

static void huge_metadata_overflow_rejected(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	layout(regs, true);
	KUNIT_EXPECT_EQ(test, pick(regs, ~0ULL, true, &c), -EFBIG);
	KUNIT_EXPECT_EQ(test, pick(regs, ~0ULL - PG + 2, true, &c), -EFBIG);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_NONE);
}

static void huge_metadata_goes_legacy(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	layout(regs, true);
	KUNIT_ASSERT_EQ(test, pick(regs, SZ_256M, true, &c), 0);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_LEGACY);
	KUNIT_EXPECT_EQ(test, pick(regs, SZ_256M, false, &c), -ENOSPC);
}

static void window_exactly_mpss_size(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	layout(regs, false);
	KUNIT_ASSERT_EQ(test, pick(regs, SZ_128M, false, &c), 0);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_MPSS_WINDOW);
	KUNIT_EXPECT_EQ(test, pick(regs, SZ_128M + 1, false, &c), -ENOSPC);
}

static void bad_arguments_rejected(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	layout(regs, true);
	mss_mdata_check_regions(regs, PG);
	KUNIT_EXPECT_EQ(test, mss_mdata_select(NULL, PG, true, true, PG, &c), -EINVAL);
	KUNIT_EXPECT_EQ(test, mss_mdata_select(regs, PG, true, true, PG, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, mss_mdata_select(regs, PG, true, true, 0, &c), -EINVAL);
	KUNIT_EXPECT_EQ(test, mss_mdata_select(regs, PG, true, true, 3000, &c), -EINVAL);
}

static void larger_page_size_rounds_window(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	layout(regs, true);
	/* With 64 KiB pages a 16 KiB carveout is unaligned and too small */
	mss_mdata_check_regions(regs, SZ_64K);
	KUNIT_EXPECT_TRUE(test, regs[MSS_REGION_MDATA].flags & MSS_REGION_F_UNALIGNED);
	KUNIT_ASSERT_EQ(test, mss_mdata_select(regs, PG, true, true, SZ_64K, &c), 0);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_MPSS_WINDOW);
	KUNIT_EXPECT_EQ(test, c.window, (u64)SZ_64K);
}

static void empty_region_refused(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	layout(regs, true);
	regs[MSS_REGION_MDATA].size = 0;
	KUNIT_ASSERT_EQ(test, pick(regs, PG, true, &c), 0);
	KUNIT_EXPECT_TRUE(test, regs[MSS_REGION_MDATA].flags & MSS_REGION_F_EMPTY);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_MPSS_WINDOW);
}

static void wrapping_region_refused(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	layout(regs, true);
	regs[MSS_REGION_MDATA].base = ~0ULL - PG + 1;
	regs[MSS_REGION_MDATA].size = 2 * PG;
	KUNIT_ASSERT_EQ(test, pick(regs, PG, true, &c), 0);
	KUNIT_EXPECT_TRUE(test, regs[MSS_REGION_MDATA].flags & MSS_REGION_F_WRAP);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_MPSS_WINDOW);
}

static void missing_mpss_and_mdata(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	memset(regs, 0, sizeof(regs));
	KUNIT_ASSERT_EQ(test, pick(regs, PG, true, &c), 0);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_LEGACY);
	KUNIT_EXPECT_EQ(test, regs[MSS_REGION_MPSS].flags, MSS_REGION_F_MISSING);
	KUNIT_EXPECT_EQ(test, pick(regs, PG, false, &c), -ENOSPC);
}

static void check_is_idempotent(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];

	layout(regs, true);
	regs[MSS_REGION_MDATA].no_map = false;
	mss_mdata_check_regions(regs, PG);
	mss_mdata_check_regions(regs, PG);
	KUNIT_EXPECT_EQ(test, regs[MSS_REGION_MDATA].flags, MSS_REGION_F_NO_MAP);
	/* A fixed region loses its stale flags on the next check */
	regs[MSS_REGION_MDATA].no_map = true;
	mss_mdata_check_regions(regs, PG);
	KUNIT_EXPECT_EQ(test, regs[MSS_REGION_MDATA].flags, 0U);
}

static void stuck_region_never_reused(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	struct mss_mdata_choice c;

	/* TrustZone kept the dedicated region: the window takes over */
	layout(regs, true);
	regs[MSS_REGION_MDATA].flags = MSS_REGION_F_STUCK;
	KUNIT_ASSERT_EQ(test, pick(regs, PG, true, &c), 0);
	KUNIT_EXPECT_EQ(test, regs[MSS_REGION_MDATA].flags, MSS_REGION_F_STUCK);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_MPSS_WINDOW);

	/* ...and once the window is stuck too, only legacy is left */
	regs[MSS_REGION_MPSS].flags = MSS_REGION_F_STUCK;
	KUNIT_ASSERT_EQ(test, pick(regs, PG, true, &c), 0);
	KUNIT_EXPECT_EQ(test, c.source, MSS_MDATA_LEGACY);
	KUNIT_EXPECT_EQ(test, pick(regs, PG, false, &c), -ENOSPC);
}

static void several_flags_at_once(struct kunit *test)
{
	struct mss_mdata_region regs[MSS_REGION_NR];

	layout(regs, true);
	regs[MSS_REGION_MDATA].no_map = false;
	regs[MSS_REGION_MDATA].base = MPSS_BASE + 0x10;
	mss_mdata_check_regions(regs, PG);
	KUNIT_EXPECT_EQ(test, regs[MSS_REGION_MDATA].flags,
			MSS_REGION_F_NO_MAP | MSS_REGION_F_UNALIGNED |
			MSS_REGION_F_OVERLAP);
}

static void names_are_stable(struct kunit *test)
{
	/* These strings are ABI: debugfs and the validator print them */
	KUNIT_EXPECT_STREQ(test, mss_mdata_source_name(MSS_MDATA_DEDICATED), "dedicated");
	KUNIT_EXPECT_STREQ(test, mss_mdata_source_name(MSS_MDATA_MPSS_WINDOW), "mpss-window");
	KUNIT_EXPECT_STREQ(test, mss_mdata_source_name(MSS_MDATA_LEGACY), "legacy");
	KUNIT_EXPECT_STREQ(test, mss_mdata_source_name(MSS_MDATA_NONE), "none");
	KUNIT_EXPECT_STREQ(test, mss_region_role_name(MSS_REGION_MBA), "mba");
	KUNIT_EXPECT_STREQ(test, mss_region_role_name(MSS_REGION_MPSS), "mpss");
	KUNIT_EXPECT_STREQ(test, mss_region_role_name(MSS_REGION_MDATA), "metadata");
}

static struct kunit_case mss_mdata_cases[] = {
	KUNIT_CASE(dedicated_chosen),
	KUNIT_CASE(dedicated_exact_fit),
	KUNIT_CASE(dedicated_too_small_falls_to_window),
	KUNIT_CASE(window_when_no_dedicated),
	KUNIT_CASE(unprotected_dedicated_first),
	KUNIT_CASE(unprotected_dma_not_window),
	KUNIT_CASE(unprotected_dma_despite_legacy_refused),
	KUNIT_CASE(legacy_when_nothing_fits),
	KUNIT_CASE(legacy_refused_is_enospc),
	KUNIT_CASE(legacy_refused_but_window_fits),
	KUNIT_CASE(dedicated_without_no_map_refused),
	KUNIT_CASE(mpss_without_no_map_refused),
	KUNIT_CASE(dedicated_unaligned_base_refused),
	KUNIT_CASE(dedicated_unaligned_size_refused),
	KUNIT_CASE(mpss_unaligned_refused),
	KUNIT_CASE(dedicated_overlapping_mpss_refused),
	KUNIT_CASE(mba_overlapping_mpss_refused),
	KUNIT_CASE(adjacent_regions_do_not_overlap),
	KUNIT_CASE(dynamic_region_used),
	KUNIT_CASE(dynamic_region_unknown_base),
	KUNIT_CASE(dynamic_region_unaligned_size),
	KUNIT_CASE(zero_size_metadata_rejected),
	KUNIT_CASE(huge_metadata_overflow_rejected),
	KUNIT_CASE(huge_metadata_goes_legacy),
	KUNIT_CASE(window_exactly_mpss_size),
	KUNIT_CASE(bad_arguments_rejected),
	KUNIT_CASE(larger_page_size_rounds_window),
	KUNIT_CASE(empty_region_refused),
	KUNIT_CASE(wrapping_region_refused),
	KUNIT_CASE(missing_mpss_and_mdata),
	KUNIT_CASE(check_is_idempotent),
	KUNIT_CASE(stuck_region_never_reused),
	KUNIT_CASE(several_flags_at_once),
	KUNIT_CASE(names_are_stable),
	{ }
};

static struct kunit_suite mss_mdata_suite = {
	.name = "qcom_q6v5_mss_mdata",
	.test_cases = mss_mdata_cases,
};

kunit_test_suite(mss_mdata_suite);

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_DESCRIPTION("KUnit tests for the Qualcomm MSS metadata carveout rules");
MODULE_LICENSE("GPL");
