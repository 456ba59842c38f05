// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the simulated TrustZone's ownership ledger and seals.
 *
 * The rig trusts the ledger to say who owns every granule: a wrong split
 * or merge would hide a driver that assigns the wrong range, so the list
 * operations are pinned down here on a ledger of the suite's own (no
 * memory is touched).  Loaded by scenarios/tz-rules.scn.
 */

#include <kunit/test.h>
#include <linux/module.h>
#include <linux/sizes.h>

#include "qcom_scm_sim_priv.h"

#define G	SIM_GRANULE
#define V22	BIT_ULL(22)

static void change(struct kunit *test, struct sim_ledger *l, phys_addr_t start,
		   phys_addr_t end, u64 owners)
{
	struct sim_ledger_spare spare;

	KUNIT_ASSERT_EQ(test, sim_ledger_prepare(l, start, end, &spare), 0);
	sim_ledger_commit(l, start, end, owners, &spare, NULL);
	sim_ledger_release(&spare);
}

static void expect_range(struct kunit *test, struct sim_ledger *l,
			 unsigned int idx, phys_addr_t start, phys_addr_t end,
			 u64 owners)
{
	struct sim_range *r;
	unsigned int i = 0;

	list_for_each_entry(r, &l->ranges, node) {
		if (i++ != idx)
			continue;
		KUNIT_EXPECT_EQ(test, r->start, start);
		KUNIT_EXPECT_EQ(test, r->end, end);
		KUNIT_EXPECT_EQ(test, r->owners, owners);
		return;
	}
	KUNIT_FAIL(test, "no range %u", idx);
}

static void ledger_empty(struct kunit *test)
{
	struct sim_ledger l;
	phys_addr_t bad = 0;
	u64 bad_owners = 0;

	sim_ledger_init(&l);
	KUNIT_EXPECT_TRUE(test, sim_ledger_match(&l, 0, SZ_1G, ~0ULL, SIM_HLOS,
						 &bad, &bad_owners));
	KUNIT_EXPECT_FALSE(test, sim_ledger_match(&l, G, 2 * G, SIM_MSA,
						  SIM_MSA, &bad, &bad_owners));
	KUNIT_EXPECT_EQ(test, bad, G);
	KUNIT_EXPECT_EQ(test, bad_owners, SIM_HLOS);
	KUNIT_EXPECT_EQ(test, sim_ledger_owners_at(&l, 0x70000000), SIM_HLOS);
	KUNIT_EXPECT_EQ(test, sim_ledger_outstanding(&l), 0);
	KUNIT_EXPECT_EQ(test, sim_ledger_nr_ranges(&l), 0);
	sim_ledger_destroy(&l);
}

static void ledger_split_merge(struct kunit *test)
{
	struct sim_ledger l;
	phys_addr_t bad = 0;
	u64 bad_owners = 0;

	sim_ledger_init(&l);
	change(test, &l, 0x10000, 0x20000, SIM_MSA);
	KUNIT_EXPECT_EQ(test, sim_ledger_nr_ranges(&l), 1);
	KUNIT_EXPECT_EQ(test, sim_ledger_outstanding(&l), 16);
	KUNIT_EXPECT_EQ(test, sim_ledger_owners_at(&l, 0x10000), SIM_MSA);
	KUNIT_EXPECT_EQ(test, sim_ledger_owners_at(&l, 0x1ffff), SIM_MSA);
	KUNIT_EXPECT_EQ(test, sim_ledger_owners_at(&l, 0x20000), SIM_HLOS);
	KUNIT_EXPECT_TRUE(test, sim_ledger_match(&l, 0x10000, 0x20000, ~0ULL,
						 SIM_MSA, &bad, &bad_owners));
	/* a range reaching one granule below the entry starts with HLOS */
	KUNIT_EXPECT_FALSE(test, sim_ledger_match(&l, 0xf000, 0x11000, ~0ULL,
						  SIM_MSA, &bad, &bad_owners));
	KUNIT_EXPECT_EQ(test, bad, 0xf000);
	KUNIT_EXPECT_EQ(test, bad_owners, SIM_HLOS);
	/* and one past it ends with HLOS */
	KUNIT_EXPECT_FALSE(test, sim_ledger_match(&l, 0x1f000, 0x21000, ~0ULL,
						  SIM_MSA, &bad, &bad_owners));
	KUNIT_EXPECT_EQ(test, bad, 0x20000);

	/* a hole in the middle splits the entry */
	change(test, &l, 0x14000, 0x15000, SIM_HLOS);
	KUNIT_EXPECT_EQ(test, sim_ledger_nr_ranges(&l), 2);
	KUNIT_EXPECT_EQ(test, sim_ledger_outstanding(&l), 15);
	expect_range(test, &l, 0, 0x10000, 0x14000, SIM_MSA);
	expect_range(test, &l, 1, 0x15000, 0x20000, SIM_MSA);
	KUNIT_EXPECT_FALSE(test, sim_ledger_match(&l, 0x10000, 0x20000, ~0ULL,
						  SIM_MSA, &bad, &bad_owners));
	KUNIT_EXPECT_EQ(test, bad, 0x14000);

	/* filling it merges them again */
	change(test, &l, 0x14000, 0x15000, SIM_MSA);
	KUNIT_EXPECT_EQ(test, sim_ledger_nr_ranges(&l), 1);
	expect_range(test, &l, 0, 0x10000, 0x20000, SIM_MSA);

	/* so does a neighbour with the same owners */
	change(test, &l, 0x20000, 0x22000, SIM_MSA);
	KUNIT_EXPECT_EQ(test, sim_ledger_nr_ranges(&l), 1);
	expect_range(test, &l, 0, 0x10000, 0x22000, SIM_MSA);

	change(test, &l, 0x10000, 0x22000, SIM_HLOS);
	KUNIT_EXPECT_EQ(test, sim_ledger_nr_ranges(&l), 0);
	KUNIT_EXPECT_EQ(test, sim_ledger_outstanding(&l), 0);
	sim_ledger_destroy(&l);
}

static void ledger_across_entries(struct kunit *test)
{
	struct sim_ledger l;
	phys_addr_t bad = 0;
	u64 bad_owners = 0;

	sim_ledger_init(&l);
	change(test, &l, 0x10000, 0x20000, SIM_MSA);
	change(test, &l, 0x20000, 0x30000, SIM_MSA | SIM_HLOS);
	KUNIT_EXPECT_EQ(test, sim_ledger_nr_ranges(&l), 2);
	/* MSS_MSA in every granule, but not the same owners everywhere */
	KUNIT_EXPECT_TRUE(test, sim_ledger_match(&l, 0x10000, 0x30000, SIM_MSA,
						 SIM_MSA, &bad, &bad_owners));
	KUNIT_EXPECT_FALSE(test, sim_ledger_match(&l, 0x10000, 0x30000, ~0ULL,
						  SIM_MSA, &bad, &bad_owners));
	KUNIT_EXPECT_EQ(test, bad, 0x20000);
	KUNIT_EXPECT_EQ(test, bad_owners, SIM_MSA | SIM_HLOS);

	change(test, &l, 0x18000, 0x28000, V22);
	KUNIT_EXPECT_EQ(test, sim_ledger_nr_ranges(&l), 3);
	expect_range(test, &l, 0, 0x10000, 0x18000, SIM_MSA);
	expect_range(test, &l, 1, 0x18000, 0x28000, V22);
	expect_range(test, &l, 2, 0x28000, 0x30000, SIM_MSA | SIM_HLOS);
	KUNIT_EXPECT_EQ(test, sim_ledger_outstanding(&l), 32);

	/* one change over all of it leaves one entry */
	change(test, &l, 0x8000, 0x38000, SIM_MSA);
	KUNIT_EXPECT_EQ(test, sim_ledger_nr_ranges(&l), 1);
	expect_range(test, &l, 0, 0x8000, 0x38000, SIM_MSA);
	sim_ledger_destroy(&l);
}

/* A seal of @n granules from @start whose CRCs are 0, 1, 2, ... */
static void add_seal(struct kunit *test, struct sim_ledger *l,
		     phys_addr_t start, unsigned long n)
{
	struct sim_seal *s = sim_seal_alloc(start, n);
	unsigned long i;

	KUNIT_ASSERT_NOT_NULL(test, s);
	for (i = 0; i < n; i++)
		s->crc[i] = i;
	list_add_tail(&s->node, &l->seals);
}

static void expect_seal(struct kunit *test, struct sim_ledger *l,
			unsigned int idx, phys_addr_t start, unsigned long n,
			u32 first_crc)
{
	struct sim_seal *s;
	unsigned int i = 0;
	unsigned long k;

	list_for_each_entry(s, &l->seals, node) {
		if (i++ != idx)
			continue;
		KUNIT_EXPECT_EQ(test, s->start, start);
		KUNIT_ASSERT_EQ(test, s->npages, n);
		for (k = 0; k < n; k++)
			KUNIT_EXPECT_EQ(test, s->crc[k], first_crc + k);
		return;
	}
	KUNIT_FAIL(test, "no seal %u", idx);
}

static unsigned int nr_seals(struct sim_ledger *l)
{
	struct sim_seal *s;
	unsigned int n = 0;

	list_for_each_entry(s, &l->seals, node)
		n++;

	return n;
}

static void seals_split(struct kunit *test)
{
	struct sim_ledger l;

	sim_ledger_init(&l);
	add_seal(test, &l, 0x10000, 8);

	/* a change in the middle keeps both sides with their CRCs */
	change(test, &l, 0x12000, 0x14000, SIM_HLOS);
	KUNIT_EXPECT_EQ(test, nr_seals(&l), 2);
	expect_seal(test, &l, 0, 0x10000, 2, 0);
	expect_seal(test, &l, 1, 0x14000, 4, 4);

	/* trimming the left side of a seal shifts its CRCs */
	change(test, &l, 0xe000, 0x15000, SIM_HLOS);
	KUNIT_EXPECT_EQ(test, nr_seals(&l), 1);
	expect_seal(test, &l, 0, 0x15000, 3, 5);

	/* and the right side keeps them */
	change(test, &l, 0x17000, 0x20000, SIM_HLOS);
	expect_seal(test, &l, 0, 0x15000, 2, 5);

	change(test, &l, 0x15000, 0x17000, SIM_HLOS);
	KUNIT_EXPECT_EQ(test, nr_seals(&l), 0);
	sim_ledger_destroy(&l);
}

static void seals_drop_exact(struct kunit *test)
{
	struct sim_seal *spare = NULL;
	struct sim_ledger l;

	sim_ledger_init(&l);
	add_seal(test, &l, 0x10000, 2);
	add_seal(test, &l, 0x20000, 2);
	/* granules without a seal in between change nothing */
	sim_seals_drop(&l, 0x12000, 0x20000, &spare);
	KUNIT_EXPECT_EQ(test, nr_seals(&l), 2);
	sim_seals_drop(&l, 0x10000, 0x12000, &spare);
	KUNIT_EXPECT_EQ(test, nr_seals(&l), 1);
	expect_seal(test, &l, 0, 0x20000, 2, 0);
	KUNIT_EXPECT_NULL(test, spare);
	sim_ledger_destroy(&l);
}

static struct kunit_case scm_sim_ledger_cases[] = {
	KUNIT_CASE(ledger_empty),
	KUNIT_CASE(ledger_split_merge),
	KUNIT_CASE(ledger_across_entries),
	KUNIT_CASE(seals_split),
	KUNIT_CASE(seals_drop_exact),
	{}
};

static struct kunit_suite scm_sim_ledger_suite = {
	.name = "qcom_scm_sim_ledger",
	.test_cases = scm_sim_ledger_cases,
};

kunit_test_suite(scm_sim_ledger_suite);

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_DESCRIPTION("KUnit tests for the simulated TrustZone's ownership ledger");
MODULE_LICENSE("GPL");
