#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# bench.sh: the driver benchmarks of make bench, from one boot of
# scenarios/bench-sdm845.scn (qcom_q6v5_mss_bench.ko does the measuring;
# see drivers/remoteproc/bench/qcom_q6v5_mss_bench.c).  Prints one table:
# metric, value, baseline, ratio.  Not a timed test: no speed is judged;
# it fails only when the boot fails or a row is missing.
#
# Environment: as run-scenario.sh (rig.mk's RIG_ENV).
set -u
RIG=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${OUT:-$RIG/../../../build/out}
LOGS=${LOGS:-$OUT/logs}
RESULTS=${RESULTS:-$OUT/results}
export RESULTS
name=bench-sdm845
log=$LOGS/$name.log

# BENCH_LOG=FILE: only print the table of a saved log
if [ -n "${BENCH_LOG:-}" ]; then
	log=$BENCH_LOG
else
	mkdir -p "$RESULTS"
	rm -f "$RESULTS/bench.txt"
	if ! "$RIG/run-scenario.sh" -s bench "$name"; then
		echo "bench: the $name boot failed (log $log)" >&2
		exit 1
	fi
fi

# "... qcom_q6v5_mss_bench: row METRIC VALUE BASE BASELINE UNIT n=N"
# Metrics end in the image layout of their boot phase: -split (modem.mdt
# and modem.bNN) or -mbn (the segments inside the one file)
# BENCH_ROWS="METRIC ...": the rows of another boot (bench-realfw.sh);
# a metric's ":LABEL" (the bench module's label file) names a second set
# of starts in the same boot: its rows are printed under that label
rows=${BENCH_ROWS:-staging-dedicated staging-mpss-window segment-load-split segment-load-fresh-split segment-load-mbn segment-load-fresh-mbn start-mba-split start-metadata-split start-segments-split start-segments-firmware-split start-segments-map-split start-segments-rmb-split start-segment-auth-split start-ready-split start-segments-mbn start-segments-map-mbn start-segments-rmb-mbn start-split stop-ack-split stop-split}
awk -v want="$rows" '
function us(ns) {
	return ns >= 1e7 ? sprintf("%.1f ms", ns / 1e6) : sprintf("%.1f us", ns / 1e3)
}
BEGIN {
	L["staging-dedicated"] = "metadata staging, dedicated region"
	L["staging-mpss-window"] = "metadata staging, MPSS window"
	L["segment-load-split"] = "segment load throughput, .mdt+.bNN"
	L["segment-load-mbn"] = "segment load throughput, one .mbn"
	L["segment-load-fresh-split"] = "  against a copy into a new mapping"
	L["segment-load-fresh-mbn"] = "  against a copy into a new mapping"
	L["start-mba-split"] = "start: MBA load + authentication"
	L["start-metadata-split"] = "start: metadata (staging + MBA check)"
	L["start-segments-split"] = "start: segment load, .mdt+.bNN"
	L["start-segments-firmware-split"] = "  segment load: firmware reads"
	L["start-segments-map-split"] = "  segment load: memremap/memunmap"
	L["start-segments-rmb-split"] = "  segment load: RMB length (MBA)"
	L["start-segment-auth-split"] = "start: segment authentication"
	L["start-ready-split"] = "start: wait for ready"
	L["start-segments-mbn"] = "start: segment load, one .mbn"
	L["start-segments-map-mbn"] = "  segment load: memremap/memunmap"
	L["start-segments-rmb-mbn"] = "  segment load: RMB length (MBA)"
	L["start-split"] = "start to running"
	L["stop-ack-split"] = "stop: wait for stop-ack"
	L["stop-split"] = "stop"
	L["start-mba-mbn"] = "start: MBA load + authentication"
	L["start-metadata-mbn"] = "start: metadata (staging + MBA check)"
	L["start-segment-auth-mbn"] = "start: segment authentication"
	L["start-mbn"] = "start to running"
	L["stop-mbn"] = "stop"
	# the sets of starts a label names (the rows after it)
	D["mba-at-end"] = "the simulated MBA checking the segments after the load"
}
{
	# the console log ends its lines with CR LF
	sub(/\r$/, "")
	for (i = 1; i < NF; i++)
		if ($i == "qcom_q6v5_mss_bench:" && $(i + 1) == "row")
			break
	if (i >= NF)
		next
	m = $(i + 2); val[m] = $(i + 3); bname[m] = $(i + 4)
	# the label names the layout; the baseline is of the same one
	sub(/-(split|mbn)$/, "", bname[m])
	base[m] = $(i + 5); unit[m] = $(i + 6); n[m] = $(i + 7)
}
END {
	printf "%-38s %14s %28s %7s\n", "metric", "value", "baseline", "ratio"
	k = split(want, w, " ")
	bad = 0
	label = ""
	for (j = 1; j <= k; j++) {
		m = w[j]
		# METRIC:LABEL is METRIC of the set of starts LABEL names
		name = m; l = ""
		if (split(m, part, ":") == 2) {
			name = part[1]; l = part[2]
		}
		if (l != label)
			printf "%s:\n", l == "" ? "(no label)" : l in D ? D[l] " (" l ")" : l
		label = l
		if (!(m in val)) {
			printf "bench: no row %s in the log\n", m > "/dev/stderr"
			bad = 1
			continue
		}
		if (unit[m] == "KB/s") {
			v = sprintf("%.1f MB/s", val[m] / 1000)
			b = sprintf("%s %.1f MB/s", bname[m], base[m] / 1000)
		} else {
			v = us(val[m])
			b = bname[m] == "-" ? "-" : bname[m] " " us(base[m])
		}
		r = base[m] > 0 && bname[m] != "-" ? sprintf("%.2f", val[m] / base[m]) : "-"
		printf "%-38s %14s %28s %7s  (%s)\n", L[name], v, b, r, n[m]
	}
	exit bad
}' "$log"
