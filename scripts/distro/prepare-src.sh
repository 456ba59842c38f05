#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# prepare-src.sh DIR SERIES: configure Debian's linux-source-SERIES tree
# (unpacked by fetch.sh in DIR/src-SERIES) for arm64 with the config of
# Debian's own arm64 kernel of that series, the Qualcomm remoteproc
# helpers as modules, and modules_prepare it in DIR/obj-SERIES (O=).
#
# The config is the image package's /boot/config-KREL (7.2:
# /usr/lib/modules/KREL/config); olddefconfig then drops what this
# machine's toolchain cannot provide (Rust, BTF, gcc-16-only options).
# Debian 6.1 builds none of the Qualcomm remoteproc helpers, so they are
# switched on here.  Stamped by the config and the tree's version.
set -eu

dir=$(realpath "$1")
s=$2
# shellcheck disable=SC1090
. "$dir/$s.env"
obj=$dir/obj-$s
stamp=$obj/.prepared
want="$(cat "$SRC/.debian-version") $(md5sum < "$CONFIG" | cut -d' ' -f1) $(md5sum < "$0" | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
	echo "  PREPARE $s: up to date"
	exit 0
fi

kmake() {
	make -C "$SRC" O="$obj" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
		KBUILD_BUILD_TIMESTAMP="Thu Jan  1 00:00:00 UTC 2026" "$@"
}

rm -rf "$obj"
mkdir -p "$obj"
cp "$CONFIG" "$obj/.config"
# The helpers our module links against; QCOM_Q6V5_MSS=m selects them
"$SRC/scripts/config" --file "$obj/.config" \
	-e HWSPINLOCK -m HWSPINLOCK_QCOM -m QCOM_SMEM -m QCOM_QMI_HELPERS -m QCOM_SYSMON -m QCOM_Q6V5_MSS \
	-m QCOM_Q6V5_PAS -m QCOM_MDT_LOADER -m QCOM_PIL_INFO \
	-m QCOM_Q6V5_COMMON -m QCOM_RPROC_COMMON -e QCOM_SCM
echo "  CONFIG  $s: $(basename "$CONFIG") + qcom remoteproc helpers =m"
kmake olddefconfig > "$obj/olddefconfig.log" 2>&1 ||
	{ cat "$obj/olddefconfig.log"; exit 1; }
for c in QCOM_Q6V5_MSS QCOM_Q6V5_COMMON QCOM_RPROC_COMMON QCOM_PIL_INFO \
	 QCOM_SYSMON QCOM_MDT_LOADER; do
	grep -qx "CONFIG_$c=m" "$obj/.config" ||
		{ echo "prepare-src: $s: CONFIG_$c is not =m after olddefconfig" >&2; exit 1; }
done
grep -qx 'CONFIG_QCOM_SCM=y' "$obj/.config" ||
	{ echo "prepare-src: $s: CONFIG_QCOM_SCM is not built in" >&2; exit 1; }
echo "  PREPARE $s: modules_prepare in $obj"
kmake -j"$(nproc)" modules_prepare > "$obj/modules_prepare.log" 2>&1 ||
	{ tail -n 40 "$obj/modules_prepare.log"; exit 1; }
echo "$want" > "$stamp"
