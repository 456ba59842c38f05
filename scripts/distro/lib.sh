# SPDX-License-Identifier: GPL-2.0-only
#
# Shared helpers for the Debian kernel checks (scripts/distro/*.sh).
# The caller sets TOP (the project) and DISTRO (build/distro, where
# fetch.sh put the packages); sourcing this also sources testlib.sh.

. "$TOP/scripts/testlib.sh"

DISTRO_SERIES=${DISTRO_SERIES:-6.1 6.12 7.2}

# The private headers we ship, one directory per series
KCOMPAT=$TOP/drivers/remoteproc/kcompat

# series_env S: load DISTRO/S.env (SERIES SRC_VER KREL ABI HDR_PKG ROOT
# SRC CONFIG KBUILD_DIR MODULES_DIR VMLINUZ, see fetch.sh)
series_env() {
	[ -f "$DISTRO/$1.env" ] || { echo "no $DISTRO/$1.env: run make distro-fetch" >&2; return 1; }
	# shellcheck disable=SC1090
	. "$DISTRO/$1.env"
	HDR_DIR=/usr/src/$HDR_PKG
	SYMVERS=$ROOT/usr/src/$HDR_PKG/Module.symvers
}

# mod_copy DEST: a fresh copy of the module's sources (tracked and new
# files, no build products, no simulator: that is for the test kernel)
mod_copy() {
	rm -rf "$1"
	mkdir -p "$1"
	(cd "$TOP" && git ls-files -co --exclude-standard drivers/remoteproc |
		grep -v '^drivers/remoteproc/sim/' |
		while read -r f; do [ -f "$f" ] && echo "$f"; done |
		sed 's|^drivers/remoteproc/||' |
		(cd drivers/remoteproc && cpio -pdm --quiet "$1"))
}

# in_headers_ns CMD...: run CMD in a private mount namespace in which
# /usr/src is the headers packages' /usr/src and /usr/lib also shows the
# amd64 linux-kbuild package (read-only overlay), the way they would be
# installed; /var/lib/dkms is a throwaway directory so DKMS never writes
# the machine's.  Nothing outside build/ changes.
in_headers_ns() {
	mkdir -p "$DISTRO/ns-dkms"
	unshare -m --propagation private sh -c '
		set -e
		mount --bind "$1/usr/src" /usr/src
		mount -t overlay overlay -o "lowerdir=/usr/lib:$1/usr/lib" /usr/lib
		[ -d /var/lib/dkms ] && mount --bind "$2" /var/lib/dkms
		shift 2
		exec "$@"' sh "$ROOT" "$DISTRO/ns-dkms" "$@"
}

# warnings LOG: compiler and modpost diagnostics in a build log
warnings() {
	grep -E 'warning:|error:|WARNING:|ERROR:' "$1" || true
}

# symvers_crc_check KO SYMVERS: every symbol the module imports is in
# SYMVERS and, where the module records versions, with the same CRC.
# Prints the mismatches; fails if there is one.
symvers_crc_check() {
	ko=$1
	sv=$2
	bad=0
	imports=$(aarch64-linux-gnu-nm -u "$ko" | awk '{ print $2 }' | sort -u)
	for sym in $imports; do
		grep -qP "^0x[0-9a-f]+\t$sym\t" "$sv" || { echo "unresolved: $sym"; bad=1; }
	done
	vers=$(modprobe --dump-modversions "$ko" 2>/dev/null || true)
	if grep -qx 'CONFIG_MODVERSIONS=y' "$(dirname "$sv")/.config"; then
		[ -n "$vers" ] || { echo "no __versions in $ko"; return 1; }
		echo "$vers" | while read -r crc sym; do
			want=$(awk -v s="$sym" '$2 == s { print $1 }' "$sv")
			[ "$((crc))" = "$((want))" ] ||
				{ echo "CRC of $sym: module $crc, kernel ${want:-none}"; exit 1; }
		done || bad=1
	fi
	return $bad
}
