// SPDX-License-Identifier: GPL-2.0-only
/* kunit-declared.py's own test: a suite in a module of two objects */
#include <kunit/test.h>

static void only(struct kunit *test) { }

static struct kunit_case two_cases[] = {
	KUNIT_CASE(only),
	{ }
};

static struct kunit_suite two_suite = {
	.name = "two_suite",
	.test_cases = two_cases,
};

kunit_test_suite(two_suite);
