# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# Sourced by check-dkms.sh: the board report script (mss-report.sh,
# shipped as /usr/sbin/qcom-mss-report) on a fake board.  MSS_REPORT_ROOT
# points it at a tree laid out like a board's /sys, /proc and /lib: the
# validator's good sdm845 fixture as the booted DT (/sys/firmware/fdt and
# its /sys/firmware/devicetree/base view), a remoteproc bound to
# qcom-q6v5-mss with a debugfs mdata report, and the validator's small
# split test firmware as the modem image firmware-name names.  The report
# must carry each of them, and the validator's verdict must be the one
# mss-dtcheck gives on the same inputs.  Needs TOP DISTRO LOGS and the
# testlib functions of the caller.

fb=$DISTRO/fake-board
rm -rf "$fb"
mkdir -p "$fb"
dt=$fb/sys/firmware/devicetree/base
fix=$TOP/scripts/mss-dtcheck/tests/dts
rlog=$LOGS/$STAGE_NAME-report.log

# cells FILE V...: a DT property of 32-bit big-endian cells
cells() {
	f=$1
	shift
	: > "$f"
	for v in "$@"; do
		printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $((v >> 24 & 255)) \
			$((v >> 16 & 255)) $((v >> 8 & 255)) $((v & 255)))" >> "$f"
	done
}

report_setup() {
	make -C "$TOP" --no-print-directory mss-dtcheck > "$rlog" 2>&1 || return 1
	mkdir -p "$fb/sys/firmware" || return 1
	cpp -nostdinc -I"$fix" -undef -D__DTS__ -x assembler-with-cpp \
		"$fix/three-entry.dts" 2>> "$rlog" |
		dtc -q -I dts -O dtb -o "$fb/sys/firmware/fdt" - 2>> "$rlog" || return 1
	python3 "$TOP/scripts/mss-dtcheck/tests/gen-fw.py" "$fb/fw" >> "$rlog" 2>&1 || return 1
	mkdir -p "$fb/lib/firmware/qcom/fake" &&
		cp "$fb/fw/small/modem.mdt" "$fb/fw/small/modem.b01" "$fb/lib/firmware/qcom/fake/" ||
		return 1

	# The live DT view of the same board (what the report reads)
	mkdir -p "$dt/reserved-memory/mba@8e000000" "$dt/reserved-memory/mpss@90000000" \
		"$dt/reserved-memory/mpss-metadata" "$dt/soc@0/remoteproc@4080000"
	printf 'fake sdm845 board\0' > "$dt/model"
	printf 'qcom,sdm845\0' > "$dt/compatible"
	cells "$dt/reserved-memory/mba@8e000000/reg" 0 0x8e000000 0 0x200000
	: > "$dt/reserved-memory/mba@8e000000/no-map"
	cells "$dt/reserved-memory/mpss@90000000/reg" 0 0x90000000 0 0x7800000
	: > "$dt/reserved-memory/mpss@90000000/no-map"
	cells "$dt/reserved-memory/mpss-metadata/size" 0 0x4000
	cells "$dt/reserved-memory/mpss-metadata/alloc-ranges" 0 0xa0000000 0 0x20000000
	: > "$dt/reserved-memory/mpss-metadata/no-map"
	node=$dt/soc@0/remoteproc@4080000
	printf 'qcom,sdm845-mss-pil\0' > "$node/compatible"
	cells "$node/memory-region" 1 2 3
	printf 'qcom/fake/mba.mbn\0qcom/fake/modem.mdt\0' > "$node/firmware-name"

	# A remoteproc bound to our driver, with its debugfs report
	pdev=$fb/sys/devices/platform/soc@0/4080000.remoteproc
	mkdir -p "$pdev/remoteproc/remoteproc0" "$fb/sys/bus/platform/drivers/qcom-q6v5-mss" \
		"$fb/sys/class/remoteproc" "$fb/sys/kernel/debug/remoteproc/remoteproc0" \
		"$fb/proc/sys/kernel"
	ln -s "$fb/sys/bus/platform/drivers/qcom-q6v5-mss" "$pdev/driver"
	ln -s "$node" "$pdev/of_node"
	ln -s "$pdev" "$pdev/remoteproc/remoteproc0/device"
	ln -s "$pdev/remoteproc/remoteproc0" "$fb/sys/class/remoteproc/remoteproc0"
	echo modem > "$pdev/remoteproc/remoteproc0/name"
	echo running > "$pdev/remoteproc/remoteproc0/state"
	cat > "$fb/sys/kernel/debug/remoteproc/remoteproc0/mdata" <<-EOF
	source: dedicated
	range: 0xa0000000-0xa0004000
	size: 4276
	window: 0
	error: 0
	protected: yes
	legacy: allowed
	candidate metadata: /reserved-memory/mpss-metadata 0xa0000000+0x4000 dynamic usable
	candidate mpss: /reserved-memory/mpss@90000000 0x90000000+0x7800000 static usable
	uses: dedicated=3 mpss-window=0 legacy=0
	EOF
	echo enabled > "$fb/sys/kernel/debug/remoteproc/remoteproc0/recovery"
	echo 0 > "$fb/proc/sys/kernel/tainted"
	printf '8e000000-8e1fffff : reserved\n90000000-977fffff : reserved\n' > "$fb/proc/iomem"
}

if report_setup; then
	out=$fb/report.txt
	MSS_REPORT_ROOT=$fb "$TOP/scripts/distro/mss-report.sh" -o "$out" \
		--dtcheck "$TOP/build/out/bin/mss-dtcheck" >> "$rlog" 2>&1
	rc=$?
	"$TOP/build/out/bin/mss-dtcheck" -v --firmware "$fb/lib/firmware/qcom/fake/modem.mdt" \
		"$fb/sys/firmware/fdt" > /dev/null 2>&1
	vrc=$?
	check report:runs test "$rc" -eq 0 -a -s "$out"
	check report:driver-bound grep -q '^--- remoteproc0: .*4080000.remoteproc$' "$out"
	check report:mdata grep -q '^source: dedicated$' "$out"
	check report:recovery grep -q '^enabled$' "$out"
	check report:reserved grep -q '^mpss@90000000: reg=<0x00000000 0x90000000 0x00000000 0x07800000> no-map$' "$out"
	check report:dynamic-region grep -q '^mpss-metadata: size=<0x00000000 0x00004000> alloc-ranges=<.*> no-map$' "$out"
	check report:firmware-name grep -q '^firmware-name: qcom/fake/mba.mbn qcom/fake/modem.mdt $' "$out"
	# gen-fw.py's small image: metadata 0x34 + 4 * 0x20 + 0x1000
	check report:fw-metadata-footprint grep -q 'metadata 0x10b4 bytes.*load footprint 0x100000' "$out"
	check report:validator-verdict grep -q "^validator exit status: $vrc " "$out"
else
	fail report:setup "$(tail -n 20 "$rlog")"
fi
