#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# check-headers.sh [SERIES...]: our module against Debian's arm64 headers
# packages, with no source tree, the way DKMS builds on a board: make -C
# /usr/src/linux-headers-KREL M=... with the package's Makefile, its
# compiler (gcc-12, cross) and the amd64 linux-kbuild package's host
# tools.  /usr/src is the packages' own in a private mount namespace
# (lib.sh: in_headers_ns).  Per series:
#  - the build has no diagnostic at all (W=1);
#  - modpost resolves every import against the package's Module.symvers
#    and, the kernels having MODVERSIONS, each recorded CRC is Debian's;
#  - vermagic is the one of the image package's own modules.
# Debian's 6.1 kernel builds none of the qcom remoteproc helpers
# (CONFIG_QCOM_Q6V5_COMMON and friends are off), so there the imports
# left unresolved must be exactly the helpers' exports, nothing else;
# everything else resolves with matching CRCs.  7.2 needs sid's gcc-16:
# check-sid.sh runs this script inside the sid chroot.
set -u
: "${TOP:?}" "${DISTRO:?}" "${RESULTS:?}" "${LOGS:?}"
. "$TOP/scripts/distro/lib.sh"
STAGE_NAME=${STAGE_NAME:-distro-headers}
result_init "$STAGE_NAME"
mkdir -p "$LOGS"
[ $# -gt 0 ] || set -- 6.1 6.12
# Inside the chroot /usr/src already is the packages' (check-sid.sh)
RUN=${RUN:-in_headers_ns}

# exports FILE...: the symbols EXPORT_SYMBOL*()ed in FILE...
exports() {
	sed -n 's/^EXPORT_SYMBOL[A-Z_]*(\([a-z0-9_]*\).*/\1/p' "$@" | sort -u
}

for s in "$@"; do
	series_env "$s" || { fail "$s:env"; continue; }
	mod=$DISTRO/mod/hdr-$s
	mod_copy "$mod"
	log=$LOGS/$STAGE_NAME-$s-build.log

	helpers_missing=
	grep -qP '\tqcom_q6v5_init\t' "$SYMVERS" || helpers_missing=y
	warn=
	[ -z "$helpers_missing" ] || warn=KBUILD_MODPOST_WARN=1
	# shellcheck disable=SC2086
	if $RUN make -C "$HDR_DIR" M="$mod" ARCH=arm64 \
		CROSS_COMPILE=aarch64-linux-gnu- W=1 $warn -j"$(nproc)" \
		modules > "$log" 2>&1; then
		pass "$s:build"
	else
		fail "$s:build" "$(tail -n 30 "$log")"
		continue
	fi
	ko=$mod/qcom_q6v5_mss.ko

	if [ -z "$helpers_missing" ]; then
		w=$(warnings "$log")
		if [ -z "$w" ]; then
			pass "$s:no-warnings-w1"
		else
			fail "$s:no-warnings-w1" "$(echo "$w" | head -n 20)"
		fi
		check "$s:modpost-crcs" symvers_crc_check "$ko" "$SYMVERS"
	else
		# Compiler clean; modpost's only complaint the missing helpers
		w=$(warnings "$log" | grep -v 'WARNING: modpost: "[a-z0-9_]*" \[.*\] undefined!$' |
			grep -v 'suppressed [0-9]* unresolved symbol warnings')
		if [ -z "$w" ]; then
			pass "$s:no-warnings-w1"
		else
			fail "$s:no-warnings-w1" "$(echo "$w" | head -n 20)"
		fi
		helpers=$(exports "$SRC"/drivers/remoteproc/qcom_common.c \
			"$SRC"/drivers/remoteproc/qcom_q6v5.c \
			"$SRC"/drivers/remoteproc/qcom_pil_info.c \
			"$SRC"/drivers/remoteproc/qcom_sysmon.c)
		unresolved=$(symvers_crc_check "$ko" "$SYMVERS" | sed -n 's/^unresolved: //p')
		extra=$(echo "$unresolved" | grep -vxF "$helpers" || true)
		crcbad=$(symvers_crc_check "$ko" "$SYMVERS" | grep -v '^unresolved: ' || true)
		if [ -n "$unresolved" ] && [ -z "$extra" ]; then
			pass "$s:unresolved-only-absent-helpers"
		else
			fail "$s:unresolved-only-absent-helpers" "not helper exports: $extra"
		fi
		# The helper imports carry no CRC (modpost found none); every
		# other recorded CRC must be Debian's
		crcbad=$(echo "$crcbad" | grep -v 'kernel none$' || true)
		if [ -z "$crcbad" ]; then
			pass "$s:modpost-crcs"
		else
			fail "$s:modpost-crcs" "$crcbad"
		fi
	fi

	ref=$(find "$MODULES_DIR/kernel" -name 'mdt_loader.ko*' | head -n 1)
	want=$(modinfo -F vermagic "$ref")
	got=$(modinfo -F vermagic "$ko")
	if [ -n "$want" ] && [ "$got" = "$want" ]; then
		pass "$s:vermagic"
	else
		fail "$s:vermagic" "module: $got" "kernel: $want"
	fi
done
exit 0
