#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# check-dkms.sh [SERIES...]: the DKMS package end to end, short of a
# board.  make deb builds qcom-q6v5-mss-dkms_<ver>_all.deb; its contents
# are checked (dkms.conf with the version filled in, the depmod override,
# the initramfs trigger, dh_dkms's maintainer scripts).  Then, per series,
# in a throwaway namespace with Debian's headers and image packages laid
# out as installed and the .deb's files unpacked (dkms-sandbox.sh):
# dkms add/build/install with DKMS's own trees and signing key, and on
# the result:
#  - vermagic is the target kernel's (its own modules');
#  - every compatible of our match table is in the module's aliases;
#  - DKMS signed it with its key (the one to enroll for Secure Boot);
#  - modprobe, as initramfs-tools does, resolves qcom_q6v5_mss to
#    updates/dkms, not to the in-tree module, with in-tree helpers;
#  - depmod -e -E finds no unknown symbol and no CRC mismatch.
# And the report script the package ships, on a fake board
# (check-report.sh).
# Debian's 6.1 kernel lacks the qcom remoteproc helpers: dkms must skip
# it (BUILD_EXCLUSIVE, status 77) rather than fail the package's install.
set -u
: "${TOP:?}" "${DISTRO:?}" "${OUT:?}" "${RESULTS:?}" "${LOGS:?}"
. "$TOP/scripts/distro/lib.sh"
STAGE_NAME=${STAGE_NAME:-distro-dkms}
result_init "$STAGE_NAME"
mkdir -p "$LOGS"
[ $# -gt 0 ] || set -- 6.1 6.12
RUN=${RUN:-in_headers_ns}
NAME=qcom-q6v5-mss

deb=$(ls "$OUT"/deb/qcom-q6v5-mss-dkms_*_all.deb 2>/dev/null | head -n 1)
if [ -z "${SKIP_DEB_CHECKS:-}" ]; then
	if deb=$("$TOP/scripts/distro/mkdeb.sh" "$OUT/deb" 2> "$LOGS/$STAGE_NAME-deb.log"); then
		pass deb:build
	else
		fail deb:build "$(tail -n 20 "$LOGS/$STAGE_NAME-deb.log")"
		exit 0
	fi
fi
[ -n "$deb" ] && [ -f "$deb" ] || { fail deb:present "no .deb in $OUT/deb"; exit 0; }
ver=$(dpkg-deb -f "$deb" Version)
ver=${ver%-*}
pkgroot=$DISTRO/deb-root
rm -rf "$pkgroot"
dpkg-deb -x "$deb" "$pkgroot"
ctl=$DISTRO/deb-control
rm -rf "$ctl"
dpkg-deb -e "$deb" "$ctl"

if [ -z "${SKIP_DEB_CHECKS:-}" ]; then
	conf=$pkgroot/usr/src/$NAME-$ver/dkms.conf
	check deb:dkms-conf-version grep -qx "PACKAGE_VERSION=\"$ver\"" "$conf"
	check deb:depmod-override grep -qx 'override qcom_q6v5_mss \* updates/dkms' \
		"$pkgroot/lib/depmod.d/$NAME.conf"
	check deb:initramfs-trigger grep -qx 'activate-noawait update-initramfs' "$ctl/triggers"
	check deb:postinst-dkms grep -q '/usr/lib/dkms/common.postinst' "$ctl/postinst"
	check deb:dkms-version-override grep -qx "${NAME}_version-override" \
		"$pkgroot/usr/share/dkms/modules_to_force_install/$NAME"
	check deb:depends-dkms sh -c "dpkg-deb -f '$deb' Depends | grep -q '^dkms'"
	check deb:report-script test -x "$pkgroot/usr/sbin/qcom-mss-report"
	check deb:no-build-products sh -c "! dpkg-deb -c '$deb' | grep -E '\\.(o|ko|mod|mod\\.c|cmd)\$'"
fi

# The board report script the package ships, on a fake board
[ -n "${SKIP_DEB_CHECKS:-}" ] || . "$TOP/scripts/distro/check-report.sh"

# The compatibles of our match table, from the one SoC table
compats=$(sed -n 's/^MSS_SOC("\([^"]*\)".*/\1/p' \
	"$TOP/drivers/remoteproc/qcom_mss_socs.h")

for s in "$@"; do
	series_env "$s" || { fail "$s:env"; continue; }
	sb=$DISTRO/dkms-$s
	rm -rf "$sb"
	res=$sb/out
	SANDBOX=$sb PKGROOT=$pkgroot $RUN "$TOP/scripts/distro/dkms-sandbox.sh" \
		"$KREL" "$NAME" "$ver" "$res" > "$LOGS/$STAGE_NAME-$s.log" 2>&1
	rc=$?
	cp "$res"/dkms-build.log "$LOGS/$STAGE_NAME-$s-build.log" 2>/dev/null

	if ! grep -qx 'CONFIG_QCOM_Q6V5_COMMON=[ym]' "$ROOT/usr/src/$HDR_PKG/.config"; then
		# The kernel cannot run the module: skipped, and said why
		if [ $rc -eq 77 ] && grep -q 'BUILD_EXCLUSIVE directive' "$res/dkms-build.log"; then
			pass "$s:skipped-without-helpers"
		else
			fail "$s:skipped-without-helpers" "dkms exit $rc" \
				"$(tail -n 10 "$LOGS/$STAGE_NAME-$s.log")"
		fi
		continue
	fi
	if [ $rc -eq 0 ]; then
		pass "$s:dkms-build-install"
	else
		fail "$s:dkms-build-install" "exit $rc" "$(tail -n 20 "$LOGS/$STAGE_NAME-$s.log")" \
			"$(tail -n 20 "$res/dkms-build.log" 2>/dev/null)"
		continue
	fi
	ko=$(ls "$res"/qcom_q6v5_mss.ko* | head -n 1)

	ref=$(find "$MODULES_DIR/kernel" -name 'mdt_loader.ko*' | head -n 1)
	want=$(modinfo -F vermagic "$ref")
	got=$(modinfo -F vermagic "$ko")
	if [ -n "$want" ] && [ "$got" = "$want" ]; then
		pass "$s:vermagic"
	else
		fail "$s:vermagic" "module: $got" "kernel: $want"
	fi

	aliases=$(modinfo -F alias "$ko")
	missing=
	for c in $compats; do
		echo "$aliases" | grep -qxF "of:N*T*C$c" || missing="$missing $c"
	done
	if [ -n "$compats" ] && [ -z "$missing" ]; then
		pass "$s:aliases-all-compatibles"
	else
		fail "$s:aliases-all-compatibles" "missing:${missing:- (no compatibles parsed)}"
	fi

	signer=$(modinfo -F signer "$ko")
	if [ "$signer" = "DKMS module signing key" ] && [ -f "$res/mok.pub" ]; then
		pass "$s:signed-with-dkms-key"
	else
		fail "$s:signed-with-dkms-key" "signer: '$signer'"
	fi

	# The last line loads the module itself; the ones before, its deps
	last=$(tail -n 1 "$res/show-depends.txt")
	deps=$(head -n -1 "$res/show-depends.txt")
	if echo "$last" | grep -q "/lib/modules/$KREL/updates/dkms/qcom_q6v5_mss\\.ko" &&
	   [ -n "$deps" ] && ! echo "$deps" | grep -q '/updates/'; then
		pass "$s:modprobe-picks-dkms"
	else
		fail "$s:modprobe-picks-dkms" "$(cat "$res/show-depends.txt")"
	fi

	# Only ours: Debian's own modules are not under test here
	bad=$(grep 'updates/dkms' "$res/depmod-e.txt")
	if [ ! -f "$res/depmod-e.txt" ] || [ -n "$bad" ]; then
		fail "$s:depmod-symbols-crcs" "$bad"
	else
		pass "$s:depmod-symbols-crcs"
	fi
done
exit 0
