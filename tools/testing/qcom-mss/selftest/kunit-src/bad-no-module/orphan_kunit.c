// SPDX-License-Identifier: GPL-2.0-only
/* kunit-declared.py's own test: a file that is in no module */
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

kunit_test_suite(a_suite);
