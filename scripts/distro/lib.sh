# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh disable=SC2034
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

# mod_files: the module's sources, relative to TOP (tracked and new
# files, no build products, no simulator: that is for the test kernel).
# Where there is no git (the sid chroot) the list comes from $MOD_LIST.
mod_files() {
	if [ -n "${MOD_LIST:-}" ]; then
		cat "$MOD_LIST"
		return
	fi
	(cd "$TOP" && git ls-files -co --exclude-standard drivers/remoteproc |
		grep -v '^drivers/remoteproc/sim/' |
		while read -r f; do [ -f "$f" ] && echo "$f"; done)
}

# mod_copy DEST: a fresh copy of the module's sources in DEST
mod_copy() {
	rm -rf "$1"
	mkdir -p "$1"
	mod_files | sed 's|^drivers/remoteproc/||' |
		(cd "$TOP/drivers/remoteproc" && cpio -pdm --quiet "$1")
}

# in_headers_ns CMD...: run CMD in a private mount namespace that looks
# like a board with Debian's kernel packages of the series installed:
#   /usr/src   the headers packages' (+ $PKGROOT/usr/src when set: an
#              unpacked .deb of ours), read-only
#   /usr/lib   the machine's, plus the amd64 linux-kbuild package and the
#              image's modules (/lib/modules/KREL) (+ $PKGROOT/lib),
#              writable into $SANDBOX/upper (default: read-only)
#   /usr/share the machine's (+ $PKGROOT/usr/share), read-only
#   /var/lib/dkms  $SANDBOX/dkms (default: an empty throwaway)
# Every write lands under build/; the machine's /usr/src, /usr/lib and
# /var/lib/dkms never change.
in_headers_ns() {
	sb=${SANDBOX:-$DISTRO/ns}
	mkdir -p "$sb/dkms"
	lower_src=$ROOT/usr/src
	lower_lib=/usr/lib:$ROOT/usr/lib
	[ ! -d "$ROOT/lib" ] || lower_lib=$lower_lib:$ROOT/lib
	if [ -n "${PKGROOT:-}" ]; then
		lower_src=$lower_src:$PKGROOT/usr/src
		[ ! -d "$PKGROOT/lib" ] || lower_lib=$lower_lib:$PKGROOT/lib
	fi
	share=
	[ -z "${PKGROOT:-}" ] || [ ! -d "$PKGROOT/usr/share" ] || share=$PKGROOT/usr/share
	libopt=lowerdir=$lower_lib
	if [ -n "${SANDBOX:-}" ]; then
		mkdir -p "$sb/upper" "$sb/work"
		libopt=$libopt,upperdir=$sb/upper,workdir=$sb/work
	fi
	unshare -m --propagation private sh -c '
		set -e
		case $1 in
		*:*) mount -t overlay overlay -o "lowerdir=$1" /usr/src ;;
		*) mount --bind "$1" /usr/src ;;
		esac
		mount -t overlay overlay -o "$2" /usr/lib
		mount --bind "$3" /var/lib/dkms
		[ -z "$4" ] || mount -t overlay overlay -o "lowerdir=/usr/share:$4" /usr/share
		shift 4
		exec "$@"' sh "$lower_src" "$libopt" "$sb/dkms" "$share" "$@"
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
