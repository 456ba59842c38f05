// SPDX-License-Identifier: GPL-2.0-only
/* kunit-declared.py's own test: a case count that depends on the config */
#include <kunit/test.h>

static void one(struct kunit *test) { }

static struct kunit_case cond_cases[] = {
	KUNIT_CASE(one),
#if IS_ENABLED(CONFIG_X)
	KUNIT_CASE(one),
#endif
	{ }
};

static struct kunit_suite cond_suite = {
	.name = "cond_suite",
	.test_cases = cond_cases,
};

kunit_test_suite(cond_suite);
