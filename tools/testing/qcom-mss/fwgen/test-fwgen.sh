#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# check-fwgen: host tests of mss-fwgen, of the guest firmware set and of
# the format code on real Qualcomm images.  mss-mdt-verify (C, the
# driver's qcom_mss_mdt.h and OpenSSL) checks every image; digests and
# signatures are also checked with the openssl command line on bytes cut
# out with dd, independently of that C code.
#
# Environment: FWGEN, FWGEN_VERIFY (mss-mdt-verify), FWDIR (the generated
# guest /lib/firmware), FW_CA (mk-test-ca.sh's chain), REALFW (Debian's
# firmware-qcom-soc unpacked, scripts/fetch-firmware.sh), FW_MPSS_BASE,
# RESULTS.

set -u
TOP=$(cd "$(dirname "$0")/../../../.." && pwd)
. "$TOP/scripts/testlib.sh"

FWGEN=${FWGEN:-$TOP/build/out/bin/mss-fwgen}
FWGEN_VERIFY=${FWGEN_VERIFY:-$TOP/build/out/bin/mss-mdt-verify}
FWDIR=${FWDIR:-$TOP/build/out/guest/firmware}
FW_CA=${FW_CA:-$TOP/build/out/.fwgen/ca}
REALFW=${REALFW:-$TOP/build/firmware}
FW_MPSS_BASE=${FW_MPSS_BASE:-0x8e000000}

result_init fwgen

[ -x "$FWGEN" ] || { fail build "no $FWGEN"; exit 0; }
[ -x "$FWGEN_VERIFY" ] || { fail build "no $FWGEN_VERIFY"; exit 0; }
# Some tests run mss-fwgen from another directory
FW_CA=$(cd "$FW_CA" 2>/dev/null && pwd) || { fail build "no test CA"; exit 0; }

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

# hexof FILE OFFSET LEN: LEN bytes of FILE at OFFSET as hex
hexof() {
	tail -c +$(($2 + 1)) "$1" | head -c "$3" | od -v -An -tx1 | tr -d ' \n'
}

# cut FILE OFFSET LEN: LEN bytes of FILE at OFFSET
cut_bytes() {
	tail -c +$(($2 + 1)) "$1" | head -c "$3"
}

# hash_off FILE: where the hash segment starts in FILE (.mdt packed, .mbn)
hash_off() {
	n=$(phnum "$1")
	md=$((52 + 32 * n + $(phdr "$1" 1 4)))
	if [ "$(stat -c %s "$1")" -eq $md ]; then
		echo $((52 + 32 * n))
	else
		phdr "$1" 1 1
	fi
}

# table_off FILE: the digest table's offset in the hash segment (v3/v5 40,
# v6 48 + both metadata sizes)
table_off() {
	h=$(hash_off "$1")
	if [ "$(u32 "$1" $((h + 4)))" -eq 6 ]; then
		echo $((48 + $(u32 "$1" $((h + 40))) + $(u32 "$1" $((h + 44)))))
	else
		echo 40
	fi
}

# digest FILE INDEX [SIZE]: hex of digest INDEX in the table
digest() {
	sz=${3:-32}
	hexof "$1" $(($(hash_off "$1") + $(table_off "$1") + sz * $2)) "$sz"
}

unhex() {	# unhex HEX: the bytes
	python3 -c 'import sys; sys.stdout.buffer.write(bytes.fromhex(sys.argv[1]))' "$1"
}

sha() {
	openssl dgst -"${1:-sha256}" -r | cut -c1-$((${2:-32} * 2))
}

verify_ok() {	# verify_ok FILE [ARGS]: everything verifies
	f=$1
	shift
	out=$("$FWGEN_VERIFY" "$@" "$f") || { echo "$out"; return 1; }
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

verify_counts() {	# headers + 3 data digests verify; hash and .bss are zero
	out=$("$FWGEN_VERIFY" "$1") || { echo "$out"; return 1; }
	[ "$(echo "$out" | grep -c '^digest [0-9]* ok$')" -eq 4 ] &&
	echo "$out" | grep -qx 'digest 1 zero' && echo "$out" | grep -qx 'digest 5 zero' &&
	echo "$out" | grep -qx 'version 3' && echo "$out" | grep -qx 'signature none' &&
	echo "$out" | grep -qx 'bad 0' || { echo "$out"; return 1; }
}
check verify-split verify_counts "$T/a/modem.mdt"
check verify-mbn verify_counts "$T/a/modem.mbn"

openssl_digests() {
	f=$T/a/modem.mdt
	n=$(phnum "$f")
	hdr=$((52 + 32 * n))
	[ "$(head -c $hdr "$f" | sha)" = "$(digest "$f" 0)" ] || { echo "digest 0"; return 1; }
	# the file bytes only: the zero-fill tail is not hashed
	for i in 2 3 4; do
		got=$(sha < "$T/a/modem.b0$i")
		[ "$got" = "$(digest "$f" $i)" ] || { echo "digest $i: $got"; return 1; }
	done
	# the hash segment and the .bss segment (no file bytes): zero entries
	[ "$(digest "$f" 5)" = "$(printf '%064d' 0)" ] || { echo "digest 5"; return 1; }
	[ "$(digest "$f" 1)" = "$(printf '%064d' 0)" ]
}
check openssl-digests openssl_digests

split_vs_mbn() {
	"$FWGEN_VERIFY" --quiet --metadata-out "$T/md.split" "$T/a/modem.mdt" &&
	"$FWGEN_VERIFY" --quiet --metadata-out "$T/md.mbn" "$T/a/modem.mbn" &&
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
	out=$("$FWGEN_VERIFY" "$T/d/modem.mdt")
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
	out=$("$FWGEN_VERIFY" "$T/e/modem.mbn")
	[ "$(echo "$out" | grep -c BAD)" -eq 1 ] && echo "$out" | grep -qx 'digest 2 BAD'
}
check corrupt-mbn corrupt_mbn

metadata_size() {
	# formula: ELF header + phdrs + v3 header + digests + --sig-pad
	n=$(phnum "$T/a/modem.mdt")
	want=$((52 + 32 * n + 40 + 32 * n + 1000))
	# shellcheck disable=SC2086
	got=$(cd "$T" && "$FWGEN" --print-metadata-size $COMMON) || return 1
	[ "$got" = "$want" ] && [ "$(stat -c %s "$T/a/modem.mdt")" = "$want" ] &&
	"$FWGEN_VERIFY" "$T/a/modem.mdt" | grep -qx "metadata_size $want" ||
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
	"$FWGEN_VERIFY" "$T/r/modem.mdt" | grep -qx 'relocatable yes' &&
	"$FWGEN_VERIFY" "$T/a/modem.mdt" | grep -qx 'relocatable no' &&
	[ $(($(phdr "$T/a/modem.mdt" 2 6) & 0x8000000)) -eq 0 ]
}
check relocatable-flag relocatable

hash_flags() {	# as the linux-firmware images (notes.md)
	f=$T/a/modem.mdt
	n=$(phnum "$f")
	end=$(( ($(phdr "$f" 5 3) + $(phdr "$f" 5 5) + 0xfff) & ~0xfff ))
	[ "$(phdr "$f" 0 0)" -eq 0 ] && [ "$(phdr "$f" 0 1)" -eq 0 ] &&
	[ "$(phdr "$f" 0 6)" -eq $((0x7000000)) ] &&
	[ "$(phdr "$f" 1 0)" -eq 0 ] &&
	[ "$(phdr "$f" 1 6)" -eq $((0x2200000)) ] &&
	[ "$(phdr "$f" 1 1)" -eq $((0x1000)) ] &&
	[ "$(phdr "$f" 1 3)" -eq $end ] &&
	[ "$(phdr "$f" 1 5)" -eq $(( ($(phdr "$f" 1 4) + 0xfff) & ~0xfff )) ] &&
	[ "$(od -An -tu2 -j 18 -N2 "$f" | tr -d ' ')" -eq 164 ] &&
	# v3 header: version, image_dest_ptr = p_paddr + 40, code_size = 32 * phnum,
	# image_size = code_size + signature_size + cert_chain_size
	b=$T/a/modem.b01 &&
	[ "$(u32 "$b" 4)" -eq 3 ] && [ "$(u32 "$b" 8)" -eq 0 ] &&
	[ "$(u32 "$b" 12)" -eq $((end + 40)) ] &&
	[ "$(u32 "$b" 20)" -eq $((32 * n)) ] &&
	[ "$(u32 "$b" 16)" -eq $(($(u32 "$b" 20) + $(u32 "$b" 28) + $(u32 "$b" 36))) ] &&
	[ "$(stat -c %s "$b")" -eq $((40 + $(u32 "$b" 16))) ] &&
	[ "$(u32 "$b" 0)" -eq 12 ] && ! grep -q MSSH "$b"
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

# hash_version V DIGEST SIZE HEADER: the layout of a version V image, its
# digests recomputed with openssl, the metadata size formula
hash_version() {
	d=$T/v$1
	"$FWGEN" --out "$d" --hash-version "$1" --segment-size 5000,7000 --sig-pad 300 ||
		return 1
	f=$d/modem.mdt
	n=$(phnum "$f")
	out=$("$FWGEN_VERIFY" "$f") || { echo "$out"; return 1; }
	echo "$out" | grep -qx "version $1" && echo "$out" | grep -qx "digest $2" &&
	[ "$(echo "$out" | grep -c '^digest [0-9]* ok$')" -eq 3 ] || { echo "$out"; return 1; }
	[ "$(stat -c %s "$f")" -eq $((52 + 32 * n + $4 + $3 * n + 300)) ] ||
		{ echo "metadata $(stat -c %s "$f")"; return 1; }
	[ "$(head -c $((52 + 32 * n)) "$f" | sha "$2" "$3")" = "$(digest "$f" 0 "$3")" ] &&
	[ "$(sha "$2" "$3" < "$d/modem.b02")" = "$(digest "$f" 2 "$3")" ] &&
	[ "$(sha "$2" "$3" < "$d/modem.b03")" = "$(digest "$f" 3 "$3")" ]
}
check hash-version-3 hash_version 3 sha256 32 40
check hash-version-5 hash_version 5 sha256 32 40
# v6: 48-byte header, 120 bytes of metadata, so the table starts at 168
check hash-version-6-sha384 hash_version 6 sha384 48 168

v5_header() {	# the QTI sizes where v3 has image_src/image_dest_ptr; no pointers
	b=$T/v5/modem.b01
	[ "$(u32 "$b" 4)" -eq 5 ] && [ "$(u32 "$b" 8)" -eq 0 ] && [ "$(u32 "$b" 12)" -eq 0 ] &&
	[ "$(u32 "$b" 24)" -eq $((0xffffffff)) ] && [ "$(u32 "$b" 32)" -eq $((0xffffffff)) ] &&
	b=$T/v6/modem.b01 && [ "$(u32 "$b" 40)" -eq 0 ] && [ "$(u32 "$b" 44)" -eq 120 ]
}
check hash-version-5-6-header v5_header

# --- signing with the build's test chain -----------------------------------

ROOT=$FW_CA/root.der
signed() {	# signed DIR ARGS...: a signed image verifies against the test root
	d=$1
	shift
	"$FWGEN" --out "$d" --sign "$FW_CA" "$@" || return 1
	for f in "$d"/*.mdt "$d"/*.mbn; do
		[ -e "$f" ] || continue
		"$FWGEN_VERIFY" --root "$ROOT" "$f" > "$d.out" || { cat "$d.out"; return 1; }
	done
}

sign_legacy() {
	signed "$T/s" --format both || return 1
	grep -qx 'certs 3' "$T/s.out" && grep -qx 'cert_chain ok' "$T/s.out" &&
	grep -qx 'signature ok legacy' "$T/s.out" && grep -qx 'sw_id 0x2' "$T/s.out" &&
	grep -qx 'hw_id 0x0' "$T/s.out" || { cat "$T/s.out"; return 1; }
	signed "$T/sm" --mba && grep -qx 'sw_id 0x1' "$T/sm.out" &&
	grep -qx 'signature ok legacy' "$T/sm.out"
}
check sign-legacy sign_legacy

# The legacy scheme recomputed with the openssl command line: PKCS#1 v1.5
# of SHA256(opad ^ HW_ID || SHA256(ipad ^ SW_ID || SHA256(header + table)))
openssl_legacy() {
	f=$T/s/modem.mbn
	h=$(hash_off "$f")
	b=$T/s/modem.b01
	code=$(u32 "$b" 20)
	sigsz=$(u32 "$b" 28)
	[ "$sigsz" -eq 256 ] || { echo "signature size $sigsz"; return 1; }
	cut_bytes "$b" $((40 + code)) "$sigsz" > "$T/sig.bin"
	cut_bytes "$b" $((40 + code + sigsz)) "$(u32 "$b" 36)" > "$T/chain.bin"
	openssl x509 -inform der -in "$T/chain.bin" -pubkey -noout > "$T/pub.pem" || return 1
	{ unhex "$(printf '%016x' $((0x3636363636363636 ^ 2)))"
	  cut_bytes "$b" 0 $((40 + code)) | openssl dgst -sha256 -binary; } |
		openssl dgst -sha256 -binary > "$T/inner.bin"
	{ unhex "$(printf '%016x' $((0x5c5c5c5c5c5c5c5c ^ 0)))"; cat "$T/inner.bin"; } |
		openssl dgst -sha256 -binary > "$T/outer.bin"
	openssl pkeyutl -verifyrecover -pubin -inkey "$T/pub.pem" -in "$T/sig.bin" \
		-pkeyopt rsa_padding_mode:pkcs1 > "$T/rec.bin" || return 1
	cmp "$T/rec.bin" "$T/outer.bin" && [ "$h" -eq $((0x1000)) ] &&
	cut_bytes "$f" "$h" "$(stat -c %s "$b")" | cmp - "$b"
}
check sign-legacy-openssl openssl_legacy

openssl_pss() {
	signed "$T/p6" --sign-scheme pss --hash-version 6 || return 1
	grep -qx 'signature ok pss' "$T/p6.out" && grep -qx 'digest sha384' "$T/p6.out" ||
		{ cat "$T/p6.out"; return 1; }
	b=$T/p6/modem.b01
	to=$((48 + $(u32 "$b" 40) + $(u32 "$b" 44)))
	code=$(u32 "$b" 20)
	cut_bytes "$b" $((to + code)) 256 > "$T/sig.bin"
	cut_bytes "$b" $((to + code + 256)) "$(u32 "$b" 36)" > "$T/chain.bin"
	openssl x509 -inform der -in "$T/chain.bin" -pubkey -noout > "$T/pub.pem" || return 1
	# RSASSA-PSS with SHA-256 over header + metadata + table (as qcm2290)
	cut_bytes "$b" 0 $((to + code)) | openssl dgst -sha256 -binary > "$T/m.bin"
	openssl pkeyutl -verify -pubin -inkey "$T/pub.pem" -in "$T/m.bin" \
		-sigfile "$T/sig.bin" -pkeyopt rsa_padding_mode:pss \
		-pkeyopt digest:sha256 -pkeyopt rsa_pss_saltlen:32 | grep -q Success
}
check sign-pss-v6-openssl openssl_pss

sign_deterministic() {	# legacy signatures are deterministic, pss ones are not
	signed "$T/s2" --format both && diff -r "$T/s" "$T/s2" || return 1
	signed "$T/p6b" --sign-scheme pss --hash-version 6 || return 1
	! cmp -s "$T/p6/modem.b01" "$T/p6b/modem.b01" &&
	cmp "$T/p6/modem.b02" "$T/p6b/modem.b02"
}
check sign-deterministic sign_deterministic

corrupt_sig() {
	"$FWGEN" --out "$T/cs" --sign "$FW_CA" --corrupt-signature || return 1
	out=$("$FWGEN_VERIFY" --root "$ROOT" "$T/cs/modem.mdt")
	[ $? -eq 1 ] && echo "$out" | grep -qx 'signature BAD' &&
	echo "$out" | grep -qx 'cert_chain ok' && echo "$out" | grep -qx 'bad 1' &&
	! echo "$out" | grep -q 'digest [0-9]* BAD' || { echo "$out"; return 1; }
	# only the signature differs from the good image
	[ "$(cmp -l "$T/s/modem.mdt" "$T/cs/modem.mdt" | wc -l)" -eq 1 ]
}
check corrupt-signature corrupt_sig

wrong_root() {	# a chain that does not end in the given root fails
	out=$("$FWGEN_VERIFY" --root "$FW_CA/ca.der" "$T/s/modem.mdt")
	[ $? -eq 1 ] && echo "$out" | grep -qx 'cert_chain BAD' || { echo "$out"; return 1; }
}
check verify-wrong-root wrong_root

check reject-hash-version expect_usage --out o --hash-version 4
check reject-sign-scheme expect_usage --out o --sign "$FW_CA" --sign-scheme md5
check reject-corrupt-signature-unsigned expect_usage --out o --corrupt-signature
check reject-sig-pad-too-small-signed expect_usage --out o --sign "$FW_CA" --sig-pad 1000

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
	out=$("$FWGEN_VERIFY" --root "$ROOT" "$S/modem.mdt") || { echo "$out"; return 1; }
	md=$(echo "$out" | sed -n 's/^metadata_size //p')
	[ "$md" -lt 16384 ] || { echo "metadata $md"; return 1; }
	echo "$out" | grep -qx 'signature ok legacy' && echo "$out" | grep -qx 'version 3' ||
		{ echo "$out"; return 1; }
	[ "$(phdr "$S/modem.mdt" 2 3)" -eq $((FW_MPSS_BASE)) ] ||
		{ echo "first segment not at FW_MPSS_BASE $FW_MPSS_BASE"; return 1; }
	# a zero-fill tail and a file-less .bss segment are exercised
	n=$(phnum "$S/modem.mdt")
	[ "$(phdr "$S/modem.mdt" $((n - 1)) 4)" -eq 0 ] &&
	[ "$(phdr "$S/modem.mdt" 2 5)" -gt "$(phdr "$S/modem.mdt" 2 4)" ]
}
check firmware-default fwset_default

fwset_mba() {
	[ "$(stat -c %s "$S/mba.mbn")" -le 1048576 ] &&
	verify_ok "$S/mba.mbn" --root "$ROOT" && ! cmp -s "$S/mba.mbn" "$S/modem.b02" &&
	"$FWGEN_VERIFY" "$S/mba.mbn" | grep -qx 'sw_id 0x1'
}
check firmware-mba fwset_mba


same_names() {	# same_names VARIANT: the variant has the default's file names
	[ "$(cd "$S/$1" && ls | tr '\n' ' ')" = "$DEFAULT_FILES " ] ||
		{ ls "$S/$1"; return 1; }
}

fwset_big() {
	same_names big || return 1
	out=$("$FWGEN_VERIFY" --root "$ROOT" "$S/big/modem.mdt") || { echo "$out"; return 1; }
	md=$(echo "$out" | sed -n 's/^metadata_size //p')
	[ "$md" -gt 16384 ] || { echo "metadata $md"; return 1; }
}
check firmware-big-metadata fwset_big

fwset_badsig() {
	same_names badsig || return 1
	out=$("$FWGEN_VERIFY" --root "$ROOT" "$S/badsig/modem.mdt")
	[ $? -eq 1 ] && echo "$out" | grep -qx 'signature BAD' &&
	[ "$(echo "$out" | grep -c BAD)" -eq 1 ] || { echo "$out"; return 1; }
	for f in modem.b00 modem.b02 modem.b03 modem.b04; do
		cmp "$S/$f" "$S/badsig/$f" || return 1
	done
}
check firmware-bad-signature fwset_badsig

fwset_corrupt() {
	same_names corrupt || return 1
	out=$("$FWGEN_VERIFY" "$S/corrupt/modem.mdt")
	[ $? -eq 1 ] && [ "$(echo "$out" | grep -c BAD)" -eq 1 ] &&
	echo "$out" | grep -qx 'digest 3 BAD' || { echo "$out"; return 1; }
	cmp "$S/modem.mdt" "$S/corrupt/modem.mdt"	# the header authenticates
}
check firmware-corrupt fwset_corrupt

fwset_mbn() {
	[ "$(cd "$S/mbn" && ls | tr '\n' ' ')" = "mba.mbn modem.mbn modem.mdt " ] ||
		{ ls "$S/mbn"; return 1; }
	cmp "$S/mbn/modem.mbn" "$S/mbn/modem.mdt" && verify_ok "$S/mbn/modem.mbn" &&
	"$FWGEN_VERIFY" --quiet --metadata-out "$T/fw.md" "$S/mbn/modem.mbn" &&
	cmp "$T/fw.md" "$S/modem.mdt"
}
check firmware-mbn fwset_mbn

fwset_reloc() {
	same_names reloc || return 1
	"$FWGEN_VERIFY" "$S/reloc/modem.mdt" > "$T/reloc.out" || return 1
	grep -qx 'relocatable yes' "$T/reloc.out" &&
	[ "$(phdr "$S/reloc/modem.mdt" 2 3)" -ne $((FW_MPSS_BASE)) ]
}
check firmware-relocatable fwset_reloc

fwset_variant_roots() {
	for v in big corrupt mbn reloc badsig; do
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

# --- real images: Debian's firmware-qcom-soc (make firmware-real) -----------
#
# The format code (qcom_mss_mdt.h through mss-mdt-verify) on the MSS images
# of linux-firmware: every digest, the metadata size (notes.md), version 3,
# the certificate chain and the signature.  Then every digest again with
# the openssl command line on bytes cut out of the file.  A missing image
# is a failure, not a skip.

R=$REALFW/usr/lib/firmware/qcom
if [ -f "$REALFW/VERSION" ]; then
	echo "# real images: $(cat "$REALFW/VERSION")"
	pass real/package
else
	fail real/package "no $REALFW/VERSION: make firmware-real failed"
fi

# real_image FILE METADATA SCHEME
real_image() {
	[ -f "$R/$1" ] || { echo "missing $R/$1"; return 1; }
	out=$("$FWGEN_VERIFY" "$R/$1") || { echo "$out"; return 1; }
	n=$(phnum "$R/$1")
	echo "$out" | grep -qx 'version 3' && echo "$out" | grep -qx 'digest sha256' &&
	echo "$out" | grep -qx "metadata_size $2" &&
	echo "$out" | grep -qx 'cert_chain ok' && echo "$out" | grep -qx 'certs 3' &&
	echo "$out" | grep -qx "signature ok $3" && echo "$out" | grep -qx 'bad 0' &&
	[ "$(echo "$out" | grep -c '^digest [0-9]* \(ok\|zero\)$')" -eq "$n" ] &&
	# the ELF header + program headers + hash segment, as the driver stages it
	"$FWGEN_VERIFY" --quiet --metadata-out "$T/real.md" "$R/$1" &&
	[ "$(stat -c %s "$T/real.md")" -eq "$2" ] || { echo "$out"; return 1; }
	echo "$1: $n program headers, $(echo "$out" | grep -c ' ok$') digests"
}
check real/sdm845-modem real_image sdm845/modem_nm.mbn 8028 pss
check real/sdm845-mba real_image sdm845/mba.mbn 6940 pss
check real/apq8096-modem real_image apq8096/modem.mbn 8092 legacy
check real/apq8096-mba real_image apq8096/mba.mbn 6876 legacy
check real/apq8016-modem real_image apq8016/modem.mbn 8412 legacy
check real/apq8016-mba real_image apq8016/mba.mbn 6812 legacy

# openssl_table FILE: every table entry recomputed with openssl dgst
openssl_table() {
	f=$R/$1
	[ -f "$f" ] || { echo "missing $f"; return 1; }
	n=$(phnum "$f")
	h=$(phdr "$f" 1 1)
	[ "$(phdr "$f" 1 6)" -eq $((0x2200000)) ] && [ "$h" -eq $((0x1000)) ] &&
	[ "$(u32 "$f" $((h + 4)))" -eq 3 ] && [ "$(u32 "$f" $((h + 20)))" -eq $((32 * n)) ] ||
		{ echo "not the v3 layout notes.md describes"; return 1; }
	hashed=0
	for i in $(seq 0 $((n - 1))); do
		sz=$(phdr "$f" "$i" 4)
		want=$(hexof "$f" $((h + 40 + 32 * i)) 32)
		if [ "$i" -eq 1 ] || [ "$sz" -eq 0 ]; then
			got=$(printf '%064d' 0)
		else
			got=$(cut_bytes "$f" "$(phdr "$f" "$i" 1)" "$sz" | sha)
			hashed=$((hashed + 1))
		fi
		[ "$got" = "$want" ] || { echo "phdr $i: $got != $want"; return 1; }
	done
	echo "$1: $hashed digests match openssl dgst"
}
check real/openssl-sdm845-modem openssl_table sdm845/modem_nm.mbn
check real/openssl-apq8096-modem openssl_table apq8096/modem.mbn
check real/openssl-apq8016-modem openssl_table apq8016/modem.mbn
check real/openssl-apq8016-mba openssl_table apq8016/mba.mbn

# Not MSS images, the only v5/v6 samples: the layouts the header takes from
# the public descriptions, checked against real bytes
real_other() {	# real_other FILE VERSION DIGEST
	[ -f "$R/$1" ] || { echo "missing $R/$1"; return 1; }
	out=$("$FWGEN_VERIFY" "$R/$1") || { echo "$out"; return 1; }
	echo "$out" | grep -qx "version $2" && echo "$out" | grep -qx "digest $3" &&
	echo "$out" | grep -qx 'signature ok pss' && echo "$out" | grep -qx 'cert_chain ok' ||
		{ echo "$out"; return 1; }
}
check real/v5-sdm845-a630-zap real_other sdm845/SHIFT/axolotl/a630_zap.mbn 5 sha256
check real/v6-qcm2290-modem real_other qcm2290/modem.mbn 6 sha384

# The hostile corpus: at least 30 sets, each damaging one file, and the
# checked-in scenario that boots them is what the generator says it is
HOSTILE=$FWDIR/qcom/sim/hostile-set
hostile_corpus() {
	n=$(wc -l < "$HOSTILE/MANIFEST") || return 1
	[ "$n" -ge 30 ] || { echo "only $n hostile sets"; return 1; }
	while IFS='	' read -r name which expect; do
		f=$HOSTILE/$name/$([ "$which" = mba ] && echo mba.mbn || echo modem.mdt)
		[ -f "$f" ] || { echo "missing $f"; return 1; }
		[ -n "$expect" ] || { echo "$name: no expected message"; return 1; }
		if [ -s "$f" ] && cmp -s "$f" "$HOSTILE/good/$(basename "$f")"; then
			echo "$name: $f is the good image"
			return 1
		fi
	done < "$HOSTILE/MANIFEST"
	echo "$n hostile sets"
}
check hostile/corpus hostile_corpus
hostile_scenario() {
	python3 "$TOP/tools/testing/qcom-mss/fwgen/mk-hostile.py" --scenario "$FWDIR/qcom/sim/mba.mbn" \
		"$HOSTILE/good/modem.mdt" > "$T/hostile.scn" || return 1
	diff -u "$TOP/tools/testing/qcom-mss/scenarios/mss-hostile.scn" "$T/hostile.scn"
}
check hostile/scenario-current hostile_scenario

exit 0
