#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make bench-validator: wall time of mss-dtcheck over every 6.12 qcom arm64
# DTB against dt-validate restricted to the MSS bindings on the same DTBs.
#
# The dt-validate schema is processed from the four upstream MSS bindings
# (qcom,msm8916/msm8996/sc7180/sc7280-mss-pil.yaml) plus every binding they
# $ref, transitively (dtschema's core schemas come with dt-mk-schema).
# dt-validate takes about a second per DTB, so by default it runs on a
# spread subset of BENCH_SUBSET DTBs (default 10) and on an empty DTB,
# which gives its start-up time S (Python, schema load) apart from the
# per-DTB time t:
#     S = W(empty),  t = (W(subset) - S) / subset,  estimate(all N) = S + N * t
# BENCH_FULL=1 runs dt-validate on every DTB instead (several minutes).
# dt-validate's output is kept whole, unfiltered, in $WORK/dt-validate*.log.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
KSRC=${KSRC:-$top/build/linux-source-6.12}
DTCHECK=${DTCHECK:-$top/build/out/bin/mss-dtcheck}
UPDTB_QCOM=${UPDTB_QCOM:-$top/build/upstream-dtbs/arch/arm64/boot/dts/qcom}
WORK=${WORK:-$top/build/out/mss-dtcheck/bench}
SUBSET=${BENCH_SUBSET:-10}
RUNS=${BENCH_RUNS:-5}
mkdir -p "$WORK"

now() { date +%s%N; }
ms() { echo $((($2 - $1) / 1000000)); }

find "$UPDTB_QCOM" -name '*.dtb' | LC_ALL=C sort > "$WORK/dtbs"
N=$(wc -l < "$WORK/dtbs")
[ "$N" -gt 0 ] || { echo "bench-validator: no DTBs under $UPDTB_QCOM" >&2; exit 1; }

# --- mss-dtcheck: whole fleet, best of RUNS (page cache warm after run 1)
best=
for _ in $(seq "$RUNS"); do
	t0=$(now)
	"$DTCHECK" --fleet "$UPDTB_QCOM" > "$WORK/fleet.txt"
	rc=$?
	t1=$(now)
	[ $rc -le 1 ] || { echo "bench-validator: mss-dtcheck failed ($rc)" >&2; exit 1; }
	t=$(ms "$t0" "$t1")
	[ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
done
fleet_ms=$best

# --- dt-validate schema: the MSS bindings and their $ref closure
bindings=$KSRC/Documentation/devicetree/bindings
python3 - "$bindings" > "$WORK/schemas.txt" <<'EOF'
import os, re, sys
root = sys.argv[1]
todo = ["remoteproc/qcom,%s-mss-pil.yaml" % s
        for s in ("msm8916", "msm8996", "sc7180", "sc7280")]
seen = set()
while todo:
    f = todo.pop()
    if f in seen:
        continue
    seen.add(f)
    for ref in re.findall(r"\$ref:\s*[\"']?([^\"'#\s]+)", open(os.path.join(root, f)).read()):
        if ref.startswith("http"):
            continue
        p = ref[len("/schemas/"):] if ref.startswith("/schemas/") else \
            os.path.normpath(os.path.join(os.path.dirname(f), ref))
        if os.path.exists(os.path.join(root, p)):   # else a dtschema core schema
            todo.append(p)
for f in sorted(seen):
    print(os.path.join(root, f))
EOF
t0=$(now)
# shellcheck disable=SC2046 # one schema file per line, no spaces
dt-mk-schema -j -o "$WORK/mss-schema.json" $(cat "$WORK/schemas.txt") > "$WORK/dt-mk-schema.log" 2>&1 ||
	{ echo "bench-validator: dt-mk-schema failed, see $WORK/dt-mk-schema.log" >&2; exit 1; }
mk_ms=$(ms "$t0" "$(now)")

validate() {	# validate LOG DTB...: wall ms in $vms
	log=$1
	shift
	t0=$(now)
	dt-validate -s "$WORK/mss-schema.json" "$@" > "$log" 2>&1
	vms=$(ms "$t0" "$(now)")
}

if [ "${BENCH_FULL:-0}" = 1 ]; then
	# shellcheck disable=SC2046
	validate "$WORK/dt-validate-all.log" $(cat "$WORK/dtbs")
	dv_ms=$vms
	method="measured on all $N DTBs"
	dvlog=$WORK/dt-validate-all.log
	sub_n=$N
	sub_dtcheck_ms=$fleet_ms
	sub_dv_ms=$dv_ms
else
	[ "$SUBSET" -ge 2 ] || SUBSET=2
	# every (N / SUBSET)-th DTB, so all SoC families are sampled
	awk -v n="$N" -v k="$SUBSET" 'NR % int(n / k) == 1 && c < k { print; c++ }' \
		"$WORK/dtbs" > "$WORK/subset"
	sub_n=$(wc -l < "$WORK/subset")
	# start-up: schema load and interpreter, on an empty tree
	echo '/dts-v1/; / { };' | dtc -q -I dts -O dtb -o "$WORK/empty.dtb" -
	validate "$WORK/dt-validate-empty.log" "$WORK/empty.dtb"
	start=$vms
	# shellcheck disable=SC2046
	validate "$WORK/dt-validate-subset.log" $(cat "$WORK/subset")
	wk=$vms
	per=$(((wk - start) / sub_n))
	[ "$per" -gt 0 ] || per=1
	dv_ms=$((start + N * per))
	method="extrapolated from $sub_n DTBs: start-up ${start} ms + $N x ${per} ms"
	dvlog=$WORK/dt-validate-subset.log
	sub_dv_ms=$wk
	# mss-dtcheck on the same subset, for a like-for-like check
	best=
	for _ in $(seq "$RUNS"); do
		t0=$(now)
		# shellcheck disable=SC2046
		"$DTCHECK" $(cat "$WORK/subset") > /dev/null
		t=$(ms "$t0" "$(now)")
		[ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
	done
	sub_dtcheck_ms=$best
fi

[ "$fleet_ms" -gt 0 ] || fleet_ms=1
[ "$sub_dtcheck_ms" -gt 0 ] || sub_dtcheck_ms=1
ratio=$((dv_ms / fleet_ms))
sub_ratio=$((sub_dv_ms / sub_dtcheck_ms))
summary=$(tail -n 2 "$WORK/fleet.txt" | head -n 1)

printf '\nbench-validator: MSS layout checks over the 6.12 qcom arm64 DTBs (%s)\n' "$UPDTB_QCOM"
printf '  DTBs                          %d\n' "$N"
printf '  mss-dtcheck --fleet           %6d ms  (best of %d; target < 1000 ms)\n' "$fleet_ms" "$RUNS"
printf '  dt-validate, MSS bindings     %6d ms  (%s)\n' "$dv_ms" "$method"
printf '  ratio                         %6dx  (target >= 50x)\n' "$ratio"
printf '  same %d DTBs, both measured   %6d ms vs %d ms = %dx\n' "$sub_n" "$sub_dtcheck_ms" "$sub_dv_ms" "$sub_ratio"
printf '  schema                        %d binding files, dt-mk-schema %d ms (not counted)\n' \
	"$(wc -l < "$WORK/schemas.txt")" "$mk_ms"
printf '  dt-validate output            %d lines, unfiltered: %s\n' "$(wc -l < "$dvlog")" "$dvlog"
printf '  fleet                         %s\n' "$summary"
status=0
[ "$fleet_ms" -lt 1000 ] || { echo "  MISSED: fleet wall time >= 1 s"; status=1; }
[ "$ratio" -ge 50 ] || { echo "  MISSED: ratio < 50x"; status=1; }
exit $status
