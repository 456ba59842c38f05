#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# fetch.sh DIR [SERIES...]: download Debian's kernel packages for each
# series (default: 6.1 6.12 7.2) into DIR and unpack them there.
#
# The machine's apt configuration stays untouched: a private deb822
# sources file (the archive URI copied from the machine's own), a private
# lists/cache directory, an empty dpkg status file and both amd64 and arm64 as
# APT::Architectures.  Per series it resolves, from the archive:
#   linux-source-S                      -> DIR/src-S (tarball extracted)
#   linux-headers-ABI-arm64 (+ -common) -> DIR/root-S (dpkg-deb -x)
#   linux-kbuild-* for amd64            -> DIR/root-S (host tools)
#   linux-image-ABI-arm64[-unsigned]    -> DIR/root-S (+ 7.2's split
#                                          linux-binary/modules/base)
# ABI is the newest arm64 headers package of the series whose version
# equals linux-source-S's (so the source tree, the headers and the image
# are one kernel); DISTRO_ABI_<S with _ for .> overrides it.
# DIR/S.env records what was chosen (sourced by the other scripts).
# Each series is stamped; a rerun with nothing new downloads nothing.
set -eu

dir=$(realpath -m "$1")
shift
[ $# -gt 0 ] || set -- 6.1 6.12 7.2

apt=$dir/apt
mkdir -p "$apt/empty" "$apt/lists/partial" "$apt/cache/archives/partial" "$dir/debs"
# An empty dpkg status: nothing counts as installed (a real file, so
# that apt keeps its package cache between calls)
: > "$apt/status"

uri=$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/debian.sources |
	grep -v security | head -n 1)
[ -n "$uri" ] || uri=http://deb.debian.org/debian
cat > "$apt/distro.sources" <<EOF
Types: deb
URIs: $uri
Suites: bookworm bookworm-updates bookworm-backports sid
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${uri%/debian}/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF

APTOPT="-q -o Dir::Etc::sourcelist=$apt/distro.sources
	-o Dir::Etc::sourceparts=$apt/empty -o Dir::Etc::preferencesparts=$apt/empty
	-o Dir::Etc::preferences=$apt/empty/none -o APT::Sandbox::User=root
	-o Dir::State::Lists=$apt/lists -o Dir::Cache=$apt/cache
	-o Dir::State::status=$apt/status -o Debug::NoLocking=1
	-o Dir::Cache::pkgcache=$apt/cache/pkgcache.bin
	-o Dir::Cache::srcpkgcache=$apt/cache/srcpkgcache.bin
	-o APT::Architectures::=amd64 -o APT::Architectures::=arm64"
# shellcheck disable=SC2086
acache() { apt-cache $APTOPT "$@"; }
# shellcheck disable=SC2086
aget() { apt-get $APTOPT "$@"; }

# The indexes are refreshed once a day at most; between refreshes what
# they resolve to cannot change, so a run with everything resolved since
# the last refresh (and by this script) has nothing to do
resolved=$dir/.resolved-$(echo "$@" | tr ' ' '-')
if [ -z "$(find "$apt/lists" -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -n 1)" ]; then
	echo "  APT     update ($uri)"
	aget update > "$apt/update.log" 2>&1 || { cat "$apt/update.log"; exit 1; }
	rm -f "$dir"/.resolved-*
elif [ -n "$(find "$resolved" -newer "$0" 2>/dev/null)" ] &&
     for s in "$@"; do [ -f "$dir/$s.env" ] && [ -f "$dir/src-$s/.debian-version" ] &&
	[ -d "$dir/root-$s" ] || exit 1; done; then
	echo "  FETCH   $*: up to date (archive indexes of $(date -r "$apt/update.log" '+%F %R' 2>/dev/null))"
	exit 0
fi

# field PKG FIELD: FIELD of the candidate version of PKG
field() {
	acache show --no-all-versions "$1" 2>/dev/null |
		sed -n "s/^$2: //p" | head -n 1
}

# deps PKG: names in PKG's Depends (alternatives and versions dropped)
deps() {
	field "$1" Depends | tr ',' '\n' | sed 's/|.*//; s/(.*//; s/[[:space:]]//g' |
		grep -v '^$' || true
}

# get PKG[:ARCH]: download the candidate into debs/, echo the file
get() {
	ver=$(field "$1" Version)
	[ -n "$ver" ] || { echo "fetch: $1 not in the archive" >&2; exit 1; }
	name=${1%%:*}
	arch=$(field "$1" Architecture)
	f=$dir/debs/${name}_$(echo "$ver" | sed 's/^[0-9]*://')_$arch.deb
	if [ ! -s "$f" ]; then
		echo "  APT     download $1 $ver" >&2
		(cd "$dir/debs" && aget download "$1=$ver" > /dev/null) ||
			{ echo "fetch: download of $1 failed" >&2; exit 1; }
	fi
	[ -s "$f" ] || { echo "fetch: $f missing after download" >&2; exit 1; }
	echo "$f"
}

fetch_series() {
	s=$1
	sre=$(echo "$s" | sed 's/\./\\./g')
	src_ver=$(field "linux-source-$s" Version)
	[ -n "$src_ver" ] || { echo "fetch: no linux-source-$s" >&2; exit 1; }

	var=DISTRO_ABI_$(echo "$s" | tr . _)
	eval "abi=\${$var:-}"
	if [ -z "$abi" ]; then
		best=
		best_ver=
		for p in $(acache search --names-only \
			"^linux-headers-$sre\.[0-9.]+(-[0-9]+|\+deb[0-9]+)-arm64\$" | cut -d' ' -f1); do
			v=$(field "$p:arm64" Version)
			if [ "$v" = "$src_ver" ]; then
				best=$p
				best_ver=$v
				break
			fi
			if [ -z "$best" ] || dpkg --compare-versions "$v" gt "$best_ver"; then
				best=$p
				best_ver=$v
			fi
		done
		[ -n "$best" ] || { echo "fetch: no arm64 headers for $s" >&2; exit 1; }
		[ "$best_ver" = "$src_ver" ] ||
			echo "fetch: warning: $best is $best_ver, linux-source-$s is $src_ver" >&2
		abi=${best#linux-headers-}
		abi=${abi%-arm64}
	fi
	krel=$abi-arm64
	hdr=linux-headers-$krel
	env=$dir/$s.env
	if [ -f "$env" ] && grep -qx "KREL=$krel" "$env" &&
	   grep -qx "SRC_VER=$src_ver" "$env"; then
		echo "  FETCH   $s: $krel (up to date)"
		return 0
	fi
	echo "  FETCH   $s: linux-source-$s $src_ver, $hdr"

	common=$(deps "$hdr:arm64" | grep '^linux-headers-.*-common$')
	kbuild=$(deps "$hdr:arm64" | grep '^linux-kbuild-')
	base=$(deps "$hdr:arm64" | grep '^linux-base-.*-arm64$' || true)
	if [ -n "$(field "linux-image-$krel-unsigned:arm64" Version)" ]; then
		image="linux-image-$krel-unsigned:arm64"
	else
		image="linux-image-$krel:arm64"
	fi
	# 7.2 splits the image into binary, modules and base packages
	extra=
	for p in $(deps "$image"); do
		case $p in
		linux-binary-"$krel" | linux-modules-"$krel" | linux-base-"$krel")
			[ "$p" = "$base" ] || extra="$extra $p"
			;;
		esac
	done

	debs=
	for p in "$hdr:arm64" "$common" "$kbuild:amd64" "$image" $base $extra; do
		case $p in
		*:*) ;;
		*) [ "$(field "$p" Architecture)" = all ] || p=$p:arm64 ;;
		esac
		debs="$debs $(get "$p")"
	done
	srcdeb=$(get "linux-source-$s")

	root=$dir/root-$s
	rm -rf "$root"
	mkdir -p "$root"
	for d in $debs; do
		dpkg-deb -x "$d" "$root"
	done
	# The source tree is the biggest step: only when its version changed
	if [ "$(cat "$dir/src-$s/.debian-version" 2>/dev/null)" != "$src_ver" ]; then
		echo "  UNPACK  linux-source-$s"
		rm -rf "$dir/src-$s"
		mkdir -p "$dir/src-$s"
		dpkg-deb --fsys-tarfile "$srcdeb" |
			tar -xO --wildcards "./usr/src/linux-source-$s.tar.*" |
			tar -xJ --strip-components=1 -C "$dir/src-$s"
		echo "$src_ver" > "$dir/src-$s/.debian-version"
	fi

	# /boot/config-KREL up to 6.12; 7.2 keeps it in /usr/lib/modules/KREL
	config=$(find "$root" -path "*/boot/config-$krel" -o \
		-path "*/lib/modules/$krel/config" | head -n 1)
	vmlinuz=$(find "$root" -path "*/boot/vmlinuz-$krel" -o \
		-path "*/lib/modules/$krel/vmlinuz" | head -n 1)
	kbuild_dir=$(find "$root/usr/lib" -maxdepth 1 -name 'linux-kbuild-*' | head -n 1)
	modules_dir=$(find "$root" -path "*/lib/modules/$krel" -type d | head -n 1)
	[ -n "$config" ] && [ -n "$vmlinuz" ] && [ -n "$modules_dir" ] &&
		[ -n "$kbuild_dir" ] ||
		{ echo "fetch: $image or $kbuild incomplete" >&2; exit 1; }
	cat > "$env.tmp" <<EOF
SERIES=$s
SRC_VER=$src_ver
KREL=$krel
ABI=$abi
HDR_PKG=$hdr
HDR_VER=$(field "$hdr:arm64" Version)
KBUILD_PKG=$kbuild
IMAGE_PKG=${image%:arm64}
ROOT=$root
SRC=$dir/src-$s
CONFIG=$config
KBUILD_DIR=$kbuild_dir
MODULES_DIR=$modules_dir
VMLINUZ=$vmlinuz
EOF
	mv "$env.tmp" "$env"
}

for s in "$@"; do
	fetch_series "$s"
done
touch "$resolved"
