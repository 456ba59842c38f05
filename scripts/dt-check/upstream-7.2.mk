# SPDX-License-Identifier: GPL-2.0-only
#
# Debian's linux-source-7.2 and its qcom DTBs, for the validator fleet
# (scripts/mss-dtcheck/dtcheck.mk) and the bindings checks
# (Documentation/devicetree/bindings/remoteproc/bindings.mk); both include
# this file, the guard makes the second include a no-op.  TOP BUILD come
# from the top-level Makefile.
#
#   make distro-src-7.2       fetch and extract linux-source-7.2
#                             (scripts/distro/fetch.sh, private apt)
#   make upstream-dtbs-7.2    the 7.2 qcom DTBs: arm64 (allnoconfig +
#                             ARCH_QCOM, `dtbs`) and arm32 (allnoconfig + MMU +
#                             ARCH_MULTI_V7 + ARCH_QCOM, `dtbs`), each in its
#                             own O= directory under build/

ifndef UPSTREAM72_MK
UPSTREAM72_MK	:= 1

DISTRO_DIR	?= $(BUILD)/distro
KSRC72		?= $(DISTRO_DIR)/src-7.2
# fetch.sh writes it last, once the tree is extracted
KSRC72_STAMP	:= $(KSRC72)/.debian-version
UPDTB72		?= $(BUILD)/upstream-dtbs-7.2
UPDTB72_ARM	?= $(BUILD)/upstream-dtbs-7.2-arm
UPDTB72_STAMP	:= $(UPDTB72)/.built
UPDTB72_ARM_STAMP := $(UPDTB72_ARM)/.built
UPDTB72_QCOM	:= $(UPDTB72)/arch/arm64/boot/dts/qcom
UPDTB72_ARM_QCOM := $(UPDTB72_ARM)/arch/arm/boot/dts/qcom
UPDTB72_STAMPS	:= $(UPDTB72_STAMP) $(UPDTB72_ARM_STAMP)

HELP_EXTRA	+= 'upstream-dtbs-7.2  build the 7.2 qcom arm64 and arm32 DTBs (fetches linux-source-7.2)'

.PHONY: distro-src-7.2 upstream-dtbs-7.2

distro-src-7.2: $(KSRC72_STAMP)
$(KSRC72_STAMP):
	sh $(TOP)/scripts/distro/fetch.sh $(DISTRO_DIR) 7.2

upstream-dtbs-7.2: $(UPDTB72_STAMPS)

# No arm32 cross compiler is installed and none is needed: `dtbs` only runs
# the C preprocessor (the host's, with -nostdinc) and the kernel's own dtc.
# $(1) O= directory, $(2) ARCH, $(3) CROSS_COMPILE, $(4) symbols to enable
define upstream72_dtbs
	@mkdir -p $(1)
	$(MAKE) -C $(KSRC72) O=$(1) ARCH=$(2) CROSS_COMPILE=$(3) allnoconfig > /dev/null
	cd $(1) && $(KSRC72)/scripts/config $(foreach s,$(4),-e $(s)) && \
		$(MAKE) -C $(KSRC72) O=$(1) ARCH=$(2) CROSS_COMPILE=$(3) \
		olddefconfig > /dev/null
	@for s in $(4); do grep -qx "CONFIG_$$s=y" $(1)/.config || \
		{ echo "upstream-dtbs-7.2: CONFIG_$$s did not stick ($(2))" >&2; exit 1; }; done
	$(MAKE) -C $(KSRC72) O=$(1) ARCH=$(2) CROSS_COMPILE=$(3) -j$(JOBS) dtbs
	@touch $@
endef

$(UPDTB72_STAMP): $(KSRC72_STAMP)
	$(call upstream72_dtbs,$(UPDTB72),arm64,aarch64-linux-gnu-,ARCH_QCOM)

$(UPDTB72_ARM_STAMP): $(KSRC72_STAMP)
	$(call upstream72_dtbs,$(UPDTB72_ARM),arm,,MMU ARCH_MULTI_V7 ARCH_QCOM)

endif
