#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# mkdeb.sh OUTDIR: build qcom-q6v5-mss-dkms_<version>_all.deb into OUTDIR
# with Debian's tooling (dpkg-buildpackage, debhelper, dh-dkms), from a
# clean copy of the files the package needs (tracked and new files, no
# build products), so a dirty worktree cannot leak objects into it.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$(realpath -m "$1")
ver=$(dpkg-parsechangelog -l "$top/debian/changelog" -S Version)
stage=$out/stage/qcom-q6v5-mss-${ver%-*}

rm -rf "$out/stage"
mkdir -p "$stage"
(cd "$top" && git ls-files -co --exclude-standard dkms.conf debian \
	drivers/remoteproc README.md doc scripts/distro/mss-report.sh |
	grep -v '^drivers/remoteproc/sim/' |
	while read -r f; do [ -f "$f" ] && echo "$f"; done |
	cpio -pdm --quiet "$stage")
rm -f "$out"/qcom-q6v5-mss-dkms_*.deb "$out"/qcom-q6v5-mss_*.buildinfo \
	"$out"/qcom-q6v5-mss_*.changes
(cd "$stage" && dpkg-buildpackage -b -us -uc > "$out/dpkg-buildpackage.log" 2>&1) ||
	{ tail -n 30 "$out/dpkg-buildpackage.log"; exit 1; }
mv "$out"/stage/qcom-q6v5-mss-dkms_*.deb "$out/"
rm -rf "$out/stage"
ls "$out"/qcom-q6v5-mss-dkms_*.deb
