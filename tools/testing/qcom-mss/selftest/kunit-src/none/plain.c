// SPDX-License-Identifier: GPL-2.0-only
/* kunit-declared.py's own test: no suite anywhere */
int plain;
