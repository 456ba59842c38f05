# SPDX-License-Identifier: GPL-2.0-only
#
# mss-fwgen: the host test-firmware generator and the guest firmware set.
# Included by the top-level Makefile (TOP, BIN, GUESTOUT, RESULTS, LOGS,
# DEPS_STAMP come from there).  See tools/testing/qcom-mss/fwgen/README.
#
#   make mss-fwgen      build/out/bin/mss-fwgen and mss-mdt-verify
#   make firmware       build/out/guest/firmware (the guest's /lib/firmware)
#   make firmware-real  Debian's firmware-qcom-soc in build/firmware
#   make check-fwgen    host tests of the generator, the firmware set and
#                       the real images

FWGEN_DIR	:= $(TOP)/tools/testing/qcom-mss/fwgen
FWGEN		:= $(BIN)/mss-fwgen
FWGEN_VERIFY	:= $(BIN)/mss-mdt-verify
# The format's one definition, and the OpenSSL signing code both tools use
FWGEN_HDRS	:= $(TOP)/drivers/remoteproc/qcom_mss_mdt.h \
		   $(TOP)/scripts/include/mss_host.h $(FWGEN_DIR)/mdt-sign.h
FWGEN_CFLAGS	:= -Wall -Wextra -Werror -O2 -I$(TOP)/scripts/include \
		   -I$(TOP)/drivers/remoteproc
FWDIR		:= $(GUESTOUT)/firmware
FWSIM		:= $(FWDIR)/qcom/sim
# Bookkeeping stays out of the firmware tree (which is packed into the guest)
FW_STATE	:= $(OUT)/.fwgen
FW_STAMP	:= $(FW_STATE)/stamp
FW_PARAMS_FILE	:= $(FW_STATE)/params
FW_MANIFEST	:= $(FW_STATE)/MANIFEST
# Throwaway signing chain (mk-test-ca.sh), made once per build tree
FW_CA		:= $(FW_STATE)/ca
FW_CA_STAMP	:= $(FW_CA)/attest.key
# Real linux-firmware images (scripts/fetch-firmware.sh)
REALFW		:= $(BUILD)/firmware
REALFW_STAMP	:= $(REALFW)/VERSION

# Physical addresses the images are linked at.  A non-relocatable modem
# image must be linked at the start of the board's MPSS reserved-memory
# region, so the rig sets these (before this fragment is included, or on
# the command line) to match its DT.  The defaults are sdm845's regions.
FW_MPSS_BASE	?= 0x8e000000
FW_MBA_BASE	?= 0x96500000
# Link address of the relocatable variant: deliberately unrelated to any
# region, so only a relocating loader places it correctly.
FW_RELOC_BASE	?= 0x10000000
FW_SEED		?= 1

# The default modem: odd sizes (partial last pages), a zero-filled tail on
# every load segment, a file-less .bss segment, a v3 hash segment signed
# with the test chain in the legacy scheme, 256 + 6144 bytes of signature
# and chain as real images (metadata 6,876 bytes; the big variant's 20,956
# bytes exceed 16 KiB).
FW_MODEM_ARGS	:= --seed $(FW_SEED) --segment-size 196613,65536,12289 \
		   --zero-fill 3000 --bss 65536 --sign $(FW_CA)
FW_MBA_ARGS	:= --mba --seed $(FW_SEED) --base $(FW_MBA_BASE) \
		   --segment-size 40960,24577 --sign $(FW_CA)

FW_VARIANTS	:= big corrupt mbn reloc badsig v5 v6 unsigned
FW_PARAMS	:= $(FW_MPSS_BASE) $(FW_MBA_BASE) $(FW_RELOC_BASE) $(FW_SEED) \
		   $(FW_MODEM_ARGS) $(FW_MBA_ARGS)

HELP_EXTRA	+= 'mss-fwgen       build the test firmware generator and verifier (build/out/bin)' \
		   'firmware        generate the guest firmware set (build/out/guest/firmware)' \
		   'firmware-real   fetch Debian firmware-qcom-soc into build/firmware' \
		   'check-fwgen     host tests of mss-fwgen, the firmware set, the real images'
CHECK_STAGES	+= fwgen

.PHONY: mss-fwgen firmware firmware-real check-fwgen

mss-fwgen: $(FWGEN) $(FWGEN_VERIFY)

$(FWGEN): $(FWGEN_DIR)/mss-fwgen.c $(FWGEN_DIR)/mdt-sign.c $(FWGEN_HDRS) \
	  $(FWGEN_DIR)/fwgen.mk | $(DEPS_STAMP)
	@mkdir -p $(@D)
	gcc $(FWGEN_CFLAGS) -o $@ $(FWGEN_DIR)/mss-fwgen.c $(FWGEN_DIR)/mdt-sign.c -lcrypto

$(FWGEN_VERIFY): $(FWGEN_DIR)/mdt-verify.c $(FWGEN_DIR)/mdt-sign.c $(FWGEN_HDRS) \
		 $(FWGEN_DIR)/fwgen.mk | $(DEPS_STAMP)
	@mkdir -p $(@D)
	gcc $(FWGEN_CFLAGS) -o $@ $(FWGEN_DIR)/mdt-verify.c $(FWGEN_DIR)/mdt-sign.c -lcrypto

$(FW_CA_STAMP): $(FWGEN_DIR)/mk-test-ca.sh | $(DEPS_STAMP)
	@echo "  TESTCA  $(FW_CA)"
	@sh $< $(FW_CA)

firmware-real: $(REALFW_STAMP)
$(REALFW_STAMP): $(TOP)/scripts/fetch-firmware.sh | $(DEPS_STAMP)
	@sh $< $(BUILD)

# Regenerate when the parameters change, not only when the tool does
$(FW_PARAMS_FILE): FORCE
	@mkdir -p $(@D)
	@echo '$(FW_PARAMS)' | cmp -s - $@ 2>/dev/null || echo '$(FW_PARAMS)' > $@

firmware: $(FW_STAMP)

# Layout (paths relative to the guest's /lib/firmware):
#   qcom/sim/{mba.mbn,modem.mdt,modem.bNN}  the default set
#   qcom/sim/VARIANT/...                     each variant, same file names
#   qcom/sim/hostile-set/{good,NAME}/...     the hostile corpus (mk-hostile.py)
#   qcom/sim/hostile/                        empty: mss-hostile.scn copies a set here
#   qcom/sim/ca/test-root.der                the test CA's root (oem_pk_hash)
#   variants/VARIANT/qcom/sim/...            symbolic links to the same files, for
#                    /sys/module/firmware_class/parameters/path=/lib/firmware/variants/VARIANT
#   qcom/sim/b00/mba.mbn                     the MBA behind a 0x1000-byte header (msm8974)
#   variants/dp/msadp                        a debug policy, found with path=.../variants/dp
# Links are symbolic, not hard: gen_init_cpio stores every hard link as a
# copy, which made the initramfs grow by a whole set per variant.
$(FW_STAMP): $(FWGEN) $(FWGEN_VERIFY) $(FW_CA_STAMP) $(FW_PARAMS_FILE) \
	     $(FWGEN_DIR)/mk-hostile.py
	@rm -rf $(FWSIM) $(FWDIR)/variants
	@mkdir -p $(FWSIM) $(FW_STATE)
	@echo "  FWGEN   $(FWSIM)"
	@$(FWGEN) --out $(FWSIM) $(FW_MBA_ARGS)
	@$(FWGEN) --out $(FWSIM) $(FW_MODEM_ARGS) --base $(FW_MPSS_BASE)
	@$(FWGEN) --out $(FWSIM)/big $(FW_MODEM_ARGS) --base $(FW_MPSS_BASE) \
		--sig-pad 20480
	@$(FWGEN) --out $(FWSIM)/corrupt $(FW_MODEM_ARGS) --base $(FW_MPSS_BASE) \
		--corrupt-segment 3
	@$(FWGEN) --out $(FWSIM)/mbn $(FW_MODEM_ARGS) --base $(FW_MPSS_BASE) \
		--format mbn
	@cp $(FWSIM)/mbn/modem.mbn $(FWSIM)/mbn/modem.mdt
	@$(FWGEN) --out $(FWSIM)/reloc $(FW_MODEM_ARGS) --base $(FW_RELOC_BASE) \
		--relocatable
	@$(FWGEN) --out $(FWSIM)/badsig $(FW_MODEM_ARGS) --base $(FW_MPSS_BASE) \
		--corrupt-signature
	@$(FWGEN) --out $(FWSIM)/v5 $(FW_MODEM_ARGS) --base $(FW_MPSS_BASE) \
		--hash-version 5
	@$(FWGEN) --out $(FWSIM)/v6 $(FW_MODEM_ARGS) --base $(FW_MPSS_BASE) \
		--hash-version 6
	@$(FWGEN) --out $(FWSIM)/unsigned $(filter-out --sign $(FW_CA),$(FW_MODEM_ARGS)) \
		--base $(FW_MPSS_BASE)
	@mkdir -p $(FWSIM)/ca
	@cp $(FW_CA)/root.der $(FWSIM)/ca/test-root.der
	@# the hostile corpus (mss-hostile.scn) and the folder it is copied to
	@# (from a small modem, so the 32 sets stay small in the initramfs)
	@$(FWGEN) --out $(FW_STATE)/hostile-good --seed $(FW_SEED) --format mbn \
		--segment-size 8192,4096,4096 --sign $(FW_CA) --base $(FW_MPSS_BASE)
	@python3 $(FWGEN_DIR)/mk-hostile.py $(FWSIM)/mba.mbn \
		$(FW_STATE)/hostile-good/modem.mbn $(FWSIM)/hostile-set > /dev/null
	@mkdir -p $(FWSIM)/hostile
	@set -e; for v in $(FW_VARIANTS); do \
		ln -s ../mba.mbn $(FWSIM)/$$v/mba.mbn; \
		mkdir -p $(FWDIR)/variants/$$v/qcom/sim; \
		for f in $(FWSIM)/$$v/*; do \
			ln -s ../../../../qcom/sim/$$v/$${f##*/} \
				$(FWDIR)/variants/$$v/qcom/sim/; \
		done; \
	done
	@# msm8974 family (MSS_MBA_B00_OFFSET): an ELF mba.mbn keeps the old
	@# split image's 0x1000-byte header ahead of the image the PBL reads.
	@# Here the header page is the MBA's ELF header padded with zeros (no
	@# program headers: the simulated PBL refuses it) and the image the
	@# default mba.mbn: only a driver that skips the page boots.
	@mkdir -p $(FWSIM)/b00
	@{ head -c 52 $(FWSIM)/mba.mbn; head -c 4044 /dev/zero; \
	   cat $(FWSIM)/mba.mbn; } > $(FWSIM)/b00/mba.mbn
	@# a debug policy ("msadp", loaded 1 MiB after the MBA): text, so a
	@# scenario can compare what the simulated PBL read with the file
	@mkdir -p $(FWDIR)/variants/dp
	@for i in 1 2 3 4 5 6 7 8 9 10 11 12; do \
		echo "qcom-mss rig debug policy, seed $(FW_SEED), line $$i"; \
	done > $(FWDIR)/variants/dp/msadp
	@{ echo "# mss-fwgen firmware set: $(FW_PARAMS)"; \
	   cd $(FWSIM) && for m in modem.mdt */modem.mdt; do \
		printf '%-20s metadata %s bytes\n' $$m \
			$$($(FWGEN_VERIFY) $$m | sed -n 's/^metadata_size //p'); \
	   done; } > $(FW_MANIFEST)
	@touch $@

check-fwgen: $(FWGEN) $(FWGEN_VERIFY) $(FW_STAMP) $(REALFW_STAMP)
	@RESULTS=$(RESULTS) FWGEN=$(FWGEN) FWDIR=$(FWDIR) FW_MPSS_BASE=$(FW_MPSS_BASE) \
		FWGEN_VERIFY=$(FWGEN_VERIFY) FW_CA=$(FW_CA) REALFW=$(REALFW) \
		sh $(FWGEN_DIR)/test-fwgen.sh
