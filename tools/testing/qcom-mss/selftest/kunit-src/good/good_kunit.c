// SPDX-License-Identifier: GPL-2.0-only
/*
 * kunit-declared.py's own test: three cases in good_a (a parameterised
 * one counts once), one in good_b.  Not built.  KUNIT_CASE(in_a_comment)
 * must not count.
 */
#include <kunit/test.h>

static void one(struct kunit *test) { }
static void two(struct kunit *test) { }
static void three(struct kunit *test) { }

KUNIT_ARRAY_PARAM(three, NULL, NULL);

static struct kunit_case good_a_cases[] = {
	KUNIT_CASE(one),
	KUNIT_CASE(two),
	KUNIT_CASE_PARAM(three, three_gen_params),
	{ }
};

static struct kunit_case good_b_cases[] = {
	KUNIT_CASE_SLOW(one),
	{ }
};

static struct kunit_suite good_a = {
	.name = "good_a",
	.test_cases = good_a_cases,
};

static struct kunit_suite good_b = {
	.name = "good_b",
	.test_cases = good_b_cases,
};

kunit_test_suites(&good_a, &good_b);
