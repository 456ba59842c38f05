# SPDX-License-Identifier: GPL-2.0-only
#
# make check stage for the driver sources: W=1 + sparse build, checkpatch
# --strict, kernel-doc, and the host build of the shared selection rules.

CHECK_STAGES += driver
HELP_EXTRA += 'check-driver    W=1/sparse/checkpatch/kernel-doc on our kernel code'

.PHONY: check-driver
check-driver: $(MOD_DEPS)
	@KSRC=$(KSRC) KDIR=$(KDIR) KOBJ=$(KOBJ) MODSRC=$(MODSRC) RESULTS=$(RESULTS) \
		TOP=$(TOP) OUT=$(OUT) \
		LOGS=$(LOGS) MOD_EXTRA="$(MOD_EXTRA)" \
		ARCH=$(ARCH) CROSS_COMPILE=$(CROSS_COMPILE) \
		drivers/remoteproc/check-driver.sh

# make check stage "descriptors": every descriptor field against Debian's
# linux-source-7.2 driver (scripts/check-descriptors.py, doc/soc-descriptors.md)
include $(TOP)/scripts/dt-check/upstream-7.2.mk

CHECK_STAGES += descriptors
HELP_EXTRA += 'check-descriptors  our SoC descriptors field by field against 7.2 (fetches linux-source-7.2)'

.PHONY: check-descriptors
check-descriptors: $(KSRC72_STAMP)
	@RESULTS=$(RESULTS) sh $(TOP)/scripts/check-descriptors.sh \
		$(KSRC72)/drivers/remoteproc/qcom_q6v5_mss.c
