#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# `make check` stage "bindings" (run by `make check-bindings`, which builds
# the shadow tree, the processed MSS schema and the upstream DTBs first).
#
#   dt_binding_check/...   the kernel's dt_binding_check on our YAML files:
#                          no output about any of them, nothing unexpected
#   fixtures/...           scripts/dt-check/tests/*.dts against the MSS
#                          schema; fixtures-full/... against every binding
#   ours/...               our DTS (simulated boards): no finding on MSS nodes
#   fixes/...             each fix overlay applies; mss-dtcheck flags the
#                          upstream board and accepts the fixed one
#   upstream/...           every enabled MSS node of the 6.12 qcom DTBs (with
#                          the fix overlays applied): no finding, one result
#                          per board; a control run
#                          with the 6.12 bindings must find the 2022.08
#                          misreadings, so the pipeline can fail
#
# Environment (from bindings.mk): TOP KSRC RESULTS LOGS DTCHK_BUILD
# DTCHK_BINDINGS DTCHK_SCHEMA DTCHK_FULL DTCHK_DTC DTCHK_UPQCOM DTCHK_JOBS
# DTCHK_OURS DTCHK_OUR_DTS DTCHK_KMAKE DTCHK_LOCKFILE MAKE
set -u

here=$(cd "$(dirname "$0")" && pwd)
. "$TOP/scripts/testlib.sh"
result_init bindings

# One run at a time: runs share the work directory, and the kernel's
# object directory must not see a `make dt_binding_check` by hand while the
# stage checks our files or reads its processed schema.
mkdir -p "$DTCHK_BUILD"
exec 9> "$DTCHK_LOCKFILE"
if ! flock -n 9; then
	echo "# waiting for another bindings check or dt_binding_check to finish"
	flock 9
fi

work=$DTCHK_BUILD/check
rm -rf "$work"
mkdir -p "$work" "$LOGS"
rel=Documentation/devicetree/bindings
obj=${DTCHK_FULL%/$rel/processed-schema.json}

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc | sed 's/^\./0./; s/\(\.[0-9]\)[0-9]*$/\1/'; }

# ---------------------------------------------------------------------------
# 1. dt_binding_check on our files.  kbuild only re-checks what changed, so
# drop the stamps and our examples first: every run checks every file.

for f in $DTCHK_OURS; do
	rm -f "$obj/$rel/${f%.yaml}.example.dts" "$obj/$rel/${f%.yaml}.example.dtb"
done
rm -f "$obj/$rel/.dt-binding.checked" "$obj/$rel/.yamllint.checked"

files=$(echo $DTCHK_OURS | tr ' ' ':')
log=$LOGS/dt_binding_check.log
t0=$(now)
$DTCHK_KMAKE dt_binding_check DT_CHECKER_FLAGS=-m DT_SCHEMA_FILES="$files" > "$log" 2>&1
krc=$?
t1=$(now)
echo "# dt_binding_check: $(secs "$t0" "$t1") s, log $log"

missing=
for f in $DTCHK_OURS; do
	grep -q '^examples:' "$TOP/$rel/$f" || continue
	[ -f "$obj/$rel/${f%.yaml}.example.dtb" ] || missing="$missing $f"
done
if [ $krc -eq 0 ] && [ -z "$missing" ]; then
	pass dt_binding_check/ran
else
	fail dt_binding_check/ran "make exited $krc; examples not built:${missing:- none}" \
		"$(tail -n 20 "$log")"
fi

# kbuild's progress lines ("  DTC [C] file") are not warnings; every other
# line is output of dtc, dt-doc-validate, yamllint, dt-mk-schema or
# dt-validate.
progress='^  [A-Z][A-Z0-9]*( \[C\])? +[^ ]|^make(\[[0-9]+\])?: (Entering|Leaving) directory'
grep -Ev "$progress" "$log" > "$work/dbc-output.txt" || true

# A finding names the example it is about on its first line and the schema
# that reported it on a "From schema:" line; count it for the example's file.
grep -v '^	From schema: ' "$work/dbc-output.txt" > "$work/dbc-first.txt" || true
for f in $DTCHK_OURS; do
	stem=${f%.yaml}
	if grep -F -e "$f" -e "$stem.example" "$work/dbc-first.txt" > "$work/dbc-$$.txt"; then
		fail "dt_binding_check/$f" "$(cat "$work/dbc-$$.txt")"
	else
		pass "dt_binding_check/$f"
	fi
done

# dt-mk-schema (only when the processed schema is rebuilt) names upstream
# schemas that dt-schema 2022.08 cannot load; nothing else may appear.
ours_re=$(echo $DTCHK_OURS | sed 's/ /|/g; s/\./\\./g')
grep -Ev "$ours_re" "$work/dbc-output.txt" |
	grep -Ev "^/[^ ]*\.yaml: ignoring, error in schema: " > "$work/dbc-other.txt" || true
if [ -s "$work/dbc-other.txt" ]; then
	fail dt_binding_check/no-other-output "$(head -n 20 "$work/dbc-other.txt")"
else
	pass dt_binding_check/no-other-output
fi
n_ign=$(grep -c "ignoring, error in schema" "$work/dbc-output.txt" || true)
[ "$n_ign" -eq 0 ] || echo "# dt-mk-schema skipped $n_ign upstream schemas that 2022.08 cannot load"

# Every schema our files reference must have made it into the processed
# schema (a skipped one would turn into "False schema" findings).
"$here/schema-closure.py" "$DTCHK_BINDINGS" $DTCHK_OURS > "$work/closure.txt"
if xargs "$here/schema-has.py" "$DTCHK_FULL" < "$work/closure.txt" > "$work/ids.txt" 2>&1
then
	pass dt_binding_check/referenced-schemas-loaded
else
	fail dt_binding_check/referenced-schemas-loaded "not in $DTCHK_FULL:" "$(cat "$work/ids.txt")"
fi

# ---------------------------------------------------------------------------
# 2. Fixtures.  "// expect: ok" means dtc and dt-validate print nothing;
# "// expect: SCHEMA.yaml: TEXT" means a finding from SCHEMA.yaml whose
# first line contains TEXT.

# check_expect DTS LOG: compare a dt-validate log with the DTS's expectations
check_expect() {
	exp=$(sed -n 's|^// expect: ||p' "$1")
	if [ "$exp" = ok ]; then
		[ ! -s "$2" ] && return 0
		cat "$2"
		return 1
	fi
	[ -n "$exp" ] || { echo "no // expect: line in $1"; return 1; }
	echo "$exp" | while IFS= read -r e; do
		sch=${e%%: *}
		txt=${e#*: }
		# join each finding to one line: "first line<TAB>From schema: ..."
		awk '/^\tFrom schema: /{ print cur "\t" $0; cur=""; next } { cur = cur $0 }' "$2" |
			grep -F -- "$txt" | grep -q -F -- "/$sch" ||
			{ echo "missing: $e"; cat "$2"; exit 1; }
	done
}

fx=$work/fixtures
mkdir -p "$fx"
t0=$(now)
: > "$fx/jobs"
for dts in "$here"/tests/*.dts; do
	n=$(basename "$dts" .dts)
	"$here/dts2dtb.sh" "$KSRC" "$DTCHK_DTC" "$dts" "$fx/$n.dtb" > "$fx/$n.dtc" 2>&1 ||
		echo "dtc exited $?" >> "$fx/$n.dtc"
	[ -s "$fx/$n.dtc" ] && continue
	echo "$fx/$n.dtb $DTCHK_SCHEMA $fx/$n.log" >> "$fx/jobs"
	echo "$fx/$n.dtb $DTCHK_FULL $fx/$n.full.log" >> "$fx/jobs"
done
# shellcheck disable=SC2016
xargs -P "$DTCHK_JOBS" -L 1 sh -c 'dt-validate -u "$0" -p "$2" "$1" > "$3" 2>&1' \
	"$DTCHK_BINDINGS" < "$fx/jobs"
for dts in "$here"/tests/*.dts; do
	n=$(basename "$dts" .dts)
	if [ -s "$fx/$n.dtc" ]; then
		fail "fixtures/$n" "dtc:" "$(cat "$fx/$n.dtc")"
		fail "fixtures-full/$n" "dtc:" "$(cat "$fx/$n.dtc")"
		continue
	fi
	check "fixtures/$n" check_expect "$dts" "$fx/$n.log"
	check "fixtures-full/$n" check_expect "$dts" "$fx/$n.full.log"
done
echo "# fixtures: $(secs "$t0" "$(now)") s"

# ---------------------------------------------------------------------------
# 3. Our DTS: the simulated boards

od=$work/ours
mkdir -p "$od"
for dts in $DTCHK_OUR_DTS; do
	n=$(basename "$dts" .dts)
	if ! "$here/dts2dtb.sh" "$KSRC" "$DTCHK_DTC" "$dts" "$od/$n.dtb" > "$od/$n.dtc" 2>&1; then
		fail "ours/$n" "dtc failed:" "$(cat "$od/$n.dtc")"
		continue
	fi
	[ -s "$od/$n.dtc" ] && sed 's/^/# dtc: /' "$od/$n.dtc"
	dt-validate -u "$DTCHK_BINDINGS" -p "$DTCHK_SCHEMA" "$od/$n.dtb" > "$od/$n.log" 2>&1
	"$here/attribute.py" -- "$od/$n.dtb" "$od/$n.log" > "$od/$n.mss"
	nodes=$(grep -vc '^#' "$od/$n.mss" || true)
	bad=$(grep -v '^#' "$od/$n.mss" | awk -F'\t' '$4 > 0' | wc -l)
	if [ "$nodes" -eq 0 ]; then
		fail "ours/$n" "no enabled MSS node"
	elif [ "$bad" -ne 0 ]; then
		fail "ours/$n" "$(cat "$od/$n.mss")"
	else
		pass "ours/$n"
	fi
	other=$(grep -c '^	From schema:' "$od/$n.log" || true)
	[ "$other" -eq 0 ] || echo "# ours/$n: $other finding(s) outside the MSS nodes, see $od/$n.log"
done

# ---------------------------------------------------------------------------
# 4. Upstream fleet

# Fix overlays: each must apply, and mss-dtcheck (the validator that
# follows phandles) must flag the upstream board and accept the fixed one,
# so a fix that upstream made unnecessary, or that stopped working, shows.
for fix in $DTCHK_FIXES; do
	b=$(basename "$fix" -mss-fix.dtso)
	if [ -f "$DTCHK_FIXED/$b.dtb" ] && ! cmp -s "$DTCHK_FIXED/$b.dtb" "$DTCHK_UPQCOM/$b.dtb"; then
		pass "fixes/$b/applies"
	else
		fail "fixes/$b/applies" "$DTCHK_FIXED/$b.dtb missing or identical to $DTCHK_UPQCOM/$b.dtb"
	fi
	if [ -z "${MSS_DTCHECK:-}" ] || [ ! -x "$MSS_DTCHECK" ]; then
		fail "fixes/$b/needed" "mss-dtcheck is not built (make mss-dtcheck)"
		fail "fixes/$b/effective" "mss-dtcheck is not built (make mss-dtcheck)"
		continue
	fi
	"$MSS_DTCHECK" "$DTCHK_UPQCOM/$b.dtb" > "$work/$b.dtcheck-upstream.txt" 2>&1
	rc=$?
	if [ $rc -eq 1 ]; then
		pass "fixes/$b/needed"
	else
		fail "fixes/$b/needed" "mss-dtcheck exited $rc on the upstream DTB" \
			"$(cat "$work/$b.dtcheck-upstream.txt")"
	fi
	"$MSS_DTCHECK" "$DTCHK_FIXED/$b.dtb" > "$work/$b.dtcheck-fixed.txt" 2>&1
	rc=$?
	if [ $rc -eq 0 ]; then
		pass "fixes/$b/effective"
	else
		fail "fixes/$b/effective" "mss-dtcheck exited $rc on the fixed DTB" \
			"$(cat "$work/$b.dtcheck-fixed.txt")"
	fi
done

fl=$work/upstream
if "$here/fleet.sh" "$DTCHK_SCHEMA" "$DTCHK_BINDINGS" "$DTCHK_UPQCOM" "$fl" "$DTCHK_JOBS" "$DTCHK_FIXED"; then
	nodes=$(grep -vc '^#' "$fl/report.txt" || true)
	boards=$(wc -l < "$fl/boards.txt")
	if [ "$nodes" -gt 0 ] && [ "$nodes" -eq "$boards" ]; then
		pass upstream/mss-nodes-found
	else
		fail upstream/mss-nodes-found "$nodes MSS nodes in $boards DTBs"
	fi
	# one result per board; a failing one shows its findings
	awk '
		/^#/ { if (cur != "") det[cur] = det[cur] "\n" $0; next }
		{ split($0, f, "\t"); cur = f[1]; sub(/\.dtb$/, "", cur); n[cur] = f[4]; order[++k] = cur }
		END { for (i = 1; i <= k; i++) print order[i] "\t" n[order[i]] }
	' "$fl/report.txt" > "$fl/per-board.txt"
	while IFS='	' read -r b n; do
		if [ "$n" -eq 0 ]; then
			pass "upstream/$b"
		else
			fail "upstream/$b" "$n finding(s) on the MSS node:" \
				"$(awk -v b="$b.dtb" -F'\t' '/^#/ { if (on) print; next } { on = ($1 == b) }' "$fl/report.txt")"
		fi
	done < "$fl/per-board.txt"
	sed 's/^/# upstream: /' "$fl/summary.txt"
	cp "$fl/report.txt" "$LOGS/dtbs_check-upstream.txt"
else
	fail upstream/mss-nodes-found "fleet.sh could not run"
fi

# Control: the same pipeline with the 6.12 bindings must report the
# misreadings of dt-schema 2022.08 on MSS nodes of each binding.
ctl=$work/control
mkdir -p "$ctl"
"$here/schema-closure.py" "$KSRC/$rel" remoteproc/qcom,msm8916-mss-pil.yaml \
	remoteproc/qcom,msm8996-mss-pil.yaml remoteproc/qcom,sc7180-mss-pil.yaml \
	remoteproc/qcom,sc7280-mss-pil.yaml > "$ctl/list"
dt-mk-schema -j @"$ctl/list" > "$ctl/schema.json" 2> "$ctl/mk.log"
for b in msm8916-longcheer-l8150 sdm845-db845c sc7180-idp sc7280-herobrine-crd; do
	d=$DTCHK_UPQCOM/$b.dtb
	[ -f "$d" ] || { fail "upstream-control/$b" "$d missing"; continue; }
	dt-validate -u "$KSRC/$rel" -p "$ctl/schema.json" "$d" > "$ctl/$b.log" 2>&1
	n=$("$here/attribute.py" -- "$d" "$ctl/$b.log" | grep -v '^#' | cut -f4)
	if [ "${n:-0}" -gt 0 ]; then
		pass "upstream-control/$b"
	else
		fail "upstream-control/$b" "the 6.12 bindings gave no finding on the MSS node"
	fi
done
exit 0
