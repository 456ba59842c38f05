#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# `make check` stage "bindings" (run by `make check-bindings`, which builds
# the shadow tree, the processed MSS schema and the upstream DTBs first).
#
#   dt_binding_check/...   the kernel's dt_binding_check on our YAML files:
#                          no output about any of them, nothing unexpected
#   dt_binding_check-7.2/...  the same with our YAML laid over 7.2's bindings
#   compatibles/...        the compatibles our bindings select (in the
#                          processed schemas) are the driver's SoC table
#   fixtures/...           scripts/dt-check/tests/*.dts against the MSS
#                          schema; fixtures-full/... against every binding
#   ours/...               our DTS (simulated boards): no finding on MSS nodes,
#                          or, on a board with // expect: lines, those findings
#   fixes/...             each fix overlay applies; mss-dtcheck flags the
#                          upstream board and accepts the fixed one
#   fixes-7.2/...          the same on the board's 7.2 DTB
#   upstream/...           every enabled MSS node of the 6.12 qcom DTBs (with
#                          the fix overlays applied): no finding, one result
#                          per board
#   upstream-7.2/...       the same for the 7.2 arm64 and arm32 qcom DTBs,
#                          against the 7.2 tree's schemas
#   upstream-control/...   control runs with the 6.12 and the 7.2 upstream
#   upstream-7.2-control/...  bindings must find the 2022.08 misreadings, so
#                          the pipeline can fail; 7.2's bindings select the
#                          SoC table's compatibles, 6.12's do not
#   selftest/...           planted failures: a crashing dt-validate must
#                          fail the fleet, dtbs_check and the fixtures
#
# dt-validate always runs through dt-validate.sh, which tells a crash from
# a clean run (DT_VALIDATE names the program it runs).
#
# Environment (from bindings.mk): TOP KSRC RESULTS LOGS DTCHK_BUILD
# DTCHK_BINDINGS DTCHK_SCHEMA DTCHK_FULL DTCHK_DTC DTCHK_UPQCOM DTCHK_JOBS
# DTCHK_OURS DTCHK_OUR_DTS DTCHK_KMAKE DTCHK_LOCKFILE MAKE, and for 7.2
# KSRC72 DTCHK72_BINDINGS DTCHK72_SCHEMA DTCHK72_FULL DTCHK72_KMAKE
# DTCHK72_FIXED UPDTB72_QCOM UPDTB72_ARM_QCOM
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

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc | sed 's/^\./0./; s/\(\.[0-9]\)[0-9]*$/\1/'; }

# ---------------------------------------------------------------------------
# 1. dt_binding_check on our files, in the 6.12 tree and in the 7.2 tree.
# kbuild only re-checks what changed, so drop the stamps and our examples
# first: every run checks every file.

# kbuild's progress lines ("  DTC [C] file") are not warnings; every other
# line is output of dtc, dt-doc-validate, yamllint, dt-check-style (7.2),
# dt-mk-schema or dt-validate.
progress='^  [A-Z][A-Z0-9]*( \[C\])? +[^ ]|^make(\[[0-9]+\])?: (Entering|Leaving) directory'
ours_re=$(echo $DTCHK_OURS | sed 's/ /|/g; s/\./\\./g')

# binding_check TAG KMAKE FULL BINDINGS: results TAG/...; FULL is the
# object tree's processed-schema.json, BINDINGS the shadow tree's bindings
binding_check() {
	tag=$1
	kmake=$2
	full=$3
	bdir=$4
	kobj=${full%/$rel/processed-schema.json}
	for f in $DTCHK_OURS; do
		rm -f "$kobj/$rel/${f%.yaml}.example.dts" "$kobj/$rel/${f%.yaml}.example.dtb"
	done
	rm -f "$kobj/$rel/.dt-binding.checked" "$kobj/$rel/.yamllint.checked" \
		"$kobj/$rel/.dt-style.checked"

	files=$(echo $DTCHK_OURS | tr ' ' ':')
	klog=$LOGS/$tag.log
	t0=$(now)
	$kmake dt_binding_check DT_CHECKER_FLAGS=-m DT_SCHEMA_FILES="$files" > "$klog" 2>&1
	krc=$?
	echo "# $tag: $(secs "$t0" "$(now)") s, log $klog"

	missing=
	for f in $DTCHK_OURS; do
		grep -q '^examples:' "$TOP/$rel/$f" || continue
		[ -f "$kobj/$rel/${f%.yaml}.example.dtb" ] || missing="$missing $f"
	done
	if [ $krc -eq 0 ] && [ -z "$missing" ]; then
		pass "$tag/ran"
	else
		fail "$tag/ran" "make exited $krc; examples not built:${missing:- none}" \
			"$(tail -n 20 "$klog")"
	fi

	out=$work/$tag-output.txt
	grep -Ev "$progress" "$klog" > "$out" || true

	# A finding names the example it is about on its first line and the
	# schema that reported it on a "From schema:" line; count it for the
	# example's file.
	grep -v '^	From schema: ' "$out" > "$work/$tag-first.txt" || true
	for f in $DTCHK_OURS; do
		stem=${f%.yaml}
		if grep -F -e "$f" -e "$stem.example" "$work/$tag-first.txt" > "$work/dbc-$$.txt"; then
			fail "$tag/$f" "$(cat "$work/dbc-$$.txt")"
		else
			pass "$tag/$f"
		fi
	done

	# dt-mk-schema (only when the processed schema is rebuilt) names
	# upstream schemas that dt-schema 2022.08 cannot load; nothing else may
	# appear.
	grep -Ev "$ours_re" "$out" |
		grep -Ev "^/[^ ]*\.yaml: ignoring, error in schema: " > "$work/$tag-other.txt" || true
	if [ -s "$work/$tag-other.txt" ]; then
		fail "$tag/no-other-output" "$(head -n 20 "$work/$tag-other.txt")"
	else
		pass "$tag/no-other-output"
	fi
	n_ign=$(grep -c "ignoring, error in schema" "$out" || true)
	[ "$n_ign" -eq 0 ] ||
		echo "# $tag: dt-mk-schema skipped $n_ign upstream schemas that 2022.08 cannot load"

	# Every schema our files reference must have made it into the
	# processed schema (a skipped one would turn into "False schema"
	# findings).
	if ! "$here/schema-closure.py" "$bdir" $DTCHK_OURS > "$work/$tag-closure.txt" 2>&1 ||
	   [ ! -s "$work/$tag-closure.txt" ]; then
		fail "$tag/referenced-schemas-loaded" "schema-closure.py failed:" \
			"$(cat "$work/$tag-closure.txt")"
	elif xargs "$here/schema-has.py" "$full" < "$work/$tag-closure.txt" > "$work/$tag-ids.txt" 2>&1
	then
		pass "$tag/referenced-schemas-loaded"
	else
		fail "$tag/referenced-schemas-loaded" "not in $full:" "$(cat "$work/$tag-ids.txt")"
	fi
}

binding_check dt_binding_check "$DTCHK_KMAKE" "$DTCHK_FULL" "$DTCHK_BINDINGS"
binding_check dt_binding_check-7.2 "$DTCHK72_KMAKE" "$DTCHK72_FULL" "$DTCHK72_BINDINGS"

# The compatibles our bindings select, in the schemas dt-validate uses,
# are the driver's SoC table (and qcom,mss-memory-region.yaml's select is
# the same list).  The control below checks 7.2's and 6.12's own bindings.
for sch in "$DTCHK_SCHEMA" "$DTCHK72_SCHEMA"; do
	t=compatibles/$(basename "$sch" .json)
	check "$t" "$here/compatibles.py" "$sch"
done

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
	elif grep -q '^// expect: ' "$dts"; then
		# a board with deliberate defects (the bad-DT scenario's):
		# dtbs_check must see each one its expect lines name
		check "ours/$n" check_expect "$dts" "$od/$n.log"
	elif [ "$bad" -ne 0 ]; then
		fail "ours/$n" "$(cat "$od/$n.mss")"
	else
		pass "ours/$n"
	fi
	other=$(grep -c '^	From schema:' "$od/$n.log" || true)
	[ "$other" -eq 0 ] || echo "# ours/$n: $other finding(s) outside the MSS nodes, see $od/$n.log"
done

# ---------------------------------------------------------------------------
# 4. Upstream fleets: 6.12 (arm64) and 7.2 (arm64 and arm32)

# fixes_check TAG UPQCOM FIXEDDIR: every fix overlay must apply to the
# board's DTB in UPQCOM, and mss-dtcheck (the validator that follows
# phandles) must flag that DTB and accept the fixed one, so a fix that
# upstream made unnecessary, or that stopped working, shows.
fixes_check() {
	tag=$1
	upq=$2
	fixd=$3
	for fix in $DTCHK_FIXES; do
		b=$(basename "$fix" -mss-fix.dtso)
		if [ -f "$fixd/$b.dtb" ] && ! cmp -s "$fixd/$b.dtb" "$upq/$b.dtb"; then
			pass "$tag/$b/applies"
		else
			fail "$tag/$b/applies" "$fixd/$b.dtb missing or identical to $upq/$b.dtb"
		fi
		if [ -z "${MSS_DTCHECK:-}" ] || [ ! -x "$MSS_DTCHECK" ]; then
			fail "$tag/$b/needed" "mss-dtcheck is not built (make mss-dtcheck)"
			fail "$tag/$b/effective" "mss-dtcheck is not built (make mss-dtcheck)"
			continue
		fi
		"$MSS_DTCHECK" "$upq/$b.dtb" > "$work/$tag-$b.dtcheck-upstream.txt" 2>&1
		rc=$?
		if [ $rc -eq 1 ]; then
			pass "$tag/$b/needed"
		else
			fail "$tag/$b/needed" "mss-dtcheck exited $rc on the upstream DTB" \
				"$(cat "$work/$tag-$b.dtcheck-upstream.txt")"
		fi
		"$MSS_DTCHECK" "$fixd/$b.dtb" > "$work/$tag-$b.dtcheck-fixed.txt" 2>&1
		rc=$?
		if [ $rc -eq 0 ]; then
			pass "$tag/$b/effective"
		else
			fail "$tag/$b/effective" "mss-dtcheck exited $rc on the fixed DTB" \
				"$(cat "$work/$tag-$b.dtcheck-fixed.txt")"
		fi
	done
}

# fleet_check TAG SCHEMA BINDINGS DTBDIRS FIXEDDIR: every enabled MSS node
# of the DTBs in DTBDIRS (the fixed DTB where there is one), no finding,
# one result per board; each folder must contribute boards
fleet_check() {
	tag=$1
	fl=$work/$tag
	t0=$(now)
	if ! "$here/fleet.sh" "$2" "$3" "$4" "$fl" "$DTCHK_JOBS" "$5"; then
		fail "$tag/mss-nodes-found" "fleet.sh could not run"
		return
	fi
	nodes=$(grep -vc '^#' "$fl/report.txt" || true)
	boards=$(wc -l < "$fl/boards.txt")
	if [ "$nodes" -gt 0 ] && [ "$nodes" -eq "$boards" ]; then
		pass "$tag/mss-nodes-found"
	else
		fail "$tag/mss-nodes-found" "$nodes MSS nodes in $boards DTBs"
	fi
	for d in $4; do
		if grep -q "^$d/" "$fl/upstream.txt"; then
			pass "$tag/boards-from-$(echo "$d" | sed 's|.*/arch/\([^/]*\)/.*|\1|')"
		else
			fail "$tag/boards-from-$(echo "$d" | sed 's|.*/arch/\([^/]*\)/.*|\1|')" \
				"no DTB with an enabled MSS node in $d"
		fi
	done
	# one result per board; a failing one shows its findings
	awk '
		/^#/ { if (cur != "") det[cur] = det[cur] "\n" $0; next }
		{ split($0, f, "\t"); cur = f[1]; sub(/\.dtb$/, "", cur); n[cur] = f[4]; order[++k] = cur }
		END { for (i = 1; i <= k; i++) print order[i] "\t" n[order[i]] }
	' "$fl/report.txt" > "$fl/per-board.txt"
	while IFS='	' read -r b n; do
		if [ "$n" -eq 0 ]; then
			pass "$tag/$b"
		else
			fail "$tag/$b" "$n finding(s) on the MSS node:" \
				"$(awk -v b="$b.dtb" -F'\t' '/^#/ { if (on) print; next } { on = ($1 == b) }' "$fl/report.txt")"
		fi
	done < "$fl/per-board.txt"
	sed "s/^/# $tag: /" "$fl/summary.txt"
	echo "# $tag: $boards DTBs, $(secs "$t0" "$(now)") s"
	cp "$fl/report.txt" "$LOGS/dtbs_check-$tag.txt"
}

fixes_check fixes "$DTCHK_UPQCOM" "$DTCHK_FIXED"
fleet_check upstream "$DTCHK_SCHEMA" "$DTCHK_BINDINGS" "$DTCHK_UPQCOM" "$DTCHK_FIXED"
fixes_check fixes-7.2 "$UPDTB72_QCOM" "$DTCHK72_FIXED"
fleet_check upstream-7.2 "$DTCHK72_SCHEMA" "$DTCHK72_BINDINGS" \
	"$UPDTB72_QCOM $UPDTB72_ARM_QCOM" "$DTCHK72_FIXED"

# Control: the same pipeline with the upstream bindings of each tree must
# report the misreadings of dt-schema 2022.08 on MSS nodes of each binding
# (and of both architectures for 7.2).  The compatibles check must accept
# 7.2's bindings (the driver binds what 7.2 describes) and must refuse
# 6.12's, which lack 7.2's six new SoCs.

# control_check TAG KSRC WANT_COMPAT DTB...
control_check() {
	tag=$1
	src=$2/$rel
	want=$3
	shift 3
	ctl=$work/$tag
	mkdir -p "$ctl"
	ctl_ok=1
	if ! "$here/schema-closure.py" "$src" remoteproc/qcom,msm8916-mss-pil.yaml \
		remoteproc/qcom,msm8996-mss-pil.yaml remoteproc/qcom,sc7180-mss-pil.yaml \
		remoteproc/qcom,sc7280-mss-pil.yaml > "$ctl/list" 2> "$ctl/closure.log" ||
	   ! dt-mk-schema -j @"$ctl/list" > "$ctl/schema.json" 2> "$ctl/mk.log"; then
		ctl_ok=0
	fi
	if [ "$ctl_ok" = 0 ]; then
		fail "$tag/compatibles" "no upstream schema:" "$(cat "$ctl/closure.log" "$ctl/mk.log")"
	else
		"$here/compatibles.py" "$ctl/schema.json" > "$ctl/compatibles.txt" 2>&1
		crc=$?
		if [ "$want" = match ] && [ $crc -eq 0 ]; then
			pass "$tag/compatibles-match"
		elif [ "$want" = differ ] && [ $crc -eq 1 ] && grep -q '^problem: ' "$ctl/compatibles.txt"; then
			pass "$tag/compatibles-differ"
		else
			fail "$tag/compatibles-$want" "compatibles.py exited $crc:" \
				"$(cat "$ctl/compatibles.txt")"
		fi
	fi
	for d in "$@"; do
		b=$(basename "$d" .dtb)
		[ -f "$d" ] || { fail "$tag/$b" "$d missing"; continue; }
		if [ "$ctl_ok" = 0 ]; then
			fail "$tag/$b" "no upstream schema:" "$(cat "$ctl/closure.log" "$ctl/mk.log")"
			continue
		fi
		# a crash would count as a finding: here it must not pass
		if ! "$here/dt-validate.sh" "$ctl/$b.log" -u "$src" -p "$ctl/schema.json" "$d"; then
			fail "$tag/$b" "dt-validate did not run to its end:" \
				"$(tail -n 20 "$ctl/$b.log")"
			continue
		fi
		if ! "$here/attribute.py" -- "$d" "$ctl/$b.log" > "$ctl/$b.mss" 2>&1; then
			fail "$tag/$b" "attribute.py failed:" "$(cat "$ctl/$b.mss")"
			continue
		fi
		n=$(awk -F'\t' '!/^#/ { n += $4 } END { print n + 0 }' "$ctl/$b.mss")
		if [ "$n" -gt 0 ]; then
			pass "$tag/$b"
		else
			fail "$tag/$b" "the upstream bindings gave no finding on the MSS node"
		fi
	done
}

control_check upstream-control "$KSRC" differ \
	"$DTCHK_UPQCOM/msm8916-longcheer-l8150.dtb" "$DTCHK_UPQCOM/sdm845-db845c.dtb" \
	"$DTCHK_UPQCOM/sc7180-idp.dtb" "$DTCHK_UPQCOM/sc7280-herobrine-crd.dtb"
control_check upstream-7.2-control "$KSRC72" match \
	"$UPDTB72_QCOM/msm8916-longcheer-l8150.dtb" "$UPDTB72_QCOM/sdm845-db845c.dtb" \
	"$UPDTB72_QCOM/sc7180-idp.dtb" "$UPDTB72_QCOM/sc7280-herobrine-crd.dtb" \
	"$UPDTB72_ARM_QCOM/qcom-apq8026-samsung-matisse-wifi.dtb" \
	"$UPDTB72_ARM_QCOM/qcom-msm8926-htc-memul.dtb" \
	"$UPDTB72_ARM_QCOM/qcom-msm8974-lge-nexus5-hammerhead.dtb"

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
	# Two folders (as for 7.2's arm64 and arm32): both are checked, and
	# two DTBs of one name, whose logs would overwrite each other, stop it
	mkdir -p "$st/dtbs2"
	cp "$stdtb" "$st/dtbs2/second-$(basename "$stdtb")"
	rm -rf "$st/fleet2"
	if DT_VALIDATE=$st/clean "$here/fleet.sh" "$DTCHK_SCHEMA" "$DTCHK_BINDINGS" \
		"$st/dtbs $st/dtbs2" "$st/fleet2" 1 > "$st/fleet2.out" 2>&1 &&
	   [ "$(grep -vc '^#' "$st/fleet2/report.txt")" = 2 ]; then
		pass selftest/fleet-two-folders
	else
		fail selftest/fleet-two-folders "$(cat "$st/fleet2.out" "$st/fleet2/report.txt")"
	fi
	cp "$stdtb" "$st/dtbs2/"
	if DT_VALIDATE=$st/clean "$here/fleet.sh" "$DTCHK_SCHEMA" "$DTCHK_BINDINGS" \
		"$st/dtbs $st/dtbs2" "$st/fleet2" 1 > "$st/fleet2.out" 2>&1; then
		fail selftest/fleet-same-name-twice-fails "fleet.sh exited 0"
	elif grep -q 'DTBs of the same name' "$st/fleet2.out"; then
		pass selftest/fleet-same-name-twice-fails
	else
		fail selftest/fleet-same-name-twice-fails "$(cat "$st/fleet2.out")"
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
