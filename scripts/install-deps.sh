#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Install the Debian 12 packages this project needs, once.  The stamp
# file records the package list it was made for, so editing the list
# below re-runs apt-get and nothing else does.
set -e

PKGS="linux-source-6.12 gcc-aarch64-linux-gnu libc6-dev-arm64-cross \
qemu-system-arm device-tree-compiler dt-schema sparse libfdt-dev bc bison \
flex libssl-dev libelf-dev cpio ccache make gcc clang libclang-rt-dev \
python3 perl xz-utils rsync kmod yamllint openssl \
dkms dh-dkms debhelper fakeroot debootstrap pahole"

stamp=${1:-build/.deps-stamp}
want=$(echo "$PKGS" | tr -s ' \n' '\n' | sort | tr '\n' ' ')

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
	exit 0
fi

missing=
for p in $want; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
		missing="$missing $p"
done

if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ]; then
		SUDO=
	elif command -v sudo >/dev/null 2>&1; then
		SUDO=sudo
	else
		echo "missing packages; run as root:" >&2
		echo "  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
		exit 1
	fi
	echo "installing:$missing"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
		--no-install-recommends $missing
fi

mkdir -p "$(dirname "$stamp")"
echo "$want" > "$stamp"
