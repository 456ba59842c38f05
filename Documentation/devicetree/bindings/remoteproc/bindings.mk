# SPDX-License-Identifier: GPL-2.0-only
#
# DT bindings of the MSS rework: the kernel's dt_binding_check on our YAML,
# dtbs_check against the MSS schemas, and the `make check` stage "bindings".
# Included by the top-level Makefile (TOP BUILD LOGS RESULTS KSRC KSRC_STAMP
# KOBJ UPDTB UPDTB_STAMP DT_SCHEMA_MIN_VERSION come from there).
#
#   make dt_binding_check       the kernel's dt_binding_check, limited to our
#                               binding files, in a shadow of the 6.12 tree
#   make dt_binding_check-7.2   the same in a shadow of Debian's 7.2 tree
#   make dtbs_check DTS=board.dts   (or DTB=board.dtb) one board against the
#                               MSS schemas (DT_SCHEMA=full: every binding)
#   make dtbs-check-upstream    every enabled MSS node of the 6.12 qcom DTBs
#                               (boards with a fix overlay: the fixed DTB)
#   make dtbs-check-upstream-7.2  the same for the 7.2 arm64 and arm32 qcom
#                               DTBs, against the 7.2 tree's schemas
#   make upstream-fixed-dtbs    apply arch/arm64/boot/dts/qcom/*-mss-fix.dtso
#                               (to the 6.12 and the 7.2 DTB of that board)
#   make check-bindings         the `make check` stage

include $(TOP)/scripts/dt-check/upstream-7.2.mk

DTCHK_SCRIPTS	:= $(TOP)/scripts/dt-check
DTCHK_BUILD	:= $(BUILD)/dt-check
DTCHK_REL	:= Documentation/devicetree/bindings
# A kernel source tree whose bindings are the 6.12 ones with ours laid over
# them; everything else is a symlink into the pristine $(KSRC).
DTCHK_TREE	:= $(DTCHK_BUILD)/tree
DTCHK_OBJ	:= $(DTCHK_BUILD)/obj
DTCHK_BINDINGS	:= $(DTCHK_TREE)/$(DTCHK_REL)
DTCHK_FULL	:= $(DTCHK_OBJ)/$(DTCHK_REL)/processed-schema.json
# The same for Debian's 7.2 tree (upstream-7.2.mk fetches it)
DTCHK72_TREE	:= $(DTCHK_BUILD)/tree-7.2
DTCHK72_OBJ	:= $(DTCHK_BUILD)/obj-7.2
DTCHK72_BINDINGS := $(DTCHK72_TREE)/$(DTCHK_REL)
DTCHK72_FULL	:= $(DTCHK72_OBJ)/$(DTCHK_REL)/processed-schema.json

# Our binding files (ours replace upstream files of the same name)
DTCHK_OURS	:= $(shell cd $(TOP)/$(DTCHK_REL) 2>/dev/null && \
			find . -name '*.yaml' | sed 's|^\./||' | sort)
DTCHK_SPACE	:= $(eval) $(eval)

# The processed schema for dtbs_check: our files plus every schema they
# reference (glink-edge, smd-edge, bam-dmux, ... and what those reference),
# about 1 s per DTB instead of 25-40 s with all bindings.
DTCHK_SCHEMA	:= $(DTCHK_BUILD)/mss-schema.json
DTCHK_SCHEMA_LIST := $(DTCHK_BUILD)/mss-schema.list
DTCHK72_SCHEMA	:= $(DTCHK_BUILD)/mss-schema-7.2.json
DTCHK72_SCHEMA_LIST := $(DTCHK_BUILD)/mss-schema-7.2.list

# The kernel's dtc (1.7.0), whichever tree built one first
DTCHK_DTC	?= $(firstword $(wildcard $(KOBJ)/scripts/dtc/dtc $(UPDTB)/scripts/dtc/dtc) \
			$(DTCHK_OBJ)/scripts/dtc/dtc)
DTCHK_FDTOVERLAY ?= $(firstword $(wildcard $(KOBJ)/scripts/dtc/fdtoverlay \
			$(UPDTB)/scripts/dtc/fdtoverlay) fdtoverlay)
DTCHK_UPQCOM	:= $(UPDTB)/arch/arm64/boot/dts/qcom
# Fixes for upstream boards whose MSS description is wrong for the driver:
# BOARD-mss-fix.dtso is applied to the 6.12 BOARD.dtb with fdtoverlay, and
# the fleet checks the result ($(DTCHK_FIXED)/BOARD.dtb) instead.
DTCHK_FIXES	:= $(sort $(wildcard $(TOP)/arch/arm64/boot/dts/qcom/*-mss-fix.dtso))
DTCHK_FIXED	:= $(DTCHK_BUILD)/fixed
DTCHK_FIXED_DTBS := $(patsubst %-mss-fix.dtso,$(DTCHK_FIXED)/%.dtb,$(notdir $(DTCHK_FIXES)))
# The same overlays on the 7.2 DTB of the board: a fix that 7.2 no longer
# needs fails check-bindings ("fixes-7.2/BOARD/needed"), so it shows.
DTCHK72_FIXED	:= $(DTCHK_BUILD)/fixed-7.2
DTCHK72_FIXED_DTBS := $(patsubst %-mss-fix.dtso,$(DTCHK72_FIXED)/%.dtb,$(notdir $(DTCHK_FIXES)))
# 7.2's dtc and fdtoverlay, built by upstream-dtbs-7.2
DTCHK72_DTC	:= $(UPDTB72)/scripts/dtc/dtc
DTCHK72_FDTOVERLAY := $(UPDTB72)/scripts/dtc/fdtoverlay
DTCHK_JOBS	?= 2

# Our DTS: the simulated boards
DTCHK_OUR_DTS	:= $(sort $(wildcard $(TOP)/arch/arm64/boot/dts/qcom/*sim*.dts))

# Two kernel makes in one O= directory corrupt each other (fixdep errors),
# and so would two tree updates: everything that writes the tree or the
# object directory holds this lock, and check-bindings holds it throughout.
DTCHK_LOCKFILE	:= $(DTCHK_BUILD)/.lock
DTCHK_LOCK	:= flock $(DTCHK_LOCKFILE)
# The kernel runs its own Python checkers (7.2: scripts/dtc/dt-check-style,
# which needs ruamel.yaml) with $(PYTHON3), "python3" from PATH; that may be
# an interpreter without dt-schema's modules (a pyenv shim here).  Use the
# one dt-schema's own tools run with, from their #! line.
DTCHK_PYTHON3	:= $(or $(shell sed -n '1s/^\#! *//p' $$(command -v dt-doc-validate) 2>/dev/null),python3)
DTCHK_KMAKE	:= $(MAKE) -C $(DTCHK_TREE) O=$(DTCHK_OBJ) PYTHON3=$(DTCHK_PYTHON3) \
		   DT_SCHEMA_MIN_VERSION=$(DT_SCHEMA_MIN_VERSION)
DTCHK72_KMAKE	:= $(MAKE) -C $(DTCHK72_TREE) O=$(DTCHK72_OBJ) PYTHON3=$(DTCHK_PYTHON3) \
		   DT_SCHEMA_MIN_VERSION=$(DT_SCHEMA_MIN_VERSION)

DTCHK_ENV	:= TOP=$(TOP) KSRC=$(KSRC) RESULTS=$(RESULTS) LOGS=$(LOGS) \
		   DTCHK_FIXED=$(DTCHK_FIXED) DTCHK_FIXES="$(DTCHK_FIXES)" \
		   DTCHK_FDTOVERLAY=$(DTCHK_FDTOVERLAY) MSS_DTCHECK=$(DTCHECK_BIN) \
		   DTCHK_BUILD=$(DTCHK_BUILD) DTCHK_BINDINGS=$(DTCHK_BINDINGS) \
		   DTCHK_SCHEMA=$(DTCHK_SCHEMA) DTCHK_DTC=$(DTCHK_DTC) \
		   DTCHK_UPQCOM=$(DTCHK_UPQCOM) DTCHK_JOBS=$(DTCHK_JOBS) \
		   DTCHK_OURS="$(DTCHK_OURS)" DTCHK_OUR_DTS="$(DTCHK_OUR_DTS)" \
		   KSRC72=$(KSRC72) DTCHK72_BINDINGS=$(DTCHK72_BINDINGS) \
		   DTCHK72_SCHEMA=$(DTCHK72_SCHEMA) DTCHK72_FULL=$(DTCHK72_FULL) \
		   DTCHK72_FIXED=$(DTCHK72_FIXED) DTCHK72_DTC=$(DTCHK72_DTC) \
		   UPDTB72_QCOM=$(UPDTB72_QCOM) UPDTB72_ARM_QCOM=$(UPDTB72_ARM_QCOM)

CHECK_STAGES	+= bindings
HELP_EXTRA	+= 'dt_binding_check  kernel dt_binding_check of our binding YAML (dt-schema 2022.08)' \
		   'dt_binding_check-7.2  the same, our YAML laid over the 7.2 bindings' \
		   'dtbs_check      check one board: make dtbs_check DTS=path/board.dts (or DTB=)' \
		   'dtbs-check-upstream  dtbs_check of every enabled MSS node in the 6.12 qcom DTBs' \
		   'dtbs-check-upstream-7.2  the same for the 7.2 arm64 and arm32 qcom DTBs' \
		   'upstream-fixed-dtbs  boards with our MSS fix overlays -> build/dt-check/fixed{,-7.2}' \
		   'check-bindings  bindings stage of make check'

.PHONY: dt-bindings-tree dt_binding_check mss-schema dtbs_check \
	dtbs-check-upstream upstream-fixed-dtbs check-bindings \
	dt-bindings-tree-7.2 dt_binding_check-7.2 mss-schema-7.2 \
	dtbs-check-upstream-7.2

# Cheap when nothing changed: only edited files are copied
dt-bindings-tree: | $(KSRC_STAMP)
	@mkdir -p $(DTCHK_BUILD)
	@$(DTCHK_LOCK) sh $(DTCHK_SCRIPTS)/mk-tree.sh $(KSRC) $(DTCHK_TREE) $(TOP) $(DTCHK_FULL)

dt-bindings-tree-7.2: | $(KSRC72_STAMP)
	@mkdir -p $(DTCHK_BUILD)
	@$(DTCHK_LOCK) sh $(DTCHK_SCRIPTS)/mk-tree.sh $(KSRC72) $(DTCHK72_TREE) $(TOP) $(DTCHK72_FULL)

# DT_SCHEMA_FILES selects the binding documents and examples to check;
# DT_CHECKER_FLAGS=-m validates the examples against every schema (the
# kernel's default with DT_SCHEMA_FILES, -l, takes one substring and
# would match nothing for a list of files in dt-schema 2022.08).
dt_binding_check: dt-bindings-tree
	@mkdir -p $(LOGS)
	+@{ $(DTCHK_LOCK) $(DTCHK_KMAKE) dt_binding_check DT_CHECKER_FLAGS=-m \
		DT_SCHEMA_FILES="$(subst $(DTCHK_SPACE),:,$(strip $(DTCHK_OURS)))"; \
		echo $$? > $(LOGS)/dt_binding_check.rc; } 2>&1 | tee $(LOGS)/dt_binding_check.log
	@exit $$(cat $(LOGS)/dt_binding_check.rc)

dt_binding_check-7.2: dt-bindings-tree-7.2
	@mkdir -p $(LOGS)
	+@{ $(DTCHK_LOCK) $(DTCHK72_KMAKE) dt_binding_check DT_CHECKER_FLAGS=-m \
		DT_SCHEMA_FILES="$(subst $(DTCHK_SPACE),:,$(strip $(DTCHK_OURS)))"; \
		echo $$? > $(LOGS)/dt_binding_check-7.2.rc; } 2>&1 | tee $(LOGS)/dt_binding_check-7.2.log
	@exit $$(cat $(LOGS)/dt_binding_check-7.2.rc)

$(DTCHK_OBJ)/scripts/dtc/dtc:
	$(MAKE) dt_binding_check

mss-schema: dt-bindings-tree
	@mkdir -p $(DTCHK_BUILD)
	@python3 $(DTCHK_SCRIPTS)/schema-closure.py $(DTCHK_BINDINGS) $(DTCHK_OURS) \
		> $(DTCHK_SCHEMA_LIST).$$$$ && \
	mv $(DTCHK_SCHEMA_LIST).$$$$ $(DTCHK_SCHEMA_LIST) && \
	dt-mk-schema -j @$(DTCHK_SCHEMA_LIST) > $(DTCHK_SCHEMA).$$$$ && \
	mv $(DTCHK_SCHEMA).$$$$ $(DTCHK_SCHEMA)

mss-schema-7.2: dt-bindings-tree-7.2
	@mkdir -p $(DTCHK_BUILD)
	@python3 $(DTCHK_SCRIPTS)/schema-closure.py $(DTCHK72_BINDINGS) $(DTCHK_OURS) \
		> $(DTCHK72_SCHEMA_LIST).$$$$ && \
	mv $(DTCHK72_SCHEMA_LIST).$$$$ $(DTCHK72_SCHEMA_LIST) && \
	dt-mk-schema -j @$(DTCHK72_SCHEMA_LIST) > $(DTCHK72_SCHEMA).$$$$ && \
	mv $(DTCHK72_SCHEMA).$$$$ $(DTCHK72_SCHEMA)

# One board, the kbuild way (cpp with the 6.12 include paths, then dtc),
# then dt-validate.  DT_SCHEMA=full uses the processed schema of every
# binding, which dt_binding_check builds (25-40 s per DTB).
dtbs_check: $(if $(filter full,$(DT_SCHEMA)),dt_binding_check,mss-schema) $(DTCHK_DTC)
	@$(DTCHK_ENV) DTCHK_SCHEMA=$(if $(filter full,$(DT_SCHEMA)),$(DTCHK_FULL),$(DTCHK_SCHEMA)) \
		sh $(DTCHK_SCRIPTS)/dtbs-check.sh "$(DTS)" "$(DTB)"

upstream-fixed-dtbs: $(DTCHK_FIXED_DTBS) $(DTCHK72_FIXED_DTBS)

# The kbuild way for the overlay, then fdtoverlay onto the upstream DTB
$(DTCHK_FIXED)/%.dtb: $(TOP)/arch/arm64/boot/dts/qcom/%-mss-fix.dtso $(UPDTB_STAMP) $(DTCHK_DTC)
	@mkdir -p $(@D)
	@echo "  DTCO    $(notdir $<)"
	@sh $(DTCHK_SCRIPTS)/dts2dtb.sh $(KSRC) $(DTCHK_DTC) $< $(@:.dtb=-mss-fix.dtbo)
	@echo "  OVL     $(notdir $@) = $*.dtb + $(notdir $(@:.dtb=-mss-fix.dtbo))"
	@$(DTCHK_FDTOVERLAY) -i $(DTCHK_UPQCOM)/$*.dtb -o $@.$$$$ $(@:.dtb=-mss-fix.dtbo) && \
	mv $@.$$$$ $@

# The same overlay compiled with 7.2's include paths and dtc
$(DTCHK72_FIXED)/%.dtb: $(TOP)/arch/arm64/boot/dts/qcom/%-mss-fix.dtso $(UPDTB72_STAMP)
	@mkdir -p $(@D)
	@echo "  DTCO    $(notdir $<) (7.2)"
	@sh $(DTCHK_SCRIPTS)/dts2dtb.sh $(KSRC72) $(DTCHK72_DTC) $< $(@:.dtb=-mss-fix.dtbo)
	@echo "  OVL     $(notdir $@) = 7.2 $*.dtb + $(notdir $(@:.dtb=-mss-fix.dtbo))"
	@$(DTCHK72_FDTOVERLAY) -i $(UPDTB72_QCOM)/$*.dtb -o $@.$$$$ $(@:.dtb=-mss-fix.dtbo) && \
	mv $@.$$$$ $@

dtbs-check-upstream: mss-schema $(UPDTB_STAMP) $(DTCHK_FIXED_DTBS)
	@sh $(DTCHK_SCRIPTS)/fleet.sh $(DTCHK_SCHEMA) $(DTCHK_BINDINGS) $(DTCHK_UPQCOM) \
		$(DTCHK_BUILD)/fleet $(DTCHK_JOBS) $(DTCHK_FIXED)
	@grep -v '^#' $(DTCHK_BUILD)/fleet/report.txt | \
		awk -F'\t' '$$4 > 0 { print "  " $$1 ": " $$2 ": " $$4 " finding(s)" }'
	@sed 's/^/  /' $(DTCHK_BUILD)/fleet/summary.txt
	@echo "  report: $(DTCHK_BUILD)/fleet/report.txt, logs: $(DTCHK_BUILD)/fleet/logs/"

# arm64 and arm32 in one run: the two folders are one fleet
dtbs-check-upstream-7.2: mss-schema-7.2 $(UPDTB72_STAMPS) $(DTCHK72_FIXED_DTBS)
	@sh $(DTCHK_SCRIPTS)/fleet.sh $(DTCHK72_SCHEMA) $(DTCHK72_BINDINGS) \
		"$(UPDTB72_QCOM) $(UPDTB72_ARM_QCOM)" $(DTCHK_BUILD)/fleet-7.2 $(DTCHK_JOBS) \
		$(DTCHK72_FIXED)
	@grep -v '^#' $(DTCHK_BUILD)/fleet-7.2/report.txt | \
		awk -F'\t' '$$4 > 0 { print "  " $$1 ": " $$2 ": " $$4 " finding(s)" }'
	@sed 's/^/  /' $(DTCHK_BUILD)/fleet-7.2/summary.txt
	@echo "  report: $(DTCHK_BUILD)/fleet-7.2/report.txt, logs: $(DTCHK_BUILD)/fleet-7.2/logs/"

# '+': the script runs the kernel's make, which needs the jobserver
check-bindings: mss-schema $(DTCHK_DTC) $(UPDTB_STAMP) $(DTCHK_FIXED_DTBS) $(DTCHECK_BIN) \
		mss-schema-7.2 $(UPDTB72_STAMPS) $(DTCHK72_FIXED_DTBS)
	+@$(DTCHK_ENV) DTCHK_KMAKE="$(DTCHK_KMAKE)" DTCHK_FULL=$(DTCHK_FULL) \
		DTCHK72_KMAKE="$(DTCHK72_KMAKE)" DTCHK_LOCKFILE=$(DTCHK_LOCKFILE) \
		MAKE="$(MAKE)" sh $(DTCHK_SCRIPTS)/check-bindings.sh
