# SPDX-License-Identifier: GPL-2.0-only
#
# Device trees of the simulated modem boards (QEMU virt + simulated MSS),
# built the way the kernel builds DTBs: the C preprocessor with the
# kernel's dt-bindings include prefixes, then dtc with kbuild's default
# warning set.  Included from the top-level Makefile:
#
#   make sim-dtbs     build/out/dtbs/<board>.dtb for every *-mss-sim*.dts
#
# Needs the extracted kernel source (make kernel-src); uses the kernel's
# own dtc when the test kernel is built, the system dtc otherwise.
#
# Include this fragment before tools/testing/qcom-mss/rig.mk and
# tools/testing/qcom-mss/fwgen/fwgen.mk: it tells the rig which target
# builds the DTBs its scenarios boot (@dtb), and the firmware generator
# where the boards' regions are (mss-sim.h), so that a non-relocatable
# modem image is linked at the start of the MPSS region.

RIG_DTB_DEP	?= sim-dtbs
FW_MPSS_BASE	?= 0x70000000	# MSS_SIM_MPSS_BASE
FW_MBA_BASE	?= 0x71000000	# MSS_SIM_MBA_BASE

SIM_DTS_DIR	:= $(TOP)/arch/arm64/boot/dts/qcom
SIM_DTS		:= $(wildcard $(SIM_DTS_DIR)/*-mss-sim*.dts)
SIM_DTBS	:= $(patsubst $(SIM_DTS_DIR)/%.dts,$(DTBOUT)/%.dtb,$(SIM_DTS))
# BOARD-fix.dtso applied to BOARD.dtb gives BOARD-fixed.dtb
SIM_DTSO	:= $(wildcard $(SIM_DTS_DIR)/*-mss-sim*-fix.dtso)
SIM_DTBS	+= $(patsubst $(SIM_DTS_DIR)/%-fix.dtso,$(DTBOUT)/%-fixed.dtb,$(SIM_DTSO))
SIM_DTS_DEPS	:= $(wildcard $(SIM_DTS_DIR)/*.dtsi $(SIM_DTS_DIR)/*.h) \
		   $(SIM_DTS_DIR)/sim-dtbs.mk
SIM_DTC		?= $(firstword $(wildcard $(KOBJ)/scripts/dtc/dtc) dtc)
SIM_DTC_CPP	:= gcc -E -nostdinc -undef -D__DTS__ -x assembler-with-cpp \
		   -I$(SIM_DTS_DIR) -I$(KSRC)/scripts/dtc/include-prefixes
# kbuild's DTC_FLAGS without W=1 (scripts/Makefile.dtbs)
# -@ keeps the labels, so fix overlays can refer to the board's nodes
SIM_DTC_FLAGS	:= -@ -Wno-unique_unit_address -Wno-unit_address_vs_reg \
		   -Wno-avoid_unnecessary_addr_size -Wno-alias_paths \
		   -Wno-graph_child_address -Wno-simple_bus_reg

.PHONY: sim-dtbs
sim-dtbs: $(SIM_DTBS)

$(DTBOUT)/%.dtb: $(SIM_DTS_DIR)/%.dts $(SIM_DTS_DEPS) | $(KSRC_STAMP)
	@mkdir -p $(DTBOUT)
	@echo "  DTC     $(notdir $@)"
	@$(SIM_DTC_CPP) -o $@.dts.tmp $<
	@$(SIM_DTC) -O dtb -b 0 -i $(SIM_DTS_DIR) $(SIM_DTC_FLAGS) \
		-o $@.tmp $@.dts.tmp
	@mv $@.tmp $@
	@rm -f $@.dts.tmp

$(DTBOUT)/%-fixed.dtb: $(DTBOUT)/%.dtb $(SIM_DTS_DIR)/%-fix.dtso
	@echo "  OVL     $(notdir $@)"
	@$(SIM_DTC) -@ -I dts -O dtb -o $@.dtbo $(SIM_DTS_DIR)/$*-fix.dtso
	@fdtoverlay -i $< -o $@.tmp $@.dtbo
	@mv $@.tmp $@
	@rm -f $@.dtbo

HELP_EXTRA += 'sim-dtbs        DTBs of the simulated modem boards -> build/out/dtbs'
