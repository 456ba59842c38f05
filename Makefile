# SPDX-License-Identifier: GPL-2.0-only
#
# qcom_q6v5_mss rework: driver, bindings, DTS validator and QEMU test rig.
#
#   make demo    build everything and load a modem on the simulated sdm845
#   make check   every test; ends with "N passed, N failed, N skipped"
#   make help    all targets
#
# Everything generated lands under build/ (ignored by git):
#   build/linux-source-6.12   pristine Debian kernel source (never edited)
#   build/kernel              test kernel objects (O=), Image, in-tree modules
#   build/upstream-dtbs       6.12 qcom arm64 DTBs (O=) for fleet checks
#   build/out                 our artifacts: modules/, bin/, dtbs/, guest/,
#                             results/, logs/

TOP		:= $(CURDIR)
BUILD		:= $(TOP)/build
OUT		:= $(BUILD)/out
BIN		:= $(OUT)/bin
MODOUT		:= $(OUT)/modules
DTBOUT		:= $(OUT)/dtbs
GUESTOUT	:= $(OUT)/guest
RESULTS		:= $(OUT)/results
LOGS		:= $(OUT)/logs

KVER		:= 6.12
KTAR		:= /usr/src/linux-source-$(KVER).tar.xz
KSRC		:= $(BUILD)/linux-source-$(KVER)
KOBJ		:= $(BUILD)/kernel
UPDTB		:= $(BUILD)/upstream-dtbs
FRAGMENT	:= $(TOP)/tools/testing/qcom-mss/kernel.config

# A user's own configured and built kernel tree for a real board
KDIR		?= $(KOBJ)

ARCH		:= arm64
CROSS_COMPILE	:= aarch64-linux-gnu-
export CCACHE_BASEDIR := $(TOP)

# Reproducible banner so ccache and kbuild see identical inputs every time
KBUILD_REPRO	:= KBUILD_BUILD_TIMESTAMP="Thu Jan  1 00:00:00 UTC 2026" \
		   KBUILD_BUILD_USER=mss KBUILD_BUILD_HOST=rig
KMAKE		:= $(MAKE) -C $(KSRC) O=$(KOBJ) ARCH=$(ARCH) \
		   CROSS_COMPILE=$(CROSS_COMPILE) \
		   CC="ccache $(CROSS_COMPILE)gcc" $(KBUILD_REPRO)
JOBS		?= $(shell nproc)

# dt-schema in bookworm is 2022.08; 6.12 asks for 2023.9
DT_SCHEMA_MIN_VERSION := 2022.3

DEPS_STAMP	:= $(BUILD)/.deps-stamp
KSRC_STAMP	:= $(KSRC)/.extracted
KCONFIG_STAMP	:= $(KOBJ)/.config-checked

# Stages of `make check`, in order; each writes $(RESULTS)/<stage>.txt
CHECK_STAGES	:=

.PHONY: all help deps kernel-src kernel-config kernel modules check demo \
	bench clean distclean upstream-dtbs FORCE

all: modules

help:
	@echo 'Set-up and build:'
	@echo '  deps            install missing Debian packages (once, stamped)'
	@echo '  kernel          extract 6.12, configure from the fragment, build Image + modules'
	@echo '  modules         build our modules against KDIR (default: the test kernel)'
	@echo '                  e.g. make modules KDIR=/path/to/your/built/qcom/tree'
	@echo '  upstream-dtbs   build the 6.12 qcom arm64 DTBs for the fleet checks'
	@echo 'Tests:'
	@echo '  check           every test; ends with "N passed, N failed, N skipped"'
	@echo '  demo            boot the simulated sdm845 board and load the modem via sysfs'
	@echo '  bench           benchmarks (printed with their baselines as ratios)'
	@printf '  %s\n' $(HELP_EXTRA)
	@echo 'Housekeeping:'
	@echo '  clean           remove build/out and our module objects'
	@echo '  distclean       remove build/ entirely'
	@echo 'Outputs: $(OUT)'

# ---------------------------------------------------------------------------
# Dependencies and the kernel tree

deps: $(DEPS_STAMP)
$(DEPS_STAMP): scripts/install-deps.sh
	@scripts/install-deps.sh $@

kernel-src: $(KSRC_STAMP)
$(KSRC_STAMP): | $(DEPS_STAMP)
	@mkdir -p $(BUILD)
	@# Locked and atomic: several make runs may want the tree at once
	@flock $(BUILD)/.extract.lock sh -c '\
		test -f $@ && exit 0; \
		echo "  EXTRACT $(KTAR)"; \
		rm -rf $(KSRC).tmp && mkdir -p $(KSRC).tmp && \
		tar -C $(KSRC).tmp --strip-components=1 -xf $(KTAR) && \
		rm -rf $(KSRC) && mv $(KSRC).tmp $(KSRC) && touch $@'

# allnoconfig + fragment; then every line of the fragment must have stuck
kernel-config: $(KCONFIG_STAMP)
$(KCONFIG_STAMP): $(FRAGMENT) $(KSRC_STAMP) scripts/check-kconfig.sh
	@mkdir -p $(KOBJ)
	cd $(KSRC) && ARCH=$(ARCH) CROSS_COMPILE=$(CROSS_COMPILE) \
		./scripts/kconfig/merge_config.sh -n -O $(KOBJ) $(FRAGMENT) \
		> $(KOBJ)/merge_config.log
	scripts/check-kconfig.sh $(FRAGMENT) $(KOBJ)/.config
	@touch $@

KIMAGE := $(KOBJ)/arch/arm64/boot/Image

# kbuild decides whether anything is out of date; with nothing changed it
# only walks the tree.
kernel: $(KCONFIG_STAMP)
	$(KMAKE) -j$(JOBS) Image modules

# kbuild leaves Image alone when nothing changed; touch it so this rule
# settles once the config stamp is older
$(KIMAGE): $(KCONFIG_STAMP)
	$(KMAKE) -j$(JOBS) Image modules
	@touch $@

# ---------------------------------------------------------------------------
# Our modules (out of tree, Kbuild in drivers/remoteproc)

MODSRC		:= $(TOP)/drivers/remoteproc
# The simulator and KUnit modules only make sense in the test kernel.
# In a kernel tree these come from drivers/remoteproc/Kconfig.
ifeq ($(KDIR),$(KOBJ))
# MSS_GCOV: the driver's objects with gcov (drivers/remoteproc/Kbuild);
# make bench measures that instrumented build too
MOD_EXTRA	:= CONFIG_QCOM_MSS_SIM=m CONFIG_QCOM_Q6V5_MSS_KUNIT_TEST=m \
		   CONFIG_QCOM_Q6V5_MSS_BENCH=m MSS_GCOV=y
MOD_DEPS	:= $(KIMAGE)
else
MOD_EXTRA	:=
MOD_DEPS	:=
endif
MMAKE		:= $(MAKE) -C $(KDIR) M=$(MODSRC) ARCH=$(ARCH) \
		   CROSS_COMPILE=$(CROSS_COMPILE) $(MOD_EXTRA)

modules: $(MOD_DEPS)
	$(MMAKE) -j$(JOBS) modules
	@mkdir -p $(MODOUT)
	@find $(MODSRC) -name '*.ko' -exec cp {} $(MODOUT)/ \;
	@echo "  modules in $(MODOUT):" $$(cd $(MODOUT) && ls *.ko)

# ---------------------------------------------------------------------------
# Upstream 6.12 qcom arm64 DTBs (for the validator fleet and dtbs_check)

UPDTB_STAMP := $(UPDTB)/.built
upstream-dtbs: $(UPDTB_STAMP)
$(UPDTB_STAMP): $(KSRC_STAMP)
	@mkdir -p $(UPDTB)
	$(MAKE) -C $(KSRC) O=$(UPDTB) ARCH=$(ARCH) CROSS_COMPILE=$(CROSS_COMPILE) \
		allnoconfig > /dev/null
	cd $(UPDTB) && $(KSRC)/scripts/config -e ARCH_QCOM && \
		$(MAKE) -C $(KSRC) O=$(UPDTB) ARCH=$(ARCH) \
		CROSS_COMPILE=$(CROSS_COMPILE) olddefconfig > /dev/null
	$(MAKE) -C $(KSRC) O=$(UPDTB) ARCH=$(ARCH) CROSS_COMPILE=$(CROSS_COMPILE) \
		-j$(JOBS) dtbs
	@touch $@

# ---------------------------------------------------------------------------
# Pieces owned by the parts of the project

# First, as every other stage relies on what it checks
-include scripts/pipeline.mk
-include drivers/remoteproc/check.mk
# Before the rig and firmware fragments: it sets their DTB and address defaults
-include arch/arm64/boot/dts/qcom/sim-dtbs.mk
-include tools/testing/qcom-mss/rig.mk
-include tools/testing/qcom-mss/bench/bench.mk
-include tools/testing/qcom-mss/mutants/mutants.mk
-include tools/testing/qcom-mss/fwgen/fwgen.mk
-include scripts/mss-dtcheck/dtcheck.mk
# After the rig, firmware and validator fragments, whose variables it uses
-include tools/testing/qcom-mss/realfw.mk
-include Documentation/devicetree/bindings/remoteproc/bindings.mk
-include scripts/distro/distro.mk

# ---------------------------------------------------------------------------
# make demo: the simulated sdm845 board loads its modem through sysfs.  The
# scenario checks every step; the transcript is the guest's side of it.

DEMO_SCENARIO	:= demo-sdm845

demo: $(RIG_DEPS)
	@rm -rf $(OUT)/demo && mkdir -p $(OUT)/demo
	@RESULTS=$(OUT)/demo $(RIG_RUN) -s demo $(DEMO_SCENARIO) \
		> $(OUT)/demo/results.txt 2>&1; rc=$$?; \
	echo "=== $(DEMO_SCENARIO): guest transcript ($(LOGS)/$(DEMO_SCENARIO).log)"; \
	sed -n '/^mss-init: start/,/^mss-init: done/p' \
		$(LOGS)/$(DEMO_SCENARIO).log | grep -v '^KTAP\|^1\.\.'; \
	echo "=== results"; cat $(OUT)/demo/results.txt; exit $$rc

# ---------------------------------------------------------------------------
# make bench: each part adds its benchmark as a prerequisite (bench: bench-x)

bench:
	@echo "benchmarks done"

# ---------------------------------------------------------------------------
# make check: every stage runs, then one summary

check: | $(DEPS_STAMP)
	@rm -rf $(RESULTS) && mkdir -p $(RESULTS) $(LOGS)
	@for s in $(CHECK_STAGES); do \
		echo "=== stage $$s"; \
		start=$$(date +%s); \
		{ $(MAKE) --no-print-directory check-$$s; \
		  echo $$? > $(RESULTS)/.rc-$$s; } 2>&1 | tee $(LOGS)/stage-$$s.log; \
		[ "$$(cat $(RESULTS)/.rc-$$s)" = 0 ] || \
			echo "not ok $$s/stage-ran" >> $(RESULTS)/$$s.txt; \
		echo "$$s $$(( $$(date +%s) - start ))" >> $(RESULTS)/.times; \
		echo "=== stage $$s: $$(( $$(date +%s) - start )) s"; \
	done
	@STAGE_LOGS=$(LOGS) scripts/check-summary.sh $(RESULTS) $(CHECK_STAGES)

clean:
	rm -rf $(OUT)
	-[ -f $(KOBJ)/Makefile ] && $(MMAKE) clean

distclean:
	rm -rf $(BUILD)

FORCE:
