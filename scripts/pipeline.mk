# SPDX-License-Identifier: GPL-2.0-only
#
# The `make check` stage "pipeline": scripts/testlib.sh and
# scripts/check-summary.sh, which every stage relies on, against planted
# results (a failure, an unexpected skip, a stage without results, ...).
# Included by the top-level Makefile (RESULTS comes from there).

CHECK_STAGES	+= pipeline
HELP_EXTRA	+= 'check-pipeline  the result plumbing of make check against planted results'

.PHONY: check-pipeline
check-pipeline:
	@RESULTS=$(RESULTS) sh scripts/check-pipeline.sh
