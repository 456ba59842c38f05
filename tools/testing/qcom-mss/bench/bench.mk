# SPDX-License-Identifier: GPL-2.0-only
#
# make bench-driver (part of make bench, never of make check): the MSS
# driver's benchmarks in one boot of scenarios/bench-sdm845.scn, printed
# as metric, value, baseline, ratio (tools/testing/qcom-mss/bench/bench.sh)

HELP_EXTRA	+= 'bench-driver    metadata staging, segment load, start/stop phases (one boot)'
.PHONY: bench-driver
bench: bench-driver
bench-driver: $(RIG_DEPS)
	@$(RIG_ENV) $(RIG_DIR)/bench/bench.sh
