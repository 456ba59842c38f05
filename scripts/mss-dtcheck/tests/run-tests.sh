#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make check stage "dtcheck": the MSS DTS validator.
#
# Environment (set by scripts/mss-dtcheck/dtcheck.mk):
#   DTCHECK DTCHECK_ASAN  the tool, plain and under ASan/UBSan
#   CORPUS                the generated bad-DTB corpus (with MANIFEST)
#   UPDTB_QCOM            the 6.12 qcom arm64 DTB folder
#   UPDTB72_QCOM UPDTB72_ARM_QCOM  the 7.2 qcom arm64 and arm32 DTB folders
#   REALFW                Debian's firmware-qcom-soc unpacked (make firmware-real)
#   KSRC WORK RESULTS
#
# Fixtures (tests/dts/*.dts) carry their expectations:
#   // expect-exit: N           exit status of scripts/mss-dtcheck.sh
#   // expect-source: SRC       predicted metadata source of the MSS node
#   // expect-id: MSSnnn        this finding must be reported
#   // expect-no-id: MSSnnn     this finding must not be reported
#   ... // @MSSnnn              the MSSnnn finding must name this file:line
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
. "$top/scripts/testlib.sh"
result_init dtcheck

WORK=${WORK:-$top/build/out/mss-dtcheck/tests}
DTCHECK=${DTCHECK:-$top/build/out/bin/mss-dtcheck}
DTCHECK_ASAN=${DTCHECK_ASAN:-$top/build/out/bin/mss-dtcheck-asan}
WRAP=$top/scripts/mss-dtcheck.sh
export MSS_DTCHECK=$DTCHECK KSRC=${KSRC:-$top/build/linux-source-6.12}
rm -rf "$WORK" && mkdir -p "$WORK"
fix=$here/dts

# run NAME CMD...: output in $WORK/NAME.out (stdout+stderr), status in $rc
run() {
	name=$1
	shift
	"$@" > "$WORK/$name.out" 2>&1
	rc=$?
}

# plain_dtb DTS DTB: cpp + dtc without annotations.  Not a pipeline, so
# that a failing cpp is seen; a failure is recorded as setup/NAME.
plain_dtb() {
	if cpp -nostdinc -I"$fix" -undef -D__DTS__ -x assembler-with-cpp "$1" \
		-o "$2.pre" > "$2.err" 2>&1 &&
	   dtc -q -I dts -O dtb -o "$2" "$2.pre" >> "$2.err" 2>&1; then
		return 0
	fi
	fail "setup/compile-$(basename "$1" .dts)" "$(cat "$2.err")"
	return 1
}

# ------------------------------------------------------------------
# 1. Fixtures

for f in "$fix"/*.dts; do
	t=$(basename "$f" .dts)
	run "$t" "$WRAP" "$f"
	want=$(sed -n 's|^// expect-exit: *||p' "$f")
	if [ "$rc" = "$want" ]; then
		pass "fixture/$t/exit-$want"
	else
		fail "fixture/$t/exit-$want" "got exit $rc" "$(head -n 20 "$WORK/$t.out")"
	fi
	src=$(sed -n 's|^// expect-source: *||p' "$f")
	if [ -n "$src" ]; then
		if grep -q "metadata source $src\\b" "$WORK/$t.out"; then
			pass "fixture/$t/source-$src"
		else
			fail "fixture/$t/source-$src" "$(grep 'metadata source' "$WORK/$t.out")"
		fi
	fi
	for id in $(sed -n 's|^// expect-id: *||p' "$f"); do
		if grep -q ": $id: " "$WORK/$t.out"; then
			pass "fixture/$t/has-$id"
		else
			fail "fixture/$t/has-$id" "$(head -n 20 "$WORK/$t.out")"
		fi
	done
	for id in $(sed -n 's|^// expect-no-id: *||p' "$f"); do
		if grep -q ": $id: " "$WORK/$t.out"; then
			fail "fixture/$t/no-$id" "$(grep ": $id: " "$WORK/$t.out")"
		else
			pass "fixture/$t/no-$id"
		fi
	done
	# @MSSnnn markers, in the fixture and the fixture .dtsi files it includes
	for src_file in "$f" $(sed -n 's|^#include "\(.*\)"|'"$fix"'/\1|p' "$f"); do
		grep -n '// @MSS[0-9]*' "$src_file" | while IFS=: read -r line rest; do
			id=${rest##*// @}
			loc="$(basename "$src_file"):$line"
			if grep -q "/$loc: [a-z]*: $id: " "$WORK/$t.out"; then
				echo pass
			else
				echo "fail $loc $id"
			fi
		done > "$WORK/$t.markers"
		while read -r verdict loc id; do
			if [ "$verdict" = pass ]; then
				pass "fixture/$t/line-$(basename "$src_file")"
			else
				fail "fixture/$t/line-$(basename "$src_file")" \
					"expected '$loc: ...: $id:' in:" "$(grep ': MSS' "$WORK/$t.out")"
			fi
		done < "$WORK/$t.markers"
	done
done

# The rig's bad-DT board (scenarios/mss-bad-dt.scn): of its seven defective
# nodes, two have regions the driver cannot resolve; the validator reports
# each on its // @MSSnnn line, predicts a failed probe for those two and
# finds no other error (the other defects are not about memory)
b=$top/arch/arm64/boot/dts/qcom/sdm845-mss-sim-bad-dt.dts
run sim-bad-dt "$WRAP" "$b"
for id in MSS001 MSS003; do
	line=$(grep -n "// @$id\$" "$b" | cut -d: -f1)
	if [ -n "$line" ] &&
	   grep -q "/sdm845-mss-sim-bad-dt.dts:$line: error: $id: " "$WORK/sim-bad-dt.out"; then
		pass "sim-bad-dt/$id"
	else
		fail "sim-bad-dt/$id" "expected line ${line:-?} in:" "$(cat "$WORK/sim-bad-dt.out")"
	fi
done
none=$(grep -c 'metadata source none (the driver fails to probe)' "$WORK/sim-bad-dt.out")
errors=$(grep -c ': error: MSS' "$WORK/sim-bad-dt.out")
# MSS001 once for each of the two regions the node lacks
if [ "$rc" = 1 ] && [ "$none" = 2 ] && [ "$errors" = 3 ]; then
	pass "sim-bad-dt/only-those"
else
	fail "sim-bad-dt/only-those" "exit $rc, $none failed probes, $errors errors:" \
		"$(cat "$WORK/sim-bad-dt.out")"
fi

# The fix hint of a legacy prediction on a protected SoC names the carveout
if grep -A1 ': MSS012: ' "$WORK/protected-legacy.out" | grep -q 'fix: add a no-map metadata carveout.*mpss-metadata.*memory-region entry 2'; then
	pass "fixture/protected-legacy/hint-names-carveout"
else
	fail "fixture/protected-legacy/hint-names-carveout" "$(cat "$WORK/protected-legacy.out")"
fi

# Disabled nodes: skipped by default, checked with --all
if grep -q '0 MSS nodes checked (1 disabled skipped)' "$WORK/disabled.out"; then
	pass "disabled/skipped-by-default"
else
	fail "disabled/skipped-by-default" "$(cat "$WORK/disabled.out")"
fi
run disabled-all "$WRAP" --all "$fix/disabled.dts"
if [ $rc = 1 ] && grep -q 'disabled): metadata source none' "$WORK/disabled-all.out" &&
   grep -q ': MSS001: ' "$WORK/disabled-all.out"; then
	pass "disabled/checked-with-all"
else
	fail "disabled/checked-with-all" "exit $rc" "$(cat "$WORK/disabled-all.out")"
fi

# A DTB without annotations: findings name the node path, no file:line
dtb=$WORK/missing-no-map.dtb
plain_dtb "$fix/missing-no-map.dts" "$dtb"
run dtb-only "$DTCHECK" "$dtb"
if [ $rc = 1 ] && grep -q "^$dtb: error: MSS004: /reserved-memory/mpss@90000000: " "$WORK/dtb-only.out" &&
   ! grep -q '\.dts:[0-9]' "$WORK/dtb-only.out"; then
	pass "dtb-input/node-path-only"
else
	fail "dtb-input/node-path-only" "exit $rc" "$(cat "$WORK/dtb-only.out")"
fi

# ------------------------------------------------------------------
# 2. Firmware-driven sizing

fw=$WORK/fw
python3 "$here/gen-fw.py" "$fw" > "$WORK/gen-fw.out" 2>&1 ||
	fail "setup/gen-fw" "gen-fw.py exited $?" "$(cat "$WORK/gen-fw.out")"
three=$fix/three-entry.dts

run fw-small "$WRAP" --firmware "$fw/small/modem.mdt" "$three"
if [ $rc = 0 ] && grep -q 'metadata 0x10b4 bytes (headers 0xb4 + hash segment 1 0x1000, .*small/modem.b01); load footprint 0x100000' "$WORK/fw-small.out" &&
   grep -q 'metadata source dedicated, window 0x2000' "$WORK/fw-small.out"; then
	pass "firmware/split-mdt-fits-dedicated"
else
	fail "firmware/split-mdt-fits-dedicated" "exit $rc" "$(cat "$WORK/fw-small.out")"
fi

run fw-bighash "$WRAP" --firmware "$fw/bighash/modem.mdt" "$three"
if [ $rc = 1 ] && grep -q 'metadata 0x50b4 bytes.*packed after the headers' "$WORK/fw-bighash.out" &&
   grep -q 'metadata source mpss-window, window 0x6000' "$WORK/fw-bighash.out" &&
   grep -q 'three-entry.dts:[0-9]*: warning: MSS010: .*needs 0x6000 (firmware metadata)' "$WORK/fw-bighash.out"; then
	pass "firmware/big-hash-too-large-for-dedicated"
else
	fail "firmware/big-hash-too-large-for-dedicated" "exit $rc" "$(cat "$WORK/fw-bighash.out")"
fi

run fw-bigload "$WRAP" --firmware "$fw/bigload/modem.mbn" "$three"
if [ $rc = 1 ] && grep -q 'metadata 0x20b4 bytes.*at offset 0x1000); load footprint 0x8001000' "$WORK/fw-bigload.out" &&
   grep -q 'regions.dtsi:[0-9]*: error: MSS011: /reserved-memory/mpss@90000000: mpss region is 0x7800000 bytes' "$WORK/fw-bigload.out"; then
	pass "firmware/mbn-footprint-exceeds-mpss"
else
	fail "firmware/mbn-footprint-exceeds-mpss" "exit $rc" "$(cat "$WORK/fw-bigload.out")"
fi

for bad in missing-seg truncated nohash badseg; do
	run "fw-$bad" "$DTCHECK" --firmware "$fw/$bad/modem.mdt" "$dtb"
	if [ $rc = 2 ] && grep -q '^mss-dtcheck: firmware: ' "$WORK/fw-$bad.out"; then
		pass "firmware/bad-$bad-exit-2"
	else
		fail "firmware/bad-$bad-exit-2" "exit $rc" "$(cat "$WORK/fw-$bad.out")"
	fi
done

# Real linux-firmware modem images (make firmware-real), read with the
# driver's format code; the numbers are the ones measured on them
# (notes.md).  A missing image is a failure, not a skip.
R=${REALFW:-$top/build/firmware}/usr/lib/firmware/qcom
real_fw() {	# real_fw NAME FILE METADATA FOOTPRINT RANGE
	if [ ! -f "$R/$2" ]; then
		fail "firmware/real-$1" "missing $R/$2 (make firmware-real)"
		return
	fi
	run "real-$1" "$WRAP" --firmware "$R/$2" "$three"
	if [ $rc = 0 ] &&
	   grep -q "metadata $3 bytes (headers 0x[0-9a-f]* + hash segment 1 0x[0-9a-f]*, at offset 0x1000); load footprint $4 ($5)" "$WORK/real-$1.out" &&
	   grep -q 'metadata source dedicated' "$WORK/real-$1.out"; then
		pass "firmware/real-$1"
	else
		fail "firmware/real-$1" "exit $rc" "$(cat "$WORK/real-$1.out")"
	fi
}
real_fw sdm845-modem sdm845/modem_nm.mbn 0x1f5c 0x3000000 0x8e000000-0x91000000
real_fw apq8096-modem apq8096/modem.mbn 0x1f9c 0x6200000 0x88800000-0x8ea00000
real_fw apq8016-modem apq8016/modem.mbn 0x20dc 0x1321000 0xc0000000-0xc1321000

# ------------------------------------------------------------------
# 3. Exit codes and usage

expect_rc() {
	name=$1
	want=$2
	shift 2
	run "rc-$name" "$@"
	if [ "$rc" = "$want" ]; then
		pass "exit/$name"
	else
		fail "exit/$name" "want $want, got $rc" "$(head -n 10 "$WORK/rc-$name.out")"
	fi
}
expect_rc clean 0 "$WRAP" "$fix/three-entry.dts"
expect_rc findings 1 "$WRAP" "$fix/missing-no-map.dts"
expect_rc warnings-only 1 "$WRAP" "$fix/small-metadata.dts"
expect_rc no-args 2 "$DTCHECK"
expect_rc unknown-option 2 "$DTCHECK" --bogus "$dtb"
expect_rc missing-file 2 "$DTCHECK" "$WORK/does-not-exist.dtb"
expect_rc dts-to-tool 2 "$DTCHECK" "$fix/three-entry.dts"
expect_rc fw-and-mdata-size 2 "$DTCHECK" --firmware "$fw/small/modem.mdt" --mdata-size 4096 "$dtb"
expect_rc bad-mdata-size 2 "$DTCHECK" --mdata-size 0 "$dtb"
expect_rc srcmap-without-input 2 "$DTCHECK" "$dtb" --srcmap "$dtb"
expect_rc wrapper-missing-dts 2 "$WRAP" "$WORK/nope.dts"
expect_rc wrapper-mixed-bad 2 "$WRAP" "$fix/three-entry.dts" "$fix/syntax-error.dts"
expect_rc mdata-size-option 1 "$DTCHECK" --mdata-size 0x8000 "$dtb"
if grep -q 'compile .dts with scripts/mss-dtcheck.sh' "$WORK/rc-dts-to-tool.out"; then
	pass "exit/dts-to-tool-hint"
else
	fail "exit/dts-to-tool-hint" "$(cat "$WORK/rc-dts-to-tool.out")"
fi

# ------------------------------------------------------------------
# 4. JSON output schema

run json "$WRAP" --json "$fix"
if [ $rc = 2 ]; then	# the folder holds syntax-error.dts
	pass "json/folder-exit-2-with-bad-dts"
else
	fail "json/folder-exit-2-with-bad-dts" "exit $rc"
fi
# A folder without DTBs is a mistake (wrong path, nothing built): exit 2
mkdir -p "$WORK/no-dtbs"
"$DTCHECK" "$WORK/no-dtbs" > "$WORK/no-dtbs.out" 2>&1
rc=$?
if [ $rc = 2 ] && grep -q "no .dtb files" "$WORK/no-dtbs.out"; then
	pass "folder-without-dtbs-exit-2"
else
	fail "folder-without-dtbs-exit-2" "exit $rc: $(head -3 "$WORK/no-dtbs.out")"
fi
set --
for f in "$fix"/*.dts; do
	case $f in *syntax-error*) ;; *) set -- "$@" "$f" ;; esac
done
set -- "$@" "$dtb" "$CORPUS/control-chars-in-name.dtb" "$CORPUS/truncated-half.dtb"
"$WRAP" --json "$@" > "$WORK/json.json" 2> "$WORK/json.err"
check json/schema python3 "$here/json-schema-check.py" "$WORK/json.json" $#
dtb3=$WORK/three-entry.dtb
plain_dtb "$fix/three-entry.dts" "$dtb3"
# findings (the MSS010 warning) but no error: exit 1
"$DTCHECK" --json --firmware "$fw/bighash/modem.mdt" "$dtb3" > "$WORK/json-fw.json"
rc=$?
if [ $rc = 1 ]; then
	check json/schema-with-firmware python3 "$here/json-schema-check.py" "$WORK/json-fw.json" 1
else
	fail json/schema-with-firmware "exit $rc, want 1"
fi
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); f=d["firmware"]; sys.exit(0 if f["metadata_size"]==0x50b4 and f["footprint"]==0x100000 and d["inputs"][0]["nodes"][0]["metadata"]["source"]=="mpss-window" else 1)' "$WORK/json-fw.json"; then
	pass "json/firmware-numbers"
else
	fail "json/firmware-numbers" "$(cat "$WORK/json-fw.json")"
fi

# ------------------------------------------------------------------
# 5. Bad-DTB corpus, plain and under ASan/UBSan

for bin in "$DTCHECK" "$DTCHECK_ASAN"; do
	tag=$(basename "$bin")
	bad=0
	total=0
	while read -r name want id; do
		case $name in \#*|"") continue ;; esac
		total=$((total + 1))
		"$bin" "$CORPUS/$name.dtb" > "$WORK/c.out" 2> "$WORK/c.err"
		got=$?
		why=
		if [ $got -gt 2 ]; then
			why="crashed (exit $got)"
		elif grep -q 'Sanitizer\|runtime error' "$WORK/c.err"; then
			why="sanitizer report"
		elif [ "$want" != -1 ] && [ "$got" != "$want" ]; then
			why="exit $got, want $want"
		elif [ "$want" = 2 ] && ! grep -q ': fatal: ' "$WORK/c.out"; then
			why="no fatal: message"
		elif [ "$id" != - ] && ! grep -q "$id" "$WORK/c.out"; then
			why="no $id"
		fi
		if [ -n "$why" ]; then
			bad=$((bad + 1))
			fail "corpus/$tag/$name" "$why" "$(head -n 5 "$WORK/c.out" "$WORK/c.err")"
		fi
	done < "$CORPUS/MANIFEST"
	if [ $bad = 0 ] && [ $total -ge 90 ]; then
		pass "corpus/$tag/all-$total-as-expected"
	elif [ $bad = 0 ]; then
		fail "corpus/$tag/all-as-expected" "only $total cases in the manifest"
	fi
done
# The whole corpus in one run: the tool keeps going after a bad input
run corpus-one-run "$DTCHECK_ASAN" "$CORPUS"
n=$(grep -vc '^#' "$CORPUS/MANIFEST")
if [ $rc = 2 ] && grep -q "^$n DTBs" "$WORK/corpus-one-run.out" &&
   ! grep -q 'Sanitizer\|runtime error' "$WORK/corpus-one-run.out"; then
	pass "corpus/one-run-all-inputs"
else
	fail "corpus/one-run-all-inputs" "exit $rc" "$(tail -n 5 "$WORK/corpus-one-run.out")"
fi

# ------------------------------------------------------------------
# 6. Fleets: the 6.12 qcom arm64 DTBs, the 7.2 qcom arm64 and arm32 DTBs

# Independent count of the MSS nodes of the DTBs under $1: every DTB
# decompiled with dtc, every node whose compatible looks like an MSS PIL
# (not the driver's table, so a compatible the tool does not know counts
# too).  Prints "TOTAL ENABLED".
mss_pil_re='qcom,[a-z0-9]+-mss-pil|qcom,q6v5-pil'
dtc_count() {
	# shellcheck disable=SC2016 # $d is the inner shell's
	find "$1" -name '*.dtb' -exec sh -c \
		'for d; do dtc -q -I dtb -O dts "$d" 2>/dev/null; done' sh {} + | awk -v re="compatible = .*\"($mss_pil_re)\"" '
		/\{$/ { depth++; mss[depth] = 0; dis[depth] = 0 }
		$0 ~ re { mss[depth] = 1 }
		/status = "disabled"|status = "fail/ { dis[depth] = 1 }
		/^[ \t]*};/ { if (mss[depth]) { all++; if (!dis[depth]) n++ } depth-- }
		END { print all + 0, n + 0 }'
}

# fleet_test TAG DIR MIN: mss-dtcheck --fleet DIR reads every DTB, reports
# every enabled MSS node (at least MIN) and skips only the disabled ones
fleet_test() {
	tag=$1
	dir=$2
	out=$WORK/$tag.out
	run "$tag" "$DTCHECK" --fleet "$dir"
	ndtb=$(find "$dir" -name '*.dtb' | wc -l)
	if [ $rc -le 1 ] && grep -q "^$ndtb DTBs, " "$out" && ! grep -q ': fatal: ' "$out"; then
		pass "$tag/no-crash-all-$ndtb-read"
	else
		fail "$tag/no-crash" "exit $rc" "$(tail -n 5 "$out")"
	fi
	min=$3
	counts=$(dtc_count "$dir")
	total=${counts% *}
	want=${counts#* }
	rows=$(awk 'NR > 1 && $2 ~ /-pil$/ && $1 !~ /\(disabled\)/' "$out" | wc -l)
	got=$(sed -n 's/.*with MSS nodes: \([0-9]*\) MSS nodes checked.*/\1/p' "$out")
	skipped=$(sed -n 's/.* MSS nodes checked (\([0-9]*\) disabled skipped).*/\1/p' "$out")
	if [ "$want" -ge "$min" ] && [ "$rows" = "$want" ] && [ "$got" = "$want" ]; then
		pass "$tag/every-enabled-mss-node-reported-$want"
	else
		fail "$tag/every-enabled-mss-node-reported" \
			"dtc count $want (at least $min), table rows $rows, summary $got"
	fi
	# skipped: exactly the disabled nodes; no node left unchecked (MSS020)
	if [ "$skipped" = $((total - want)) ] && ! grep -q 'MSS020' "$out"; then
		pass "$tag/only-the-$skipped-disabled-skipped"
	else
		fail "$tag/only-disabled-skipped" "dtc: $total nodes, $want enabled; tool skipped $skipped" \
			"$(grep MSS020 "$out" | head)"
	fi
	# Each row has a prediction; none is 'none' (every upstream node probes)
	if [ "$rows" -gt 0 ] &&
	   awk 'NR > 1 && $2 ~ /-pil$/ { if ($3 !~ /^(dedicated|mpss-window|legacy)$/) bad++ } END { exit bad > 0 }' "$out"; then
		pass "$tag/every-row-has-a-source"
	else
		fail "$tag/every-row-has-a-source" "$(awk 'NR > 1 && $3 !~ /^(dedicated|mpss-window|legacy)$/' "$out" | head)"
	fi
	# Under ASan/UBSan too
	run "$tag-asan" "$DTCHECK_ASAN" --fleet "$dir"
	if [ $rc -le 1 ] && [ "$rows" -gt 0 ] && ! grep -q 'Sanitizer\|runtime error' "$WORK/$tag-asan.out" &&
	   cmp -s "$out" "$WORK/$tag-asan.out"; then
		pass "$tag/asan-clean-and-identical"
	else
		fail "$tag/asan-clean-and-identical" "exit $rc" "$(diff "$out" "$WORK/$tag-asan.out" | head)"
	fi
}

# The minimum counts are the enabled nodes measured in each tree; fewer
# means DTBs went missing
fleet_test fleet "$UPDTB_QCOM" 122
fleet_test fleet-7.2 "$UPDTB72_QCOM" 131
fleet_test fleet-7.2-arm "$UPDTB72_ARM_QCOM" 20
# Every compatible of the driver's SoC table that 7.2's DTs use is in a
# checked row (the table's new SoCs included)
for c in qcom,msm8226-mss-pil qcom,msm8926-mss-pil qcom,msm8974-mss-pil; do
	if awk -v c="$c" 'NR > 1 && $2 == c { f = 1 } END { exit !f }' "$WORK/fleet-7.2-arm.out"; then
		pass "fleet-7.2-arm/checks-$c"
	else
		fail "fleet-7.2-arm/checks-$c" "no row with $c"
	fi
done
cp "$WORK/fleet.out" "$WORK/../fleet.txt"
exit 0
