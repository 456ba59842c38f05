#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# bench-realfw.sh: the segment load of a real modem image (make
# bench-realfw, part of make bench).  bench-sdm845.scn measures the
# rig's own 349 KB test image, on which the fixed costs of a load (one
# mapping, the MBA's length write per segment) outweigh the copy; users
# load images a hundred times that size.  This boots Debian's sdm845 MBA
# and modem_nm.mbn (firmware-qcom-soc: 22 segments, about 48 MiB loaded)
# on the simulated sdm845 with db845c's carveouts, through
# try-firmware.sh with BENCH=N, and prints the same table as bench.sh
# for that image, then the same rows of a second set of starts, with the
# simulated MBA's segment checks held back until the load is complete
# (label mba-at-end).  Not a timed test: it fails only when the boot fails
# or a row is missing.
#
# Environment: REALFW (the extracted firmware-qcom-soc), N (default 21),
# and the paths of the top Makefile, as for try-firmware.sh.
set -u
RIG=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${OUT:-$RIG/../../../build/out}
LOGS=${LOGS:-$OUT/logs}
RESULTS=${RESULTS:-$OUT/results}
export RESULTS
fw=${REALFW:?REALFW: the extracted firmware-qcom-soc}/usr/lib/firmware/qcom/sdm845

for f in mba.mbn modem_nm.mbn; do
	[ -f "$fw/$f" ] || { echo "bench-realfw: no $fw/$f" >&2; exit 1; }
done
mkdir -p "$RESULTS"
rm -f "$RESULTS/bench-realfw.txt"
if ! BENCH=${N:-21} FUSE=mba MODEM=modem_nm.mbn "$RIG/try-firmware.sh" \
	-s bench-realfw sdm845 "$fw" qcom/sdm845-db845c.dts; then
	echo "bench-realfw: the boot failed (log $LOGS/try-sdm845.log)" >&2
	exit 1
fi
rows="segment-load-mbn segment-load-fresh-mbn start-mba-mbn start-metadata-mbn
start-segments-mbn start-segments-map-mbn start-segments-rmb-mbn
start-segment-auth-mbn start-mbn stop-mbn"
# the second set: the same load, the simulated MBA's checks after it
rows="$rows segment-load-mbn:mba-at-end segment-load-fresh-mbn:mba-at-end
start-segments-mbn:mba-at-end start-segments-map-mbn:mba-at-end
start-segments-rmb-mbn:mba-at-end start-segment-auth-mbn:mba-at-end"
BENCH_LOG=$LOGS/try-sdm845.log BENCH_ROWS=$rows "$RIG/bench/bench.sh"
