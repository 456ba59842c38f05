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
