#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# fetch-firmware.sh BUILD: Debian's firmware-qcom-soc (non-free-firmware,
# sid) unpacked into BUILD/firmware, for the tests on real Qualcomm images.
#
# The machine's apt configuration is never touched: a private deb822
# sources file and private lists/cache directories under BUILD/apt, with
# the archive URI taken from the machine's own sources.  apt verifies the
# package against the archive's signed index.  Compressed images (.xz,
# .zst in some linux-firmware packagings) are decompressed next to them.
# Any failure, a missing image or a version older than MIN_VERSION exits
# non-zero: the tests count a missing package as a failure, never a skip.

set -eu

BUILD=${1:?usage: fetch-firmware.sh BUILD}
mkdir -p "$BUILD"
# apt resolves relative paths under /etc/apt
BUILD=$(cd "$BUILD" && pwd)
PKG=firmware-qcom-soc
MIN_VERSION=20260916-1
SUITE=sid
# The images the tests read, relative to BUILD/firmware/usr/lib/firmware
IMAGES="qcom/sdm845/mba.mbn qcom/sdm845/modem_nm.mbn
	qcom/apq8096/mba.mbn qcom/apq8096/modem.mbn
	qcom/apq8016/mba.mbn qcom/apq8016/modem.mbn
	qcom/sdm845/SHIFT/axolotl/a630_zap.mbn qcom/qcm2290/modem.mbn"

APT=$BUILD/apt
FW=$BUILD/firmware
mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$APT/sources.d"

# The archive this machine already uses (first deb822 URI, else sources.list)
uri=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' \
	/etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -n 1)
[ -n "$uri" ] || uri=$(sed -n 's/^deb[[:space:]]\{1,\}\(http[^[:space:]]*\).*/\1/p' \
	/etc/apt/sources.list 2>/dev/null | grep -v security | head -n 1)
[ -n "$uri" ] || { echo "fetch-firmware: no Debian archive URI in /etc/apt" >&2; exit 1; }

cat > "$APT/firmware.sources" <<EOF
Types: deb
URIs: $uri
Suites: $SUITE
Components: non-free-firmware
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF

apt_private() {
	apt-get -q -o Dir::Etc::sourcelist="$APT/firmware.sources" \
		-o Dir::Etc::sourceparts="$APT/sources.d" \
		-o Dir::State::Lists="$APT/lists" -o Dir::Cache="$APT/cache" \
		-o APT::Architectures::=amd64 -o APT::Architectures::=arm64 \
		-o APT::Sandbox::User="$(id -un)" "$@"
}

apt_private update > "$APT/update.log" 2>&1 ||
	{ cat "$APT/update.log" >&2; echo "fetch-firmware: apt-get update failed" >&2; exit 1; }
ver=$(apt_private -qq --print-uris download "$PKG" 2>/dev/null |
	sed -n "s/.*${PKG}_\([^_]*\)_all\.deb.*/\1/p" | sed 's/%3a/:/g' | head -n 1)
[ -n "$ver" ] || { echo "fetch-firmware: $PKG not in $SUITE/non-free-firmware" >&2; exit 1; }
dpkg --compare-versions "$ver" ge "$MIN_VERSION" ||
	{ echo "fetch-firmware: $PKG $ver is older than $MIN_VERSION" >&2; exit 1; }

deb=$APT/${PKG}_${ver}_all.deb
if [ ! -f "$deb" ]; then
	(cd "$APT" && apt_private download "$PKG" > "$APT/download.log" 2>&1) ||
		{ cat "$APT/download.log" >&2; echo "fetch-firmware: download failed" >&2; exit 1; }
fi

rm -rf "$FW.tmp"
mkdir -p "$FW.tmp"
dpkg-deb -x "$deb" "$FW.tmp"
root=$FW.tmp/usr/lib/firmware
for f in $IMAGES; do
	if [ ! -e "$root/$f" ] && [ -e "$root/$f.xz" ]; then
		xz -dk "$root/$f.xz"
	elif [ ! -e "$root/$f" ] && [ -e "$root/$f.zst" ]; then
		zstd -q -d "$root/$f.zst" -o "$root/$f"
	fi
	[ -f "$root/$f" ] || { echo "fetch-firmware: $PKG $ver has no $f" >&2; exit 1; }
done
echo "$PKG $ver" > "$FW.tmp/VERSION"
rm -rf "$FW"
mv "$FW.tmp" "$FW"
echo "  FIRMWARE $PKG $ver in $FW"
