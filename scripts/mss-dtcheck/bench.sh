#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make bench-validator: wall time of mss-dtcheck over every qcom DTB of a
# kernel tree against dt-validate restricted to that tree's MSS bindings on
# the same DTBs; for the 6.12 arm64 DTBs and for the 7.2 arm64 + arm32 DTBs
# (one fleet: both folders), printed side by side from one run.
#
# mss-dtcheck: `--fleet FOLDER` for each folder of the fleet, one after the
# other, timed together; best of BENCH_RUNS (default 5, the page cache is
# warm after the first).
#
# dt-validate: the schema is processed from the tree's upstream MSS
# bindings (qcom,msm8916/msm8996/sc7180/sc7280-mss-pil.yaml) plus every
# binding they $ref, transitively (scripts/dt-check/schema-closure.py;
# dtschema's core schemas come with dt-mk-schema).  dt-validate takes about
# two seconds per DTB, so by default it runs on a spread subset of
# BENCH_SUBSET DTBs (default 10) and on an empty DTB, which gives its
# start-up time S (Python, schema load) apart from the per-DTB time t:
#     S = W(empty),  t = (W(subset) - S) / subset,  estimate(all N) = S + N * t
# BENCH_FULL=1 runs dt-validate on every DTB instead (many minutes).
# dt-validate's output is kept whole, unfiltered, in $WORK/TREE/dt-validate*.log.
#
# Targets, for each tree: the fleet under 1 s, dt-validate at least 50x
# slower.  Exit status 1 if one is missed.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
KSRC=${KSRC:-$top/build/linux-source-6.12}
KSRC72=${KSRC72:-$top/build/distro/src-7.2}
DTCHECK=${DTCHECK:-$top/build/out/bin/mss-dtcheck}
UPDTB_QCOM=${UPDTB_QCOM:-$top/build/upstream-dtbs/arch/arm64/boot/dts/qcom}
UPDTB72_QCOM=${UPDTB72_QCOM:-$top/build/upstream-dtbs-7.2/arch/arm64/boot/dts/qcom}
UPDTB72_ARM_QCOM=${UPDTB72_ARM_QCOM:-$top/build/upstream-dtbs-7.2-arm/arch/arm/boot/dts/qcom}
WORK=${WORK:-$top/build/out/mss-dtcheck/bench}
SUBSET=${BENCH_SUBSET:-10}
RUNS=${BENCH_RUNS:-5}
mkdir -p "$WORK"

now() { date +%s%N; }
ms() { echo $((($2 - $1) / 1000000)); }
die() { echo "bench-validator: $*" >&2; exit 1; }

# bench_tree TAG KSRC FOLDER...: measure one tree; results in $WORK/TAG/result
bench_tree() {
	tag=$1
	src=$2
	shift 2
	w=$WORK/$tag
	rm -rf "$w"
	mkdir -p "$w"
	: > "$w/dtbs"
	for d in "$@"; do
		n=$(find "$d" -name '*.dtb' | wc -l)
		[ "$n" -gt 0 ] || die "no DTBs under $d"
		find "$d" -name '*.dtb' | LC_ALL=C sort >> "$w/dtbs"
		echo "$n" >> "$w/per-folder"
	done
	N=$(wc -l < "$w/dtbs")

	# --- mss-dtcheck: the whole fleet, every folder, best of RUNS
	best=
	for _ in $(seq "$RUNS"); do
		: > "$w/fleet.txt"
		t0=$(now)
		for d in "$@"; do
			"$DTCHECK" --fleet "$d" >> "$w/fleet.txt"
			rc=$?
			[ $rc -le 1 ] || die "mss-dtcheck failed on $d ($rc)"
		done
		t=$(ms "$t0" "$(now)")
		[ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
	done
	fleet_ms=$best
	nodes=$(sed -n 's/.*with MSS nodes: \([0-9]*\) MSS nodes checked.*/\1/p' "$w/fleet.txt" |
		awk '{ n += $1 } END { print n + 0 }')
	errs=$(sed -n 's/^\([0-9]*\) errors, .*/\1/p' "$w/fleet.txt" | awk '{ n += $1 } END { print n + 0 }')

	# --- dt-validate schema: the tree's MSS bindings and their $ref closure
	bindings=$src/Documentation/devicetree/bindings
	"$top/scripts/dt-check/schema-closure.py" "$bindings" \
		remoteproc/qcom,msm8916-mss-pil.yaml remoteproc/qcom,msm8996-mss-pil.yaml \
		remoteproc/qcom,sc7180-mss-pil.yaml remoteproc/qcom,sc7280-mss-pil.yaml \
		> "$w/schemas.txt" || die "schema-closure.py failed on $bindings"
	t0=$(now)
	# shellcheck disable=SC2046 # one schema file per line, no spaces
	dt-mk-schema -j -o "$w/mss-schema.json" $(cat "$w/schemas.txt") > "$w/dt-mk-schema.log" 2>&1 ||
		die "dt-mk-schema failed, see $w/dt-mk-schema.log"
	mk_ms=$(ms "$t0" "$(now)")

	if [ "${BENCH_FULL:-0}" = 1 ]; then
		# shellcheck disable=SC2046
		validate "$w/dt-validate-all.log" $(cat "$w/dtbs")
		dv_ms=$vms
		method="measured on all $N DTBs"
		dvlog=$w/dt-validate-all.log
		sub_n=$N
		sub_dtcheck_ms=$fleet_ms
		sub_dv_ms=$dv_ms
	else
		k=$SUBSET
		[ "$k" -ge 2 ] || k=2
		# every (N / k)-th DTB, so all SoC families (and folders) are sampled
		awk -v n="$N" -v k="$k" 'NR % int(n / k) == 1 && c < k { print; c++ }' \
			"$w/dtbs" > "$w/subset"
		sub_n=$(wc -l < "$w/subset")
		# start-up: schema load and interpreter, on an empty tree
		echo '/dts-v1/; / { };' | dtc -q -I dts -O dtb -o "$w/empty.dtb" -
		validate "$w/dt-validate-empty.log" "$w/empty.dtb"
		start=$vms
		# shellcheck disable=SC2046
		validate "$w/dt-validate-subset.log" $(cat "$w/subset")
		wk=$vms
		per=$(((wk - start) / sub_n))
		[ "$per" -gt 0 ] || per=1
		dv_ms=$((start + N * per))
		method="start-up $start ms + $N x $per ms (from $sub_n DTBs)"
		dvlog=$w/dt-validate-subset.log
		sub_dv_ms=$wk
		# mss-dtcheck on the same subset, for a like-for-like check
		best=
		for _ in $(seq "$RUNS"); do
			t0=$(now)
			# shellcheck disable=SC2046
			"$DTCHECK" $(cat "$w/subset") > /dev/null
			t=$(ms "$t0" "$(now)")
			[ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
		done
		sub_dtcheck_ms=$best
	fi
	[ "$fleet_ms" -gt 0 ] || fleet_ms=1
	[ "$sub_dtcheck_ms" -gt 0 ] || sub_dtcheck_ms=1
	cat > "$w/result" <<EOF
dtbs=$N ($(paste -sd+ "$w/per-folder"))
nodes=$nodes
errors=$errs
fleet_ms=$fleet_ms
dv_ms=$dv_ms
ratio=$((dv_ms / fleet_ms))
method=$method
sub=$sub_n DTBs: $sub_dtcheck_ms ms vs $sub_dv_ms ms = $((sub_dv_ms / sub_dtcheck_ms))x
schema=$(wc -l < "$w/schemas.txt") files, dt-mk-schema $mk_ms ms
dvlog=$(wc -l < "$dvlog") lines: $dvlog
EOF
}

validate() {	# validate LOG DTB...: wall ms in $vms
	log=$1
	shift
	t0=$(now)
	dt-validate -s "$w/mss-schema.json" "$@" > "$log" 2>&1
	vms=$(ms "$t0" "$(now)")
}

bench_tree 6.12 "$KSRC" "$UPDTB_QCOM"
bench_tree 7.2 "$KSRC72" "$UPDTB72_QCOM" "$UPDTB72_ARM_QCOM"

get() { sed -n "s/^$2=//p" "$WORK/$1/result"; }
row() {	# row LABEL KEY [SUFFIX]
	printf '  %-26s %-24s %s\n' "$1" "$(get 6.12 "$2")${3:-}" "$(get 7.2 "$2")${3:-}"
}

printf '\nbench-validator: MSS layout checks (mss-dtcheck) vs dt-validate on the MSS bindings\n'
printf '  %-26s %-24s %s\n' "" "6.12 arm64" "7.2 arm64 + arm32"
row "DTBs" dtbs
row "MSS nodes checked" nodes
row "mss-dtcheck fleet" fleet_ms " ms"
row "dt-validate, MSS bindings" dv_ms " ms"
row "ratio" ratio "x"
printf '  %-26s %s\n' "targets" "fleet < 1000 ms (best of $RUNS), ratio >= 50x"
for t in 6.12 7.2; do
	printf '  %s: dt-validate %s\n' "$t" "$(get "$t" method)"
	printf '  %s: same %s\n' "$t" "$(get "$t" sub)"
	printf '  %s: schema %s; output %s\n' "$t" "$(get "$t" schema)" "$(get "$t" dvlog)"
	printf '  %s: fleet errors %s, tables in %s\n' "$t" "$(get "$t" errors)" "$WORK/$t/fleet.txt"
done
status=0
for t in 6.12 7.2; do
	[ "$(get "$t" fleet_ms)" -lt 1000 ] || { echo "  MISSED: $t fleet wall time >= 1 s"; status=1; }
	[ "$(get "$t" ratio)" -ge 50 ] || { echo "  MISSED: $t ratio < 50x"; status=1; }
done
exit $status
