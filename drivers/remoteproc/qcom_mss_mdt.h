/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Qualcomm MDT image format: ELF32 program headers with Qualcomm's
 * segment types, and the hash segment the modem authenticates.  The one
 * definition shared by the MSS driver and its simulator (kernel), the DTS
 * validator scripts/mss-dtcheck (host, libfdt) and the test firmware
 * generator and verifier in tools/testing/qcom-mss/fwgen (host, OpenSSL).
 * Pure logic: no allocation, no I/O, no crypto; each user hashes and
 * verifies with its own library (kernel crypto, OpenSSL).
 *
 * Image (little endian; read here as native structures, so, like 6.12's
 * drivers/soc/qcom/mdt_loader.c, on little-endian CPUs only):
 *
 *   ELF header, program headers; phdr 0 is a PT_NULL placeholder whose
 *   p_filesz covers the ELF header and all program headers (type PHDR).
 *   The hash segment is the first program header after 0 whose p_flags
 *   type field (bits 24-26) is HASH; real images put it at phdr 1, file
 *   offset 0x1000, with p_flags 0x02200000 (HASH, read-only).  p_flags
 *   bit 27 marks a relocatable segment.
 *
 *   Metadata = what qcom_mdt_read_metadata() hands to TrustZone or the
 *   MBA: phdr 0's p_filesz bytes (headers) directly followed by the hash
 *   segment's p_filesz bytes.
 *
 *   Hash segment = header, [v6: QTI metadata, OEM metadata], the digest
 *   table, [v5/v6: QTI signature, QTI certificate chain], the (OEM)
 *   signature, the certificate chain, optional padding.  The table holds
 *   one digest per program header, in order, over that segment's p_filesz
 *   file bytes (zero-fill beyond p_filesz is not hashed); the entries of
 *   hash segments and of segments without file bytes are all zero.  The
 *   digest size is code_size / e_phnum: 32 (SHA-256) or 48 (SHA-384).
 *   image_size = code_size + every signature and certificate chain size
 *   (for v6 not the metadata).
 *
 *   v3  40-byte struct mss_mdt_hash_v3, table at byte 40.
 *   v5  40-byte struct mss_mdt_hash_v5: image_src/image_dest_ptr become
 *       the QTI signature and certificate chain sizes; table at byte 40.
 *   v6  48-byte struct mss_mdt_hash_v6: v5 plus the QTI and OEM metadata
 *       sizes; the table follows both metadata blobs (byte 168 with the
 *       usual 120 bytes of OEM metadata); SHA-384 on newer SoCs.
 *
 *   The signature covers the hash segment from its start to the end of
 *   the digest table (mss_mdt_hash.signed_size).  The certificate chain is
 *   DER X.509 certificates back to back, attestation (leaf) certificate
 *   first, then the attestation CA, then the root, padded with 0xff.  Two
 *   RSA schemes occur, both with the leaf's key and SHA-256 whatever the
 *   table's digest (%MSS_MDT_SIG_DIGEST):
 *   - legacy (apq8016, apq8096): PKCS#1 v1.5 type 1 padding of the raw
 *     digest SHA256(opad ^ HW_ID || SHA256(ipad ^ SW_ID || SHA256(signed
 *     bytes))), the 64-bit IDs big endian (mss_mdt_legacy_key()), SW_ID
 *     and HW_ID from the leaf's "01 <16 hex> SW_ID" and "02 <16 hex>
 *     HW_ID" OU fields;
 *   - pss (sdm845): RSASSA-PSS, SHA-256, MGF1-SHA-256, 32-byte salt, over
 *     the signed bytes.
 *
 * Proven: only v3, on the MSS images of Debian's firmware-qcom-soc
 * 20260916-1 (sdm845, apq8096 and apq8016 mba.mbn and modem: every
 * digest, the chains and both signature schemes, in the fwgen host
 * tests).  The v5 and v6 layouts follow the public descriptions
 * (qtestsign, Qualcomm's "Secure Boot and Image Authentication" papers);
 * they were checked against two non-MSS images of that package only:
 * sdm845/SHIFT/axolotl/a630_zap.mbn (v5, pss) and qcm2290/modem.mbn (v6,
 * SHA-384 table, pss with SHA-256).
 */
#ifndef __QCOM_MSS_MDT_H__
#define __QCOM_MSS_MDT_H__

#ifdef __KERNEL__
#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/elf.h>
#include <linux/errno.h>
#include <linux/soc/qcom/mdt_loader.h>
#include <linux/string.h>
#include <linux/types.h>
#else
#include <assert.h>
#include <errno.h>
#include <linux/elf.h>		/* the kernel's UAPI ELF structures */
#include <stdbool.h>
#include <string.h>
#include "mss_host.h"
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "qcom_mss_mdt.h reads little-endian images as native structures"
#endif
#endif

/* p_flags: Qualcomm segment type (bits 24-26), access type, relocation */
#define MSS_MDT_TYPE_SHIFT	24
#define MSS_MDT_TYPE_MASK	(7U << MSS_MDT_TYPE_SHIFT)
#define MSS_MDT_TYPE_HASH	(2U << MSS_MDT_TYPE_SHIFT)
#define MSS_MDT_TYPE_PHDR	(7U << MSS_MDT_TYPE_SHIFT)
#define MSS_MDT_ACCESS_RO	BIT(21)
#define MSS_MDT_RELOCATABLE	BIT(27)
/* The p_flags real images give phdr 0 and the hash segment */
#define MSS_MDT_FLAGS_PHDR	MSS_MDT_TYPE_PHDR
#define MSS_MDT_FLAGS_HASH	(MSS_MDT_TYPE_HASH | MSS_MDT_ACCESS_RO)

#define MSS_MDT_HASH_V3		3
#define MSS_MDT_HASH_V5		5
#define MSS_MDT_HASH_V6		6
#define MSS_MDT_SHA256_SIZE	32
#define MSS_MDT_SHA384_SIZE	48
#define MSS_MDT_MAX_DIGEST	MSS_MDT_SHA384_SIZE
/* OEM metadata size of every real v6 image seen (qtestsign agrees) */
#define MSS_MDT_V6_METADATA_SIZE 120
/* image_src, signature_ptr and cert_chain_ptr when unused */
#define MSS_MDT_NO_PTR		0xffffffffU

/* The signature schemes' hash, for the kernel's crypto API and OpenSSL */
#define MSS_MDT_SIG_DIGEST	"sha256"
#define MSS_MDT_SIG_DIGEST_SIZE	32

/* image_id of the hash segment header on real images */
#define MSS_MDT_IMAGE_ID_MBA	0
#define MSS_MDT_IMAGE_ID_MODEM	12

/* Software IDs of the images' attestation certificates (real images) */
#define MSS_MDT_SW_ID_MBA	0x1ULL
#define MSS_MDT_SW_ID_MODEM	0x2ULL
/* The legacy scheme's pads, XORed with SW_ID (inner) and HW_ID (outer) */
#define MSS_MDT_LEGACY_IPAD	0x3636363636363636ULL
#define MSS_MDT_LEGACY_OPAD	0x5c5c5c5c5c5c5c5cULL

/**
 * struct mss_mdt_hash_v3 - hash segment header, version 3 (40 bytes)
 * @image_id: software image type (modem 12, MBA 0 on real images)
 * @version: %MSS_MDT_HASH_V3
 * @image_src: flash address (historical, 0)
 * @image_dest_ptr: where the digest table lands: hash p_paddr + 40
 * @image_size: @code_size + @signature_size + @cert_chain_size
 * @code_size: size of the digest table
 * @signature_ptr: load address of the signature
 * @signature_size: signature bytes (256 for RSA-2048)
 * @cert_chain_ptr: load address of the certificate chain
 * @cert_chain_size: certificate chain bytes, padding included
 */
struct mss_mdt_hash_v3 {
	u32 image_id;
	u32 version;
	u32 image_src;
	u32 image_dest_ptr;
	u32 image_size;
	u32 code_size;
	u32 signature_ptr;
	u32 signature_size;
	u32 cert_chain_ptr;
	u32 cert_chain_size;
};

/**
 * struct mss_mdt_hash_v5 - hash segment header, version 5 (40 bytes)
 * @image_id: software image type
 * @version: %MSS_MDT_HASH_V5
 * @qti_signature_size: Qualcomm's signature bytes (0: OEM signing only)
 * @qti_cert_chain_size: Qualcomm's certificate chain bytes
 * @image_size: @code_size plus all four signature and chain sizes
 * @code_size: size of the digest table
 * @signature_ptr: unused (%MSS_MDT_NO_PTR)
 * @signature_size: OEM signature bytes
 * @cert_chain_ptr: unused (%MSS_MDT_NO_PTR)
 * @cert_chain_size: OEM certificate chain bytes
 */
struct mss_mdt_hash_v5 {
	u32 image_id;
	u32 version;
	u32 qti_signature_size;
	u32 qti_cert_chain_size;
	u32 image_size;
	u32 code_size;
	u32 signature_ptr;
	u32 signature_size;
	u32 cert_chain_ptr;
	u32 cert_chain_size;
};

/**
 * struct mss_mdt_hash_v6 - hash segment header, version 6 (48 bytes)
 * @v5: the version 5 fields, @v5.version being %MSS_MDT_HASH_V6
 * @qti_metadata_size: Qualcomm's metadata bytes, right after the header
 * @metadata_size: OEM metadata bytes, after the QTI metadata
 */
struct mss_mdt_hash_v6 {
	struct mss_mdt_hash_v5 v5;
	u32 qti_metadata_size;
	u32 metadata_size;
};

static_assert(sizeof(struct mss_mdt_hash_v3) == 40, "v3 header size");
static_assert(sizeof(struct mss_mdt_hash_v5) == 40, "v5 header size");
static_assert(sizeof(struct mss_mdt_hash_v6) == 48, "v6 header size");
#ifdef __KERNEL__
/* The same bits as the upstream loader the driver reads metadata with */
static_assert(MSS_MDT_TYPE_MASK == QCOM_MDT_TYPE_MASK, "type mask");
static_assert(MSS_MDT_TYPE_HASH == QCOM_MDT_TYPE_HASH, "hash type");
static_assert(MSS_MDT_RELOCATABLE == QCOM_MDT_RELOCATABLE, "relocatable");
#endif

/**
 * struct mss_mdt_hash - a hash segment's layout, whatever its version
 * @version: %MSS_MDT_HASH_V3, %MSS_MDT_HASH_V5 or %MSS_MDT_HASH_V6
 * @digest_size: %MSS_MDT_SHA256_SIZE or %MSS_MDT_SHA384_SIZE
 * @phnum: program headers, i.e. table entries
 * @header_size: 40, or 48 for v6
 * @qti_metadata_size: v6 QTI metadata bytes (0 otherwise)
 * @metadata_size: v6 OEM metadata bytes (0 otherwise)
 * @qti_signature_size: v5/v6 QTI signature bytes (0 for v3)
 * @qti_cert_chain_size: v5/v6 QTI certificate chain bytes (0 for v3)
 * @signature_size: OEM signature bytes
 * @cert_chain_size: OEM certificate chain bytes
 *
 * The fields above are the input of mss_mdt_hash_layout(); it derives:
 * @metadata_offset: QTI metadata (then OEM metadata) from the segment start
 * @table_offset: the digest table from the segment start
 * @code_size: table bytes, @digest_size * @phnum
 * @signed_size: bytes the signature covers, from the segment start
 * @qti_signature_offset: QTI signature from the segment start
 * @qti_cert_chain_offset: QTI certificate chain from the segment start
 * @signature_offset: OEM signature from the segment start
 * @cert_chain_offset: OEM certificate chain from the segment start
 * @image_size: the header's image_size
 * @size: bytes used: the segment's p_filesz is at least this
 */
struct mss_mdt_hash {
	u32 version;
	u32 digest_size;
	u32 phnum;
	u32 header_size;
	u32 qti_metadata_size;
	u32 metadata_size;
	u32 qti_signature_size;
	u32 qti_cert_chain_size;
	u32 signature_size;
	u32 cert_chain_size;

	u32 metadata_offset;
	u32 table_offset;
	u32 code_size;
	u32 signed_size;
	u32 qti_signature_offset;
	u32 qti_cert_chain_offset;
	u32 signature_offset;
	u32 cert_chain_offset;
	u32 image_size;
	u32 size;
};

/**
 * struct mss_mdt_image - what an image's headers say, checked
 * @ehdr: the ELF header (in the caller's buffer)
 * @phdrs: the program headers (in the caller's buffer)
 * @phnum: number of program headers
 * @hash: index of the hash segment (never 0)
 * @ehdr_size: phdr 0's p_filesz: ELF header and program headers
 * @hash_size: the hash segment's p_filesz
 * @metadata_size: @ehdr_size + @hash_size
 */
struct mss_mdt_image {
	const struct elf32_hdr *ehdr;
	const struct elf32_phdr *phdrs;
	unsigned int phnum;
	unsigned int hash;
	u32 ehdr_size;
	u32 hash_size;
	u64 metadata_size;
};

/**
 * mss_mdt_is_hash() - is this program header a hash segment?
 * @ph: program header
 *
 * Return: true when its p_flags type field is %MSS_MDT_TYPE_HASH.
 */
static inline bool mss_mdt_is_hash(const struct elf32_phdr *ph)
{
	return (ph->p_flags & MSS_MDT_TYPE_MASK) == MSS_MDT_TYPE_HASH;
}

/**
 * mss_mdt_is_relocatable() - may the loader move this segment?
 * @ph: program header
 *
 * Return: true when p_flags has %MSS_MDT_RELOCATABLE.
 */
static inline bool mss_mdt_is_relocatable(const struct elf32_phdr *ph)
{
	return ph->p_flags & MSS_MDT_RELOCATABLE;
}

/**
 * mss_mdt_has_file_bytes() - does this segment have bytes in the file?
 * @ph: program header
 *
 * Return: true when p_filesz is not zero.
 */
static inline bool mss_mdt_has_file_bytes(const struct elf32_phdr *ph)
{
	return ph->p_filesz != 0;
}

/**
 * mss_mdt_is_loadable() - is this a segment the loader places in memory?
 * @ph: program header
 *
 * The rule of 6.12's mdt_loader.c (mdt_phdr_valid()): PT_LOAD, not a
 * hash segment, and p_memsz not zero.
 *
 * Return: true for a segment to load.
 */
static inline bool mss_mdt_is_loadable(const struct elf32_phdr *ph)
{
	return ph->p_type == PT_LOAD && !mss_mdt_is_hash(ph) && ph->p_memsz;
}

/* Split images have one NAME.bNN file per program header, NN two digits */
#define MSS_MDT_MAX_SPLIT	99

/**
 * mss_mdt_split_name() - the name of a segment's split file, in place
 * @name: a writable copy of the image's name (NAME.mdt), whose last three
 *	characters become "bNN" (the rule of 6.12's mdt_loader.c)
 * @len: strlen(@name)
 * @idx: the segment's program header index
 *
 * Return: 0, or -EINVAL when @name is too short or @idx has no two-digit
 * name.
 */
static inline int mss_mdt_split_name(char *name, size_t len, unsigned int idx)
{
	if (len < 4 || idx > MSS_MDT_MAX_SPLIT)
		return -EINVAL;
	name[len - 3] = 'b';
	name[len - 2] = '0' + idx / 10;
	name[len - 1] = '0' + idx % 10;

	return 0;
}

/**
 * mss_mdt_has_digest() - does this segment have a non-zero table entry?
 * @ph: program header
 *
 * Return: true when the digest table holds a digest of @ph's file bytes;
 * false when its entry is all zero (hash segments, no file bytes).
 */
static inline bool mss_mdt_has_digest(const struct elf32_phdr *ph)
{
	return !mss_mdt_is_hash(ph) && mss_mdt_has_file_bytes(ph);
}

/**
 * mss_mdt_parse_headers() - check an image's ELF and program headers
 * @buf: the start of the file, 4-byte aligned
 * @len: bytes of @buf available (at least up to the program headers' end)
 * @file_size: size of the whole file (.mdt or .mbn), at least @len
 * @img: filled on success
 * @why: on failure, set to a static description of the problem
 *
 * The checks 6.12's qcom_mdt_read_metadata() makes before it trusts the
 * headers (ELF magic, e_phentsize, program and section headers inside the
 * file, at least two program headers, phdr 0 not PT_LOAD, a hash segment
 * after phdr 0), plus what it copies without checking: phdr 0 must cover
 * the program headers and lie in the file, the hash segment must not be
 * empty.  Also ELF32, little endian and an aligned e_phoff, which every
 * image has and which the structure access here needs.
 *
 * Return: 0, or -EINVAL with @why set.
 */
static inline int mss_mdt_parse_headers(const void *buf, size_t len,
					u64 file_size,
					struct mss_mdt_image *img,
					const char **why)
{
	const struct elf32_hdr *eh = buf;
	const struct elf32_phdr *ph;
	u64 phend, shend;
	unsigned int i;

	if (len > file_size) {
		*why = "buffer larger than the file";
		return -EINVAL;
	}
	if (len < sizeof(*eh)) {
		*why = "too short for an ELF header";
		return -EINVAL;
	}
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG)) {
		*why = "not an ELF file (bad magic)";
		return -EINVAL;
	}
	if (eh->e_ident[EI_CLASS] != ELFCLASS32) {
		*why = "not ELF32";
		return -EINVAL;
	}
	if (eh->e_ident[EI_DATA] != ELFDATA2LSB) {
		*why = "not little endian";
		return -EINVAL;
	}
	if (eh->e_phentsize != sizeof(*ph)) {
		*why = "e_phentsize is not 32";
		return -EINVAL;
	}
	if (eh->e_phoff % 4) {
		*why = "program headers not 4-byte aligned";
		return -EINVAL;
	}
	phend = (u64)eh->e_phoff + (u64)eh->e_phnum * sizeof(*ph);
	if (phend > file_size) {
		*why = "program headers beyond the end of the file";
		return -EINVAL;
	}
	if (phend > len) {
		*why = "program headers not in the buffer";
		return -EINVAL;
	}
	if (eh->e_shentsize || eh->e_shnum) {
		shend = (u64)eh->e_shoff +
			(u64)eh->e_shnum * sizeof(struct elf32_shdr);
		if (eh->e_shentsize != sizeof(struct elf32_shdr)) {
			*why = "e_shentsize is not 40";
			return -EINVAL;
		}
		if (shend > file_size) {
			*why = "section headers beyond the end of the file";
			return -EINVAL;
		}
	}
	if (eh->e_phnum < 2) {
		*why = "fewer than 2 program headers";
		return -EINVAL;
	}

	ph = (const void *)((const u8 *)buf + eh->e_phoff);
	if (ph[0].p_type == PT_LOAD) {
		*why = "program header 0 is PT_LOAD, not the headers";
		return -EINVAL;
	}
	if (ph[0].p_filesz < phend || ph[0].p_filesz > file_size) {
		*why = "program header 0 does not cover the headers";
		return -EINVAL;
	}
	for (i = 1; i < eh->e_phnum; i++)
		if (mss_mdt_is_hash(&ph[i]))
			break;
	if (i == eh->e_phnum) {
		*why = "no hash segment";
		return -EINVAL;
	}
	if (!ph[i].p_filesz) {
		*why = "empty hash segment";
		return -EINVAL;
	}

	img->ehdr = eh;
	img->phdrs = ph;
	img->phnum = eh->e_phnum;
	img->hash = i;
	img->ehdr_size = ph[0].p_filesz;
	img->hash_size = ph[i].p_filesz;
	img->metadata_size = (u64)img->ehdr_size + img->hash_size;
	return 0;
}

/**
 * mss_mdt_hash_offset() - where the hash segment is in a file
 * @img: the image's headers
 * @file_size: size of the file the headers came from
 *
 * As qcom_mdt_read_metadata() looks for it: right after the headers when
 * the file is exactly the metadata (a split .mdt, or the metadata itself),
 * else at its p_offset when that lies in the file (.mbn); else it is in
 * the split file NAME.bNN (NN = @img->hash).
 *
 * Return: the offset, or -ENOENT for the split file.
 */
static inline s64 mss_mdt_hash_offset(const struct mss_mdt_image *img,
				      u64 file_size)
{
	const struct elf32_phdr *ph = &img->phdrs[img->hash];

	if (img->metadata_size == file_size)
		return img->ehdr_size;
	if ((u64)ph->p_offset + ph->p_filesz <= file_size)
		return ph->p_offset;
	return -ENOENT;
}

/**
 * mss_mdt_hash_layout() - lay out a hash segment from its sizes
 * @h: @version, @digest_size, @phnum and the metadata, signature and
 *     certificate chain sizes set; the offsets are filled in
 *
 * Used by mss_mdt_hash_parse() and by a writer, so both place every part
 * at the same offset.  The QTI sizes must be zero for v3, the metadata
 * sizes for v3 and v5.
 *
 * Return: 0, or -EINVAL for an unknown version or digest size, stray
 * sizes, or a layout beyond 32 bits.
 */
static inline int mss_mdt_hash_layout(struct mss_mdt_hash *h)
{
	u64 off, image;

	switch (h->version) {
	case MSS_MDT_HASH_V3:
		if (h->qti_signature_size || h->qti_cert_chain_size)
			return -EINVAL;
		fallthrough;
	case MSS_MDT_HASH_V5:
		if (h->qti_metadata_size || h->metadata_size)
			return -EINVAL;
		h->header_size = sizeof(struct mss_mdt_hash_v3);
		break;
	case MSS_MDT_HASH_V6:
		h->header_size = sizeof(struct mss_mdt_hash_v6);
		break;
	default:
		return -EINVAL;
	}
	if (h->digest_size != MSS_MDT_SHA256_SIZE &&
	    h->digest_size != MSS_MDT_SHA384_SIZE)
		return -EINVAL;
	if (!h->phnum || h->phnum > 0xffff)
		return -EINVAL;

	off = h->header_size;
	h->metadata_offset = (u32)off;
	off += (u64)h->qti_metadata_size + h->metadata_size;
	image = (u64)h->digest_size * h->phnum + h->qti_signature_size +
		h->qti_cert_chain_size + h->signature_size +
		h->cert_chain_size;
	if (off + image > 0xffffffffULL)
		return -EINVAL;

	h->table_offset = (u32)off;
	h->code_size = h->digest_size * h->phnum;
	h->signed_size = h->table_offset + h->code_size;
	h->qti_signature_offset = h->signed_size;
	h->qti_cert_chain_offset = h->qti_signature_offset +
				   h->qti_signature_size;
	h->signature_offset = h->qti_cert_chain_offset + h->qti_cert_chain_size;
	h->cert_chain_offset = h->signature_offset + h->signature_size;
	h->image_size = (u32)image;
	h->size = (u32)(off + image);
	return 0;
}

/**
 * mss_mdt_hash_parse() - read and check a hash segment's header
 * @seg: the hash segment (any alignment)
 * @len: its size (the program header's p_filesz)
 * @phnum: the image's number of program headers
 * @h: filled with the layout on success
 *
 * The version selects the header; the digest size is code_size / @phnum;
 * image_size must be the sum of the table, signature and certificate
 * chain sizes and everything must fit in @len (trailing padding is
 * allowed: some real v6 images have it).
 *
 * Return: 0; -EOPNOTSUPP for a version other than 3, 5 and 6; -EINVAL for
 * a malformed or truncated header.
 */
static inline int mss_mdt_hash_parse(const void *seg, size_t len,
				     unsigned int phnum,
				     struct mss_mdt_hash *h)
{
	struct mss_mdt_hash_v6 v6 = { };
	struct mss_mdt_hash_v5 *v5 = &v6.v5;
	size_t hlen;
	u32 code;

	memset(h, 0, sizeof(*h));
	if (len < sizeof(struct mss_mdt_hash_v5))
		return -EINVAL;
	/* v3 and v5 share every field but two; read both as v5 */
	memcpy(v5, seg, sizeof(*v5));
	if (v5->version != MSS_MDT_HASH_V3 && v5->version != MSS_MDT_HASH_V5 &&
	    v5->version != MSS_MDT_HASH_V6)
		return -EOPNOTSUPP;
	hlen = v5->version == MSS_MDT_HASH_V6 ? sizeof(v6) : sizeof(*v5);
	if (len < hlen)
		return -EINVAL;
	memcpy(&v6, seg, hlen);

	code = v5->code_size;
	if (!phnum || code % phnum)
		return -EINVAL;
	h->version = v5->version;
	h->digest_size = code / phnum;
	h->phnum = phnum;
	if (h->version != MSS_MDT_HASH_V3) {
		h->qti_signature_size = v5->qti_signature_size;
		h->qti_cert_chain_size = v5->qti_cert_chain_size;
	}
	h->qti_metadata_size = v6.qti_metadata_size;
	h->metadata_size = v6.metadata_size;
	h->signature_size = v5->signature_size;
	h->cert_chain_size = v5->cert_chain_size;
	if (mss_mdt_hash_layout(h))
		return -EINVAL;
	if (h->image_size != v5->image_size || h->size > len)
		return -EINVAL;
	return 0;
}

/**
 * mss_mdt_hash_header() - the header bytes a writer puts first
 * @h: a layout from mss_mdt_hash_layout()
 * @image_id: the header's image_id
 * @paddr: the hash segment's p_paddr (v3 load addresses derive from it)
 * @out: at least @h->header_size bytes
 *
 * v3 gets the load addresses real images have (image_src 0, then the
 * table, the signature and the chain at @paddr + their offsets); v5 and
 * v6 mark the pointers unused.
 */
static inline void mss_mdt_hash_header(const struct mss_mdt_hash *h,
				       u32 image_id, u32 paddr, void *out)
{
	struct mss_mdt_hash_v3 v3 = {
		.image_id = image_id,
		.version = h->version,
		.image_src = 0,
		.image_dest_ptr = paddr + h->table_offset,
		.image_size = h->image_size,
		.code_size = h->code_size,
		.signature_ptr = paddr + h->signature_offset,
		.signature_size = h->signature_size,
		.cert_chain_ptr = paddr + h->cert_chain_offset,
		.cert_chain_size = h->cert_chain_size,
	};
	struct mss_mdt_hash_v6 v6 = {
		.v5 = {
			.image_id = image_id,
			.version = h->version,
			.qti_signature_size = h->qti_signature_size,
			.qti_cert_chain_size = h->qti_cert_chain_size,
			.image_size = h->image_size,
			.code_size = h->code_size,
			.signature_ptr = MSS_MDT_NO_PTR,
			.signature_size = h->signature_size,
			.cert_chain_ptr = MSS_MDT_NO_PTR,
			.cert_chain_size = h->cert_chain_size,
		},
		.qti_metadata_size = h->qti_metadata_size,
		.metadata_size = h->metadata_size,
	};

	if (h->version == MSS_MDT_HASH_V3)
		memcpy(out, &v3, sizeof(v3));
	else
		memcpy(out, &v6, h->header_size);
}

/**
 * mss_mdt_digest() - a program header's entry in the digest table
 * @seg: the hash segment
 * @h: its layout
 * @i: program header index, below @h->phnum
 *
 * Return: the @h->digest_size bytes of entry @i.
 */
static inline const u8 *mss_mdt_digest(const void *seg,
				       const struct mss_mdt_hash *h,
				       unsigned int i)
{
	return (const u8 *)seg + h->table_offset + (size_t)i * h->digest_size;
}

/**
 * mss_mdt_digest_name() - the digest algorithm of a hash segment
 * @h: its layout
 *
 * Return: "sha256" or "sha384", the name both the kernel's crypto API and
 * OpenSSL's EVP_get_digestbyname() know it by.
 */
static inline const char *mss_mdt_digest_name(const struct mss_mdt_hash *h)
{
	return h->digest_size == MSS_MDT_SHA384_SIZE ? "sha384" : "sha256";
}

/**
 * mss_mdt_legacy_key() - one of the legacy signature scheme's hash prefixes
 * @pad: %MSS_MDT_LEGACY_IPAD (with SW_ID) or %MSS_MDT_LEGACY_OPAD (HW_ID)
 * @id: the SW_ID or HW_ID of the attestation certificate
 * @out: the 8 bytes to hash before the inner or outer digest
 */
static inline void mss_mdt_legacy_key(u64 pad, u64 id, u8 out[8])
{
	u64 v = pad ^ id;
	int i;

	for (i = 7; i >= 0; i--, v >>= 8)
		out[i] = (u8)v;
}

#endif
