#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Static checks on our kernel code.  Every check counts what it found;
# zero is the only pass, and a checker that did not run to its end is a
# failure, never a clean result.  The selftest/... results prove that with
# planted failures: a missing, dying or silent checkpatch, a file with
# style errors, a broken kernel-doc comment, and Kconfig dependencies
# that must switch our symbols off.
#
# Environment (drivers/remoteproc/check.mk): KSRC KDIR KOBJ MODSRC RESULTS
# LOGS MOD_EXTRA ARCH CROSS_COMPILE; CHECKPATCH and KERNEL_DOC override
# the kernel's scripts (for trying a broken one by hand).
set -u
TOP=${TOP:-$(pwd)}
OUT=${OUT:-$TOP/build/out}
KOBJ=${KOBJ:-$KDIR}
. scripts/testlib.sh
result_init driver
mkdir -p "$LOGS"
CHECKPATCH=${CHECKPATCH:-$KSRC/scripts/checkpatch.pl}
KERNEL_DOC=${KERNEL_DOC:-$KSRC/scripts/kernel-doc}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# Our C: the driver, its tests and the simulator, and the host tools
# (validator, firmware generator, guest init), held to the same style;
# not kcompat/, verbatim copies of upstream private headers
if ! git ls-files -co --exclude-standard 'drivers/remoteproc/*.[ch]' \
	'scripts/*.[ch]' 'tools/testing/qcom-mss/*.[ch]' > "$tmp/files"; then
	echo "check-driver: git ls-files failed" >&2
	exit 2
fi
mapfile -t srcs < <(grep -v '\.mod\.c$' "$tmp/files" | grep -v '/kcompat/')
if [ ${#srcs[@]} -lt 10 ]; then
	echo "check-driver: only ${#srcs[@]} C files found" >&2
	exit 2
fi

# W=1 and sparse on every object (C=2 checks files even if up to date)
log=$LOGS/driver-build.log
# shellcheck disable=SC2086
if make -C "$KDIR" M="$MODSRC" ARCH="$ARCH" CROSS_COMPILE="$CROSS_COMPILE" \
	$MOD_EXTRA W=1 C=2 modules > "$log" 2>&1; then
	n=$(grep -cE 'warning:|error:' "$log")
	# sparse must really have run: C=2 prints a CHECK line per file
	c=$(grep -cE '^  CHECK ' "$log")
	if [ "$n" -ne 0 ]; then
		fail build-w1-sparse "$n warnings:" "$(grep -E 'warning:|error:' "$log" | head -20)"
	elif [ "$c" -eq 0 ]; then
		fail build-w1-sparse "no CHECK line: sparse did not run" "$(tail -20 "$log")"
	else
		pass build-w1-sparse
	fi
else
	fail build-w1-sparse "build failed:" "$(tail -30 "$log")"
fi

# checkpatch_file CHECKPATCH FILE: status 0 when checkpatch ran to its end
# ("total: ... N lines checked" for every line of FILE), exited 0 and found
# nothing; otherwise prints why.  A missing or dying checkpatch prints no
# findings at all, so the summary line is what proves it ran.
checkpatch_file() {
	local cp=$1 f=$2 out rc total lines want
	if [ ! -x "$cp" ]; then
		echo "$cp: no checkpatch there"
		return 1
	fi
	# FILE_PATH_CHANGES is about patches (MAINTAINERS), not files
	out=$("$cp" --strict --no-tree --emacs --show-types \
		--ignore FILE_PATH_CHANGES -f "$f" 2>&1)
	rc=$?
	total=$(printf '%s\n' "$out" | grep -E \
		'^total: [0-9]+ errors, [0-9]+ warnings, [0-9]+ checks, [0-9]+ lines checked$')
	if [ -z "$total" ]; then
		echo "no \"total: ...\" line: checkpatch did not run to its end (exit $rc)"
		printf '%s\n' "$out" | head -10
		return 1
	fi
	lines=${total% lines checked}
	lines=${lines##* }
	want=$(wc -l < "$f")
	if [ "$lines" != "$want" ]; then
		echo "checkpatch checked $lines lines, the file has $want"
		return 1
	fi
	case $total in
	'total: 0 errors, 0 warnings, 0 checks, '*) [ "$rc" -eq 0 ] && return 0 ;;
	esac
	echo "exit $rc, $total"
	printf '%s\n' "$out" | grep -E '^[^ ]+:[0-9]+: (ERROR|WARNING|CHECK):' | head -10
	return 1
}

# checkpatch --strict, one result per file so a regression names it
for f in "${srcs[@]}"; do
	if checkpatch_file "$CHECKPATCH" "$f" > "$tmp/cp" 2>&1; then
		pass "checkpatch:${f#drivers/remoteproc/}"
	else
		fail "checkpatch:${f#drivers/remoteproc/}" "$(cat "$tmp/cp")"
	fi
done

# kernel_doc FILE: status 0 when kernel-doc exited 0 and said nothing
kernel_doc() {
	local out rc
	out=$("$KERNEL_DOC" -none -Wall "$1" 2>&1)
	rc=$?
	[ "$rc" -eq 0 ] && [ -z "$out" ] && return 0
	echo "kernel-doc exited $rc"
	printf '%s\n' "$out" | head -20
	return 1
}

# kernel-doc of the carveout manager API, the selection rules and the
# MDT format shared with the host tools
for f in drivers/remoteproc/qcom_q6v5_mss_mdata.[ch] \
	 drivers/remoteproc/qcom_q6v5_mss_mdata_select.[ch] \
	 drivers/remoteproc/qcom_mss_mdt.h; do
	check "kernel-doc:${f#drivers/remoteproc/}" kernel_doc "$f"
done

# The selection rules and the MDT format must stay plain C the host
# validator and firmware tools can build
check host-build-select gcc -std=gnu11 -Wall -Wextra -Werror -fsyntax-only \
	drivers/remoteproc/qcom_q6v5_mss_mdata_select.c
check host-build-mdt gcc -std=gnu11 -Wall -Wextra -Werror -fsyntax-only \
	-Iscripts/include -x c drivers/remoteproc/qcom_mss_mdt.h

# --- Kconfig: our symbols in the 6.12 tree ---------------------------
# The kernel's own Kconfig with drivers/remoteproc/Kconfig added, run
# over the test kernel's .config plus our symbols: each must survive
# olddefconfig (a typo in a dependency would switch it off), and the
# dependencies must switch them off when unmet.
kc=$OUT/kconfig-check
# kconfig_run NAME [CONFIG_LINE...]: olddefconfig in one object directory
# (conf is built once); the result is kept as $kc/NAME.config
kconfig_run() {
	local name=$1
	shift
	local l sym drop=()
	mkdir -p "$kc/obj"
	# the lines given replace the test kernel's values of their symbols
	for l in "$@"; do
		sym=${l#\# }
		sym=${sym%% *}
		sym=${sym%%=*}
		drop+=(-e "^$sym=" -e "^# $sym is not set\$")
	done
	{ grep -v "${drop[@]}" "$KOBJ/.config"; printf '%s\n' "$@"; } > "$kc/obj/.config"
	make -C "$KSRC" O="$kc/obj" ARCH="$ARCH" CROSS_COMPILE="$CROSS_COMPILE" \
		KBUILD_KCONFIG="$kc/Kconfig" olddefconfig > "$kc/$name.log" 2>&1 || {
		echo "olddefconfig failed:"
		tail -20 "$kc/$name.log"
		return 1
	}
	cp "$kc/obj/.config" "$kc/$name.config" || return 1
	if grep -n 'warning:\|error:' "$kc/$name.log"; then
		return 1
	fi
}
# kconfig_has NAME LINE...: each CONFIG_X=V line is in $kc/NAME.config;
# for a "# CONFIG_X is not set" line, X has no value there (a symbol whose
# dependencies are unmet is not written at all)
kconfig_has() {
	local name=$1 l sym
	shift
	for l in "$@"; do
		case $l in
		'# CONFIG_'*' is not set')
			sym=${l#\# }
			sym=${sym%% *}
			grep -q "^$sym=" "$kc/$name.config" || continue ;;
		*)
			grep -qxF -- "$l" "$kc/$name.config" && continue
			sym=${l%%=*} ;;
		esac
		echo "want $l; $name.config has:" \
			"$(grep -E "(^|# )$sym[= ]" "$kc/$name.config")"
		return 1
	done
}
ours="CONFIG_QCOM_Q6V5_MSS_REWORK=m CONFIG_QCOM_MSS_SIM=m CONFIG_QCOM_Q6V5_MSS_KUNIT_TEST=m"
if [ ! -f "$KOBJ/.config" ]; then
	fail kconfig/test-kernel "no $KOBJ/.config"
else
	mkdir -p "$kc"
	{ cat "$KSRC/Kconfig"; echo; echo "source \"$TOP/drivers/remoteproc/Kconfig\""; } \
		> "$kc/Kconfig"
	# shellcheck disable=SC2086
	kconfig_ok() { kconfig_run test-kernel $ours && kconfig_has test-kernel $ours; }
	check kconfig/test-kernel kconfig_ok
	# planted: no KUnit, the real SCM built in, the upstream driver
	# shellcheck disable=SC2086
	no_kunit() {
		kconfig_run no-kunit $ours "# CONFIG_KUNIT is not set" &&
		kconfig_has no-kunit "# CONFIG_KUNIT is not set" \
			CONFIG_QCOM_Q6V5_MSS_REWORK=m \
			"# CONFIG_QCOM_Q6V5_MSS_KUNIT_TEST is not set"
	}
	check selftest/kconfig-kunit-test-needs-kunit no_kunit
	# shellcheck disable=SC2086
	# (a built-in driver selects a built-in SCM)
	scm_builtin() {
		kconfig_run scm-builtin CONFIG_QCOM_SMEM=y CONFIG_QCOM_AOSS_QMP=y \
			CONFIG_QCOM_Q6V5_MSS_REWORK=y CONFIG_QCOM_MSS_SIM=m &&
		kconfig_has scm-builtin CONFIG_QCOM_Q6V5_MSS_REWORK=y \
			CONFIG_QCOM_SCM=y "# CONFIG_QCOM_MSS_SIM is not set"
	}
	check selftest/kconfig-sim-needs-modular-scm scm_builtin
	# shellcheck disable=SC2086
	upstream() {
		kconfig_run upstream $ours CONFIG_QCOM_Q6V5_MSS=m &&
		kconfig_has upstream CONFIG_QCOM_Q6V5_MSS=m \
			"# CONFIG_QCOM_Q6V5_MSS_REWORK is not set" \
			"# CONFIG_QCOM_Q6V5_MSS_KUNIT_TEST is not set"
	}
	check selftest/kconfig-excludes-upstream-driver upstream
fi

# --- the checkers themselves, with planted failures ------------------
# Each must be reported as a failure; the selftest passes when it is,
# for the expected reason.

# planted CHECKPATCH FILE WANT NAME: checkpatch_file must fail with WANT
planted() {
	if checkpatch_file "$1" "$2" > "$tmp/planted" 2>&1; then
		fail "selftest/$4" "checkpatch_file passed $2 with $1"
	elif ! grep -qF -- "$3" "$tmp/planted"; then
		fail "selftest/$4" "expected: $3" "got: $(cat "$tmp/planted")"
	else
		pass "selftest/$4"
	fi
}
clean=drivers/remoteproc/qcom_q6v5_mss_mdata_select.c
printf '#!/bin/sh\necho "Can'"'"'t locate Term/ANSIColor.pm in @INC" >&2\nexit 2\n' \
	> "$tmp/checkpatch-dies"
printf '#!/bin/sh\nexit 0\n' > "$tmp/checkpatch-silent"
printf '#!/bin/sh\necho "total: 0 errors, 0 warnings, 0 checks, 3 lines checked"\n' \
	> "$tmp/checkpatch-short"
chmod +x "$tmp"/checkpatch-*
planted "$tmp/no-such-checkpatch.pl" "$clean" "no checkpatch there" checkpatch-missing
planted "$tmp/checkpatch-dies" "$clean" "did not run to its end (exit 2)" checkpatch-dies
planted "$tmp/checkpatch-silent" "$clean" "did not run to its end (exit 0)" checkpatch-silent
planted "$tmp/checkpatch-short" "$clean" "checked 3 lines" checkpatch-stops-early
printf '// SPDX-License-Identifier: GPL-2.0-only\nint main(){\n  int  x = 1;;\nreturn x;}\n' \
	> "$tmp/bad.c"
planted "$CHECKPATCH" "$tmp/bad.c" "ERROR:" checkpatch-finds-errors
planted "$CHECKPATCH" "$tmp/no-such-file.c" "did not run to its end" checkpatch-missing-file

# kernel-doc: a broken comment must be found, a missing kernel-doc fail
printf '%s\n' '// SPDX-License-Identifier: GPL-2.0-only' '/**' \
	' * mss_broken() - a parameter left undocumented' ' */' \
	'int mss_broken(int a);' > "$tmp/bad-doc.c"
if kernel_doc "$tmp/bad-doc.c" > /dev/null 2>&1; then
	fail selftest/kernel-doc-finds-undocumented "kernel-doc passed $tmp/bad-doc.c"
else
	pass selftest/kernel-doc-finds-undocumented
fi
if KERNEL_DOC=$tmp/no-such-kernel-doc kernel_doc "$clean" > /dev/null 2>&1; then
	fail selftest/kernel-doc-missing "a missing kernel-doc passed"
else
	pass selftest/kernel-doc-missing
fi
exit 0
