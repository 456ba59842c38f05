// SPDX-License-Identifier: GPL-2.0-only
/*
 * mss-fwgen - deterministic Qualcomm MDT test firmware for the simulated
 * MSS (modem subsystem) of the qcom-mss QEMU rig.
 *
 * Every byte written depends only on the command line (in particular
 * --seed), so the same invocation always produces identical files.
 *
 * Image format (the contract between this generator, the simulated modem
 * and the tests; see also README in this directory):
 *
 *   ELF32, little endian, ET_EXEC, e_machine EM_QDSP6 (164), e_flags 0x65,
 *   e_phoff 52, no section headers, e_entry = p_paddr of the first load
 *   segment.  All multi-byte fields are little endian.
 *
 *   phdr[0]  PT_NULL, p_offset 0, p_filesz = 52 + 32 * e_phnum (the ELF
 *            header plus all program headers), p_memsz 0, p_flags 7 << 24
 *            (MDT type "phdr segment").
 *   phdr[1]  the hash segment: PT_NULL, p_flags QCOM_MDT_TYPE_HASH (2 << 24,
 *            within QCOM_MDT_TYPE_MASK 7 << 24), p_offset = phdr[0].p_filesz
 *            (directly after the headers, no padding), p_filesz = p_memsz =
 *            hash segment size, p_paddr 0.
 *   phdr[2..] PT_LOAD segments, p_paddr from --base upwards, each 4 KiB
 *            aligned in the modem's address space and in the file
 *            (p_align 0x1000), p_memsz = p_filesz + --zero-fill.  With
 *            --bss a last PT_LOAD with p_filesz 0 follows.  p_flags
 *            PF_R|PF_X for the first, PF_R|PF_W for the others, plus
 *            QCOM_MDT_RELOCATABLE (BIT(27)) on every PT_LOAD with
 *            --relocatable.  Segment contents are a splitmix64 stream keyed
 *            by (seed, image kind, phdr index).
 *
 *   Hash segment:
 *     offset 0   char  magic[4] = "MSSH"
 *     offset 4   u32   version = 1
 *     offset 8   u32   count = e_phnum
 *     offset 12  u32   pad_len = --sig-pad
 *     offset 16  u8    digest[count][32]   SHA-256, one per phdr:
 *                  digest 0: of the ELF header + program headers
 *                            (file bytes [0, phdr[0].p_filesz))
 *                  digest 1 (the hash segment itself) and any other
 *                            PT_NULL entry: 32 zero bytes
 *                  PT_LOAD i: of the segment's memory image, i.e. its
 *                            p_filesz file bytes followed by
 *                            p_memsz - p_filesz zero bytes
 *     then       u8    pad[pad_len]   stands for the signature and the
 *                                     certificate chain (deterministic)
 *
 *   Metadata (what qcom_mdt_read_metadata() returns and the driver hands
 *   to the modem) = ELF header + program headers + hash segment, i.e.
 *   52 + 32 * e_phnum + 16 + 32 * e_phnum + pad_len bytes.
 *
 * Output files (in --out):
 *   split: NAME.mdt = headers + hash segment (exactly the metadata, which
 *          is how mdt_loader recognises a split image), plus NAME.bNN
 *          (NN = phdr index, two digits) holding phdr NN's p_filesz file
 *          bytes for every phdr with p_filesz > 0: b00 the headers, b01 the
 *          hash segment, b02... the load segments.  This matches the
 *          "b%02d" names 6.12's qcom_q6v5_mss.c and mdt_loader.c request.
 *   mbn:   NAME.mbn, everything in one file, each segment at its p_offset.
 *
 * --corrupt-segment N flips (XOR 0xff) the byte at p_filesz / 2 of load
 * segment N after the digests are computed: the metadata stays valid and
 * exactly digest N no longer matches.
 *
 * Exit status: 0 success, 1 I/O or crypto failure, 2 usage error.
 */

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "mss_host.h"

#define EM_QDSP6		164
#define HEXAGON_EFLAGS		0x65
#define ELF_PT_NULL		0
#define ELF_PT_LOAD		1
#define ELF_PF_X		0x1
#define ELF_PF_W		0x2
#define ELF_PF_R		0x4

#define QCOM_MDT_TYPE_MASK	(7u << 24)
#define QCOM_MDT_TYPE_PHDR	(7u << 24)
#define QCOM_MDT_TYPE_HASH	(2u << 24)
#define QCOM_MDT_RELOCATABLE	BIT(27)

#define EHDR_SIZE		52u
#define PHDR_SIZE		32u
#define HASH_HDR_SIZE		16u
#define DIGEST_SIZE		32u
#define HASH_MAGIC		"MSSH"
#define HASH_VERSION		1u

#define SEG_ALIGN		0x1000u
#define MAX_IMAGE		(64u << 20)	/* modem memory image span */
#define MAX_SIG_PAD		BIT(20)
#define MAX_PHNUM		100u		/* .bNN has two digits */
#define MAX_LOAD		(MAX_PHNUM - 2)
#define MBA_MAX_FILE		BIT(20)	/* q6v5_load() limit */
#define MBA_MAX_LOAD		2u

#define DEF_MODEM_BASE		0x8e000000ull
#define DEF_MBA_BASE		0x96500000ull
#define DEF_MODEM_SEGSIZE	(64u << 10)
#define DEF_MODEM_SEGMENTS	3u
#define DEF_MBA_SEGSIZE		(32u << 10)
#define DEF_MBA_SEGMENTS	2u
#define DEF_SIG_PAD		4096u

#define EXIT_USAGE		2

enum fmt { FMT_SPLIT = 1, FMT_MBN = 2, FMT_BOTH = 3 };

struct phdr {
	u32 type;
	u32 offset;
	u32 paddr;
	u32 filesz;
	u32 memsz;
	u32 flags;
	u32 align;
};

struct opts {
	const char *out;
	const char *name;
	int format;
	u64 seed;
	unsigned int segments;
	u64 seg_size[MAX_LOAD];
	unsigned int nr_seg_size;
	u64 total_size;
	bool have_total;
	u64 zero_fill;
	u64 bss;
	u64 base;
	bool have_base;
	bool relocatable;
	u64 sig_pad;
	bool have_sig_pad;
	int corrupt;
	bool mba;
	bool print_mdsize;
	bool verbose;
};

static const char *prog = "mss-fwgen";

static __noreturn __printf(1, 2) void usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help'.\n", prog);
	exit(EXIT_USAGE);
}

static __noreturn __printf(1, 2) void fatal(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void print_help(void)
{
	printf("Usage: %s [OPTIONS]\n"
"Write deterministic Qualcomm MDT firmware for the simulated modem.\n"
"\n"
"  --out DIR              output directory (created; required unless\n"
"                         --print-metadata-size is the only action)\n"
"  --name NAME            file base name (default modem, or mba with --mba)\n"
"  --format split|mbn|both  NAME.mdt + NAME.bNN, NAME.mbn, or both\n"
"                         (default split, or mbn with --mba)\n"
"  --seed N               content seed (default 1)\n"
"  --segments N           number of PT_LOAD segments with file data\n"
"                         (1..%u, default %u; MBA 1..%u, default %u)\n"
"  --segment-size S[,S...]  p_filesz of every segment, or one per segment\n"
"                         (default %u; MBA %u)\n"
"  --total-size S         sum of the segments' p_filesz, split evenly\n"
"  --zero-fill S          p_memsz = p_filesz + S for every load segment\n"
"  --bss S                add a last PT_LOAD with p_filesz 0, p_memsz S\n"
"  --base ADDR            p_paddr of the first segment, 4 KiB aligned\n"
"                         (default 0x%llx; MBA 0x%llx)\n"
"  --relocatable          set QCOM_MDT_RELOCATABLE on the load segments\n"
"  --sig-pad S            bytes standing for signature + certificate chain\n"
"                         at the end of the hash segment (default %u)\n"
"  --corrupt-segment N    flip a byte of phdr N (a load segment) after hashing\n"
"  --mba                  generate an MBA image (small, 1-2 segments, its\n"
"                         .mbn file at most 1 MiB)\n"
"  --print-metadata-size  print the metadata size in bytes (ELF header +\n"
"                         program headers + hash segment) on stdout\n"
"  --verbose              describe the layout on stderr\n"
"  --help                 this text\n"
"\n"
"Sizes take an optional K or M suffix (binary) or a 0x prefix.  The memory\n"
"image (first p_paddr to the end of the last segment) is limited to 64 MiB,\n"
"the signature padding to 1 MiB, program headers to %u.\n"
"Exit status: 0 success, 1 I/O failure, 2 usage error.\n",
	prog, MAX_LOAD, DEF_MODEM_SEGMENTS, MBA_MAX_LOAD, DEF_MBA_SEGMENTS,
	DEF_MODEM_SEGSIZE, DEF_MBA_SEGSIZE, DEF_MODEM_BASE, DEF_MBA_BASE,
	DEF_SIG_PAD, MAX_PHNUM);
}

/* Parse "123", "0x1f", "64K", "2M"; whole string, no sign, no overflow. */
static bool parse_u64(const char *s, u64 *val, bool allow_suffix)
{
	unsigned long long v;
	u64 mult = 1;
	char *end;

	if (!*s || *s == '-' || *s == '+' || *s == ' ')
		return false;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		return false;
	if (allow_suffix && (*end == 'K' || *end == 'k')) {
		mult = 1024;
		end++;
	} else if (allow_suffix && (*end == 'M' || *end == 'm')) {
		mult = 1024 * 1024;
		end++;
	}
	if (*end)
		return false;
	if (v > UINT64_MAX / mult)
		return false;
	*val = (u64)v * mult;
	return true;
}

static u64 opt_size(const char *opt, const char *arg)
{
	u64 v;

	if (!parse_u64(arg, &v, true))
		usage_error("%s: invalid size '%s'", opt, arg);
	return v;
}

static void parse_size_list(struct opts *o, const char *arg)
{
	char *copy = strdup(arg);
	char *tok, *save = NULL;

	if (!copy)
		fatal("out of memory");
	o->nr_seg_size = 0;
	if (!*arg || arg[strlen(arg) - 1] == ',' || arg[0] == ',' ||
	    strstr(arg, ",,"))
		usage_error("--segment-size: invalid list '%s'", arg);
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (o->nr_seg_size == MAX_LOAD)
			usage_error("--segment-size: more than %u sizes",
				    MAX_LOAD);
		o->seg_size[o->nr_seg_size++] = opt_size("--segment-size", tok);
	}
	free(copy);
}

/* splitmix64: tiny, well distributed, trivially reproducible elsewhere */
static u64 splitmix64(u64 *state)
{
	u64 z = (*state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Stream for (seed, kind, index); kind: 'M' modem, 'B' MBA, 'S' sig pad */
static void fill_stream(u8 *buf, size_t len, u64 seed, char kind,
			unsigned int index)
{
	u64 state = seed;
	u64 key = ((u64)(u8)kind << 32) | index;
	size_t i;

	state ^= splitmix64(&key);
	for (i = 0; i < len; i += 8) {
		u64 r = splitmix64(&state);
		size_t n = len - i < 8 ? len - i : 8;

		for (size_t b = 0; b < n; b++)
			buf[i + b] = (u8)(r >> (8 * b));
	}
}

static void put16(u8 *p, u16 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
}

static void put32(u8 *p, u32 v)
{
	put16(p, (u16)v);
	put16(p + 2, (u16)(v >> 16));
}

static u64 align_up(u64 v, u64 a)
{
	return (v + a - 1) & ~(a - 1);
}

static void sha256_image(const u8 *data, size_t filesz, size_t memsz,
			 u8 out[DIGEST_SIZE])
{
	static const u8 zero[4096];
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned int len = 0;
	size_t left;

	if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) ||
	    !EVP_DigestUpdate(ctx, data, filesz))
		fatal("SHA-256 failed");
	for (left = memsz > filesz ? memsz - filesz : 0; left;) {
		size_t n = left < sizeof(zero) ? left : sizeof(zero);

		if (!EVP_DigestUpdate(ctx, zero, n))
			fatal("SHA-256 failed");
		left -= n;
	}
	if (!EVP_DigestFinal_ex(ctx, out, &len) || len != DIGEST_SIZE)
		fatal("SHA-256 failed");
	EVP_MD_CTX_free(ctx);
}

static void mkdir_p(const char *dir)
{
	char *path = strdup(dir);
	char *p;

	if (!path)
		fatal("out of memory");
	for (p = path + 1; ; p++) {
		if (*p == '/' || !*p) {
			char c = *p;

			*p = '\0';
			if (mkdir(path, 0755) && errno != EEXIST)
				fatal("mkdir %s: %s", path, strerror(errno));
			*p = c;
			if (!c)
				break;
		}
	}
	free(path);
}

static void write_file(const char *dir, const char *name, const char *ext,
		       const u8 *data, size_t len)
{
	size_t plen = strlen(dir) + strlen(name) + strlen(ext) + 3;
	char *path = malloc(plen);
	FILE *f;

	if (!path)
		fatal("out of memory");
	snprintf(path, plen, "%s/%s.%s", dir, name, ext);
	f = fopen(path, "wb");
	if (!f)
		fatal("%s: %s", path, strerror(errno));
	if ((len && fwrite(data, 1, len, f) != len) || fclose(f))
		fatal("%s: write failed: %s", path, strerror(errno));
	free(path);
}

static void parse_args(struct opts *o, int argc, char **argv)
{
	enum {
		O_OUT = 256, O_NAME, O_FORMAT, O_SEED, O_SEGMENTS, O_SEGSIZE,
		O_TOTAL, O_ZERO, O_BSS, O_BASE, O_RELOC, O_SIGPAD, O_CORRUPT,
		O_MBA, O_PRINT, O_VERBOSE, O_HELP,
	};
	static const struct option longopts[] = {
		{ "out", required_argument, NULL, O_OUT },
		{ "name", required_argument, NULL, O_NAME },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "seed", required_argument, NULL, O_SEED },
		{ "segments", required_argument, NULL, O_SEGMENTS },
		{ "segment-size", required_argument, NULL, O_SEGSIZE },
		{ "total-size", required_argument, NULL, O_TOTAL },
		{ "zero-fill", required_argument, NULL, O_ZERO },
		{ "bss", required_argument, NULL, O_BSS },
		{ "base", required_argument, NULL, O_BASE },
		{ "relocatable", no_argument, NULL, O_RELOC },
		{ "sig-pad", required_argument, NULL, O_SIGPAD },
		{ "corrupt-segment", required_argument, NULL, O_CORRUPT },
		{ "mba", no_argument, NULL, O_MBA },
		{ "print-metadata-size", no_argument, NULL, O_PRINT },
		{ "verbose", no_argument, NULL, O_VERBOSE },
		{ "help", no_argument, NULL, O_HELP },
		{ NULL, 0, NULL, 0 },
	};
	u64 v;
	int c;

	memset(o, 0, sizeof(*o));
	o->seed = 1;
	o->corrupt = -1;
	opterr = 0;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case O_OUT:
			if (!*optarg)
				usage_error("--out: empty directory name");
			o->out = optarg;
			break;
		case O_NAME:
			o->name = optarg;
			break;
		case O_FORMAT:
			if (!strcmp(optarg, "split"))
				o->format = FMT_SPLIT;
			else if (!strcmp(optarg, "mbn"))
				o->format = FMT_MBN;
			else if (!strcmp(optarg, "both"))
				o->format = FMT_BOTH;
			else
				usage_error("--format: '%s' is not split, mbn or both",
					    optarg);
			break;
		case O_SEED:
			if (!parse_u64(optarg, &o->seed, false))
				usage_error("--seed: invalid number '%s'", optarg);
			break;
		case O_SEGMENTS:
			if (!parse_u64(optarg, &v, false) || v < 1 || v > MAX_LOAD)
				usage_error("--segments: '%s' is not in 1..%u",
					    optarg, MAX_LOAD);
			o->segments = (unsigned int)v;
			break;
		case O_SEGSIZE:
			parse_size_list(o, optarg);
			break;
		case O_TOTAL:
			o->total_size = opt_size("--total-size", optarg);
			o->have_total = true;
			break;
		case O_ZERO:
			o->zero_fill = opt_size("--zero-fill", optarg);
			break;
		case O_BSS:
			o->bss = opt_size("--bss", optarg);
			if (!o->bss)
				usage_error("--bss: size must be at least 1");
			break;
		case O_BASE:
			if (!parse_u64(optarg, &o->base, false))
				usage_error("--base: invalid address '%s'", optarg);
			o->have_base = true;
			break;
		case O_RELOC:
			o->relocatable = true;
			break;
		case O_SIGPAD:
			o->sig_pad = opt_size("--sig-pad", optarg);
			o->have_sig_pad = true;
			break;
		case O_CORRUPT:
			if (!parse_u64(optarg, &v, false) || v >= MAX_PHNUM)
				usage_error("--corrupt-segment: invalid index '%s'",
					    optarg);
			o->corrupt = (int)v;
			break;
		case O_MBA:
			o->mba = true;
			break;
		case O_PRINT:
			o->print_mdsize = true;
			break;
		case O_VERBOSE:
			o->verbose = true;
			break;
		case O_HELP:
			print_help();
			exit(0);
		case ':':
			usage_error("option '%s' needs an argument",
				    argv[optind - 1]);
		default:
			usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		usage_error("unexpected argument '%s'", argv[optind]);
}

static void check_args(struct opts *o, u64 *sizes)
{
	unsigned int max_load = (o->mba ? MBA_MAX_LOAD : MAX_LOAD) -
				(o->bss ? 1 : 0);
	unsigned int i;

	if (!o->name)
		o->name = o->mba ? "mba" : "modem";
	if (!*o->name || strchr(o->name, '/') || strlen(o->name) > 200 ||
	    !strcmp(o->name, ".") || !strcmp(o->name, ".."))
		usage_error("--name: '%s' must be a plain file name", o->name);
	if (!o->format)
		o->format = o->mba ? FMT_MBN : FMT_SPLIT;
	if (!o->have_base)
		o->base = o->mba ? DEF_MBA_BASE : DEF_MODEM_BASE;
	if (!o->have_sig_pad)
		o->sig_pad = DEF_SIG_PAD;
	if (!o->out && !o->print_mdsize)
		usage_error("--out DIR is required");
	if (o->have_total && o->nr_seg_size)
		usage_error("--total-size and --segment-size exclude each other");

	if (!o->segments)
		o->segments = o->nr_seg_size > 1 ? o->nr_seg_size :
			      o->mba ? DEF_MBA_SEGMENTS : DEF_MODEM_SEGMENTS;
	if (o->segments > max_load)
		usage_error("--segments: %u load segments%s is more than %u%s",
			    o->segments, o->bss ? " plus --bss" : "",
			    o->mba ? MBA_MAX_LOAD : MAX_LOAD,
			    o->mba ? " for an MBA" : "");
	if (o->nr_seg_size > 1 && o->nr_seg_size != o->segments)
		usage_error("--segment-size lists %u sizes for %u segments",
			    o->nr_seg_size, o->segments);

	for (i = 0; i < o->segments; i++) {
		if (o->have_total)
			sizes[i] = o->total_size / o->segments +
				   (i == o->segments - 1 ?
				    o->total_size % o->segments : 0);
		else if (o->nr_seg_size)
			sizes[i] = o->seg_size[o->nr_seg_size > 1 ? i : 0];
		else
			sizes[i] = o->mba ? DEF_MBA_SEGSIZE : DEF_MODEM_SEGSIZE;
		if (!sizes[i])
			usage_error("segment sizes must be at least 1 byte%s",
				    o->have_total ? " (--total-size too small)" : "");
		if (sizes[i] > MAX_IMAGE)
			usage_error("segment size %llu exceeds the 64 MiB image limit",
				    sizes[i]);
	}
	if (o->zero_fill > MAX_IMAGE)
		usage_error("--zero-fill exceeds the 64 MiB image limit");
	if (o->bss > MAX_IMAGE)
		usage_error("--bss exceeds the 64 MiB image limit");
	if (o->sig_pad > MAX_SIG_PAD)
		usage_error("--sig-pad: %llu is more than %lu bytes",
			    o->sig_pad, MAX_SIG_PAD);
	if (o->base & (SEG_ALIGN - 1))
		usage_error("--base: 0x%llx is not 4 KiB aligned", o->base);
	if (o->base > UINT32_MAX)
		usage_error("--base: 0x%llx is beyond the 32-bit address space",
			    o->base);
	if (o->corrupt >= 0 &&
	    (o->corrupt < 2 || (unsigned int)o->corrupt >= 2 + o->segments))
		usage_error("--corrupt-segment: %d is not a load segment with data (2..%u)",
			    o->corrupt, 1 + o->segments);
}

int main(int argc, char **argv)
{
	u64 sizes[MAX_LOAD];
	struct phdr ph[MAX_PHNUM];
	struct opts o;
	u64 hdr_size, hash_size, mdsize, off, addr, span, image_size;
	unsigned int phnum, nload, i;
	u8 *img, *hash;

	parse_args(&o, argc, argv);
	check_args(&o, sizes);

	nload = o.segments + (o.bss ? 1 : 0);
	phnum = 2 + nload;
	hdr_size = EHDR_SIZE + (u64)PHDR_SIZE * phnum;
	hash_size = HASH_HDR_SIZE + (u64)DIGEST_SIZE * phnum + o.sig_pad;
	mdsize = hdr_size + hash_size;

	/* Layout */
	memset(ph, 0, sizeof(ph));
	ph[0].type = ELF_PT_NULL;
	ph[0].filesz = (u32)hdr_size;
	ph[0].flags = QCOM_MDT_TYPE_PHDR;
	ph[1].type = ELF_PT_NULL;
	ph[1].offset = (u32)hdr_size;
	ph[1].filesz = (u32)hash_size;
	ph[1].memsz = (u32)hash_size;
	ph[1].flags = QCOM_MDT_TYPE_HASH;
	ph[1].align = SEG_ALIGN;

	off = mdsize;
	addr = o.base;
	for (i = 0; i < nload; i++) {
		struct phdr *p = &ph[2 + i];
		bool bss = i == o.segments;

		p->type = ELF_PT_LOAD;
		p->filesz = bss ? 0 : (u32)sizes[i];
		p->memsz = bss ? (u32)o.bss :
			   (u32)(sizes[i] + o.zero_fill);
		off = align_up(off, SEG_ALIGN);
		p->offset = (u32)off;
		off += p->filesz;
		addr = align_up(addr, SEG_ALIGN);
		p->paddr = (u32)addr;
		addr += p->memsz;
		p->flags = ELF_PF_R | (i ? ELF_PF_W : ELF_PF_X);
		if (o.relocatable)
			p->flags |= QCOM_MDT_RELOCATABLE;
		p->align = SEG_ALIGN;
		/* bail out early: each step stays far from 32-bit overflow */
		span = align_up(addr, SEG_ALIGN) - o.base;
		if (span > MAX_IMAGE)
			usage_error("memory image of %llu+ bytes exceeds the 64 MiB limit",
				    span);
	}
	if (align_up(addr, SEG_ALIGN) > (u64)UINT32_MAX + 1)
		usage_error("--base: image end 0x%llx is beyond the 32-bit address space",
			    addr);
	image_size = off;
	if (o.mba && (o.format & FMT_MBN) && image_size > MBA_MAX_FILE)
		usage_error("MBA file of %llu bytes exceeds the 1 MiB limit",
			    image_size);

	if (o.print_mdsize)
		printf("%llu\n", mdsize);
	if (!o.out)
		return 0;

	img = calloc(1, image_size);
	if (!img)
		fatal("out of memory (%llu bytes)", image_size);

	/* ELF header */
	memcpy(img, "\177ELF", 4);
	img[4] = 1;		/* ELFCLASS32 */
	img[5] = 1;		/* ELFDATA2LSB */
	img[6] = 1;		/* EV_CURRENT */
	put16(img + 16, 2);	/* ET_EXEC */
	put16(img + 18, EM_QDSP6);
	put32(img + 20, 1);
	put32(img + 24, ph[2].paddr);
	put32(img + 28, EHDR_SIZE);
	put32(img + 32, 0);
	put32(img + 36, HEXAGON_EFLAGS);
	put16(img + 40, EHDR_SIZE);
	put16(img + 42, PHDR_SIZE);
	put16(img + 44, (u16)phnum);
	for (i = 0; i < phnum; i++) {
		u8 *p = img + EHDR_SIZE + PHDR_SIZE * i;

		put32(p + 0, ph[i].type);
		put32(p + 4, ph[i].offset);
		put32(p + 8, ph[i].paddr);	/* p_vaddr */
		put32(p + 12, ph[i].paddr);
		put32(p + 16, ph[i].filesz);
		put32(p + 20, ph[i].memsz);
		put32(p + 24, ph[i].flags);
		put32(p + 28, ph[i].align);
	}

	/* Segment contents */
	for (i = 2; i < phnum; i++)
		fill_stream(img + ph[i].offset, ph[i].filesz, o.seed,
			    o.mba ? 'B' : 'M', i);

	/* Hash segment */
	hash = img + hdr_size;
	memcpy(hash, HASH_MAGIC, 4);
	put32(hash + 4, HASH_VERSION);
	put32(hash + 8, phnum);
	put32(hash + 12, (u32)o.sig_pad);
	sha256_image(img, hdr_size, hdr_size, hash + HASH_HDR_SIZE);
	for (i = 2; i < phnum; i++)
		sha256_image(img + ph[i].offset, ph[i].filesz, ph[i].memsz,
			     hash + HASH_HDR_SIZE + DIGEST_SIZE * i);
	fill_stream(hash + HASH_HDR_SIZE + DIGEST_SIZE * phnum, o.sig_pad,
		    o.seed, 'S', 0);

	if (o.corrupt >= 0)
		img[ph[o.corrupt].offset + ph[o.corrupt].filesz / 2] ^= 0xff;

	mkdir_p(o.out);
	if (o.format & FMT_SPLIT) {
		write_file(o.out, o.name, "mdt", img, mdsize);
		for (i = 0; i < phnum; i++) {
			char ext[16];

			if (!ph[i].filesz)
				continue;
			snprintf(ext, sizeof(ext), "b%02u", i);
			write_file(o.out, o.name, ext, img + ph[i].offset,
				   ph[i].filesz);
		}
	}
	if (o.format & FMT_MBN)
		write_file(o.out, o.name, "mbn", img, image_size);

	if (o.verbose) {
		fprintf(stderr,
			"%s: %s/%s: %u phdrs, metadata %llu bytes, file image %llu bytes\n",
			prog, o.out, o.name, phnum, mdsize, image_size);
		for (i = 0; i < phnum; i++)
			fprintf(stderr,
				"  [%2u] %-4s off 0x%08x paddr 0x%08x filesz 0x%08x memsz 0x%08x flags 0x%08x\n",
				i, ph[i].type == ELF_PT_LOAD ? "LOAD" : "NULL",
				ph[i].offset, ph[i].paddr, ph[i].filesz,
				ph[i].memsz, ph[i].flags);
	}
	free(img);
	return 0;
}
