// SPDX-License-Identifier: GPL-2.0-only
/*
 * mss-mdt-verify - check a Qualcomm MDT image the way the modem would:
 * the headers, every digest of the hash segment's table, the certificate
 * chain and the signature.  It reads mss-fwgen's images and real
 * linux-firmware images alike, through the format definition the driver
 * uses (drivers/remoteproc/qcom_mss_mdt.h) and OpenSSL.
 *
 * usage: mss-mdt-verify [--metadata-out FILE] [--root CERT.der] [--quiet]
 *                       NAME.mdt|NAME.mbn
 *
 * A split image is read the way 6.12's qcom_q6v5_mss.c loads it: a
 * segment with file bytes whose p_offset lies beyond the .mdt comes from
 * NAME.bNN; the hash segment as qcom_mdt_read_metadata() finds it.
 * Output, one item a line:
 *
 *   metadata_size N    ELF header + program headers + hash segment
 *   phnum N
 *   hash_segment I     its program header index
 *   version V          hash segment header version
 *   digest sha256|sha384
 *   relocatable yes|no a load segment has QCOM_MDT_RELOCATABLE
 *   load_base 0xN, load_size 0xN   the load footprint: lowest p_paddr to
 *                      the highest p_paddr + p_memsz of the segments the
 *                      driver loads (mss_mdt_is_loadable())
 *   digest I ok|zero|BAD   per program header; zero: an all-zero entry
 *                      where the format wants one
 *   certs N            DER certificates in the chain area
 *   sw_id 0xN, hw_id 0xN   the attestation certificate's IDs, if present
 *   root_sha256 HEX    SHA-256 of the chain's last certificate (what an
 *                      OEM_PK_HASH fuse holds), if there is a chain
 *   cert_chain ok|BAD|none
 *   signature ok legacy|ok pss|BAD|none
 *   bad N              BAD items
 *
 * --metadata-out writes the metadata exactly as qcom_mdt_read_metadata()
 * assembles it.  --root requires the chain to end in that certificate.
 * Exit status: 0 everything verifies, 1 a BAD item, 2 malformed image or
 * usage error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mdt-sign.h"

static const char *prog = "mss-mdt-verify";

static int report_malformed(const char *path, const char *why)
{
	printf("malformed: %s: %s\n", path, why);
	return 2;
}

static u8 *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	u8 *buf = NULL;

	if (!f)
		return NULL;
	if (fstat(fileno(f), &st) || !S_ISREG(st.st_mode))
		goto out;
	*len = (size_t)st.st_size;
	buf = malloc(*len ? *len : 1);
	if (buf && fread(buf, 1, *len, f) != *len) {
		free(buf);
		buf = NULL;
	}
out:
	fclose(f);
	return buf;
}

/* NAME.bNN for a NAME.mdt: the last three characters replaced */
static char *split_name(const char *path, unsigned int i)
{
	char *s = strdup(path);

	if (s && mss_mdt_split_name(s, strlen(s), i)) {
		free(s);
		return NULL;
	}
	return s;
}

/* A segment's file bytes, from the image or its split file; NULL: malformed */
static u8 *segment_bytes(const char *path, const u8 *fw, size_t fw_size,
			 const struct elf32_phdr *ph, unsigned int i,
			 bool *owned, const char **why)
{
	size_t len;
	char *name;
	u8 *data;

	*owned = false;
	if (ph->p_offset < fw_size) {
		/* qcom_q6v5_mss.c: the image is not split here */
		if ((u64)ph->p_offset + ph->p_filesz > fw_size) {
			*why = "segment truncated in the file";
			return NULL;
		}
		return (u8 *)fw + ph->p_offset;
	}
	name = split_name(path, i);
	if (!name) {
		*why = "segment beyond the file and no .bNN name";
		return NULL;
	}
	data = read_all(name, &len);
	free(name);
	if (!data) {
		*why = "segment beyond the file and its .bNN unreadable";
		return NULL;
	}
	if (len != ph->p_filesz) {
		free(data);
		*why = "a .bNN file's size is not the segment's p_filesz";
		return NULL;
	}
	*owned = true;
	return data;
}

static X509 *read_cert(const char *path)
{
	size_t len;
	u8 *der = read_all(path, &len);
	const unsigned char *p = der;
	X509 *c;

	if (!der)
		return NULL;
	c = d2i_X509(NULL, &p, (long)len);
	free(der);
	return c;
}

struct verdict {
	unsigned int bad;
	bool quiet;
};

static __printf(2, 3) void out(struct verdict *v, const char *fmt, ...)
{
	va_list ap;

	if (v->quiet)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

/* "root_sha256 HEX": the hash an OEM_PK_HASH fuse of this root holds */
static void out_root_hash(struct verdict *v, X509 *root)
{
	u8 *der = NULL, md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	int len = i2d_X509(root, &der);

	if (len <= 0 || !EVP_Digest(der, (size_t)len, md, &mdlen, EVP_sha256(),
				    NULL)) {
		out(v, "root_sha256 BAD\n");
		v->bad++;
	} else {
		out(v, "root_sha256 ");
		for (i = 0; i < mdlen; i++)
			out(v, "%02x", md[i]);
		out(v, "\n");
	}
	OPENSSL_free(der);
}

/* The certificate chain and the signature of hash segment @hs */
static void check_signature(struct verdict *v, const u8 *hs,
			    const struct mss_mdt_hash *h, X509 *root)
{
	X509 *certs[MDT_MAX_CERTS];
	u64 sw_id = 0, hw_id = 0;
	bool have_ids = false;
	EVP_PKEY *key;
	int n;

	if (mdt_chain_parse(hs + h->cert_chain_offset, h->cert_chain_size,
			    certs, &n)) {
		out(v, "certs 0\ncert_chain BAD\n");
		v->bad++;
		n = 0;
	} else {
		out(v, "certs %d\n", n);
		if (n)
			out_root_hash(v, certs[n - 1]);
		if (n && !mdt_cert_ids(certs[0], &sw_id, &hw_id)) {
			have_ids = true;
			out(v, "sw_id 0x%llx\nhw_id 0x%llx\n", sw_id, hw_id);
		}
		if (!n) {
			out(v, "cert_chain none\n");
		} else if (mdt_chain_verify(certs, n, root)) {
			out(v, "cert_chain BAD\n");
			v->bad++;
		} else {
			out(v, "cert_chain ok\n");
		}
	}

	if (!h->signature_size) {
		out(v, "signature none\n");
	} else if (!n) {
		out(v, "signature BAD\n");
		v->bad++;
	} else {
		key = X509_get0_pubkey(certs[0]);
		/* The scheme is not recorded: try each, neither passes by chance */
		if (have_ids &&
		    !mdt_verify(key, MDT_SCHEME_LEGACY, hs, h->signed_size,
				sw_id, hw_id, hs + h->signature_offset,
				h->signature_size)) {
			out(v, "signature ok legacy\n");
		} else if (!mdt_verify(key, MDT_SCHEME_PSS, hs, h->signed_size,
				       0, 0, hs + h->signature_offset,
				       h->signature_size)) {
			out(v, "signature ok pss\n");
		} else {
			out(v, "signature BAD\n");
			v->bad++;
		}
	}
	mdt_chain_free(certs, n);
}

static int verify(const char *path, const char *mdout, X509 *root,
		  struct verdict *v)
{
	const u8 zero[MSS_MDT_MAX_DIGEST] = { };
	u8 got[MSS_MDT_MAX_DIGEST];
	struct mss_mdt_image img;
	struct mss_mdt_hash h;
	bool hs_owned = false, reloc = false;
	u64 lo = ~0ULL, hi = 0;
	const EVP_MD *md;
	const char *why;
	size_t fw_size, len;
	u8 *fw, *hs;
	unsigned int i;
	s64 hoff;
	int ret;

	fw = read_all(path, &fw_size);
	if (!fw)
		return report_malformed(path, strerror(errno ? errno : EIO));
	if (mss_mdt_parse_headers(fw, fw_size, fw_size, &img, &why)) {
		ret = report_malformed(path, why);
		goto out;
	}

	hoff = mss_mdt_hash_offset(&img, fw_size);
	if (hoff >= 0) {
		hs = fw + hoff;
	} else {
		char *name = split_name(path, img.hash);

		hs = name ? read_all(name, &len) : NULL;
		free(name);
		if (!hs || len != img.hash_size) {
			free(hs);
			ret = report_malformed(path, "hash segment not in the file nor its .bNN");
			goto out;
		}
		hs_owned = true;
	}
	if (mdout) {
		FILE *f = fopen(mdout, "wb");

		if (!f || fwrite(fw, 1, img.ehdr_size, f) != img.ehdr_size ||
		    fwrite(hs, 1, img.hash_size, f) != img.hash_size ||
		    fclose(f)) {
			fprintf(stderr, "%s: %s: write failed\n", prog, mdout);
			ret = 2;
			goto out_hs;
		}
	}

	ret = mss_mdt_hash_parse(hs, img.hash_size, img.phnum, &h);
	if (ret == -EOPNOTSUPP) {
		ret = report_malformed(path, "hash segment version is not 3, 5 or 6");
		goto out_hs;
	} else if (ret) {
		ret = report_malformed(path, "hash segment header does not add up");
		goto out_hs;
	}
	md = mdt_md(&h);
	if (!md) {
		ret = report_malformed(path, "digest unknown to OpenSSL");
		goto out_hs;
	}

	out(v, "metadata_size %llu\nphnum %u\nhash_segment %u\nversion %u\ndigest %s\n",
	    img.metadata_size, img.phnum, img.hash, h.version,
	    mss_mdt_digest_name(&h));
	for (i = 0; i < img.phnum; i++)
		if (mss_mdt_is_loadable(&img.phdrs[i]) &&
		    mss_mdt_is_relocatable(&img.phdrs[i]))
			reloc = true;
	out(v, "relocatable %s\n", reloc ? "yes" : "no");
	for (i = 0; i < img.phnum; i++) {
		const struct elf32_phdr *ph = &img.phdrs[i];

		if (!mss_mdt_is_loadable(ph))
			continue;
		lo = ph->p_paddr < lo ? ph->p_paddr : lo;
		if ((u64)ph->p_paddr + ph->p_memsz > hi)
			hi = (u64)ph->p_paddr + ph->p_memsz;
	}
	if (hi)
		out(v, "load_base 0x%llx\nload_size 0x%llx\n", lo, hi - lo);

	for (i = 0; i < img.phnum; i++) {
		const struct elf32_phdr *ph = &img.phdrs[i];
		const u8 *want = mss_mdt_digest(hs, &h, i);
		bool owned;
		u8 *data;

		if (!mss_mdt_has_digest(ph)) {
			if (memcmp(want, zero, h.digest_size)) {
				out(v, "digest %u BAD\n", i);
				v->bad++;
			} else {
				out(v, "digest %u zero\n", i);
			}
			continue;
		}
		data = segment_bytes(path, fw, fw_size, ph, i, &owned, &why);
		if (!data) {
			ret = report_malformed(path, why);
			goto out_hs;
		}
		ret = mdt_digest(md, data, ph->p_filesz, got);
		if (owned)
			free(data);
		if (ret) {
			ret = report_malformed(path, "digest failed");
			goto out_hs;
		}
		if (memcmp(want, got, h.digest_size)) {
			out(v, "digest %u BAD\n", i);
			v->bad++;
		} else {
			out(v, "digest %u ok\n", i);
		}
	}

	check_signature(v, hs, &h, root);
	out(v, "bad %u\n", v->bad);
	ret = v->bad ? 1 : 0;
out_hs:
	if (hs_owned)
		free(hs);
out:
	free(fw);
	return ret;
}

static int print_usage(void)
{
	fprintf(stderr,
		"usage: %s [--metadata-out FILE] [--root CERT.der] [--quiet] NAME.mdt|NAME.mbn\n",
		prog);
	return 2;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "metadata-out", required_argument, NULL, 'm' },
		{ "root", required_argument, NULL, 'r' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	struct verdict v = { };
	const char *mdout = NULL;
	X509 *root = NULL;
	int c, ret;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'm':
			mdout = optarg;
			break;
		case 'r':
			root = read_cert(optarg);
			if (!root) {
				fprintf(stderr, "%s: %s: not a DER certificate\n",
					prog, optarg);
				return 2;
			}
			break;
		case 'q':
			v.quiet = true;
			break;
		default:
			return print_usage();
		}
	}
	if (optind != argc - 1)
		return print_usage();
	ret = verify(argv[optind], mdout, root, &v);
	X509_free(root);
	return ret;
}
