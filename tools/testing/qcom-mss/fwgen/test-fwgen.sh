#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# check-fwgen: host tests of mss-fwgen and of the guest firmware set.
# Digests are checked independently of the generator: mdt-verify.py
# (python3 hashlib) and `openssl dgst` on extracted segments.
#
# Environment: FWGEN (the binary), FWGEN_VERIFY (mdt-verify.py), FWDIR
# (the generated guest /lib/firmware), FW_MPSS_BASE, RESULTS.

set -u
TOP=$(cd "$(dirname "$0")/../../../.." && pwd)
. "$TOP/scripts/testlib.sh"

FWGEN=${FWGEN:-$TOP/build/out/bin/mss-fwgen}
FWGEN_VERIFY=${FWGEN_VERIFY:-$TOP/tools/testing/qcom-mss/fwgen/mdt-verify.py}
FWDIR=${FWDIR:-$TOP/build/out/guest/firmware}
FW_MPSS_BASE=${FW_MPSS_BASE:-0x8e000000}

result_init fwgen

[ -x "$FWGEN" ] || { fail build "no $FWGEN"; exit 0; }

T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT INT TERM

# --- helpers ---------------------------------------------------------------

u32() {	# u32 FILE OFFSET
	od -v -An -tu4 -j "$2" -N4 "$1" | tr -d ' '
}

phnum() {
	od -An -tu2 -j 44 -N2 "$1" | tr -d ' '
}

# phdr FILE INDEX FIELD: FIELD 0 type 1 offset 2 vaddr 3 paddr 4 filesz
# 5 memsz 6 flags 7 align
phdr() {
	u32 "$1" $((52 + 32 * $2 + 4 * $3))
}

# digest FILE(.mdt) INDEX: hex of digest INDEX in the hash segment
digest() {
	n=$(phnum "$1")
	dd if="$1" bs=1 skip=$((52 + 32 * n + 16 + 32 * $2)) count=32 2>/dev/null |
		od -v -An -tx1 | tr -d ' \n'
}

sha() {
	openssl dgst -sha256 -r | cut -c1-64
}

verify_ok() {	# verify_ok FILE: every digest matches
	out=$(python3 "$FWGEN_VERIFY" "$1") || { echo "$out"; return 1; }
	echo "$out" | grep -qx 'bad 0'
}

# expect_usage ARGS...: exit status 2, a "mss-fwgen:" message, no files
expect_usage() {
	rm -rf "$T/u" && mkdir "$T/u"
	(cd "$T/u" && "$FWGEN" "$@" > "$T/u.out" 2> "$T/u.err")
	rc=$?
	cat "$T/u.err"
	[ $rc -eq 2 ] || { echo "exit status $rc, want 2"; return 1; }
	grep -q '^mss-fwgen: ' "$T/u.err" || { echo "no error message"; return 1; }
	[ -z "$(ls -A "$T/u")" ] || { echo "files written:"; ls -R "$T/u"; return 1; }
}

# --- the generator ---------------------------------------------------------

check help sh -c '"$1" --help | grep -q -- --corrupt-segment' sh "$FWGEN"

COMMON="--segment-size 5000,70001,4096 --zero-fill 10 --bss 4096 --sig-pad 1000"
# shellcheck disable=SC2086
"$FWGEN" --out "$T/a" --seed 7 --format both $COMMON &&
"$FWGEN" --out "$T/b" --seed 7 --format both $COMMON &&
"$FWGEN" --out "$T/c" --seed 8 --format both $COMMON &&
"$FWGEN" --out "$T/d" --seed 7 --format both $COMMON --corrupt-segment 3 ||
	fail generate "mss-fwgen failed on valid arguments"

check determinism-same-seed diff -r "$T/a" "$T/b"

different_seed() {
	# same layout, so the headers agree; every load segment must differ
	cmp -s "$T/a/modem.b00" "$T/c/modem.b00" || { echo "headers differ"; return 1; }
	for i in 02 03 04; do
		if cmp -s "$T/a/modem.b$i" "$T/c/modem.b$i"; then
			echo "segment $i identical across seeds"
			return 1
		fi
	done
	! cmp -s "$T/a/modem.mdt" "$T/c/modem.mdt"
}
check determinism-different-seed different_seed

verify_counts() {	# all 4 data digests + the headers verify, hash is zero
	out=$(python3 "$FWGEN_VERIFY" "$1") || { echo "$out"; return 1; }
	[ "$(echo "$out" | grep -c '^digest [0-9]* ok$')" -eq 5 ] &&
	echo "$out" | grep -qx 'digest 1 zero' && echo "$out" | grep -qx 'bad 0' ||
		{ echo "$out"; return 1; }
}
check verify-split verify_counts "$T/a/modem.mdt"
check verify-mbn verify_counts "$T/a/modem.mbn"

openssl_digests() {
	f=$T/a/modem.mdt
	n=$(phnum "$f")
	hdr=$((52 + 32 * n))
	[ "$(head -c $hdr "$f" | sha)" = "$(digest "$f" 0)" ] || { echo "digest 0"; return 1; }
	for i in 2 3 4; do
		fill=$(($(phdr "$f" $i 5) - $(phdr "$f" $i 4)))
		got=$({ cat "$T/a/modem.b0$i"; head -c $fill /dev/zero; } | sha)
		[ "$got" = "$(digest "$f" $i)" ] || { echo "digest $i: $got"; return 1; }
	done
	# .bss: 4096 zero bytes, no file
	[ "$(head -c 4096 /dev/zero | sha)" = "$(digest "$f" 5)" ] || { echo "digest 5"; return 1; }
	[ "$(digest "$f" 1)" = "$(printf '%064d' 0)" ]
}
check openssl-digests openssl_digests

split_vs_mbn() {
	python3 "$FWGEN_VERIFY" --quiet --metadata-out "$T/md.split" "$T/a/modem.mdt" &&
	python3 "$FWGEN_VERIFY" --quiet --metadata-out "$T/md.mbn" "$T/a/modem.mbn" &&
	cmp "$T/md.split" "$T/md.mbn" && cmp "$T/md.split" "$T/a/modem.mdt" || return 1
	f=$T/a/modem.mbn
	for i in 0 1 2 3 4; do
		off=$(phdr "$f" $i 1)
		sz=$(phdr "$f" $i 4)
		tail -c +$((off + 1)) "$f" | head -c "$sz" > "$T/slice"
		cmp "$T/slice" "$T/a/modem.b0$i" || return 1
	done
	[ ! -e "$T/a/modem.b05" ]	# the .bss segment has no file data
}
check split-vs-mbn-identical split_vs_mbn

corrupt_one() {
	out=$(python3 "$FWGEN_VERIFY" "$T/d/modem.mdt")
	[ $? -eq 1 ] || { echo "verifier did not fail: $out"; return 1; }
	[ "$(echo "$out" | grep -c BAD)" -eq 1 ] && echo "$out" | grep -qx 'digest 3 BAD' ||
		{ echo "$out"; return 1; }
	cmp "$T/a/modem.mdt" "$T/d/modem.mdt" || return 1	# metadata untouched
	[ "$(cmp -l "$T/a/modem.b03" "$T/d/modem.b03" | wc -l)" -eq 1 ] || return 1
	for i in 00 01 02 04; do cmp "$T/a/modem.b$i" "$T/d/modem.b$i" || return 1; done
	[ "$(cmp -l "$T/a/modem.mbn" "$T/d/modem.mbn" | wc -l)" -eq 1 ]
}
check corrupt-breaks-one-digest corrupt_one

corrupt_mbn() {
	"$FWGEN" --out "$T/e" --format mbn --corrupt-segment 2 || return 1
	out=$(python3 "$FWGEN_VERIFY" "$T/e/modem.mbn")
	[ "$(echo "$out" | grep -c BAD)" -eq 1 ] && echo "$out" | grep -qx 'digest 2 BAD'
}
check corrupt-mbn corrupt_mbn

metadata_size() {
	# formula: ELF header + phdrs + hash header + digests + padding
	n=$(phnum "$T/a/modem.mdt")
	want=$((52 + 32 * n + 16 + 32 * n + 1000))
	# shellcheck disable=SC2086
	got=$(cd "$T" && "$FWGEN" --print-metadata-size $COMMON) || return 1
	[ "$got" = "$want" ] && [ "$(stat -c %s "$T/a/modem.mdt")" = "$want" ] &&
	python3 "$FWGEN_VERIFY" "$T/a/modem.mdt" | grep -qx "metadata_size $want" ||
		{ echo "got $got want $want"; return 1; }
	big=$("$FWGEN" --print-metadata-size --sig-pad 20480) || return 1
	[ "$big" -gt 16384 ] || { echo "big $big"; return 1; }
	# with --out it prints and writes, and the .mdt has that size
	got=$("$FWGEN" --out "$T/big" --sig-pad 20480 --print-metadata-size) &&
	[ "$got" = "$big" ] && [ "$(stat -c %s "$T/big/modem.mdt")" = "$big" ] &&
	verify_ok "$T/big/modem.mdt"
}
check metadata-size metadata_size

print_only() {
	rm -rf "$T/p" && mkdir "$T/p"
	(cd "$T/p" && "$FWGEN" --print-metadata-size > /dev/null) &&
	[ -z "$(ls -A "$T/p")" ]
}
check print-metadata-size-writes-nothing print_only

relocatable() {
	"$FWGEN" --out "$T/r" --relocatable --bss 4096 --base 0x10000000 || return 1
	n=$(phnum "$T/r/modem.mdt")
	for i in $(seq 2 $((n - 1))); do
		[ $(($(phdr "$T/r/modem.mdt" $i 6) & 0x8000000)) -ne 0 ] ||
			{ echo "phdr $i lacks RELOCATABLE"; return 1; }
	done
	for i in 0 1; do
		[ $(($(phdr "$T/r/modem.mdt" $i 6) & 0x8000000)) -eq 0 ] || return 1
	done
	[ "$(phdr "$T/r/modem.mdt" 2 3)" -eq $((0x10000000)) ] || return 1
	python3 "$FWGEN_VERIFY" "$T/r/modem.mdt" | grep -qx 'relocatable yes' &&
	python3 "$FWGEN_VERIFY" "$T/a/modem.mdt" | grep -qx 'relocatable no' &&
	[ $(($(phdr "$T/a/modem.mdt" 2 6) & 0x8000000)) -eq 0 ]
}
check relocatable-flag relocatable

hash_flags() {
	f=$T/a/modem.mdt
	[ "$(phdr "$f" 0 0)" -eq 0 ] && [ "$(phdr "$f" 0 1)" -eq 0 ] &&
	[ "$(phdr "$f" 1 0)" -eq 0 ] &&
	[ $(($(phdr "$f" 1 6) & 0x7000000)) -eq $((0x2000000)) ] &&
	[ "$(phdr "$f" 1 1)" -eq $((52 + 32 * $(phnum "$f"))) ] &&
	[ "$(od -An -tu2 -j 18 -N2 "$f" | tr -d ' ')" -eq 164 ] &&
	[ "$(head -c 4 "$T/a/modem.b01")" = MSSH ]
}
check elf-layout hash_flags

segment_list() {
	"$FWGEN" --out "$T/l" --segment-size 1,4097,8192 || return 1
	f=$T/l/modem.mdt
	[ "$(stat -c %s "$T/l/modem.b02")" -eq 1 ] &&
	[ "$(stat -c %s "$T/l/modem.b03")" -eq 4097 ] &&
	[ "$(stat -c %s "$T/l/modem.b04")" -eq 8192 ] &&
	[ "$(phdr "$f" 2 3)" -eq $((0x8e000000)) ] &&
	[ "$(phdr "$f" 3 3)" -eq $((0x8e001000)) ] &&
	[ "$(phdr "$f" 4 3)" -eq $((0x8e003000)) ] &&
	verify_ok "$f"
}
check segment-size-list segment_list

max_size() {
	"$FWGEN" --out "$T/m" --total-size 64M --segments 4 --format mbn || return 1
	n=$(phnum "$T/m/modem.mbn")
	total=0
	for i in $(seq 2 $((n - 1))); do
		total=$((total + $(phdr "$T/m/modem.mbn" $i 4)))
	done
	rc=0
	[ $total -eq 67108864 ] && verify_ok "$T/m/modem.mbn" || rc=1
	rm -rf "$T/m"
	return $rc
}
check total-size-64MiB-accepted max_size

check reject-total-size-over-64MiB expect_usage --out o --total-size 67108865
check reject-image-over-64MiB-zero-fill expect_usage --out o --segment-size 64M --segments 1 --zero-fill 1
check reject-image-over-64MiB-bss expect_usage --out o --segment-size 32M,32M --bss 4096
check reject-segment-over-64MiB expect_usage --out o --segment-size 65M --segments 1
check reject-sig-pad-over-1MiB expect_usage --out o --sig-pad 2M

mba() {
	"$FWGEN" --mba --out "$T/mba" || return 1
	[ "$(ls "$T/mba")" = mba.mbn ] || { ls "$T/mba"; return 1; }
	[ "$(stat -c %s "$T/mba/mba.mbn")" -le 1048576 ] &&
	n=$(phnum "$T/mba/mba.mbn") && [ "$n" -ge 3 ] && [ "$n" -le 4 ] &&
	verify_ok "$T/mba/mba.mbn"
}
check mba-image mba
check reject-mba-three-segments expect_usage --mba --out o --segments 3
check reject-mba-over-1MiB expect_usage --mba --out o --segment-size 600K,600K

max_phdrs() {
	"$FWGEN" --out "$T/x" --segments 98 --segment-size 1 --sig-pad 0 || return 1
	[ -e "$T/x/modem.b99" ] && [ ! -e "$T/x/modem.b100" ] &&
	[ "$(phnum "$T/x/modem.mdt")" -eq 100 ] && verify_ok "$T/x/modem.mdt"
}
check max-100-phdrs max_phdrs
check reject-101-phdrs expect_usage --out o --segments 98 --bss 1

check reject-unknown-option expect_usage --out o --bogus
check reject-missing-argument expect_usage --out o --segments
check reject-positional-argument expect_usage --out o extra
check reject-missing-out expect_usage --seed 3
check reject-empty-out expect_usage --out ''
check reject-format expect_usage --out o --format elf
check reject-zero-segments expect_usage --out o --segments 0
check reject-99-segments expect_usage --out o --segments 99
check reject-segments-not-number expect_usage --out o --segments 3x
check reject-zero-segment-size expect_usage --out o --segment-size 0
check reject-size-garbage expect_usage --out o --segment-size 12x
check reject-size-negative expect_usage --out o --segment-size -4096
check reject-size-list-empty-item expect_usage --out o --segment-size 1,,2
check reject-size-list-count expect_usage --out o --segments 2 --segment-size 1,2,3
check reject-total-and-list expect_usage --out o --total-size 10 --segment-size 5
check reject-total-too-small expect_usage --out o --total-size 2 --segments 3
check reject-base-unaligned expect_usage --out o --base 0x8e000800
check reject-base-beyond-32bit expect_usage --out o --base 0xffff0000 --segment-size 1M
check reject-base-garbage expect_usage --out o --base nowhere
check reject-corrupt-headers expect_usage --out o --corrupt-segment 0
check reject-corrupt-hash expect_usage --out o --corrupt-segment 1
check reject-corrupt-beyond expect_usage --out o --corrupt-segment 5
check reject-corrupt-bss expect_usage --out o --bss 4096 --corrupt-segment 5
check reject-name-slash expect_usage --out o --name a/b
check reject-name-empty expect_usage --out o --name ''
check reject-seed-negative expect_usage --out o --seed -1
check reject-zero-bss expect_usage --out o --bss 0

# --- the guest firmware set (make firmware) --------------------------------

S=$FWDIR/qcom/sim
DEFAULT_FILES="mba.mbn modem.b00 modem.b01 modem.b02 modem.b03 modem.b04 modem.mdt"

fwset_default() {
	[ "$(cd "$S" && find . -maxdepth 1 -type f | sed 's|^\./||' | LC_ALL=C sort | tr '\n' ' ')" = "$DEFAULT_FILES " ] ||
		{ ls "$S"; return 1; }
	out=$(python3 "$FWGEN_VERIFY" "$S/modem.mdt") || { echo "$out"; return 1; }
	md=$(echo "$out" | sed -n 's/^metadata_size //p')
	[ "$md" -lt 16384 ] || { echo "metadata $md"; return 1; }
	[ "$(phdr "$S/modem.mdt" 2 3)" -eq $((FW_MPSS_BASE)) ] ||
		{ echo "first segment not at FW_MPSS_BASE $FW_MPSS_BASE"; return 1; }
	# a zero-fill tail and a file-less .bss segment are exercised
	n=$(phnum "$S/modem.mdt")
	[ "$(phdr "$S/modem.mdt" $((n - 1)) 4)" -eq 0 ] &&
	[ "$(phdr "$S/modem.mdt" 2 5)" -gt "$(phdr "$S/modem.mdt" 2 4)" ]
}
check firmware-default fwset_default

fwset_mba() {
	[ "$(stat -c %s "$S/mba.mbn")" -le 1048576 ] && verify_ok "$S/mba.mbn" &&
	! cmp -s "$S/mba.mbn" "$S/modem.b02"
}
check firmware-mba fwset_mba

same_names() {	# same_names VARIANT: the variant has the default's file names
	[ "$(cd "$S/$1" && ls | tr '\n' ' ')" = "$DEFAULT_FILES " ] ||
		{ ls "$S/$1"; return 1; }
}

fwset_big() {
	same_names big || return 1
	out=$(python3 "$FWGEN_VERIFY" "$S/big/modem.mdt") || { echo "$out"; return 1; }
	md=$(echo "$out" | sed -n 's/^metadata_size //p')
	[ "$md" -gt 16384 ] || { echo "metadata $md"; return 1; }
}
check firmware-big-metadata fwset_big

fwset_corrupt() {
	same_names corrupt || return 1
	out=$(python3 "$FWGEN_VERIFY" "$S/corrupt/modem.mdt")
	[ $? -eq 1 ] && [ "$(echo "$out" | grep -c BAD)" -eq 1 ] || { echo "$out"; return 1; }
	cmp "$S/modem.mdt" "$S/corrupt/modem.mdt"	# the header authenticates
}
check firmware-corrupt fwset_corrupt

fwset_mbn() {
	[ "$(cd "$S/mbn" && ls | tr '\n' ' ')" = "mba.mbn modem.mbn modem.mdt " ] ||
		{ ls "$S/mbn"; return 1; }
	cmp "$S/mbn/modem.mbn" "$S/mbn/modem.mdt" && verify_ok "$S/mbn/modem.mbn" &&
	python3 "$FWGEN_VERIFY" --quiet --metadata-out "$T/fw.md" "$S/mbn/modem.mbn" &&
	cmp "$T/fw.md" "$S/modem.mdt"
}
check firmware-mbn fwset_mbn

fwset_reloc() {
	same_names reloc || return 1
	python3 "$FWGEN_VERIFY" "$S/reloc/modem.mdt" > "$T/reloc.out" || return 1
	grep -qx 'relocatable yes' "$T/reloc.out" &&
	[ "$(phdr "$S/reloc/modem.mdt" 2 3)" -ne $((FW_MPSS_BASE)) ]
}
check firmware-relocatable fwset_reloc

fwset_variant_roots() {
	for v in big corrupt mbn reloc; do
		diff -r "$S/$v" "$FWDIR/variants/$v/qcom/sim" || return 1
	done
}
check firmware-variant-roots fwset_variant_roots

fwset_size() {
	kb=$(du -skl "$FWDIR" | cut -f1)	# hard links count: the cpio copies them
	echo "firmware set in the guest: $kb KiB"
	[ "$kb" -lt 8192 ]
}
check firmware-set-small fwset_size

exit 0
