#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run-scenario.sh [-s STAGE] [-a] [-v] [-l LOG] [-k FILE] SCENARIO
#
# Boot the test kernel in QEMU with mss.scenario=NAME, save the console to
# build/out/logs/NAME.log, and record one result per guest test (mss-init's
# KTAP and the KUnit cases of any test module the scenario loads) through
# scripts/testlib.sh as NAME/TEST, plus NAME/boot for the boot as a whole.
#
#   SCENARIO  NAME, NAME.scn or a path to tools/testing/qcom-mss/scenarios/
#             NAME.scn (the guest reads its copy from the initramfs)
#   -s STAGE  result file $RESULTS/STAGE.txt (default: qemu-run)
#   -a        append to that file (the caller ran result_init)
#   -v        stream the guest console while it runs
#   -l LOG    do not boot; parse LOG as if the guest had printed it
#   -k FILE   the KUnit suites the run must show ("SUITE<TAB>CASES<TAB>RUNS",
#             see parse-log.awk); by default, when booting, derived from
#             the scenario ($LINT --parse: which modules it loads) and
#             $KUNIT_DECLARED (kunit-declared.py: their suites and cases)
#
# Environment: SCNDIR (scenario folder, default scenarios/), INITRAMFS,
# DTBOUT, QEMU_MEM (guest RAM in MiB, default 1024), as try-firmware.sh
# sets them for its generated board; the Makefile's paths otherwise.
# FAILFAST=1 boots with mss.failfast: the guest powers off after its first
# failed test, which the missing results then fail (check-mutants.sh).
#
# The boot fails on a timeout, a missing "mss-init: done" sentinel, a KTAP
# plan/result mismatch, or any kernel complaint (WARNING, BUG, Oops,
# KASAN, lockdep, kmemleak, ...).  A KUnit suite fails when it reports
# other than its declared cases, or never runs.  A "# SKIP" result is
# recorded as a skip.  A failure prints the tail of the log.
# Exit status: 0 nothing failed, 1 something failed (results recorded
# either way), 2 usage error.
set -u

RIG=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=${TOP:-$(cd "$RIG/../../.." && pwd)}
KOBJ=${KOBJ:-$TOP/build/kernel}
OUT=${OUT:-$TOP/build/out}
DTBOUT=${DTBOUT:-$OUT/dtbs}
GUESTOUT=${GUESTOUT:-$OUT/guest}
LOGS=${LOGS:-$OUT/logs}
RESULTS=${RESULTS:-$OUT/results}
KIMAGE=${KIMAGE:-$KOBJ/arch/arm64/boot/Image}
INITRAMFS=${INITRAMFS:-$GUESTOUT/initramfs.cpio}
QEMU=${QEMU:-qemu-system-aarch64}
LINT=${LINT:-$OUT/bin/mss-init-lint}
KUNIT_DECLARED=${KUNIT_DECLARED:-$OUT/rig/kunit-declared.txt}
# A generated scenario (try-firmware.sh) brings its own folder and RAM size
SCNDIR=${SCNDIR:-$RIG/scenarios}
QEMU_MEM=${QEMU_MEM:-1024}
export RESULTS

usage() {
	sed -n '4,24s/^# \{0,1\}//p' "$0" >&2
	exit 2
}

stage=qemu-run
append=0
verbose=0
given_log=
kunit_file=
while getopts "s:avl:k:h" opt; do
	case $opt in
	s) stage=$OPTARG ;;
	a) append=1 ;;
	v) verbose=1 ;;
	l) given_log=$OPTARG ;;
	k) kunit_file=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || usage

# not "name": testlib.sh's fail() assigns that global
scen=$(basename "$1" .scn)
scn=$SCNDIR/$scen.scn

# shellcheck source-path=SCRIPTDIR source=../../../scripts/testlib.sh
. "$TOP/scripts/testlib.sh"
if [ "$append" = 1 ]; then
	STAGE=$stage
	mkdir -p "$RESULTS"
	touch "$RESULTS/$STAGE.txt"
else
	result_init "$stage"
fi

# Bail out with one failed NAME/boot result
boot_fail() {
	fail "$scen/boot" "$@"
	exit 1
}

if [ -n "$given_log" ]; then
	# parsing a saved log: the scenario only supplies @expect-log, and
	# may live anywhere (the parser's own tests keep theirs in selftest/)
	case $1 in */*) scn=$1 ;; esac
	[ -f "$scn" ] || scn=/dev/null
else
	[ -f "$scn" ] || boot_fail "no scenario $scn"
	case $1 in
	*/*)
		# the guest only has the initramfs copy of scenarios/
		[ "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")" -ef "$scn" ] ||
			boot_fail "$1: scenarios must live in $SCNDIR"
		;;
	esac
fi

# Host directives live in the scenario file itself
dtb=
timeout=120
append_args=
expect_log=()
allow=()
while read -r key val; do
	case $key in
	@dtb) dtb=$val ;;
	@timeout) timeout=$val ;;
	@append) append_args="$append_args $val" ;;
	@expect-log) expect_log+=("$val") ;;
	# a complaint the scenario provokes on purpose: lines with TEXT are
	# not complaints, and TEXT must appear (an expect-log result)
	@expect-complaint)
		expect_log+=("$val")
		allow+=("$val")
		;;
	@*) boot_fail "$scn: unknown host directive $key" ;;
	esac
done < <(grep -E '^[[:space:]]*@' "$scn" | tr -d '\r')
# FAILFAST=1 (the mutants stage): the guest stops at the first failed test
if [ "${FAILFAST:-0}" = 1 ]; then
	append_args="$append_args mss.failfast"
fi
# A kernel built without kmemleak (make bench-realfw-nodebug): the guest
# reports its kmemleak result as a skip instead of failing it (a name
# without "kmemleak": the parser takes every kernel line naming it, the
# command line included, for a complaint)
if [ -f "$KOBJ/.config" ] && ! grep -qx 'CONFIG_DEBUG_KMEMLEAK=y' "$KOBJ/.config"; then
	append_args="$append_args mss.noleakscan"
fi
case $timeout in
'' | *[!0-9]*) boot_fail "$scn: @timeout '$timeout' is not a number of seconds" ;;
esac

mkdir -p "$LOGS"
log=$LOGS/$scen.log
tmp=$(mktemp -d) || boot_fail "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
printf '%s\n' "${expect_log[@]+"${expect_log[@]}"}" | sed '/^$/d' > "$tmp/expect" ||
	boot_fail "cannot write $tmp/expect"

# The KUnit suites this boot must run: each suite of each test module the
# scenario loads (as the guest will expand it), once per load
if [ -z "$kunit_file" ] && [ -z "$given_log" ]; then
	[ -x "$LINT" ] || boot_fail "no scenario lint $LINT (make check-rig builds it)"
	[ -f "$KUNIT_DECLARED" ] ||
		boot_fail "no $KUNIT_DECLARED (make check-rig generates it)"
	"$LINT" --parse "$SCNDIR" "$scen" > "$tmp/parsed-scn" 2> "$tmp/lint.err" ||
		boot_fail "$scn does not parse:" "$(cat "$tmp/lint.err")"
	kunit_file=$tmp/kunit
	awk -F'\t' -v decl="$KUNIT_DECLARED" '
		BEGIN {
			while ((r = (getline l < decl)) > 0) {
				split(l, f, "\t")
				n++
				mod[n] = f[1]; suite[n] = f[2]; cases[n] = f[3]
			}
			if (r < 0)
				exit 1
		}
		/^  insmod \[/ {
			m = $0
			sub(/^  insmod \[/, "", m)
			sub(/\].*/, "", m)
			sub(/.*\//, "", m)
			sub(/\.ko$/, "", m)
			loads[m]++
		}
		END {
			for (i = 1; i <= n; i++)
				if (loads[mod[i]] > 0)
					print suite[i] "\t" cases[i] "\t" loads[mod[i]]
		}' "$tmp/parsed-scn" > "$kunit_file" ||
		boot_fail "cannot derive the expected KUnit suites"
fi
if [ -n "$kunit_file" ] && [ ! -r "$kunit_file" ]; then
	boot_fail "-k $kunit_file: cannot read it"
fi
printf '%s\n' "${allow[@]+"${allow[@]}"}" | sed '/^$/d' > "$tmp/allow" ||
	boot_fail "cannot write $tmp/allow"

rc=0
elapsed=
if [ -n "$given_log" ]; then
	[ -f "$given_log" ] || boot_fail "no log $given_log"
	log=$given_log
else
	[ -f "$KIMAGE" ] || boot_fail "no kernel image $KIMAGE (make kernel)"
	[ -f "$INITRAMFS" ] || boot_fail "no initramfs $INITRAMFS (make initramfs)"
	dtb_args=()
	if [ -n "$dtb" ]; then
		[ -f "$DTBOUT/$dtb" ] || boot_fail "@dtb $dtb: $DTBOUT/$dtb not built"
		dtb_args=(-dtb "$DTBOUT/$dtb")
	fi
	# A scenario edited since the initramfs was packed would run stale
	# in the guest; repacking needs nothing built, so just do it.
	if [ -n "$(find "$SCNDIR" -newer "$INITRAMFS" -print -quit)" ]; then
		SCENARIOS=$SCNDIR CPIO=$INITRAMFS "$RIG/mkinitramfs.sh" ||
			boot_fail "repacking $INITRAMFS failed"
	fi

	# -nic none: no network, and no need for the virtio option ROM.
	# printk.devkmsg=on: mss-init prints through /dev/kmsg unthrottled.
	# kunit.enable=1: the kernel has KUNIT_DEFAULT_ENABLED off.
	# nohugeiomap nohugevmalloc: the vmalloc area is mapped with pages
	# only, so the simulated TrustZone's page table walk (looking for
	# CPU mappings of modem memory) sees every mapping and no table is
	# ever freed under it.
	cmd=(timeout -k 5 "$timeout" "$QEMU" -M virt -cpu cortex-a57 -smp 2
		-m "$QEMU_MEM" -nographic -no-reboot -nic none
		-kernel "$KIMAGE" -initrd "$INITRAMFS" "${dtb_args[@]}"
		-append "console=ttyAMA0 panic=-1 printk.devkmsg=on kunit.enable=1 nohugeiomap nohugevmalloc mss.scenario=$scen$append_args")
	echo "  QEMU    $scen (limit ${timeout}s${dtb:+, dtb $dtb})"
	start=$(date +%s%N)
	if [ "$verbose" = 1 ]; then
		"${cmd[@]}" < /dev/null 2>&1 | tee "$log"
		rc=${PIPESTATUS[0]}
	else
		"${cmd[@]}" < /dev/null > "$log" 2>&1
		rc=$?
	fi
	end=$(date +%s%N)
	elapsed=$(( (end - start) / 1000000 ))
fi

# The parser's status matters: a parser that dies has judged nothing
if ! awk -v expect_file="$tmp/expect" -v kunit_file="$kunit_file" \
	-v allow_file="$tmp/allow" \
	-f "$RIG/parse-log.awk" "$log" > "$tmp/parsed" 2> "$tmp/parse.err"; then
	boot_fail "parse-log.awk failed on $log:" "$(cat "$tmp/parse.err")"
fi
# A non-blank separator keeps empty fields (read(1) merges runs of
# blanks); KIND A NAME DETAILS, details last as they hold anything
if ! awk -F'\t' -v OFS="$(printf '\036')" '
	$1 == "R" { print "R", $2, $3, $4; next }
	$1 == "B" { print "B", $2, "", $3; next }
	$1 == "E" { print "E", $2, $3, $4; next }
	$1 == "U" { print "U", $2; next }
	{ print "unknown parser record: " $0 > "/dev/stderr"; exit 1 }' \
	"$tmp/parsed" > "$tmp/records" 2> "$tmp/parse.err"; then
	boot_fail "$(cat "$tmp/parse.err")"
fi

US=$(printf '\037')
RS=$(printf '\036')
failed=0
reasons=()
uptime=
case $rc in
0) ;;
124 | 137) reasons+=("timed out after ${timeout}s (@timeout)") ;;
*) reasons+=("$QEMU exited with status $rc") ;;
esac

while IFS=$RS read -r kind a c b; do
	case $kind in
	R)
		IFS=$US read -r -a details <<< "$b"
		[ -n "$b" ] || details=()
		case $a in
		ok) pass "$scen/$c" ;;
		skip)
			skip "$scen/$c" "${details[0]:-no reason given}"
			[ ${#details[@]} -le 1 ] || printf '#   %s\n' "${details[@]:1}"
			;;
		*)
			failed=1
			fail "$scen/$c" "${details[@]+"${details[@]}"}"
			;;
		esac
		;;
	B)
		reasons+=("$a")
		if [ -n "$b" ]; then
			IFS=$US read -r -a details <<< "$b"
			reasons+=("${details[@]:0:12}")
		fi
		;;
	E)
		if [ "$a" = ok ]; then
			pass "$scen/expect-log-$c"
		else
			failed=1
			fail "$scen/expect-log-$c" "not in the kernel log: $b"
		fi
		;;
	U) uptime=$a ;;
	esac
done < "$tmp/records"

if [ ${#reasons[@]} -eq 0 ]; then
	pass "$scen/boot"
else
	failed=1
	fail "$scen/boot" "${reasons[@]}"
fi

if [ -n "$elapsed" ]; then
	echo "# $scen: $(printf '%d.%01d' $((elapsed / 1000)) $((elapsed % 1000 / 100))) s in QEMU${uptime:+, mss-init started at ${uptime} s uptime}"
fi

if [ "$failed" = 1 ]; then
	echo "# guest log $log, last 80 lines:"
	tr -d '\r' < "$log" | tail -n 80 | sed 's/^/#   | /'
	exit 1
fi
exit 0
