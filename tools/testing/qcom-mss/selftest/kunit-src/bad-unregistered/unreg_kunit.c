// SPDX-License-Identifier: GPL-2.0-only
/* kunit-declared.py's own test: a suite that never runs */
#include <kunit/test.h>

static void one(struct kunit *test) { }

static struct kunit_case a_cases[] = {
	KUNIT_CASE(one),
	{ }
};

static struct kunit_suite a_suite = {
	.name = "a_suite",
	.test_cases = a_cases,
};

static struct kunit_suite forgotten = {
	.name = "forgotten",
	.test_cases = a_cases,
};

kunit_test_suite(a_suite);
