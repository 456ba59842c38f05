# SPDX-License-Identifier: GPL-2.0-only
#
# Mutation tests (mutants/README): every known bug must be caught.

CHECK_STAGES	+= mutants
HELP_EXTRA	+= 'check-mutants   each known bug, patched in, must fail its scenario'

.PHONY: check-mutants
check-mutants: $(RIG_DEPS)
	@$(RIG_ENV) KDIR=$(KDIR) ARCH=$(ARCH) CROSS_COMPILE=$(CROSS_COMPILE) \
		$(RIG_DIR)/check-mutants.sh
