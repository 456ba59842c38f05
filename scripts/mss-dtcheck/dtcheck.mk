# SPDX-License-Identifier: GPL-2.0-only
#
# mss-dtcheck: fast validator for the MSS memory layout of DTS/DTB files.
# Included by the top-level Makefile (TOP BIN OUT RESULTS LOGS KSRC UPDTB
# UPDTB_STAMP DEPS_STAMP come from there; the 7.2 tree and DTBs from
# scripts/dt-check/upstream-7.2.mk).
#
#   make mss-dtcheck        build/out/bin/mss-dtcheck (+ scripts/mss-dtcheck.sh)
#   make fleet              tables over the 6.12 qcom arm64 DTBs and the 7.2
#                           qcom arm64 and arm32 DTBs
#   make check-dtcheck      fixtures, bad-DTB corpus (also under ASan/UBSan), fleet
#   make check-dtcheck-fuzz libFuzzer over the DTB path for 60 s
#   make fuzz FUZZ_SECONDS=3600   a longer fuzz run (default 600 s)
#   make bench-validator    fleet wall time vs dt-validate on the MSS bindings
#                           (6.12 and 7.2 side by side)

include $(TOP)/scripts/dt-check/upstream-7.2.mk

DTCHECK_DIR	:= $(TOP)/scripts/mss-dtcheck
DTCHECK_OUT	:= $(OUT)/mss-dtcheck
DTCHECK_BIN	:= $(BIN)/mss-dtcheck
DTCHECK_ASAN	:= $(BIN)/mss-dtcheck-asan
DTCHECK_FUZZ	:= $(BIN)/mss-dtcheck-fuzz
DTCHECK_FUZZ_MDT := $(BIN)/mss-dtcheck-fuzz-mdt
DTCHECK_CORPUS	:= $(DTCHECK_OUT)/corpus
UPDTB_QCOM	:= $(UPDTB)/arch/arm64/boot/dts/qcom

DTCHECK_CC	?= gcc
DTCHECK_CLANG	?= clang
# The driver's selection rules, shared with the kernel module (not copied)
DTCHECK_SHARED	:= $(TOP)/drivers/remoteproc/qcom_q6v5_mss_mdata_select.c
DTCHECK_LIB	:= $(addprefix $(DTCHECK_DIR)/,check.c srcmap.c mdt.c report.c util.c) \
		   $(DTCHECK_SHARED)
DTCHECK_HDRS	:= $(DTCHECK_DIR)/dtcheck.h \
		   $(TOP)/scripts/include/mss_host.h \
		   $(TOP)/drivers/remoteproc/qcom_mss_mdt.h \
		   $(TOP)/drivers/remoteproc/qcom_q6v5_mss_mdata_select.h \
		   $(TOP)/drivers/remoteproc/qcom_mss_socs.h
DTCHECK_CPPFLAGS := -D_GNU_SOURCE -I$(DTCHECK_DIR) -I$(TOP)/scripts/include \
		   -I$(TOP)/drivers/remoteproc
DTCHECK_CFLAGS	:= -O2 -Wall -Wextra -Werror
DTCHECK_SANFLAGS := -O1 -g -fno-omit-frame-pointer \
		   -fsanitize=address,undefined -fno-sanitize-recover=all
# The sources name libFuzzer's entry point through this macro, so that the
# CamelCase name libFuzzer dictates lives here rather than in kernel-style C
DTCHECK_FUZZFLAGS := -fsanitize=fuzzer -DFUZZ_ENTRY=LLVMFuzzerTestOneInput
FUZZ_SECONDS	?= 600

CHECK_STAGES	+= dtcheck dtcheck-fuzz
HELP_EXTRA	+= 'mss-dtcheck     build the MSS DTS validator (build/out/bin/mss-dtcheck)' \
		   'fleet           MSS tables over the 6.12 and 7.2 qcom DTBs (builds them)' \
		   'check-dtcheck   validator tests: fixtures, bad-DTB corpus, fleet' \
		   'check-dtcheck-fuzz  libFuzzer stage of make check (60 s DTB + 20 s firmware)' \
		   'fuzz            longer fuzz run: make fuzz FUZZ_SECONDS=3600 (default 600)' \
		   'bench-validator validator fleet time vs dt-validate (MSS bindings)'

.PHONY: mss-dtcheck mss-dtcheck-asan mss-dtcheck-fuzz fleet check-dtcheck \
	check-dtcheck-fuzz fuzz bench bench-validator dtcheck-corpus

mss-dtcheck: $(DTCHECK_BIN)
mss-dtcheck-asan: $(DTCHECK_ASAN)
mss-dtcheck-fuzz: $(DTCHECK_FUZZ) $(DTCHECK_FUZZ_MDT)

# Linked with Debian's static libfdt (libfdt-dev): in the shared library
# fdt_next_tag() calls fdt_offset_ptr() through the PLT, and the fleet
# spends most of its time in that walker; statically it is about 12% faster
# (0.77 -> 0.68 s over 7.2's 396 arm64 DTBs, same output).
$(DTCHECK_BIN): $(DTCHECK_DIR)/main.c $(DTCHECK_LIB) $(DTCHECK_HDRS) | $(DEPS_STAMP)
	@mkdir -p $(BIN)
	$(DTCHECK_CC) $(DTCHECK_CFLAGS) $(DTCHECK_CPPFLAGS) -o $@ \
		$(DTCHECK_DIR)/main.c $(DTCHECK_LIB) -l:libfdt.a

# Same program under ASan/UBSan, for the bad-input corpus
$(DTCHECK_ASAN): $(DTCHECK_DIR)/main.c $(DTCHECK_LIB) $(DTCHECK_HDRS) | $(DEPS_STAMP)
	@mkdir -p $(BIN)
	$(DTCHECK_CLANG) $(DTCHECK_SANFLAGS) -Wall -Wextra -Werror $(DTCHECK_CPPFLAGS) \
		-o $@ $(DTCHECK_DIR)/main.c $(DTCHECK_LIB) -lfdt

# libFuzzer harnesses (libfdt itself is Debian's uninstrumented build)
$(DTCHECK_FUZZ): $(DTCHECK_DIR)/fuzz_dtb.c $(DTCHECK_LIB) $(DTCHECK_HDRS) | $(DEPS_STAMP)
	@mkdir -p $(BIN)
	$(DTCHECK_CLANG) $(DTCHECK_SANFLAGS) $(DTCHECK_FUZZFLAGS) $(DTCHECK_CPPFLAGS) \
		-o $@ $(DTCHECK_DIR)/fuzz_dtb.c $(DTCHECK_LIB) -lfdt

$(DTCHECK_FUZZ_MDT): $(DTCHECK_DIR)/fuzz_mdt.c $(DTCHECK_LIB) $(DTCHECK_HDRS) | $(DEPS_STAMP)
	@mkdir -p $(BIN)
	$(DTCHECK_CLANG) $(DTCHECK_SANFLAGS) $(DTCHECK_FUZZFLAGS) $(DTCHECK_CPPFLAGS) \
		-o $@ $(DTCHECK_DIR)/fuzz_mdt.c $(DTCHECK_LIB) -lfdt

# Crafted bad DTBs, generated deterministically (MANIFEST lists expectations)
dtcheck-corpus: $(DTCHECK_CORPUS)/MANIFEST
$(DTCHECK_CORPUS)/MANIFEST: $(DTCHECK_DIR)/tests/gen-bad-dtbs.py | $(DEPS_STAMP)
	@rm -rf $(DTCHECK_CORPUS) && mkdir -p $(DTCHECK_CORPUS)
	python3 $< $(DTCHECK_CORPUS)

# One table per DTB folder; exit status 2 (an unreadable input) from any
# of them fails the target, findings (1) do not
fleet: $(DTCHECK_BIN) $(UPDTB_STAMP) $(UPDTB72_STAMPS)
	@st=0; for d in $(UPDTB_QCOM) $(UPDTB72_QCOM) $(UPDTB72_ARM_QCOM); do \
		echo "=== $$d"; \
		$(DTCHECK_BIN) --fleet $$d; rc=$$?; [ $$rc -le 1 ] || st=$$rc; \
	done; exit $$st

check-dtcheck: $(DTCHECK_BIN) $(DTCHECK_ASAN) $(DTCHECK_CORPUS)/MANIFEST $(UPDTB_STAMP) \
	       $(UPDTB72_STAMPS) $(REALFW_STAMP)
	@RESULTS=$(RESULTS) KSRC=$(KSRC) DTCHECK=$(DTCHECK_BIN) DTCHECK_ASAN=$(DTCHECK_ASAN) \
		CORPUS=$(DTCHECK_CORPUS) UPDTB_QCOM=$(UPDTB_QCOM) WORK=$(DTCHECK_OUT)/tests \
		UPDTB72_QCOM=$(UPDTB72_QCOM) UPDTB72_ARM_QCOM=$(UPDTB72_ARM_QCOM) \
		REALFW=$(REALFW) \
		sh $(DTCHECK_DIR)/tests/run-tests.sh

check-dtcheck-fuzz: $(DTCHECK_FUZZ) $(DTCHECK_FUZZ_MDT) $(DTCHECK_CORPUS)/MANIFEST
	@RESULTS=$(RESULTS) FUZZ=$(DTCHECK_FUZZ) FUZZ_MDT=$(DTCHECK_FUZZ_MDT) \
		CORPUS=$(DTCHECK_CORPUS) WORK=$(DTCHECK_OUT)/fuzz LOGS=$(LOGS) \
		FUZZ_SECONDS=60 FUZZ_MDT_SECONDS=20 \
		sh $(DTCHECK_DIR)/tests/fuzz.sh check

fuzz: $(DTCHECK_FUZZ) $(DTCHECK_FUZZ_MDT) $(DTCHECK_CORPUS)/MANIFEST
	@FUZZ=$(DTCHECK_FUZZ) FUZZ_MDT=$(DTCHECK_FUZZ_MDT) CORPUS=$(DTCHECK_CORPUS) \
		WORK=$(DTCHECK_OUT)/fuzz LOGS=$(LOGS) FUZZ_SECONDS=$(FUZZ_SECONDS) \
		FUZZ_MDT_SECONDS=$(FUZZ_SECONDS) sh $(DTCHECK_DIR)/tests/fuzz.sh long

bench: bench-validator
bench-validator: $(DTCHECK_BIN) $(UPDTB_STAMP) $(UPDTB72_STAMPS)
	@KSRC=$(KSRC) DTCHECK=$(DTCHECK_BIN) UPDTB_QCOM=$(UPDTB_QCOM) \
		KSRC72=$(KSRC72) UPDTB72_QCOM=$(UPDTB72_QCOM) \
		UPDTB72_ARM_QCOM=$(UPDTB72_ARM_QCOM) \
		WORK=$(DTCHECK_OUT)/bench sh $(DTCHECK_DIR)/bench.sh
