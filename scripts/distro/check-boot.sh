#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# check-boot.sh [SERIES...]: boot Debian's own arm64 kernel image (the
# linux-image package fetch.sh unpacked) in QEMU virt and load our
# DKMS-built qcom_q6v5_mss.ko into it together with its in-tree
# dependencies from the same package, in the order modprobe resolved
# them in check-dkms.sh's sandbox (that list ends with updates/dkms, ours,
# and has no kernel/.../qcom_q6v5_mss.ko).  The guest (modload.c) reports
# facts; here each must hold:
#  - every module loads (no unresolved symbol, no version disagreement,
#    nothing else in the kernel log about them);
#  - the kernel was untainted and gains only O (out of tree) and E
#    (signed by a key it does not trust: DKMS's own) from our module;
#  - the qcom_q6v5_mss loaded is ours, and it unloads cleanly;
#  - no WARNING/BUG/Oops anywhere in the log.
# Debian's kernel has QCOM_SCM built in and the virt board no MSS node,
# so nothing probes: this is load/ABI compatibility, the modem itself is
# exercised on the test kernel only (make check-rig).
set -u
: "${TOP:?}" "${DISTRO:?}" "${OUT:?}" "${RESULTS:?}" "${LOGS:?}"
. "$TOP/scripts/distro/lib.sh"
STAGE_NAME=${STAGE_NAME:-distro-boot}
result_init "$STAGE_NAME"
mkdir -p "$LOGS"
[ $# -gt 0 ] || set -- 6.12 7.2
QEMU=${QEMU:-qemu-system-aarch64}
TAINT_OOT=4096		# TAINT_OOT_MODULE, 'O'
TAINT_UNSIGNED=8192	# TAINT_UNSIGNED_MODULE, 'E'

guest=$OUT/guest/distro
mkdir -p "$guest" "$DISTRO/bin"
init=$guest/modload
if ! aarch64-linux-gnu-gcc -static -O2 -Wall -Wextra -Werror \
	-o "$init" "$TOP/scripts/distro/modload.c" 2> "$LOGS/$STAGE_NAME-init.log"; then
	fail init-build "$(cat "$LOGS/$STAGE_NAME-init.log")"
	exit 0
fi

for s in "$@"; do
	series_env "$s" || { fail "$s:env"; continue; }
	res=$DISTRO/dkms-$s/out
	ko=$(ls "$res"/qcom_q6v5_mss.ko* 2>/dev/null | head -n 1)
	if [ -z "$ko" ] || [ ! -s "$res/show-depends.txt" ]; then
		fail "$s:boot" "no DKMS build for $KREL in $res: run make check-distro-dkms" \
			"(7.2: make check-distro-sid) first"
		continue
	fi
	gen=$DISTRO/bin/gen_init_cpio-$s
	[ -x "$gen" ] || gcc -O2 -o "$gen" "$SRC/usr/gen_init_cpio.c" ||
		{ fail "$s:boot" "gen_init_cpio from $SRC failed"; continue; }

	# The initramfs: init, the list, the modules decompressed (the
	# kernel could decompress them, but the list then names plain files)
	stage=$guest/$s
	rm -rf "$stage"
	mkdir -p "$stage/m"
	: > "$stage/modules.list"
	{
		echo "dir /dev 0755 0 0"
		echo "nod /dev/console 0600 0 0 c 5 1"
		echo "dir /m 0755 0 0"
		echo "file /init $init 0755 0 0"
		echo "file /modules.list $stage/modules.list 0644 0 0"
	} > "$stage/cpio.list"
	bad=
	grep '^insmod ' "$res/show-depends.txt" | awk '{ print $2 }' > "$stage/paths"
	while read -r p; do
		case $p in
		*/updates/dkms/*) src=$ko ;;
		*/kernel/*) src=$MODULES_DIR/kernel/${p#*/kernel/} ;;
		*) bad="$bad $p"; continue ;;
		esac
		n=$(basename "$p")
		n=${n%.xz}
		case $src in
		*.xz) xz -dc "$src" > "$stage/m/$n" ;;
		*) cp "$src" "$stage/m/$n" ;;
		esac || bad="$bad $p"
		echo "/m/$n" >> "$stage/modules.list"
		echo "file /m/$n $stage/m/$n 0644 0 0" >> "$stage/cpio.list"
	done < "$stage/paths"
	if [ -n "$bad" ] || [ "$(tail -n 1 "$stage/modules.list")" != /m/qcom_q6v5_mss.ko ] ||
	   grep -q 'kernel/drivers/remoteproc/qcom_q6v5_mss' "$stage/paths"; then
		fail "$s:module-set" "unexpected: $bad" "$(cat "$stage/paths")"
		continue
	fi
	pass "$s:module-set"
	"$gen" "$stage/cpio.list" > "$stage/initramfs.cpio" ||
		{ fail "$s:boot" "gen_init_cpio failed"; continue; }

	qlog=$LOGS/$STAGE_NAME-$s.log
	echo "  QEMU    $KREL"
	start=$(date +%s)
	timeout -k 5 300 "$QEMU" -M virt -cpu cortex-a57 -smp 2 -m 1024 \
		-nographic -no-reboot -nic none -kernel "$VMLINUZ" \
		-initrd "$stage/initramfs.cpio" \
		-append "console=ttyAMA0 panic=-1 quiet rdinit=/init" \
		< /dev/null > "$qlog" 2>&1
	rc=$?
	echo "#   $KREL: $(( $(date +%s) - start )) s in QEMU"
	tr -d '\r' < "$qlog" > "$qlog.txt"
	val() { sed -n "s/^modload: $1 //p" "$qlog.txt" | head -n 1; }

	if [ $rc -eq 0 ] && grep -q '^modload: done$' "$qlog.txt" &&
	   [ "$(val start)" = "$KREL" ]; then
		pass "$s:boot"
	else
		fail "$s:boot" "qemu exit $rc, running '$(val start)'" "$(tail -n 20 "$qlog.txt")"
		continue
	fi

	nmods=$(grep -c . "$stage/modules.list")
	nok=$(grep -c '^modload: insmod .* ok$' "$qlog.txt")
	if [ "$nok" -eq "$nmods" ]; then
		pass "$s:insmod-all"
	else
		fail "$s:insmod-all" "$nok of $nmods loaded" \
			"$(grep '^modload: insmod' "$qlog.txt" | grep -v ' ok$')"
	fi

	kmsg=$(sed -n 's/^modload: kmsg //p' "$qlog.txt")
	complaints=$(echo "$kmsg" | grep -E 'Unknown symbol|disagrees about version|invalid module format|version magic|WARNING:|BUG:|Oops|Call trace' || true)
	# The dump is real only if it shows our module's own load
	if [ -z "$complaints" ] && grep -q '^modload: kmsg-end$' "$qlog.txt" &&
	   echo "$kmsg" | grep -q 'qcom_q6v5_mss: loading out-of-tree module taints kernel'; then
		pass "$s:kernel-log-clean"
	else
		fail "$s:kernel-log-clean" "${complaints:-no kernel log, or no load of ours in it}"
	fi

	before=$(val taint-before)
	after=$(val taint-after)
	want=$((TAINT_OOT | TAINT_UNSIGNED))
	if [ "$before" = 0 ] && [ "$after" = "$want" ] && [ "$(val module-taint)" = OE ]; then
		pass "$s:taint-only-OE"
	else
		fail "$s:taint-only-OE" "before $before, after $after (want $want)," \
			"module '$(val module-taint)'"
	fi

	check "$s:ours-loaded" test "$(val ours)" = yes
	if [ "$(val rmmod)" = ok ] && [ "$(val gone)" = yes ]; then
		pass "$s:unload"
	else
		fail "$s:unload" "rmmod: $(val rmmod), gone: $(val gone)"
	fi
done
exit 0
