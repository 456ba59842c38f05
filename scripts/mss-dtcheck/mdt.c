// SPDX-License-Identifier: GPL-2.0-only
/*
 * mss-dtcheck: the two numbers the DT must make room for, read from a
 * modem firmware image (.mdt with .bNN segments, or a single .mbn).
 *
 * The format, its checks, the hash segment and the metadata size are the
 * driver's: drivers/remoteproc/qcom_mss_mdt.h (mss_mdt_parse_headers(),
 * mss_mdt_hash_offset(), mss_mdt_is_loadable()), as 6.12's mdt_loader.c
 * reads images.  Metadata = program header 0 (the ELF header + program
 * headers) followed by the hash segment, found in the .mdt/.mbn or, for
 * a split image, in the .bNN file next to it.
 *
 * Load footprint (qcom_q6v5_mss.c, q6v5_mpss_load()): from the lowest
 * p_paddr to the highest p_paddr + p_memsz rounded up to 4 KiB, over the
 * loadable segments.
 *
 * Everything is bounds checked; a malformed image is an error (exit 2).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dtcheck.h"
#include "qcom_mss_mdt.h"

#define EHDR_SIZE	sizeof(struct elf32_hdr)
#define PHDR_SIZE	sizeof(struct elf32_phdr)
/* e_phnum is 16 bits: the program headers never exceed this */
#define MAX_HDRS	(EHDR_SIZE + 65535u * PHDR_SIZE)

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
	u64 min_addr = UINT64_MAX, max_addr = 0;
	struct mss_mdt_image img;
	const char *why;
	unsigned int i;
	s64 hoff;

	if (mss_mdt_parse_headers(buf, len, file_size, &img, &why))
		return ferr(err, errlen, "%s", why);
	fw->hash_index = img.hash;
	fw->ehdr_size = img.ehdr_size;
	fw->hash_size = img.hash_size;
	fw->mdata_size = img.metadata_size;

	free(fw->hash_where);
	fw->hash_where = NULL;
	hoff = mss_mdt_hash_offset(&img, file_size);
	if (hoff >= 0 && img.metadata_size == file_size)
		fw->hash_where = xstrdup("packed after the headers");
	else if (hoff >= 0)
		fw->hash_where = xasprintf("at offset 0x%llx", (u64)hoff);

	for (i = 0; i < img.phnum; i++) {
		const struct elf32_phdr *p = &img.phdrs[i];
		u64 end = (u64)p->p_paddr + p->p_memsz;

		if (!mss_mdt_is_loadable(p))
			continue;
		if (end > UINT32_MAX + 1ULL)
			return ferr(err, errlen,
				    "segment %u [0x%x+0x%x] wraps the 32-bit address space",
				    i, p->p_paddr, p->p_memsz);
		if (p->p_paddr < min_addr)
			min_addr = p->p_paddr;
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
		char *seg = xasprintf("%s", path);
		struct stat sst;

		if (mss_mdt_split_name(seg, strlen(seg), fw->hash_index)) {
			free(seg);
			free(buf);
			return ferr(err, errlen, "%s: name too short for a split segment", path);
		}
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
