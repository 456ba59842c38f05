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
#   selftest/...           planted failures: a crashing dt-validate must
#                          fail the fleet, dtbs_check and the fixtures
#
# dt-validate always runs through dt-validate.sh, which tells a crash from
# a clean run (DT_VALIDATE names the program it runs).
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
if ! "$here/schema-closure.py" "$DTCHK_BINDINGS" $DTCHK_OURS > "$work/closure.txt" 2>&1 ||
   [ ! -s "$work/closure.txt" ]; then
	fail dt_binding_check/referenced-schemas-loaded "schema-closure.py failed:" \
		"$(cat "$work/closure.txt")"
elif xargs "$here/schema-has.py" "$DTCHK_FULL" < "$work/closure.txt" > "$work/ids.txt" 2>&1
then
	pass dt_binding_check/referenced-schemas-loaded
else
	fail dt_binding_check/referenced-schemas-loaded "not in $DTCHK_FULL:" "$(cat "$work/ids.txt")"
fi

# ---------------------------------------------------------------------------
# 2. Fixtures.  "// expect: ok" means dtc and dt-validate print nothing;
# "// expect: SCHEMA.yaml: TEXT" means a finding from SCHEMA.yaml whose
# first line contains TEXT.

# check_expect DTS LOG: compare a dt-validate log with the DTS's expectations;
# a missing log or a crash (dt-validate.sh's line) is never a match
check_expect() {
	[ -f "$2" ] || { echo "no dt-validate log $2"; return 1; }
	if grep -q '^dt-validate\.sh: ' "$2"; then
		tail -n 20 "$2"
		return 1
	fi
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
	echo "$DTCHK_SCHEMA $fx/$n.log $fx/$n.dtb" >> "$fx/jobs"
	echo "$DTCHK_FULL $fx/$n.full.log $fx/$n.dtb" >> "$fx/jobs"
done
# A crash is in its log (check_expect fails it); xargs only says some
# job failed, which is why its status is not the verdict
# shellcheck disable=SC2016
xargs -P "$DTCHK_JOBS" -L 1 sh -c '"$0" "$3" -u "$1" -p "$2" "$4"' \
	"$here/dt-validate.sh" "$DTCHK_BINDINGS" < "$fx/jobs"
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
	"$here/dt-validate.sh" "$od/$n.log" -u "$DTCHK_BINDINGS" -p "$DTCHK_SCHEMA" "$od/$n.dtb"
	vrc=$?
	if ! "$here/attribute.py" -- "$od/$n.dtb" "$od/$n.log" > "$od/$n.mss" 2>&1; then
		fail "ours/$n" "attribute.py failed:" "$(cat "$od/$n.mss")"
		continue
	fi
	nodes=$(grep -vc '^#' "$od/$n.mss")
	bad=$(awk -F'\t' '!/^#/ && $4 > 0' "$od/$n.mss" | wc -l)
	if [ "$vrc" -ne 0 ]; then
		fail "ours/$n" "dt-validate did not run to its end:" "$(tail -n 20 "$od/$n.log")"
	elif [ "$nodes" -eq 0 ]; then
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
ctl_ok=1
if ! "$here/schema-closure.py" "$KSRC/$rel" remoteproc/qcom,msm8916-mss-pil.yaml \
	remoteproc/qcom,msm8996-mss-pil.yaml remoteproc/qcom,sc7180-mss-pil.yaml \
	remoteproc/qcom,sc7280-mss-pil.yaml > "$ctl/list" 2> "$ctl/closure.log" ||
   ! dt-mk-schema -j @"$ctl/list" > "$ctl/schema.json" 2> "$ctl/mk.log"; then
	ctl_ok=0
fi
for b in msm8916-longcheer-l8150 sdm845-db845c sc7180-idp sc7280-herobrine-crd; do
	d=$DTCHK_UPQCOM/$b.dtb
	[ -f "$d" ] || { fail "upstream-control/$b" "$d missing"; continue; }
	if [ "$ctl_ok" = 0 ]; then
		fail "upstream-control/$b" "no 6.12 schema:" "$(cat "$ctl/closure.log" "$ctl/mk.log")"
		continue
	fi
	# a crash would count as a finding: here it must not pass
	if ! "$here/dt-validate.sh" "$ctl/$b.log" -u "$KSRC/$rel" -p "$ctl/schema.json" "$d"; then
		fail "upstream-control/$b" "dt-validate did not run to its end:" \
			"$(tail -n 20 "$ctl/$b.log")"
		continue
	fi
	if ! "$here/attribute.py" -- "$d" "$ctl/$b.log" > "$ctl/$b.mss" 2>&1; then
		fail "upstream-control/$b" "attribute.py failed:" "$(cat "$ctl/$b.mss")"
		continue
	fi
	n=$(awk -F'\t' '!/^#/ { n += $4 } END { print n + 0 }' "$ctl/$b.mss")
	if [ "$n" -gt 0 ]; then
		pass "upstream-control/$b"
	else
		fail "upstream-control/$b" "the 6.12 bindings gave no finding on the MSS node"
	fi
done

# ---------------------------------------------------------------------------
# 5. Planted failures: a dt-validate that crashes (a traceback and exit 1,
# a traceback and exit 0) or is given no DTB must fail the fleet, dtbs_check
# and the fixtures; one that runs and finds nothing must not.

st=$work/selftest
mkdir -p "$st/dtbs"
printf '%s\n' '#!/bin/sh' 'echo "Traceback (most recent call last):"' \
	'echo "  File \"/usr/bin/dt-validate\", line 1"' 'echo "KeyError: planted"' \
	'exit 1' > "$st/crash"
printf '%s\n' '#!/bin/sh' 'echo "Traceback (most recent call last):"' 'exit 0' > "$st/crash0"
printf '%s\n' '#!/bin/sh' 'exit 0' > "$st/clean"
chmod +x "$st/crash" "$st/crash0" "$st/clean"
# a fixture DTB with an enabled MSS node
stdtb=
for d in "$fx"/*.dtb; do
	: > "$st/empty.log"
	if "$here/attribute.py" -- "$d" "$st/empty.log" 2> /dev/null | grep -q .; then
		stdtb=$d
		break
	fi
done
if [ -z "$stdtb" ]; then
	fail selftest/fixture-dtb "no fixture DTB with an enabled MSS node in $fx"
else
	cp "$stdtb" "$st/dtbs/"
	# fleet_finds DT_VALIDATE: the findings fleet.sh reports on the board
	fleet_finds() {
		rm -rf "$st/fleet"
		DT_VALIDATE=$1 "$here/fleet.sh" "$DTCHK_SCHEMA" "$DTCHK_BINDINGS" \
			"$st/dtbs" "$st/fleet" 1 > "$st/fleet.out" 2>&1 || {
			echo "fleet.sh failed: $(cat "$st/fleet.out")"
			return
		}
		awk -F'\t' '!/^#/ { n += $4; k++ } END { print (k ? n : "no rows") }' \
			"$st/fleet/report.txt"
	}
	for v in crash crash0; do
		got=$(fleet_finds "$st/$v")
		case $got in
		[1-9]*) pass "selftest/dt-validate-$v-fails-fleet" ;;
		*) fail "selftest/dt-validate-$v-fails-fleet" "findings: $got" ;;
		esac
	done
	got=$(fleet_finds "$st/clean")
	if [ "$got" = 0 ]; then
		pass selftest/dt-validate-clean-passes-fleet
	else
		fail selftest/dt-validate-clean-passes-fleet "findings: $got"
	fi
	if DT_VALIDATE=$st/crash DTCHK_BUILD=$st "$here/dtbs-check.sh" "" \
		"$st/dtbs/$(basename "$stdtb")" > "$st/dtbs-check.out" 2>&1; then
		fail selftest/dt-validate-crash-fails-dtbs-check "exit 0:" \
			"$(cat "$st/dtbs-check.out")"
	elif grep -q 'did not run to its end' "$st/dtbs-check.out"; then
		pass selftest/dt-validate-crash-fails-dtbs-check
	else
		fail selftest/dt-validate-crash-fails-dtbs-check "$(cat "$st/dtbs-check.out")"
	fi
	if "$here/dt-validate.sh" "$st/nodtb.log" -p "$DTCHK_SCHEMA" "$st/no-such.dtb"; then
		fail selftest/dt-validate-missing-dtb "a DTB that does not exist passed"
	else
		pass selftest/dt-validate-missing-dtb
	fi
	# a fixture expecting no finding must not match a crash, or no log
	okdts=$(grep -l '^// expect: ok$' "$here"/tests/*.dts | head -n 1)
	DT_VALIDATE=$st/crash0 "$here/dt-validate.sh" "$st/fixture.log" \
		-p "$DTCHK_SCHEMA" "$stdtb"
	if [ -z "$okdts" ]; then
		fail selftest/fixture-crash-is-no-match "no fixture expects ok"
	elif check_expect "$okdts" "$st/fixture.log" > /dev/null ||
	     check_expect "$okdts" "$st/no-such.log" > /dev/null; then
		fail selftest/fixture-crash-is-no-match "check_expect accepted a crash or no log"
	else
		pass selftest/fixture-crash-is-no-match
	fi
fi
exit 0
