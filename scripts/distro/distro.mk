# SPDX-License-Identifier: GPL-2.0-only
#
# Debian's kernels: our module against Debian's source trees, headers
# packages (the way DKMS builds), the DKMS package, and Debian's own
# arm64 kernel images booted in QEMU.  Included by the top-level Makefile,
# which defines TOP BUILD OUT RESULTS LOGS DEPS_STAMP.
#
#   make distro-fetch         Debian's kernel packages into build/distro
#   make check-distro-src     full source trees 6.1 / 6.12 / 7.2
#   make check-distro-headers headers packages 6.1 / 6.12 (cross, no tree)
#   make check-distro-dkms    make deb, then dkms add/build/install for each
#   make check-distro-sid     7.2 headers + dkms with sid's gcc-16 (chroot)
#   make check-distro-boot    Debian's 6.12 and 7.2 arm64 kernels in QEMU
#   make deb                  build/out/deb/qcom-q6v5-mss-dkms_<ver>_all.deb
# In make check they run in that order: boot loads what dkms/sid built.

DISTRO		:= $(BUILD)/distro
DISTRO_DIR	:= $(TOP)/scripts/distro
DISTRO_ENV	:= TOP=$(TOP) DISTRO=$(DISTRO) OUT=$(OUT) RESULTS=$(RESULTS) \
		   LOGS=$(LOGS)
# 7.2's module comes from check-distro-sid, which runs before in make check
DISTRO_BOOT_SERIES ?= 6.12 7.2

CHECK_STAGES	+= distro-src distro-headers distro-dkms distro-sid distro-boot
HELP_EXTRA	+= 'distro-fetch    download Debian 6.1/6.12/7.2 kernel packages into build/distro'
HELP_EXTRA	+= 'check-distro-src  build against Debian source trees 6.1/6.12/7.2, W=1 (stage)'
HELP_EXTRA	+= 'check-distro-headers  build against Debian headers packages 6.1/6.12, modpost/CRCs (stage)'
HELP_EXTRA	+= 'deb             build/out/deb/qcom-q6v5-mss-dkms_<version>_all.deb (dh-dkms)'
HELP_EXTRA	+= 'check-distro-dkms  make deb, then dkms add/build/install per kernel in a sandbox (stage)'
HELP_EXTRA	+= 'check-distro-sid  7.2 headers + dkms with sid gcc-16/pahole 1.32 in a debootstrap chroot (stage)'
HELP_EXTRA	+= 'check-distro-boot  boot Debian 6.12 (and 7.2) arm64 kernels, load ours + in-tree deps (stage)'

.PHONY: distro-fetch check-distro-src check-distro-headers deb check-distro-dkms \
	check-distro-sid check-distro-boot

# The archive moves; fetch.sh itself decides what is up to date
distro-fetch: | $(DEPS_STAMP)
	@$(DISTRO_DIR)/fetch.sh $(DISTRO)

check-distro-src: distro-fetch
	@$(DISTRO_ENV) $(DISTRO_DIR)/check-src.sh

check-distro-headers: distro-fetch
	@$(DISTRO_ENV) $(DISTRO_DIR)/check-headers.sh 6.1 6.12

deb: | $(DEPS_STAMP)
	@$(DISTRO_DIR)/mkdeb.sh $(OUT)/deb

check-distro-dkms: distro-fetch
	@$(DISTRO_ENV) $(DISTRO_DIR)/check-dkms.sh 6.1 6.12

# Boots what check-distro-dkms (and check-distro-sid for 7.2) built
check-distro-boot: distro-fetch
	@$(DISTRO_ENV) $(DISTRO_DIR)/check-boot.sh $(DISTRO_BOOT_SERIES)

# Builds on the .deb of check-distro-dkms
check-distro-sid: distro-fetch
	@[ -n "$$(ls $(OUT)/deb/qcom-q6v5-mss-dkms_*_all.deb 2>/dev/null)" ] || \
		$(DISTRO_DIR)/mkdeb.sh $(OUT)/deb
	@$(DISTRO_ENV) $(DISTRO_DIR)/check-sid.sh
