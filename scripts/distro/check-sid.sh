#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make check-distro-sid: the 7.2 headers package needs sid's toolchain.
# Its Makefile builds with aarch64-linux-gnu-gcc-16 and passes flags
# gcc-12 lacks; its amd64 linux-kbuild host tools need sid's libc; it
# wants pahole 1.32.  None of that installs on bookworm, so a minimal sid
# chroot made with debootstrap under build/distro/sid-chroot provides it
# (made once, stamped with its package list).  Inside it, in a private
# mount namespace with this tree bound at the same path, the headers
# check (check-headers.sh 7.2) and the DKMS check with sid's own dkms
# (check-dkms.sh 7.2, on the .deb check-distro-dkms built) run as they
# do on the host for 6.1/6.12.  Their results are merged into this
# stage's; check-distro-boot then boots the module built here on
# Debian's 7.2 kernel.
set -u
: "${TOP:?}" "${DISTRO:?}" "${OUT:?}" "${RESULTS:?}" "${LOGS:?}"
. "$TOP/scripts/distro/lib.sh"
result_init distro-sid
mkdir -p "$LOGS"

C=$DISTRO/sid-chroot
# The toolchain the 7.2 headers name, what the check scripts use, dkms
PKGS="gcc-16-aarch64-linux-gnu binutils-aarch64-linux-gnu make kmod \
xz-utils pahole dkms openssl cpio diffutils util-linux mount file \
libelf1t64 libssl3t64 zlib1g"
uri=$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/debian.sources |
	grep -v security | head -n 1)
uri=${uri:-http://deb.debian.org/debian}

# chroot_run CMD...: CMD in the chroot with /proc, /dev and this tree
chroot_run() {
	unshare -m --propagation private sh -c '
		set -e
		c=$1
		top=$2
		shift 2
		# A mount point as / lets unshare in the chroot make it private
		mount --bind "$c" "$c"
		mount -t proc proc "$c/proc"
		mount --bind /dev "$c/dev"
		mkdir -p "$c$top"
		mount --bind "$top" "$c$top"
		exec chroot "$c" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
			HOME=/root LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"' \
		sh "$C" "$TOP" "$@"
}

want=$(echo "$PKGS" | tr -s ' \n' '\n' | sort | tr '\n' ' ')
if [ "$(cat "$C/.ready" 2>/dev/null)" != "$want" ]; then
	echo "  CHROOT  debootstrap sid ($uri)"
	log=$LOGS/distro-sid-debootstrap.log
	rm -rf "$C"
	start=$(date +%s)
	if debootstrap --variant=minbase sid "$C" "$uri" > "$log" 2>&1 &&
	   chroot_run apt-get install -y -q --no-install-recommends $PKGS >> "$log" 2>&1 &&
	   chroot_run apt-get clean >> "$log" 2>&1; then
		echo "$want" > "$C/.ready"
		pass chroot
		echo "#   sid chroot made in $(( $(date +%s) - start )) s"
	else
		fail chroot "$(tail -n 20 "$log")"
		exit 0
	fi
else
	pass chroot
fi

# The toolchain is what the headers package asks for
check chroot:gcc-16 chroot_run sh -c \
	'aarch64-linux-gnu-gcc-16 --version | grep -q "^aarch64-linux-gnu-gcc-16 .* 16\."'
check chroot:pahole-1.32 chroot_run sh -c 'pahole --version | grep -qx "v1.32"'

# No git in the chroot: hand it the module's file list
list=$DISTRO/mod-files.txt
mod_files > "$list"
env="TOP=$TOP DISTRO=$DISTRO OUT=$OUT RESULTS=$RESULTS LOGS=$LOGS MOD_LIST=$list"
# shellcheck disable=SC2086
chroot_run env $env STAGE_NAME=distro-sid-headers \
	"$TOP/scripts/distro/check-headers.sh" 7.2 > "$LOGS/distro-sid-headers.log" 2>&1 ||
	fail headers-ran "$(tail -n 20 "$LOGS/distro-sid-headers.log")"
# shellcheck disable=SC2086
chroot_run env $env STAGE_NAME=distro-sid-dkms SKIP_DEB_CHECKS=1 \
	"$TOP/scripts/distro/check-dkms.sh" 7.2 > "$LOGS/distro-sid-dkms.log" 2>&1 ||
	fail dkms-ran "$(tail -n 20 "$LOGS/distro-sid-dkms.log")"
for part in headers dkms; do
	f=$RESULTS/distro-sid-$part.txt
	if [ -s "$f" ]; then
		tee -a "$RESULTS/distro-sid.txt" < "$f"
		grep -q '^not ok' "$f" && sed -n '/^not ok/,/^ok/p' "$LOGS/distro-sid-$part.log" |
			grep '^#' | head -n 40
		rm -f "$f"
	else
		fail "$part-results" "no results from the chroot: $LOGS/distro-sid-$part.log"
	fi
done
exit 0
