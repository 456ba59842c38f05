// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated Qualcomm modem subsystem: the image formats the simulated PBL
 * and MBA check, and nothing else knows.  An image (the MBA .mbn, or the
 * modem metadata: ELF header, program headers and hash segment) is a
 * little-endian ELF32 whose program header 0 covers the headers and whose
 * hash segment holds a digest for every program header; the simulator's
 * hash segment is a 16-byte "MSSH" header followed by one SHA-256 per
 * program header.  Callers parse an image in steps as they map more of it
 * (ELF header, program headers, hash segment), then walk its segments and
 * verify digests through this API.
 */

#include <crypto/sha2.h>
#include <linux/build_bug.h>
#include <linux/device.h>
#include <linux/elf.h>
#include <linux/minmax.h>
#include <linux/sched.h>
#include <linux/soc/qcom/mdt_loader.h>
#include <linux/string.h>

#include "mss_sim.h"

#define SIM_MAX_PHNUM		100
#define SIM_HASH_HDR		16
#define SIM_DIGEST		SHA256_DIGEST_SIZE

static_assert(sizeof(struct elf32_hdr) == SIM_IMAGE_EHDR_SIZE);

static void sim_sha_update(struct sha256_state *st, const u8 *p, size_t len)
{
	while (len) {
		unsigned int n = min_t(size_t, len, SZ_1M);

		sha256_update(st, p, n);
		p += n;
		len -= n;
		if (len)
			cond_resched();
	}
}

static void sim_sha_zeros(struct sha256_state *st, size_t len)
{
	static const u8 zeros[256];

	while (len) {
		unsigned int n = min_t(size_t, len, sizeof(zeros));

		sha256_update(st, zeros, n);
		len -= n;
	}
}

/* SHA-256 of @p[0..@len) with byte @flip inverted (no flip if >= @len) */
static void sim_sha_flip(struct sha256_state *st, const u8 *p, size_t len,
			 size_t flip)
{
	u8 b;

	if (flip >= len) {
		sim_sha_update(st, p, len);
		return;
	}
	b = p[flip] ^ 0xff;
	sim_sha_update(st, p, flip);
	sha256_update(st, &b, 1);
	sim_sha_update(st, p + flip + 1, len - flip - 1);
}

/**
 * sim_image_parse_ehdr() - check an image's ELF header
 * @sim: the simulator (for messages)
 * @buf: the start of the image
 * @len: bytes at @buf, at least %SIM_IMAGE_EHDR_SIZE
 * @what: the image's name in messages
 * @img: the parsed image; on success @img->phnum and @img->hdr_size are
 *	set, and the caller maps @img->hdr_size bytes for the next step
 *
 * Return: 0, or %SIM_ERR_FORMAT.
 */
int sim_image_parse_ehdr(struct mss_sim *sim, const void *buf, size_t len,
			 const char *what, struct sim_image *img)
{
	const struct elf32_hdr *eh = buf;

	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS32 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB) {
		dev_err(sim->dev, "%s: not a little-endian ELF32 image\n", what);
		return SIM_ERR_FORMAT;
	}
	if (eh->e_phoff != sizeof(*eh) ||
	    eh->e_phentsize != sizeof(struct elf32_phdr) ||
	    !eh->e_phnum || eh->e_phnum > SIM_MAX_PHNUM) {
		dev_err(sim->dev, "%s: bad program header table (off %u, entsize %u, num %u)\n",
			what, eh->e_phoff, eh->e_phentsize, eh->e_phnum);
		return SIM_ERR_FORMAT;
	}

	img->phnum = eh->e_phnum;
	img->hdr_size = sizeof(*eh) + img->phnum * sizeof(struct elf32_phdr);
	img->ph = NULL;
	img->digests = NULL;

	return 0;
}

/**
 * sim_image_parse_phdrs() - check an image's program headers
 * @sim: the simulator (for messages)
 * @buf: the start of the image
 * @len: bytes at @buf
 * @what: the image's name in messages
 * @img: the image, after sim_image_parse_ehdr(); on success it points
 *	into @buf, and @img->hash_offset and @img->hash_size locate the hash
 *	segment in the file
 *
 * Return: 0, %SIM_ERR_RANGE if @len does not cover the headers, or
 * %SIM_ERR_FORMAT.
 */
int sim_image_parse_phdrs(struct mss_sim *sim, const void *buf, size_t len,
			  const char *what, struct sim_image *img)
{
	const struct elf32_phdr *ph;
	unsigned int i;

	if (len < img->hdr_size)
		return SIM_ERR_RANGE;
	ph = buf + sizeof(struct elf32_hdr);
	img->ph = ph;
	img->digests = NULL;

	if (ph[0].p_type != PT_NULL || ph[0].p_filesz != img->hdr_size) {
		dev_err(sim->dev, "%s: phdr 0 does not cover the headers\n",
			what);
		return SIM_ERR_FORMAT;
	}

	for (i = 1; i < img->phnum; i++)
		if ((ph[i].p_flags & QCOM_MDT_TYPE_MASK) == QCOM_MDT_TYPE_HASH)
			break;
	if (i == img->phnum) {
		dev_err(sim->dev, "%s: no hash segment\n", what);
		return SIM_ERR_FORMAT;
	}
	img->hash_offset = ph[i].p_offset;
	img->hash_size = ph[i].p_filesz;

	if (ph[i].p_filesz < SIM_HASH_HDR + img->phnum * SIM_DIGEST ||
	    ph[i].p_filesz > SIM_MDATA_MAX) {
		dev_err(sim->dev, "%s: hash segment of %u bytes for %u headers\n",
			what, ph[i].p_filesz, img->phnum);
		return SIM_ERR_FORMAT;
	}

	for (i = 0; i < img->phnum; i++) {
		if (ph[i].p_type == PT_LOAD && ph[i].p_filesz > ph[i].p_memsz) {
			dev_err(sim->dev, "%s: phdr %u p_filesz > p_memsz\n",
				what, i);
			return SIM_ERR_FORMAT;
		}
	}

	return 0;
}

/**
 * sim_image_parse_hash() - check an image's hash segment
 * @sim: the simulator (for messages)
 * @img: the image, after sim_image_parse_phdrs()
 * @hs: the hash segment's @img->hash_size bytes
 * @what: the image's name in messages
 *
 * On success @img points to the digest table in @hs, for
 * sim_image_verify().
 *
 * Return: 0, or %SIM_ERR_FORMAT.
 */
int sim_image_parse_hash(struct mss_sim *sim, struct sim_image *img,
			 const u8 *hs, const char *what)
{
	size_t len = img->hash_size;
	u32 version, count, pad;

	memcpy(&version, hs + 4, 4);
	memcpy(&count, hs + 8, 4);
	memcpy(&pad, hs + 12, 4);
	version = le32_to_cpu((__force __le32)version);
	count = le32_to_cpu((__force __le32)count);
	pad = le32_to_cpu((__force __le32)pad);

	if (memcmp(hs, "MSSH", 4) || version != 1 || count != img->phnum ||
	    pad > len || SIM_HASH_HDR + (size_t)count * SIM_DIGEST != len - pad) {
		dev_err(sim->dev, "%s: bad hash segment header (version %u, count %u for %u headers, pad %u, size %zu)\n",
			what, version, count, img->phnum, pad, len);
		return SIM_ERR_FORMAT;
	}
	img->digests = hs + SIM_HASH_HDR;

	return 0;
}

/**
 * sim_image_extent() - how many file bytes the image's segments span
 * @img: the image, after sim_image_parse_phdrs()
 *
 * Return: the largest p_offset + p_filesz over the program headers.
 */
size_t sim_image_extent(const struct sim_image *img)
{
	size_t extent = 0;
	unsigned int i;

	for (i = 0; i < img->phnum; i++) {
		const struct elf32_phdr *ph = &img->ph[i];

		if (ph->p_filesz && (u64)ph->p_offset + ph->p_filesz > extent)
			extent = (u64)ph->p_offset + ph->p_filesz;
	}

	return extent;
}

/**
 * sim_image_segment() - describe a loadable segment
 * @img: the image, after sim_image_parse_phdrs()
 * @i: program header index, below @img->phnum
 * @seg: filled in when the program header is a loadable segment
 *
 * Loadable segments are the PT_LOAD entries with memory, other than the
 * hash segment; they are the ones that have digests to check.
 *
 * Return: true if program header @i is a loadable segment.
 */
bool sim_image_segment(const struct sim_image *img, unsigned int i,
		       struct sim_image_seg *seg)
{
	const struct elf32_phdr *ph = &img->ph[i];

	if (ph->p_type != PT_LOAD ||
	    (ph->p_flags & QCOM_MDT_TYPE_MASK) == QCOM_MDT_TYPE_HASH ||
	    !ph->p_memsz)
		return false;

	seg->offset = ph->p_offset;
	seg->filesz = ph->p_filesz;
	seg->memsz = ph->p_memsz;
	seg->paddr = ph->p_paddr;
	seg->reloc = ph->p_flags & QCOM_MDT_RELOCATABLE;

	return true;
}

/**
 * sim_image_verify() - check data against a digest of the hash segment
 * @img: the image, after sim_image_parse_hash()
 * @i: program header index whose digest to check (0: the headers)
 * @data: the bytes
 * @len: how many
 * @zeros: zero bytes that follow @data (a segment's p_memsz - p_filesz)
 * @flip: index of a byte of @data that is read inverted (the corrupt_read
 *	knob), or %SIZE_MAX
 *
 * Return: 0 if the digest matches, %SIM_ERR_HASH otherwise.
 */
int sim_image_verify(const struct sim_image *img, unsigned int i,
		     const void *data, size_t len, size_t zeros, size_t flip)
{
	u8 digest[SIM_DIGEST];
	struct sha256_state st;

	sha256_init(&st);
	sim_sha_flip(&st, data, len, flip);
	sim_sha_zeros(&st, zeros);
	sha256_final(&st, digest);

	return memcmp(digest, img->digests + i * SIM_DIGEST, SIM_DIGEST) ?
	       SIM_ERR_HASH : 0;
}
