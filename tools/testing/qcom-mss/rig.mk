# SPDX-License-Identifier: GPL-2.0-only
#
# QEMU test rig: the guest init, the initramfs and the scenario runner.
# Included by the top-level Makefile, which defines TOP OUT MODOUT DTBOUT
# GUESTOUT RESULTS LOGS KOBJ KIMAGE CROSS_COMPILE DEPS_STAMP.
#
#   make guest-init               build/out/guest/init (static aarch64)
#   make initramfs                build/out/guest/initramfs.cpio
#   make check-rig                boot every scenarios/*.scn (make check stage)
#   make check-rig-selftest       only the rig's own negative controls (no boot)
#   make qemu-run SCENARIO=name   boot one scenario, console on the terminal

RIG_DIR		:= $(TOP)/tools/testing/qcom-mss
RIG_INIT	:= $(GUESTOUT)/init
RIG_INITRAMFS	:= $(GUESTOUT)/initramfs.cpio
RIG_SCENARIOS	:= $(sort $(wildcard $(RIG_DIR)/scenarios/*.scn))
# mss-init's scenario parser built for the host, and the KUnit suites our
# sources declare (what each boot's KUnit output must match)
RIG_LINT	:= $(BIN)/mss-init-lint
RIG_KUNIT_DECLARED := $(OUT)/rig/kunit-declared.txt
RIG_KUNIT_SRC	:= $(shell find $(TOP)/drivers/remoteproc \( -name '*.c' ! -name '*.mod.c' \) -o -name Kbuild)

# Optional producers of guest inputs.  The firmware generator's fragment
# is included after this one, so test for its file rather than for a
# variable it sets; DTBs have no owner yet: set RIG_DTB_DEP to the target
# that builds $(DTBOUT)/*.dtb once one exists (scenarios with @dtb need it).
RIG_FIRMWARE_DEP ?= $(if $(wildcard $(RIG_DIR)/fwgen/fwgen.mk),firmware)
RIG_DTB_DEP	?=

# Paths for the scripts, so they agree with this Makefile
RIG_ENV		:= TOP=$(TOP) KOBJ=$(KOBJ) KIMAGE=$(KIMAGE) OUT=$(OUT) \
		   MODOUT=$(MODOUT) DTBOUT=$(DTBOUT) GUESTOUT=$(GUESTOUT) \
		   LOGS=$(LOGS) RESULTS=$(RESULTS) LINT=$(RIG_LINT) \
		   KUNIT_DECLARED=$(RIG_KUNIT_DECLARED)

# For `demo` and other boots: make them depend on $(RIG_DEPS), then run
#   $(RIG_RUN) -v -s STAGE NAME      (-v streams the console)
RIG_DEPS	:= initramfs $(RIG_DTB_DEP) $(RIG_LINT) $(RIG_KUNIT_DECLARED)
RIG_RUN		:= $(RIG_ENV) $(RIG_DIR)/run-scenario.sh

CHECK_STAGES	+= rig
# Right after the rig: the driver's line coverage from the boots it made
CHECK_STAGES	+= coverage
HELP_EXTRA	+= 'guest-init      build the static guest init (mss-init)'
HELP_EXTRA	+= 'initramfs       pack init, modules, firmware and scenarios for the guest'
HELP_EXTRA	+= 'check-rig       boot every rig scenario in QEMU (stage of make check)'
HELP_EXTRA	+= 'check-rig-selftest  negative controls of the rig alone, no boot'
HELP_EXTRA	+= 'check-coverage  line coverage of the driver, from the check-rig boot logs'
HELP_EXTRA	+= 'qemu-run        boot one scenario, console shown: make qemu-run SCENARIO=name'

.PHONY: guest-init initramfs check-rig check-rig-selftest check-coverage qemu-run

guest-init: $(RIG_INIT)

$(RIG_INIT): $(RIG_DIR)/init/init.c $(TOP)/scripts/include/mss_host.h | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CROSS_COMPILE)gcc -static -O2 -Wall -Wextra -Werror \
		-I$(TOP)/scripts/include -o $@ $<

$(RIG_LINT): $(RIG_DIR)/init/init.c $(TOP)/scripts/include/mss_host.h
	@mkdir -p $(@D)
	cc -O2 -Wall -Wextra -Werror -I$(TOP)/scripts/include -o $@ $<

# Written whole or not at all: a half-written list would pass fewer suites
$(RIG_KUNIT_DECLARED): $(RIG_DIR)/kunit-declared.py $(RIG_KUNIT_SRC)
	@mkdir -p $(@D)
	@python3 $< $(TOP)/drivers/remoteproc > $@.tmp && mv $@.tmp $@ || \
		{ rm -f $@.tmp; exit 1; }
	@sed 's/^/  KUNIT   declared: /' $@

# The kernel provides usr/gen_init_cpio and the in-tree helper modules.
# mkinitramfs.sh only rewrites the archive when its content changed.
initramfs: $(KIMAGE) modules $(RIG_INIT) $(RIG_FIRMWARE_DEP)
	@$(RIG_ENV) $(RIG_DIR)/mkinitramfs.sh

check-rig: $(RIG_DEPS)
	@$(RIG_ENV) $(RIG_DIR)/check-rig.sh

# No prerequisites: a rebuild here would leave the counters in the logs
# without the .gcno files they belong to (the stage says so)
check-coverage:
	@$(RIG_ENV) MODSRC=$(MODSRC) CROSS_COMPILE=$(CROSS_COMPILE) \
		$(RIG_DIR)/coverage/check-coverage.sh

check-rig-selftest: $(RIG_LINT)
	@$(RIG_ENV) $(RIG_DIR)/selftest/run-selftests.sh

# Without SCENARIO, say so before building anything
qemu-run: $(if $(SCENARIO),$(RIG_DEPS))
	@if [ -z "$(SCENARIO)" ]; then \
		echo "usage: make qemu-run SCENARIO=name; scenarios:" \
			$(notdir $(basename $(RIG_SCENARIOS))); \
		exit 2; \
	fi
	@$(RIG_RUN) -v -s qemu-run $(SCENARIO)

# make soak (not part of make check): the soak-*.scn scenarios, with the
# slab and vmalloc growth per batch and the run time
HELP_EXTRA	+= 'soak            1000 start/stop and 200 crash/recovery cycles, growth report'
.PHONY: soak
soak: $(RIG_DEPS)
	@rm -f $(RESULTS)/soak.txt
	@$(RIG_ENV) SOAK='$(SOAK)' $(RIG_DIR)/soak.sh
	@scripts/check-summary.sh $(RESULTS) soak
