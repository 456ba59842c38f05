# SPDX-License-Identifier: GPL-2.0-only
#
# Real MSS firmware on the simulated boards.  Included by the top-level
# Makefile after the rig, firmware generator and validator fragments
# (RIG_*, FWGEN_VERIFY, REALFW*, DTCHECK_BIN come from them).
#
#   make try-firmware SOC=sdm845 FW_DIR=dir [DTS=board.dts]
#                     boot the images in DIR on the simulated SOC board
#                     (tools/testing/qcom-mss/try-firmware.sh)
#   make check-realfw the make check stage: Debian's firmware-qcom-soc
#                     images on the simulated SoCs, in their boards' layout

TRY_FW		:= $(RIG_DIR)/try-firmware.sh
TRY_FW_DEPS	:= $(RIG_DEPS) $(FWGEN_VERIFY) $(DTCHECK_BIN)
TRY_FW_ENV	:= $(RIG_ENV) KSRC=$(KSRC) BIN=$(BIN) FWGEN_VERIFY=$(FWGEN_VERIFY)

CHECK_STAGES	+= realfw
HELP_EXTRA	+= 'try-firmware    boot MSS images on a simulated board: SOC=sdm845 FW_DIR=dir [DTS=board.dts] [FUSE=none|mba|HEX]' \
		   'check-realfw    Debian firmware-qcom-soc images on the simulated sdm845 and msm8916 (stage of make check)'

.PHONY: try-firmware check-realfw

try-firmware: $(if $(and $(SOC),$(FW_DIR)),$(TRY_FW_DEPS))
	@if [ -z "$(SOC)" ] || [ -z "$(FW_DIR)" ]; then \
		echo "usage: make try-firmware SOC=soc FW_DIR=dir [DTS=board.dts] [FUSE=none|mba|HEX] [MODEM=name]"; \
		exit 2; \
	fi
	@$(TRY_FW_ENV) FUSE=$(FUSE) MODEM=$(MODEM) $(TRY_FW) $(SOC) $(FW_DIR) $(DTS)

check-realfw: $(TRY_FW_DEPS) $(REALFW_STAMP)
	@$(TRY_FW_ENV) REALFW=$(REALFW) $(RIG_DIR)/check-realfw.sh

# make bench-realfw (part of make bench): the segment load of Debian's
# sdm845 modem image on the simulated sdm845 (bench/bench-realfw.sh); here,
# after the try-firmware variables it needs
HELP_EXTRA	+= 'bench-realfw    segment load of Debian'"'"'s sdm845 modem_nm.mbn against memcpy (one boot)'
.PHONY: bench-realfw
bench: bench-realfw
bench-realfw: $(TRY_FW_DEPS) $(REALFW_STAMP)
	@$(TRY_FW_ENV) REALFW=$(REALFW) $(RIG_DIR)/bench/bench-realfw.sh

# make bench-realfw-nodebug (part of make bench): the same boot on a test
# kernel built without the debug options every scenario runs under.  Those
# options tax exactly what a load does besides the copy: KASAN_VMALLOC
# (which KASAN selects on arm64) allocates and poisons shadow pages for
# each memremap() and PROVE_LOCKING weighs on every page-table lock.  A
# phone runs a kernel without them, so the segment-load ratio is read from
# this boot; the debug kernel's figure stays beside it (bench-realfw).
# The kernel, its modules and the guest image live in build/kernel-nodebug
# and build/out-nodebug; the driver's objects in drivers/remoteproc are
# rebuilt for it, and again for the test kernel by its next make.
NODEBUG_OFF	:= KASAN|KASAN_GENERIC|DEBUG_KMEMLEAK|PROVE_LOCKING|DEBUG_ATOMIC_SLEEP|DMA_API_DEBUG|GCOV_KERNEL
NODEBUG_FRAG	:= $(BUILD)/kernel-nodebug.config
HELP_EXTRA	+= 'bench-realfw-nodebug  bench-realfw on a test kernel without KASAN, kmemleak, lockdep, gcov'
.PHONY: bench-realfw-nodebug
bench: bench-realfw-nodebug
# From the rig's own fragment, not $(FRAGMENT): the sub-make below sets
# that to this file
$(NODEBUG_FRAG): $(RIG_DIR)/kernel.config $(lastword $(MAKEFILE_LIST))
	@mkdir -p $(BUILD)
	@sed -E 's/^CONFIG_($(NODEBUG_OFF))=y$$/# CONFIG_\1 is not set/' $< > $@.tmp
	@mv $@.tmp $@
bench-realfw-nodebug: $(NODEBUG_FRAG)
	+$(MAKE) bench-realfw KOBJ=$(BUILD)/kernel-nodebug OUT=$(BUILD)/out-nodebug \
		FRAGMENT=$(NODEBUG_FRAG)
