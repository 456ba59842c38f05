// SPDX-License-Identifier: GPL-2.0-only
/*
 * mss-fwgen - deterministic Qualcomm MDT test firmware for the simulated
 * MSS (modem subsystem) of the qcom-mss QEMU rig.
 *
 * Every byte written depends only on the command line (in particular
 * --seed), so the same invocation always produces identical files.
 *
 * Image format: real Qualcomm MDT images as drivers/remoteproc/qcom_mss_mdt.h
 * defines them (the header every user of the format includes), laid out
 * like the linux-firmware MSS images; see also README in this directory.
 *
 *   ELF32, little endian, ET_EXEC, e_machine EM_QDSP6 (164), e_flags 0x65,
 *   e_phoff 52, e_shentsize 40 but no section headers, e_entry = p_paddr
 *   of the first load segment.
 *
 *   phdr[0]  PT_NULL, p_offset 0, p_filesz = 52 + 32 * e_phnum (the ELF
 *            header plus all program headers), p_memsz 0, p_flags
 *            MSS_MDT_FLAGS_PHDR (0x07000000).
 *   phdr[1]  the hash segment: PT_NULL, p_flags MSS_MDT_FLAGS_HASH
 *            (0x02200000), p_offset 0x1000 (4 KiB after the file start),
 *            p_filesz its size, p_memsz that rounded up to 4 KiB, p_paddr
 *            the 4 KiB-aligned end of the load segments.
 *   phdr[2..] PT_LOAD segments, p_paddr from --base upwards, each 4 KiB
 *            aligned in the modem's address space and in the file
 *            (p_align 0x1000), p_memsz = p_filesz + --zero-fill.  With
 *            --bss a last PT_LOAD with p_filesz 0 follows.  p_flags
 *            PF_R|PF_X for the first, PF_R|PF_W for the others, plus
 *            MSS_MDT_RELOCATABLE (BIT(27)) on every PT_LOAD with
 *            --relocatable.  Segment contents are a splitmix64 stream keyed
 *            by (seed, image kind, phdr index).
 *
 *   Hash segment, version 3 (default), 5 or 6 (--hash-version): header,
 *   [v6: 120 zero bytes of OEM metadata], one digest per program header
 *   (SHA-256; SHA-384 for v6) of its p_filesz file bytes, zero for the
 *   hash segment and the --bss segment, then --sig-pad bytes: the
 *   signature and the certificate chain area.  Unsigned, the signature is
 *   empty and the chain area all 0xff; with --sign DIR the leaf, CA and
 *   root certificates of DIR (mk-test-ca.sh) fill the chain area (0xff
 *   padded) and the RSA signature over the header and table follows the
 *   legacy scheme (default; apq8016/apq8096) or pss (sdm845).
 *
 *   Metadata (what qcom_mdt_read_metadata() returns and the driver hands
 *   to the modem) = ELF header + program headers + hash segment, i.e.
 *   52 + 32 * e_phnum + header (40; v6 48 + 120) + digest size * e_phnum +
 *   --sig-pad bytes.
 *
 * Output files (in --out):
 *   split: NAME.mdt = headers + hash segment packed (exactly the metadata,
 *          which is how mdt_loader recognises a split image), plus NAME.bNN
 *          (NN = phdr index, two digits) holding phdr NN's p_filesz file
 *          bytes for every phdr with p_filesz > 0: b00 the headers, b01 the
 *          hash segment, b02... the load segments.  This matches the
 *          "b%02d" names 6.12's qcom_q6v5_mss.c and mdt_loader.c request.
 *   mbn:   NAME.mbn, everything in one file, each segment at its p_offset.
 *
 * --corrupt-segment N flips (XOR 0xff) the byte at p_filesz / 2 of load
 * segment N after the digests are computed: the metadata stays valid and
 * exactly digest N no longer matches.  --corrupt-signature flips the
 * middle byte of the signature: the digests match, the signature fails.
 *
 * Everything is deterministic except a pss signature (random salt).
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
#include <openssl/core_names.h>
#include <openssl/decoder.h>

#include "mdt-sign.h"
#include "mss_host.h"
#include "qcom_mss_mdt.h"

#define EM_QDSP6		164
#define HEXAGON_EFLAGS		0x65
#define ELF_PF_X		0x1
#define ELF_PF_W		0x2
#define ELF_PF_R		0x4

#define EHDR_SIZE		((u32)sizeof(struct elf32_hdr))
#define PHDR_SIZE		((u32)sizeof(struct elf32_phdr))
#define HASH_OFFSET		0x1000u	/* where real images put it */

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
#define DEF_SIG_PAD		6400u	/* real images: 256 + 6144 */

#define EXIT_USAGE		2

enum fmt { FMT_SPLIT = 1, FMT_MBN = 2, FMT_BOTH = 3 };

/* What --sign DIR provides */
struct signer {
	EVP_PKEY *key;
	u8 *chain;		/* leaf, CA and root DER back to back */
	size_t chain_len;
	u64 sw_id, hw_id;
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
	unsigned int hash_version;
	const char *sign_dir;
	enum mdt_scheme scheme;
	bool have_scheme;
	bool corrupt_sig;
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
"  --hash-version 3|5|6   hash segment header version (default 3; 6 uses\n"
"                         SHA-384 digests)\n"
"  --sig-pad S            signature + certificate chain bytes at the end of\n"
"                         the hash segment (default %u)\n"
"  --sign DIR             sign with mk-test-ca.sh's chain in DIR\n"
"  --sign-scheme legacy|pss  signature scheme (default legacy)\n"
"  --corrupt-segment N    flip a byte of phdr N (a load segment) after hashing\n"
"  --corrupt-signature    flip a byte of the signature (needs --sign)\n"
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

static u64 align_up(u64 v, u64 a)
{
	return (v + a - 1) & ~(a - 1);
}

static void digest_or_die(const EVP_MD *md, const u8 *data, size_t len, u8 *out)
{
	if (mdt_digest(md, data, len, out))
		fatal("digest failed");
}

static u8 *slurp(const char *dir, const char *name, size_t *len)
{
	size_t plen = strlen(dir) + strlen(name) + 2;
	char *path = malloc(plen);
	struct stat st;
	u8 *buf;
	FILE *f;

	if (!path)
		fatal("out of memory");
	snprintf(path, plen, "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f || fstat(fileno(f), &st))
		fatal("%s: %s", path, strerror(errno));
	*len = (size_t)st.st_size;
	buf = malloc(*len ? *len : 1);
	if (!buf || fread(buf, 1, *len, f) != *len)
		fatal("%s: read failed", path);
	fclose(f);
	free(path);
	return buf;
}

/* DIR/attest-{mba,modem}.der, ca.der, root.der and attest.key */
static void load_signer(const struct opts *o, struct signer *sg)
{
	static const char *const certs[] = { NULL, "ca.der", "root.der" };
	u64 want = o->mba ? MSS_MDT_SW_ID_MBA : MSS_MDT_SW_ID_MODEM;
	OSSL_DECODER_CTX *dctx;
	const unsigned char *p;
	size_t len, i;
	X509 *leaf;
	FILE *f;
	char *path;
	u8 *der;

	sg->chain = NULL;
	sg->chain_len = 0;
	for (i = 0; i < ARRAY_SIZE(certs); i++) {
		der = slurp(o->sign_dir, certs[i] ? certs[i] :
			    o->mba ? "attest-mba.der" : "attest-modem.der",
			    &len);
		p = der;
		leaf = d2i_X509(NULL, &p, (long)len);
		if (!leaf || p != der + len)
			fatal("%s: certificate %zu is not one DER certificate",
			      o->sign_dir, i);
		if (!i) {
			if (mdt_cert_ids(leaf, &sg->sw_id, &sg->hw_id))
				fatal("%s: leaf has no SW_ID/HW_ID OU fields",
				      o->sign_dir);
			if (sg->sw_id != want)
				fatal("%s: leaf SW_ID 0x%llx, an %s needs 0x%llx",
				      o->sign_dir, sg->sw_id,
				      o->mba ? "MBA" : "modem", want);
		}
		X509_free(leaf);
		sg->chain = realloc(sg->chain, sg->chain_len + len);
		if (!sg->chain)
			fatal("out of memory");
		memcpy(sg->chain + sg->chain_len, der, len);
		sg->chain_len += len;
		free(der);
	}

	len = strlen(o->sign_dir) + sizeof("/attest.key");
	path = malloc(len);
	if (!path)
		fatal("out of memory");
	snprintf(path, len, "%s/attest.key", o->sign_dir);
	f = fopen(path, "r");
	if (!f)
		fatal("%s: %s", path, strerror(errno));
	sg->key = NULL;
	dctx = OSSL_DECODER_CTX_new_for_pkey(&sg->key, "PEM", NULL, "RSA",
					     OSSL_KEYMGMT_SELECT_KEYPAIR,
					     NULL, NULL);
	if (!dctx || !OSSL_DECODER_from_fp(dctx, f))
		fatal("%s: cannot read the private key", path);
	OSSL_DECODER_CTX_free(dctx);
	fclose(f);
	if (!sg->key || EVP_PKEY_get_base_id(sg->key) != EVP_PKEY_RSA)
		fatal("%s: not an RSA private key", path);
	free(path);
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

static void put_file(const char *dir, const char *name, const char *ext,
		     const u8 *data, size_t len, const char *mode)
{
	size_t plen = strlen(dir) + strlen(name) + strlen(ext) + 3;
	char *path = malloc(plen);
	FILE *f;

	if (!path)
		fatal("out of memory");
	snprintf(path, plen, "%s/%s.%s", dir, name, ext);
	f = fopen(path, mode);
	if (!f)
		fatal("%s: %s", path, strerror(errno));
	if ((len && fwrite(data, 1, len, f) != len) || fclose(f))
		fatal("%s: write failed: %s", path, strerror(errno));
	free(path);
}

static void write_file(const char *dir, const char *name, const char *ext,
		       const u8 *data, size_t len)
{
	put_file(dir, name, ext, data, len, "wb");
}

static void append_file(const char *dir, const char *name, const char *ext,
			const u8 *data, size_t len)
{
	put_file(dir, name, ext, data, len, "ab");
}

static void parse_args(struct opts *o, int argc, char **argv)
{
	enum {
		O_OUT = 256, O_NAME, O_FORMAT, O_SEED, O_SEGMENTS, O_SEGSIZE,
		O_TOTAL, O_ZERO, O_BSS, O_BASE, O_RELOC, O_SIGPAD, O_CORRUPT,
		O_MBA, O_PRINT, O_VERBOSE, O_HELP, O_HASHVER, O_SIGN, O_SCHEME,
		O_CORRUPT_SIG,
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
		{ "corrupt-signature", no_argument, NULL, O_CORRUPT_SIG },
		{ "hash-version", required_argument, NULL, O_HASHVER },
		{ "sign", required_argument, NULL, O_SIGN },
		{ "sign-scheme", required_argument, NULL, O_SCHEME },
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
	o->hash_version = MSS_MDT_HASH_V3;
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
		case O_CORRUPT_SIG:
			o->corrupt_sig = true;
			break;
		case O_HASHVER:
			if (!parse_u64(optarg, &v, false) ||
			    (v != MSS_MDT_HASH_V3 && v != MSS_MDT_HASH_V5 &&
			     v != MSS_MDT_HASH_V6))
				usage_error("--hash-version: '%s' is not 3, 5 or 6",
					    optarg);
			o->hash_version = (unsigned int)v;
			break;
		case O_SIGN:
			if (!*optarg)
				usage_error("--sign: empty directory name");
			o->sign_dir = optarg;
			break;
		case O_SCHEME:
			if (!strcmp(optarg, "legacy"))
				o->scheme = MDT_SCHEME_LEGACY;
			else if (!strcmp(optarg, "pss"))
				o->scheme = MDT_SCHEME_PSS;
			else
				usage_error("--sign-scheme: '%s' is not legacy or pss",
					    optarg);
			o->have_scheme = true;
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
	if (!o->sign_dir && (o->corrupt_sig || o->have_scheme))
		usage_error("--corrupt-signature and --sign-scheme need --sign");
}

/* The hash segment's layout for this image; exits on impossible sizes */
static void hash_layout(const struct opts *o, const struct signer *sg,
			unsigned int phnum, struct mss_mdt_hash *h)
{
	u64 sig = sg ? (u64)EVP_PKEY_get_size(sg->key) : 0;

	memset(h, 0, sizeof(*h));
	h->version = o->hash_version;
	h->digest_size = o->hash_version == MSS_MDT_HASH_V6 ?
			 MSS_MDT_SHA384_SIZE : MSS_MDT_SHA256_SIZE;
	h->phnum = phnum;
	if (o->hash_version == MSS_MDT_HASH_V6)
		h->metadata_size = MSS_MDT_V6_METADATA_SIZE;
	if (sg && o->sig_pad < sig + sg->chain_len)
		usage_error("--sig-pad: %llu bytes < signature %llu + chain %zu",
			    o->sig_pad, sig, sg->chain_len);
	h->signature_size = (u32)sig;
	h->cert_chain_size = (u32)(o->sig_pad - sig);
	if (mss_mdt_hash_layout(h))
		fatal("internal: hash segment layout failed");
}

int main(int argc, char **argv)
{
	u64 sizes[MAX_LOAD];
	struct elf32_phdr ph[MAX_PHNUM];
	struct elf32_hdr eh;
	struct signer signer, *sg = NULL;
	struct mss_mdt_hash h;
	struct opts o;
	u64 hdr_size, hash_size, mdsize, off, addr, span, image_size, hash_addr;
	unsigned int phnum, nload, i;
	const EVP_MD *md;
	u8 *img, *hash;

	parse_args(&o, argc, argv);
	check_args(&o, sizes);
	if (o.sign_dir) {
		load_signer(&o, &signer);
		sg = &signer;
	}

	nload = o.segments + (o.bss ? 1 : 0);
	phnum = 2 + nload;
	hdr_size = EHDR_SIZE + (u64)PHDR_SIZE * phnum;
	hash_layout(&o, sg, phnum, &h);
	hash_size = h.size;
	mdsize = hdr_size + hash_size;

	/* Layout */
	memset(ph, 0, sizeof(ph));
	ph[0].p_type = PT_NULL;
	ph[0].p_filesz = (u32)hdr_size;
	ph[0].p_flags = MSS_MDT_FLAGS_PHDR;
	ph[1].p_type = PT_NULL;
	ph[1].p_offset = HASH_OFFSET;
	ph[1].p_filesz = (u32)hash_size;
	ph[1].p_memsz = (u32)align_up(hash_size, SEG_ALIGN);
	ph[1].p_flags = MSS_MDT_FLAGS_HASH;
	ph[1].p_align = SEG_ALIGN;

	off = HASH_OFFSET + hash_size;
	addr = o.base;
	for (i = 0; i < nload; i++) {
		struct elf32_phdr *p = &ph[2 + i];
		bool bss = i == o.segments;

		p->p_type = PT_LOAD;
		p->p_filesz = bss ? 0 : (u32)sizes[i];
		p->p_memsz = bss ? (u32)o.bss :
			     (u32)(sizes[i] + o.zero_fill);
		off = align_up(off, SEG_ALIGN);
		p->p_offset = (u32)off;
		off += p->p_filesz;
		addr = align_up(addr, SEG_ALIGN);
		p->p_paddr = (u32)addr;
		p->p_vaddr = p->p_paddr;
		addr += p->p_memsz;
		p->p_flags = ELF_PF_R | (i ? ELF_PF_W : ELF_PF_X);
		if (o.relocatable)
			p->p_flags |= MSS_MDT_RELOCATABLE;
		p->p_align = SEG_ALIGN;
		/* bail out early: each step stays far from 32-bit overflow */
		span = align_up(addr, SEG_ALIGN) - o.base;
		if (span > MAX_IMAGE)
			usage_error("memory image of %llu+ bytes exceeds the 64 MiB limit",
				    span);
	}
	/* The hash segment's load address: right after the image, as qtestsign */
	hash_addr = align_up(addr, SEG_ALIGN);
	if (hash_addr + ph[1].p_memsz > (u64)UINT32_MAX + 1)
		usage_error("--base: image end 0x%llx is beyond the 32-bit address space",
			    hash_addr + ph[1].p_memsz);
	ph[1].p_paddr = (u32)hash_addr;
	ph[1].p_vaddr = (u32)hash_addr;
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

	/* ELF header and program headers (the format is little endian) */
	memset(&eh, 0, sizeof(eh));
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS32;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_EXEC;
	eh.e_machine = EM_QDSP6;
	eh.e_version = EV_CURRENT;
	eh.e_entry = ph[2].p_paddr;
	eh.e_phoff = EHDR_SIZE;
	eh.e_flags = HEXAGON_EFLAGS;
	eh.e_ehsize = EHDR_SIZE;
	eh.e_phentsize = PHDR_SIZE;
	eh.e_phnum = (u16)phnum;
	eh.e_shentsize = sizeof(struct elf32_shdr);
	memcpy(img, &eh, sizeof(eh));
	memcpy(img + EHDR_SIZE, ph, PHDR_SIZE * phnum);

	/* Segment contents */
	for (i = 2; i < phnum; i++)
		fill_stream(img + ph[i].p_offset, ph[i].p_filesz, o.seed,
			    o.mba ? 'B' : 'M', i);

	/* Hash segment: header, (v6 metadata, zero), digests, signature, chain */
	hash = img + HASH_OFFSET;
	mss_mdt_hash_header(&h, o.mba ? MSS_MDT_IMAGE_ID_MBA :
			    MSS_MDT_IMAGE_ID_MODEM, (u32)hash_addr, hash);
	md = mdt_md(&h);
	if (!md)
		fatal("OpenSSL lacks %s", mss_mdt_digest_name(&h));
	for (i = 0; i < phnum; i++)
		if (mss_mdt_has_digest(&ph[i]))
			digest_or_die(md, img + ph[i].p_offset,
				      ph[i].p_filesz,
				      hash + h.table_offset + i * h.digest_size);
	memset(hash + h.cert_chain_offset, 0xff, h.cert_chain_size);
	if (sg) {
		memcpy(hash + h.cert_chain_offset, sg->chain, sg->chain_len);
		if (mdt_sign(sg->key, o.scheme, hash, h.signed_size, sg->sw_id,
			     sg->hw_id, hash + h.signature_offset,
			     h.signature_size))
			fatal("signing failed");
		if (o.corrupt_sig)
			hash[h.signature_offset + h.signature_size / 2] ^= 0xff;
	}

	if (o.corrupt >= 0)
		img[ph[o.corrupt].p_offset + ph[o.corrupt].p_filesz / 2] ^= 0xff;

	mkdir_p(o.out);
	if (o.format & FMT_SPLIT) {
		/* The .mdt: the headers with the hash segment packed after them */
		write_file(o.out, o.name, "mdt", NULL, 0);
		append_file(o.out, o.name, "mdt", img, hdr_size);
		append_file(o.out, o.name, "mdt", hash, hash_size);
		for (i = 0; i < phnum; i++) {
			char ext[16];

			if (!ph[i].p_filesz)
				continue;
			snprintf(ext, sizeof(ext), "b%02u", i);
			write_file(o.out, o.name, ext, img + ph[i].p_offset,
				   ph[i].p_filesz);
		}
	}
	if (o.format & FMT_MBN)
		write_file(o.out, o.name, "mbn", img, image_size);

	if (o.verbose) {
		fprintf(stderr,
			"%s: %s/%s: %u phdrs, hash v%u %s%s%s, metadata %llu, file %llu bytes\n",
			prog, o.out, o.name, phnum, h.version,
			mss_mdt_digest_name(&h), sg ? " signed " : "",
			sg ? mdt_scheme_name(o.scheme) : "", mdsize,
			image_size);
		for (i = 0; i < phnum; i++)
			fprintf(stderr,
				"  [%2u] %-4s off 0x%08x paddr 0x%08x filesz 0x%08x memsz 0x%08x flags 0x%08x\n",
				i, ph[i].p_type == PT_LOAD ? "LOAD" : "NULL",
				ph[i].p_offset, ph[i].p_paddr, ph[i].p_filesz,
				ph[i].p_memsz, ph[i].p_flags);
	}
	if (sg) {
		EVP_PKEY_free(sg->key);
		free(sg->chain);
	}
	free(img);
	return 0;
}
