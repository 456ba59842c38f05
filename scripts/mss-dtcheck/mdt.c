// SPDX-License-Identifier: GPL-2.0-only
/*
 * mss-dtcheck: the two numbers the DT must make room for, read from a
 * modem firmware image (.mdt with .bNN segments, or a single .mbn).
 *
 * Metadata (drivers/soc/qcom/mdt_loader.c, qcom_mdt_read_metadata()):
 * program header 0 (the ELF header + program headers, p_filesz bytes)
 * followed by the hash segment, the first program header after 0 whose
 * p_flags & QCOM_MDT_TYPE_MASK == QCOM_MDT_TYPE_HASH.  The hash is packed
 * right after the headers when the file is exactly that long, else at its
 * p_offset when that lies in the file, else in the .bNN file next to it.
 *
 * Load footprint (qcom_q6v5_mss.c, q6v5_mpss_load()): from the lowest
 * p_paddr to the highest p_paddr + p_memsz rounded up to 4 KiB, over the
 * PT_LOAD, non-hash, non-empty segments.
 *
 * Everything is bounds checked; a malformed image is an error (exit 2).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dtcheck.h"

#define EHDR_SIZE	52
#define PHDR_SIZE	32
#define SHDR_SIZE	40
#define PT_LOAD		1
#define MDT_TYPE_MASK	(7u << 24)
#define MDT_TYPE_HASH	(2u << 24)
/* e_phnum is 16 bits: the program headers never exceed this */
#define MAX_HDRS	(EHDR_SIZE + 65535u * PHDR_SIZE)

static u16 le16(const u8 *p)
{
	return (u16)(p[0] | p[1] << 8);
}

static u32 le32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 |
	       (u32)p[3] << 24;
}

static int ferr(char *err, size_t errlen, const char *fmt, ...)
	__printf(3, 4);

static int ferr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * @buf holds the first @len bytes of a file of @file_size bytes; it must
 * cover the ELF and program headers.  Fills everything but the hash
 * location when the hash lies beyond the file (hash_where == NULL).
 */
int mdt_parse_buf(const u8 *buf, size_t len, u64 file_size,
		  struct firmware_info *fw, char *err, size_t errlen)
{
	u32 phoff, shoff;
	u16 phentsize, phnum, shentsize, shnum;
	u64 phend, min_addr = UINT64_MAX, max_addr = 0;
	const u8 *ph;
	unsigned int i, hash = 0;

	if (len > file_size)
		return ferr(err, errlen, "internal: buffer larger than file");
	if (len < EHDR_SIZE)
		return ferr(err, errlen, "%llu bytes: too short for an ELF header", file_size);
	if (memcmp(buf, "\177ELF", 4))
		return ferr(err, errlen, "not an ELF file (bad magic)");
	if (buf[4] != 1)
		return ferr(err, errlen, "not ELF32 (EI_CLASS %u)", buf[4]);
	if (buf[5] != 1)
		return ferr(err, errlen, "not little-endian (EI_DATA %u)", buf[5]);
	phoff = le32(buf + 28);
	shoff = le32(buf + 32);
	phentsize = le16(buf + 42);
	phnum = le16(buf + 44);
	shentsize = le16(buf + 46);
	shnum = le16(buf + 48);
	if (phentsize != PHDR_SIZE)
		return ferr(err, errlen, "e_phentsize %u, expected %u", phentsize, PHDR_SIZE);
	phend = (u64)phoff + (u64)phnum * PHDR_SIZE;
	if (phend > file_size)
		return ferr(err, errlen, "program headers end at %llu, past the file's %llu bytes",
			    phend, file_size);
	if (phend > len)
		return ferr(err, errlen, "internal: program headers not read");
	if (shentsize || shnum) {
		u64 shend = (u64)shoff + (u64)shnum * SHDR_SIZE;

		if (shentsize != SHDR_SIZE)
			return ferr(err, errlen, "e_shentsize %u, expected %u",
				    shentsize, SHDR_SIZE);
		if (shend > file_size)
			return ferr(err, errlen, "section headers end at %llu, past the file",
				    shend);
	}
	if (phnum < 2)
		return ferr(err, errlen, "%u program headers; metadata needs at least 2", phnum);
	ph = buf + phoff;
	if (le32(ph) == PT_LOAD)
		return ferr(err, errlen,
			    "program header 0 is PT_LOAD; expected the ELF header segment");
	for (i = 1; i < phnum; i++) {
		if ((le32(ph + i * PHDR_SIZE + 24) & MDT_TYPE_MASK) == MDT_TYPE_HASH) {
			hash = i;
			break;
		}
	}
	if (!hash)
		return ferr(err, errlen, "no hash segment (p_flags & 0x%x == 0x%x)",
			    MDT_TYPE_MASK, MDT_TYPE_HASH);
	fw->hash_index = hash;
	fw->ehdr_size = le32(ph + 16);			/* phdr[0].p_filesz */
	fw->hash_size = le32(ph + hash * PHDR_SIZE + 16);
	fw->mdata_size = fw->ehdr_size + fw->hash_size;
	if (fw->ehdr_size < phend)
		return ferr(err, errlen,
			    "header segment (%llu bytes) does not cover the program headers (%llu)",
			    fw->ehdr_size, phend);
	if (fw->ehdr_size > file_size)
		return ferr(err, errlen, "header segment (%llu bytes) is longer than the file",
			    fw->ehdr_size);
	if (!fw->hash_size)
		return ferr(err, errlen, "hash segment %u is empty", hash);

	free(fw->hash_where);
	fw->hash_where = NULL;
	if (fw->mdata_size == file_size) {
		fw->hash_where = xstrdup("packed after the headers");
	} else {
		u64 hoff = le32(ph + hash * PHDR_SIZE + 4);

		if (hoff + fw->hash_size <= file_size)
			fw->hash_where = xasprintf("at offset 0x%llx", hoff);
	}

	for (i = 0; i < phnum; i++) {
		const u8 *p = ph + i * PHDR_SIZE;
		u64 paddr = le32(p + 12), memsz = le32(p + 20);
		u32 flags = le32(p + 24);
		u64 end;

		if (le32(p) != PT_LOAD || (flags & MDT_TYPE_MASK) == MDT_TYPE_HASH || !memsz)
			continue;
		end = paddr + memsz;
		if (end > UINT32_MAX + 1ULL)
			return ferr(err, errlen,
				    "segment %u [0x%llx+0x%llx] wraps the 32-bit address space",
				    i, paddr, memsz);
		if (paddr < min_addr)
			min_addr = paddr;
		end = (end + 0xfff) & ~0xfffULL;
		if (end > max_addr)
			max_addr = end;
	}
	if (min_addr >= max_addr)
		return ferr(err, errlen, "no loadable segment");
	fw->min_addr = min_addr;
	fw->max_addr = max_addr;
	fw->footprint = max_addr - min_addr;
	return 0;
}

int mdt_parse(const char *path, struct firmware_info *fw, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	u8 *buf;
	size_t want, got;
	int ret;

	memset(fw, 0, sizeof(*fw));
	if (!f)
		return ferr(err, errlen, "%s: %s", path, strerror(errno));
	if (fstat(fileno(f), &st) || !S_ISREG(st.st_mode)) {
		fclose(f);
		return ferr(err, errlen, "%s: not a regular file", path);
	}
	/* The headers lie in the first MAX_HDRS + phoff bytes; phoff is 32 bits */
	want = (u64)st.st_size < (u64)MAX_HDRS + UINT32_MAX ?
	       (size_t)st.st_size : (size_t)MAX_HDRS + UINT32_MAX;
	if (want > 64u * 1024 * 1024) {
		/* Large .mbn: read the ELF header to learn where the phdrs are */
		u8 eh[EHDR_SIZE];

		if (fread(eh, 1, sizeof(eh), f) != sizeof(eh)) {
			fclose(f);
			return ferr(err, errlen, "%s: short read", path);
		}
		want = (size_t)le32(eh + 28) + MAX_HDRS;
		if ((u64)want > (u64)st.st_size)
			want = (size_t)st.st_size;
		rewind(f);
	}
	buf = xmalloc(want);
	got = fread(buf, 1, want, f);
	fclose(f);
	if (got != want) {
		free(buf);
		return ferr(err, errlen, "%s: short read", path);
	}
	ret = mdt_parse_buf(buf, want, (u64)st.st_size, fw, err, errlen);
	if (ret) {
		char tmp[512];

		snprintf(tmp, sizeof(tmp), "%s: %s", path, err);
		snprintf(err, errlen, "%s", tmp);
		free(buf);
		return ret;
	}
	if (!fw->hash_where) {
		/* mdt_load_split_segment(): the name's last 3 chars become bNN */
		size_t pl = strlen(path);
		struct stat sst;
		char *seg;

		if (pl < 4) {
			free(buf);
			return ferr(err, errlen, "%s: name too short for a split segment", path);
		}
		seg = xasprintf("%.*sb%02u", (int)(pl - 3), path, fw->hash_index);
		if (stat(seg, &sst)) {
			ferr(err, errlen,
			     "%s: hash segment %u is beyond the file and %s is missing",
			     path, fw->hash_index, seg);
			free(seg);
			free(buf);
			return -1;
		}
		if ((u64)sst.st_size != fw->hash_size) {
			ferr(err, errlen, "%s: %s has %lld bytes, the hash segment %llu",
			     path, seg, (long long)sst.st_size, fw->hash_size);
			free(seg);
			free(buf);
			return -1;
		}
		fw->hash_where = seg;
	}
	free(buf);
	fw->path = xstrdup(path);
	return 0;
}

void firmware_info_free(struct firmware_info *fw)
{
	free(fw->path);
	free(fw->hash_where);
	memset(fw, 0, sizeof(*fw));
}
