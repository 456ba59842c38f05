#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# qcom-mss-report [-o FILE] [--firmware PATH] [--dtcheck PATH]
#
# Run as root on a Qualcomm board with qcom-q6v5-mss-dkms installed.  It
# collects into one text file what a bug report about the MSS driver
# needs (doc/real-board.md says how to read it):
#   system       kernel, board model, command line
#   module       which qcom_q6v5_mss is loaded (DKMS's or the kernel's),
#                its signer and taint, dkms status, Secure Boot state
#   dmesg        the MSS driver's and remoteproc's kernel messages
#   mdata        each MSS remoteproc's debugfs mdata report (the metadata
#                source the driver chose and why), state, recovery
#   reserved     /reserved-memory as the kernel booted it, /proc/iomem
#   firmware     the modem image's metadata size and load footprint and
#                the DT validator's verdict for this board (mss-dtcheck,
#                run on the live device tree with that firmware)
# Nothing is changed on the board except mounting debugfs if it is not.
#
#   -o FILE          output (default ./qcom-mss-report-HOST-DATE.txt)
#   --firmware PATH  the modem image (default: the MSS node's
#                    firmware-name entry 1 under /lib/firmware)
#   --dtcheck PATH   the validator (default: mss-dtcheck in PATH, or
#                    build/out/bin/mss-dtcheck of this script's checkout)
#
# MSS_REPORT_ROOT (default empty) prefixes /sys, /proc and /lib paths; the
# project's tests point it at a fake board.
set -u

R=${MSS_REPORT_ROOT:-}
out=
fw=
dtcheck=
while [ $# -gt 0 ]; do
	case $1 in
	-o) out=$2; shift 2 ;;
	--firmware) fw=$2; shift 2 ;;
	--dtcheck) dtcheck=$2; shift 2 ;;
	-h | --help) sed -n '4,30s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) echo "qcom-mss-report: unknown argument $1 (see --help)" >&2; exit 2 ;;
	esac
done
[ -n "$out" ] || out=./qcom-mss-report-$(uname -n)-$(date +%Y%m%d-%H%M%S).txt

section() { printf '\n=== %s\n' "$*"; }
# show FILE...: each readable file with its name
show() {
	for f in "$@"; do
		[ -r "$f" ] || { echo "$f: not readable"; continue; }
		echo "--- $f"
		cat "$f"
	done
}
# dt_str FILE: a DT string-list property, one string per line
dt_str() { tr '\0' '\n' < "$1" | sed '/^$/d'; }
# dt_hex FILE: a DT property as 32-bit big-endian cells
dt_hex() {
	od -An -v -tx1 "$1" | tr -s ' \n' ' ' |
		awk '{ for (i = 1; i + 3 <= NF; i += 4) printf "0x%s%s%s%s ", $i, $(i+1), $(i+2), $(i+3); print "" }'
}

# The MSS remoteprocs: class devices whose driver is ours or upstream's
mss_rprocs() {
	for d in "$R"/sys/class/remoteproc/remoteproc*; do
		[ -e "$d" ] || continue
		drv=$(basename "$(readlink -f "$d/device/driver" 2>/dev/null)" 2>/dev/null)
		[ "$drv" = qcom-q6v5-mss ] && echo "$d"
	done
}

report() {
	echo "qcom-mss-report $(date -u '+%F %T UTC')"

	section system
	uname -a
	show "$R/etc/os-release" "$R/proc/cmdline"
	[ -r "$R/sys/firmware/devicetree/base/model" ] &&
		echo "model: $(tr -d '\0' < "$R/sys/firmware/devicetree/base/model")"
	[ -r "$R/sys/firmware/devicetree/base/compatible" ] &&
		echo "compatible: $(dt_str "$R/sys/firmware/devicetree/base/compatible" | tr '\n' ' ')"

	section module
	krel=$(uname -r)
	if command -v modinfo > /dev/null; then
		modinfo -k "$krel" qcom_q6v5_mss 2>&1 | grep -E '^(filename|version|srcversion|vermagic|signer|sig_key|depends):'
	fi
	case $(modinfo -k "$krel" -F filename qcom_q6v5_mss 2>/dev/null) in
	*/updates/dkms/*) echo "modprobe picks: the DKMS build (updates/dkms)" ;;
	*/kernel/*) echo "modprobe picks: the KERNEL's own qcom_q6v5_mss, not DKMS's" ;;
	*) echo "modprobe picks: no qcom_q6v5_mss module found" ;;
	esac
	if [ -d "$R/sys/module/qcom_q6v5_mss" ]; then
		echo "loaded: yes, taint '$(cat "$R/sys/module/qcom_q6v5_mss/taint" 2>/dev/null)'"
		if [ -e "$R/sys/module/qcom_q6v5_mss/parameters/legacy_mdata" ]; then
			echo "loaded module is the reworked driver (legacy_mdata=$(cat "$R/sys/module/qcom_q6v5_mss/parameters/legacy_mdata"))"
		else
			echo "loaded module is NOT the reworked driver (no legacy_mdata parameter)"
		fi
	else
		echo "loaded: no"
	fi
	echo "kernel taint: $(cat "$R/proc/sys/kernel/tainted" 2>/dev/null)"
	command -v dkms > /dev/null && dkms status qcom-q6v5-mss 2>&1
	command -v mokutil > /dev/null && mokutil --sb-state 2>&1

	section dmesg
	# The driver's own lines name it or its device; remoteproc core
	# lines name the remoteproc; qcom_q6v5 reports fatal errors/wdog
	devs=
	for d in $(mss_rprocs); do
		devs="$devs|$(basename "$(readlink -f "$d/device")")"
	done
	dmesg 2>&1 | grep -E "qcom-q6v5-mss|qcom_q6v5_mss|remoteproc|q6v5|mss|modem${devs}" | tail -n 400

	section mdata
	dbg=$R/sys/kernel/debug
	if [ -z "$R" ] && ! grep -q ' /sys/kernel/debug debugfs' /proc/mounts 2>/dev/null; then
		mount -t debugfs none /sys/kernel/debug 2>/dev/null ||
			echo "debugfs not mounted and cannot be mounted"
	fi
	n=0
	for d in $(mss_rprocs); do
		n=$((n + 1))
		rp=$(basename "$d")
		echo "--- $rp: $(readlink -f "$d/device")"
		for a in name state firmware recovery coredump; do
			[ -r "$d/$a" ] && echo "$a: $(cat "$d/$a")"
		done
		show "$dbg/remoteproc/$rp/mdata" "$dbg/remoteproc/$rp/recovery"
	done
	[ $n -gt 0 ] || echo "no remoteproc is bound to qcom-q6v5-mss"

	section reserved
	rm_dir=$R/sys/firmware/devicetree/base/reserved-memory
	if [ -d "$rm_dir" ]; then
		for c in "$rm_dir"/*/; do
			[ -d "$c" ] || continue
			line="$(basename "$c"):"
			[ -r "$c/reg" ] && line="$line reg=<$(dt_hex "$c/reg" | sed 's/ $//')>"
			[ -r "$c/size" ] && line="$line size=<$(dt_hex "$c/size" | sed 's/ $//')>"
			[ -r "$c/alloc-ranges" ] && line="$line alloc-ranges=<$(dt_hex "$c/alloc-ranges" | sed 's/ $//')>"
			[ -e "$c/no-map" ] && line="$line no-map"
			[ -e "$c/reusable" ] && line="$line reusable"
			[ -r "$c/compatible" ] && line="$line compatible=$(dt_str "$c/compatible" | tr '\n' ',')"
			echo "$line"
		done
	else
		echo "no /reserved-memory in the live device tree"
	fi
	for d in $(mss_rprocs); do
		np=$(readlink -f "$d/device/of_node")
		echo "--- $(basename "$d") node ${np#"$R"/sys/firmware/devicetree/base}"
		[ -r "$np/compatible" ] && echo "compatible: $(dt_str "$np/compatible" | tr '\n' ' ')"
		[ -r "$np/memory-region" ] && echo "memory-region phandles: $(dt_hex "$np/memory-region")"
		[ -r "$np/firmware-name" ] && echo "firmware-name: $(dt_str "$np/firmware-name" | tr '\n' ' ')"
		for child in mba mpss metadata; do
			[ -d "$np/$child" ] && echo "child $child: memory-region $(dt_hex "$np/$child/memory-region" 2>/dev/null)"
		done
	done
	echo "--- /proc/iomem (reserved and MSS ranges; needs root for addresses)"
	grep -iE 'reserved|mpss|mba|modem|mdata|metadata' "$R/proc/iomem" 2>&1 | head -n 100

	section firmware
	if [ -z "$fw" ]; then
		for d in $(mss_rprocs); do
			np=$(readlink -f "$d/device/of_node")
			name=$(dt_str "$np/firmware-name" 2>/dev/null | sed -n 2p)
			[ -n "$name" ] && fw=$R/lib/firmware/$name && break
		done
	fi
	if [ -z "$fw" ]; then
		echo "modem image: unknown (no firmware-name entry 1; pass --firmware PATH)"
	elif [ ! -r "$fw" ]; then
		echo "modem image: $fw not readable"
	else
		echo "modem image: $fw ($(wc -c < "$fw") bytes)"
	fi
	if [ -z "$dtcheck" ]; then
		dtcheck=$(command -v mss-dtcheck 2>/dev/null)
		here=$(dirname "$0")/../..
		[ -n "$dtcheck" ] || [ ! -x "$here/build/out/bin/mss-dtcheck" ] ||
			dtcheck=$here/build/out/bin/mss-dtcheck
	fi
	fdt=$R/sys/firmware/fdt
	if [ -z "$dtcheck" ]; then
		echo "validator: mss-dtcheck not found; build it from the project checkout"
		echo "  (doc/real-board.md, needs gcc and libfdt-dev) and pass --dtcheck PATH"
	elif [ ! -r "$fdt" ]; then
		echo "validator: $fdt not readable (run as root)"
	else
		echo "validator: $dtcheck on $fdt (the device tree this kernel booted)"
		if [ -n "$fw" ] && [ -r "$fw" ]; then
			"$dtcheck" -v --firmware "$fw" "$fdt" 2>&1
		else
			"$dtcheck" -v "$fdt" 2>&1
		fi
		echo "validator exit status: $? (0 clean, 1 findings, 2 unreadable input)"
	fi
}

report > "$out" 2>&1
echo "qcom-mss-report: wrote $out"
