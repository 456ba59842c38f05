#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# dkms-sandbox.sh KREL NAME VERSION OUT: what installing our .deb does on
# a board running kernel KREL, run inside the namespace of
# lib.sh:in_headers_ns (or the sid chroot), where /lib/modules,
# /usr/src and /var/lib/dkms are throwaway copies:
#   depmod -a        as the linux-image package's postinst leaves it
#   dkms add/build/install, with DKMS's default trees and signing key
#   modprobe --show-depends, which is how initramfs-tools picks modules
# Exit status: dkms build's (77 = skipped by BUILD_EXCLUSIVE), or 1 if
# a later step failed.  Logs and listings go to OUT.
set -u
krel=$1
name=$2
ver=$3
out=$4
mkdir -p "$out"

# Cross build from amd64: dkms strips with the host's strip; a board
# has a native one.  Give the cross binutils that name.
if [ "$(uname -m)" != aarch64 ]; then
	mkdir -p "$out/bin"
	ln -sf "$(command -v aarch64-linux-gnu-strip)" "$out/bin/strip"
	PATH=$out/bin:$PATH
	# 6.1's headers leave CROSS_COMPILE to the environment (6.12 and
	# 7.2 set it in .kernelvariables)
	export ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-
	# dkms labels the build with the machine's arch unless told
	set -- "$@" -a aarch64
fi

depmod -a "$krel" || exit 1
dkms add -m "$name" -v "$ver" > "$out/dkms-add.log" 2>&1 ||
	{ cat "$out/dkms-add.log"; exit 1; }
shift 4
dkms build -m "$name" -v "$ver" -k "$krel" "$@" > "$out/dkms-build.log" 2>&1
rc=$?
[ $rc -eq 0 ] || exit $rc
dkms install -m "$name" -v "$ver" -k "$krel" "$@" > "$out/dkms-install.log" 2>&1 ||
	{ cat "$out/dkms-install.log"; exit 1; }
dkms status -m "$name" > "$out/dkms-status.txt" 2>&1 || exit 1
modprobe -S "$krel" --show-depends qcom_q6v5_mss > "$out/show-depends.txt" 2>&1 ||
	exit 1
# Every module's imports against the kernel's exports and their CRCs
depmod -e -E "/usr/src/linux-headers-$krel/Module.symvers" "$krel" \
	> "$out/depmod-e.txt" 2>&1 || exit 1
cp -L "/lib/modules/$krel/updates/dkms/"qcom_q6v5_mss.ko* "$out/" || exit 1
[ ! -f /var/lib/dkms/mok.pub ] || cp /var/lib/dkms/mok.pub "$out/"
exit 0
