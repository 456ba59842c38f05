#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Static checks on our kernel code.  Every check counts what it found;
# zero is the only pass.
set -u
. scripts/testlib.sh
result_init driver
mkdir -p "$LOGS"

# Our C: the driver, its tests and the simulator, and the host tools
# (validator, firmware generator, guest init), held to the same style
mapfile -t srcs < <(git ls-files -co --exclude-standard \
	'drivers/remoteproc/*.[ch]' 'scripts/*.[ch]' \
	'tools/testing/qcom-mss/*.[ch]' | grep -v '\.mod\.c$')

# W=1 and sparse on every object (C=2 checks files even if up to date)
log=$LOGS/driver-build.log
# shellcheck disable=SC2086
if make -C "$KDIR" M="$MODSRC" ARCH="$ARCH" CROSS_COMPILE="$CROSS_COMPILE" \
	$MOD_EXTRA W=1 C=2 modules > "$log" 2>&1; then
	n=$(grep -cE 'warning:|error:' "$log")
	if [ "$n" -eq 0 ]; then
		pass build-w1-sparse
	else
		fail build-w1-sparse "$n warnings:" "$(grep -E 'warning:|error:' "$log" | head -20)"
	fi
else
	fail build-w1-sparse "build failed:" "$(tail -30 "$log")"
fi

# checkpatch --strict, one result per file so a regression names it;
# FILE_PATH_CHANGES is about patches (MAINTAINERS), not files
for f in "${srcs[@]}"; do
	out=$("$KSRC/scripts/checkpatch.pl" --strict --no-tree --terse \
		--show-types --ignore FILE_PATH_CHANGES \
		-f "$f" 2>&1)
	if echo "$out" | grep -qE '(ERROR|WARNING|CHECK):'; then
		fail "checkpatch:${f#drivers/remoteproc/}" "$(echo "$out" | head -10)"
	else
		pass "checkpatch:${f#drivers/remoteproc/}"
	fi
done

# kernel-doc of the carveout manager API, the selection rules and the
# MDT format shared with the host tools
for f in drivers/remoteproc/qcom_q6v5_mss_mdata.[ch] \
	 drivers/remoteproc/qcom_q6v5_mss_mdata_select.[ch] \
	 drivers/remoteproc/qcom_mss_mdt.h; do
	out=$("$KSRC/scripts/kernel-doc" -none -Wall "$f" 2>&1)
	if [ -n "$out" ]; then
		fail "kernel-doc:${f#drivers/remoteproc/}" "$out"
	else
		pass "kernel-doc:${f#drivers/remoteproc/}"
	fi
done

# The selection rules and the MDT format must stay plain C the host
# validator and firmware tools can build
check host-build-select gcc -std=gnu11 -Wall -Wextra -Werror -fsyntax-only \
	drivers/remoteproc/qcom_q6v5_mss_mdata_select.c
check host-build-mdt gcc -std=gnu11 -Wall -Wextra -Werror -fsyntax-only \
	-Iscripts/include -x c drivers/remoteproc/qcom_mss_mdt.h
exit 0
