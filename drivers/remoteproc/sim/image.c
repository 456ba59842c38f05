// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated Qualcomm modem subsystem: the image formats the simulated PBL
 * and MBA check.  An image (the MBA .mbn, or the modem metadata: ELF
 * header, program headers and hash segment) is in Qualcomm's MDT format,
 * whose one definition is ../qcom_mss_mdt.h: hash segment versions 3, 5
 * and 6, a SHA-256 or SHA-384 digest per program header over its p_filesz
 * file bytes, and an RSA signature with an X.509 certificate chain.
 * Callers parse an image in steps as they map more of it (ELF header,
 * program headers, hash segment), authenticate its hash segment, then
 * walk its segments and verify digests through this API; what was found
 * is recorded in a struct sim_auth, shown in debugfs (mba_auth,
 * modem_auth).
 *
 * The hash segment's authentication, as the PBL does for the MBA and the
 * MBA for the modem image:
 *
 * - the certificate chain (DER certificates back to back, attestation
 *   certificate first, root last, then 0xff padding): each certificate's
 *   signature is verified with public_key_verify_signature() against the
 *   next one's RSA key, the root's against its own.  The certificates
 *   are read with the kernel's BER decoder and a grammar of our own
 *   (sim_cert.asn1), not with its X.509 parser: that parser refuses the
 *   attestation certificate of every real legacy-signed image (apq8016,
 *   apq8096), whose basicConstraints is SEQUENCE { INTEGER 0 } (a path
 *   length without cA, -EBADMSG in 6.12's x509_process_extension()),
 *   and its certificate structure is private to crypto/ anyway;
 * - the root: its SHA-256 must equal the OEM_PK_HASH fuse when one is
 *   set (the "oem_pk_hash" knob; unfused by default);
 * - the signature, in Qualcomm's legacy scheme (qcom_mss_mdt.h): PKCS#1
 *   v1.5 padding of SHA256(opad ^ HW_ID || SHA256(ipad ^ SW_ID ||
 *   SHA256(signed bytes))) with the attestation certificate's key.
 *
 * Linux 6.12 has no RSASSA-PSS (no RSA padding template, not even its
 * OID in the registry).  sdm845's real images are signed that way
 * throughout, certificates included, so for them only
 * the digests and the root's hash are checked; the chain and signature
 * are reported "not verified" and do not refuse the image.  Anything
 * else that does not verify refuses it (%SIM_ERR_HASH), as does an
 * unsigned image on a fused device.
 */

#include <crypto/hash.h>
#include <crypto/public_key.h>
#include <crypto/sha2.h>
#include <linux/asn1_decoder.h>
#include <linux/build_bug.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/elf.h>
#include <linux/firmware.h>
#include <linux/fs.h>
#include <linux/hex.h>
#include <linux/minmax.h>
#include <linux/mutex.h>
#include <linux/oid_registry.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../qcom_mss_mdt.h"
#include "mss_sim.h"
#include "sim_cert.asn1.h"

static_assert(sizeof(struct elf32_hdr) == SIM_IMAGE_EHDR_SIZE);
static_assert(SIM_ROOT_HASH_SIZE == SHA256_DIGEST_SIZE);

/* A certificate chain of more than this is not an MSS image's */
#define SIM_MAX_CERTS		6

static const char *const sim_digest_names[] = {
	[SIM_DG_ZERO] = "zero",
	[SIM_DG_PENDING] = "pending",
	[SIM_DG_OK] = "ok",
	[SIM_DG_BAD] = "BAD",
	[SIM_DG_UNCHECKED] = "not loaded, not checked",
};

/**
 * sim_image_parse_ehdr() - how much of an image holds its program headers
 * @sim: the simulator (for messages)
 * @buf: the start of the image
 * @len: bytes at @buf, at least %SIM_IMAGE_EHDR_SIZE
 * @what: the image's name in messages
 * @hdr_size: on success, the bytes to map for sim_image_parse_headers()
 *
 * Return: 0, or %SIM_ERR_FORMAT.
 */
int sim_image_parse_ehdr(struct mss_sim *sim, const void *buf, size_t len,
			 const char *what, size_t *hdr_size)
{
	const struct elf32_hdr *eh = buf;

	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS32 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB) {
		dev_err(sim->dev, "%s: not a little-endian ELF32 image\n", what);
		return SIM_ERR_FORMAT;
	}
	if (eh->e_phentsize != sizeof(struct elf32_phdr) ||
	    eh->e_phoff < sizeof(*eh) || eh->e_phoff > SZ_64K ||
	    eh->e_phnum < 2 || eh->e_phnum > SIM_MAX_PHNUM) {
		dev_err(sim->dev, "%s: bad program header table (off %u, entsize %u, num %u)\n",
			what, eh->e_phoff, eh->e_phentsize, eh->e_phnum);
		return SIM_ERR_FORMAT;
	}

	*hdr_size = eh->e_phoff + eh->e_phnum * sizeof(struct elf32_phdr);

	return 0;
}

static void sim_auth_reset(struct sim_auth *rep)
{
	memset(rep, 0, sizeof(*rep));
	rep->chain = "none";
	rep->signature = "none";
	rep->root = "none";
}

/**
 * sim_image_parse_headers() - check an image's ELF and program headers
 * @sim: the simulator (for messages)
 * @buf: the start of the image, 4-byte aligned
 * @len: bytes at @buf, at least the program headers
 * @file_size: what the image can be at most (the bytes known to follow
 *	@buf), at least @len
 * @what: the image's name in messages
 * @img: the parsed image; it points into @buf
 * @rep: where to record the program headers, or NULL
 *
 * qcom_mss_mdt.h's header rules, plus p_filesz <= p_memsz for loadable
 * segments (the driver refuses others too).
 *
 * Return: 0, or %SIM_ERR_FORMAT.
 */
int sim_image_parse_headers(struct mss_sim *sim, const void *buf, size_t len,
			    u64 file_size, const char *what,
			    struct sim_image *img, struct sim_auth *rep)
{
	const char *why;
	unsigned int i;

	memset(img, 0, sizeof(*img));
	if (mss_mdt_parse_headers(buf, len, file_size, &img->mdt, &why)) {
		dev_err(sim->dev, "%s: %s\n", what, why);
		return SIM_ERR_FORMAT;
	}
	if (img->mdt.phnum > SIM_MAX_PHNUM) {
		dev_err(sim->dev, "%s: %u program headers\n", what,
			img->mdt.phnum);
		return SIM_ERR_FORMAT;
	}

	for (i = 0; i < img->mdt.phnum; i++) {
		const struct elf32_phdr *ph = &img->mdt.phdrs[i];

		if (mss_mdt_is_loadable(ph) && ph->p_filesz > ph->p_memsz) {
			dev_err(sim->dev, "%s: phdr %u p_filesz > p_memsz\n",
				what, i);
			return SIM_ERR_FORMAT;
		}
	}

	img->rep = rep;
	if (!rep)
		return 0;
	rep->phnum = img->mdt.phnum;
	for (i = 0; i < img->mdt.phnum; i++) {
		const struct elf32_phdr *ph = &img->mdt.phdrs[i];

		rep->ph[i].type = ph->p_type;
		rep->ph[i].flags = ph->p_flags;
		rep->ph[i].offset = ph->p_offset;
		rep->ph[i].paddr = ph->p_paddr;
		rep->ph[i].filesz = ph->p_filesz;
		rep->ph[i].memsz = ph->p_memsz;
		rep->ph[i].load = ph->p_paddr;
		rep->ph[i].digest = mss_mdt_has_digest(ph) ? SIM_DG_PENDING :
							     SIM_DG_ZERO;
	}

	return 0;
}

/**
 * sim_image_parse_hash() - check an image's hash segment
 * @sim: the simulator (for messages)
 * @img: the image, after sim_image_parse_headers()
 * @hs: the hash segment's @img->mdt.hash_size bytes, kept as long as @img
 * @what: the image's name in messages
 *
 * The header must be one of the versions qcom_mss_mdt.h knows, and the
 * digest table entry of every program header without a digest (hash
 * segments, segments without file bytes) must be all zero.
 *
 * Return: 0, or %SIM_ERR_FORMAT.
 */
int sim_image_parse_hash(struct mss_sim *sim, struct sim_image *img,
			 const u8 *hs, const char *what)
{
	struct mss_mdt_hash *h = &img->hash;
	unsigned int i, j;
	int ret;

	ret = mss_mdt_hash_parse(hs, img->mdt.hash_size, img->mdt.phnum, h);
	if (ret) {
		u32 version;

		memcpy(&version, hs + 4, sizeof(version));
		dev_err(sim->dev, "%s: %s hash segment (version %u, %u bytes for %u headers)\n",
			what, ret == -EOPNOTSUPP ? "unknown" : "malformed",
			version, img->mdt.hash_size, img->mdt.phnum);
		return SIM_ERR_FORMAT;
	}

	for (i = 0; i < img->mdt.phnum; i++) {
		const u8 *d = mss_mdt_digest(hs, h, i);

		if (mss_mdt_has_digest(&img->mdt.phdrs[i]))
			continue;
		for (j = 0; j < h->digest_size; j++)
			if (d[j])
				break;
		if (j < h->digest_size) {
			dev_err(sim->dev, "%s: phdr %u has no file bytes but a digest\n",
				what, i);
			return SIM_ERR_FORMAT;
		}
	}

	img->hs = hs;
	if (img->rep) {
		img->rep->version = h->version;
		img->rep->digest_size = h->digest_size;
	}

	return 0;
}

/* Feed @len bytes, rescheduling between chunks (segments are MiBs) */
static int sim_shash_update(struct shash_desc *desc, const u8 *p, size_t len)
{
	int ret = 0;

	while (len && !ret) {
		unsigned int n = min_t(size_t, len, SZ_1M);

		ret = crypto_shash_update(desc, p, n);
		p += n;
		len -= n;
		if (len)
			cond_resched();
	}

	return ret;
}

/*
 * @alg digest of the @nr buffers @p[i][0..@len[i]), the byte at offset
 * @flip of the first read inverted (none if >= @len[0])
 */
static int sim_digest(const char *alg, const u8 *const *p, const size_t *len,
		      unsigned int nr, size_t flip, u8 *out)
{
	struct crypto_shash *tfm;
	unsigned int i;
	int ret;

	tfm = crypto_alloc_shash(alg, 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);

	{
		SHASH_DESC_ON_STACK(desc, tfm);

		desc->tfm = tfm;
		ret = crypto_shash_init(desc);
		for (i = 0; i < nr && !ret; i++) {
			if (!i && flip < len[0]) {
				u8 b = p[0][flip] ^ 0xff;

				ret = sim_shash_update(desc, p[0], flip);
				if (!ret)
					ret = crypto_shash_update(desc, &b, 1);
				if (!ret)
					ret = sim_shash_update(desc,
							       p[0] + flip + 1,
							       len[0] - flip - 1);
			} else {
				ret = sim_shash_update(desc, p[i], len[i]);
			}
		}
		if (!ret)
			ret = crypto_shash_final(desc, out);
		shash_desc_zero(desc);
	}
	crypto_free_shash(tfm);

	return ret;
}

static int sim_sha256(const void *p, size_t len, u8 *out)
{
	const u8 *bufs[] = { p };
	size_t lens[] = { len };

	return sim_digest("sha256", bufs, lens, 1, SIZE_MAX, out);
}

/*
 * The value of the leaf's "NN <16 hex digits> NAME" OU field, e.g.
 * "01 0000000000000002 SW_ID".  The kernel's X.509 parser keeps only the
 * CN, O and email of a subject, so the field is found by its text.
 */
static bool sim_cert_ou(const u8 *der, size_t len, const char *name, u64 *val)
{
	size_t nlen = strlen(name);
	const u8 *p = der, *end = der + len;
	char hex[17];

	while ((p = memchr(p, name[0], end - p)) && end - p >= nlen) {
		if (memcmp(p, name, nlen) || p - der < 17 || p[-1] != ' ') {
			p++;
			continue;
		}
		memcpy(hex, p - 17, 16);
		hex[16] = 0;
		return !kstrtou64(hex, 16, val);
	}

	return false;
}

/* Length of the DER certificate (SEQUENCE) at @p, or 0 */
static size_t sim_der_len(const u8 *p, size_t avail)
{
	size_t len;

	if (avail < 4 || p[0] != 0x30)
		return 0;
	if (p[1] == 0x82)
		len = 4 + ((size_t)p[2] << 8 | p[3]);
	else if (p[1] == 0x81)
		len = 3 + p[2];
	else if (p[1] < 0x80)
		len = 2 + p[1];
	else
		return 0;

	return len <= avail ? len : 0;
}

/*
 * One certificate of a chain, as sim_cert.asn1 reads it (the kernel's
 * BER decoder with our grammar; pointers into the DER).
 */
struct sim_cert {
	const u8 *tbs;
	size_t tbs_len;
	enum OID sig_oid;
	const u8 *sig;
	size_t sig_len;
	const u8 *subject;
	size_t subject_len;
	enum OID key_oid;
	bool rsa;
	const u8 *key;
	size_t key_len;
};

/* rsaEncryption, 1.2.840.113549.1.1.1: the key algorithm we can use */
static const u8 sim_oid_rsa[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01
};

/*
 * The actions sim_cert.asn1 names (the generated decoder calls them with a
 * struct sim_cert as context); each records where a part of the DER is.
 */
int sim_cert_note_tbs(void *context, size_t hdrlen, unsigned char tag,
		      const void *value, size_t vlen)
{
	struct sim_cert *c = context;

	c->tbs = (const u8 *)value - hdrlen;
	c->tbs_len = vlen + hdrlen;
	return 0;
}

int sim_cert_note_sig_algo(void *context, size_t hdrlen, unsigned char tag,
			   const void *value, size_t vlen)
{
	struct sim_cert *c = context;

	c->sig_oid = look_up_OID(value, vlen);
	return 0;
}

/* A BIT STRING's bytes: the first (unused bits) must be 0 */
static int sim_cert_bits(const void *value, size_t vlen, const u8 **p,
			 size_t *len)
{
	if (vlen < 2 || *(const u8 *)value)
		return -EBADMSG;
	*p = (const u8 *)value + 1;
	*len = vlen - 1;
	return 0;
}

int sim_cert_note_signature(void *context, size_t hdrlen, unsigned char tag,
			    const void *value, size_t vlen)
{
	struct sim_cert *c = context;

	return sim_cert_bits(value, vlen, &c->sig, &c->sig_len);
}

int sim_cert_note_subject(void *context, size_t hdrlen, unsigned char tag,
			  const void *value, size_t vlen)
{
	struct sim_cert *c = context;

	c->subject = value;
	c->subject_len = vlen;
	return 0;
}

int sim_cert_note_key_algo(void *context, size_t hdrlen, unsigned char tag,
			   const void *value, size_t vlen)
{
	struct sim_cert *c = context;

	c->key_oid = look_up_OID(value, vlen);
	c->rsa = vlen == sizeof(sim_oid_rsa) &&
		 !memcmp(value, sim_oid_rsa, sizeof(sim_oid_rsa));
	return 0;
}

int sim_cert_note_key(void *context, size_t hdrlen, unsigned char tag,
		      const void *value, size_t vlen)
{
	struct sim_cert *c = context;

	return sim_cert_bits(value, vlen, &c->key, &c->key_len);
}

/* The hash of a certificate signature algorithm 6.12 can verify */
static const char *sim_cert_hash(enum OID oid, unsigned int *size)
{
	switch (oid) {
	case OID_sha256WithRSAEncryption:
		*size = SHA256_DIGEST_SIZE;
		return "sha256";
	case OID_sha384WithRSAEncryption:
		*size = SHA384_DIGEST_SIZE;
		return "sha384";
	case OID_sha512WithRSAEncryption:
		*size = SHA512_DIGEST_SIZE;
		return "sha512";
	default:
		return NULL;	/* RSASSA-PSS (not even in the OID registry) */
	}
}

/* Verify an RSA signature (PKCS#1 v1.5, @hash or no DigestInfo) with @key */
static int sim_rsa_verify(const struct sim_cert *key, const u8 *s,
			  size_t s_len, const u8 *digest, unsigned int dlen,
			  const char *hash)
{
	struct public_key pub = {
		.key = (void *)key->key,
		.keylen = key->key_len,
		.algo = key->key_oid,
		.id_type = "X509",
		.pkey_algo = "rsa",
	};
	struct public_key_signature sig = {
		.s = (u8 *)s,
		.s_size = s_len,
		.digest = (u8 *)digest,
		.digest_size = dlen,
		.pkey_algo = "rsa",
		.hash_algo = hash,
		.encoding = "pkcs1",
	};

	if (!key->rsa)
		return -ENOPKG;
	return public_key_verify_signature(&pub, &sig);
}

/* Is @cert signed by @issuer?  -ENOPKG: with an algorithm 6.12 lacks */
static int sim_cert_verify(const struct sim_cert *cert,
			   const struct sim_cert *issuer)
{
	const u8 *bufs[] = { cert->tbs };
	size_t lens[] = { cert->tbs_len };
	u8 digest[SHA512_DIGEST_SIZE];
	unsigned int dlen;
	const char *hash;
	int ret;

	hash = sim_cert_hash(cert->sig_oid, &dlen);
	if (!hash || !issuer->rsa)
		return -ENOPKG;
	ret = sim_digest(hash, bufs, lens, 1, SIZE_MAX, digest);
	if (ret)
		return ret;

	return sim_rsa_verify(issuer, cert->sig, cert->sig_len, digest, dlen,
			      hash);
}

struct sim_chain {
	const u8 *der[SIM_MAX_CERTS];
	size_t len[SIM_MAX_CERTS];
	unsigned int n;
};

/* Split the certificate chain area into its certificates */
static int sim_chain_split(struct mss_sim *sim, const u8 *p, size_t size,
			   const char *what, struct sim_chain *c)
{
	size_t off = 0, len;

	c->n = 0;
	while (off < size && p[off] != 0xff) {
		len = sim_der_len(p + off, size - off);
		if (!len || c->n == SIM_MAX_CERTS) {
			dev_err(sim->dev, "%s: malformed certificate chain at byte %zu\n",
				what, off);
			return SIM_ERR_HASH;
		}
		c->der[c->n] = p + off;
		c->len[c->n++] = len;
		off += len;
	}
	for (; off < size; off++) {
		if (p[off] != 0xff) {
			dev_err(sim->dev, "%s: certificate chain padding is not 0xff\n",
				what);
			return SIM_ERR_HASH;
		}
	}

	return 0;
}

/* The legacy scheme's digest of the signed bytes */
static int sim_legacy_digest(const u8 *signed_bytes, size_t len, u64 sw_id,
			     u64 hw_id, u8 *out)
{
	u8 ipad[8], opad[8], inner[SHA256_DIGEST_SIZE];
	u8 buf[8 + SHA256_DIGEST_SIZE];
	int ret;

	mss_mdt_legacy_key(MSS_MDT_LEGACY_IPAD, sw_id, ipad);
	mss_mdt_legacy_key(MSS_MDT_LEGACY_OPAD, hw_id, opad);

	ret = sim_sha256(signed_bytes, len, inner);
	if (ret)
		return ret;
	memcpy(buf, ipad, 8);
	memcpy(buf + 8, inner, sizeof(inner));
	ret = sim_sha256(buf, sizeof(buf), inner);
	if (ret)
		return ret;
	memcpy(buf, opad, 8);
	memcpy(buf + 8, inner, sizeof(inner));

	return sim_sha256(buf, sizeof(buf), out);
}

/*
 * Verify the chain and the legacy signature.  Return: 0 verified, 1 not
 * verifiable with 6.12's crypto (RSASSA-PSS), or %SIM_ERR_HASH.
 */
static int sim_verify_chain(struct mss_sim *sim, const struct sim_image *img,
			    const struct sim_chain *c, u64 sw_id,
			    bool corrupt_leaf, const char *what,
			    struct sim_auth *rep)
{
	const struct mss_mdt_hash *h = &img->hash;
	struct sim_cert *certs;
	u8 digest[SHA256_DIGEST_SIZE];
	u64 leaf_sw, hw_id = 0;
	unsigned int i;
	u8 *leaf;
	int ret;

	certs = kcalloc(c->n, sizeof(*certs), GFP_KERNEL);
	/* corrupt_read "chain": a flipped last byte of the leaf's signature */
	leaf = kmemdup(c->der[0], c->len[0], GFP_KERNEL);
	if (!certs || !leaf) {
		ret = SIM_ERR_GENERIC;
		goto out;
	}
	if (corrupt_leaf)
		leaf[c->len[0] - 1] ^= 0xff;

	for (i = 0; i < c->n; i++) {
		ret = asn1_ber_decoder(&sim_cert_decoder, &certs[i],
				       i ? c->der[i] : leaf, c->len[i]);
		if (ret || !certs[i].tbs || !certs[i].key) {
			dev_err(sim->dev, "%s: certificate %u does not parse: %d\n",
				what, i, ret);
			rep->chain = "BAD (a certificate does not parse)";
			ret = SIM_ERR_HASH;
			goto out;
		}
	}

	/* Each certificate is signed by the next, the root by itself */
	for (i = 0; i < c->n; i++) {
		ret = sim_cert_verify(&certs[i], &certs[min(i + 1, c->n - 1)]);
		if (ret == -ENOPKG) {
			dev_info(sim->dev, "%s: certificate %u is signed with an algorithm 6.12 lacks (RSASSA-PSS?): chain and signature not verified\n",
				 what, i);
			rep->chain = "not verified (RSASSA-PSS certificates: not in 6.12)";
			rep->signature = "not verified (RSASSA-PSS: not in 6.12)";
			ret = 1;
			goto out;
		}
		if (ret) {
			dev_err(sim->dev, "%s: certificate %u is not signed by %s: %d\n",
				what, i, i + 1 < c->n ? "the next one" : "itself",
				ret);
			rep->chain = "BAD (a signature does not verify)";
			ret = SIM_ERR_HASH;
			goto out;
		}
	}
	rep->chain = "ok";

	if (sim_cert_ou(certs[0].subject, certs[0].subject_len, "SW_ID",
			&leaf_sw) && leaf_sw != sw_id) {
		dev_err(sim->dev, "%s: signed for SW_ID %#llx, not %#llx\n",
			what, leaf_sw, sw_id);
		rep->signature = "BAD (another image's SW_ID)";
		ret = SIM_ERR_HASH;
		goto out;
	}
	sim_cert_ou(certs[0].subject, certs[0].subject_len, "HW_ID", &hw_id);

	ret = sim_legacy_digest(img->hs, h->signed_size, sw_id, hw_id, digest);
	if (ret) {
		ret = SIM_ERR_GENERIC;
		goto out;
	}
	/* PKCS#1 v1.5 padding of the raw digest: no DigestInfo, no hash */
	ret = sim_rsa_verify(&certs[0], img->hs + h->signature_offset,
			     h->signature_size, digest, sizeof(digest), NULL);
	if (ret) {
		dev_err(sim->dev, "%s: signature does not verify (legacy scheme): %d\n",
			what, ret);
		rep->signature = "BAD";
		ret = SIM_ERR_HASH;
		goto out;
	}
	rep->signature = "ok (legacy)";
out:
	kfree(leaf);
	kfree(certs);

	return ret;
}

/**
 * sim_image_authenticate() - authenticate an image's hash segment
 * @sim: the simulator, @lock held (for the fuse)
 * @img: the image, after sim_image_parse_hash()
 * @sw_id: the software ID the image must be signed for
 *	(%MSS_MDT_SW_ID_MBA, %MSS_MDT_SW_ID_MODEM)
 * @corrupt_leaf: flip a byte of the attestation certificate first (the
 *	corrupt_read knob)
 * @what: the image's name in messages
 *
 * See the top of this file.  The result is recorded in @img's report.
 *
 * Return: 0, %SIM_ERR_HASH or %SIM_ERR_GENERIC.
 */
int sim_image_authenticate(struct mss_sim *sim, const struct sim_image *img,
			   u64 sw_id, bool corrupt_leaf, const char *what)
{
	const struct mss_mdt_hash *h = &img->hash;
	struct sim_auth *rep = img->rep;
	struct sim_chain c;
	int ret;

	if (!h->signature_size) {
		if (sim->fuse_set) {
			dev_err(sim->dev, "%s: unsigned image, but OEM_PK_HASH is fused\n",
				what);
			rep->root = "unsigned image on a fused device";
			return SIM_ERR_HASH;
		}
		return 0;
	}

	ret = sim_chain_split(sim, img->hs + h->cert_chain_offset,
			      h->cert_chain_size, what, &c);
	if (ret) {
		rep->chain = "BAD (malformed)";
		return ret;
	}
	rep->certs = c.n;
	if (!c.n) {
		dev_err(sim->dev, "%s: signed, but no certificate\n", what);
		rep->chain = "BAD (empty)";
		return SIM_ERR_HASH;
	}

	ret = sim_sha256(c.der[c.n - 1], c.len[c.n - 1], rep->root_hash);
	if (ret)
		return SIM_ERR_GENERIC;
	rep->root_valid = true;
	rep->root = sim->fuse_set ? "matches OEM_PK_HASH" : "not fused";
	if (sim->fuse_set &&
	    memcmp(rep->root_hash, sim->fuse, sizeof(sim->fuse))) {
		dev_err(sim->dev, "%s: root certificate does not match OEM_PK_HASH\n",
			what);
		rep->root = "MISMATCH with OEM_PK_HASH";
		return SIM_ERR_HASH;
	}

	ret = sim_verify_chain(sim, img, &c, sw_id, corrupt_leaf, what, rep);

	return ret > 0 ? 0 : ret;
}

/**
 * sim_image_extent() - how many file bytes the image's segments span
 * @img: the image, after sim_image_parse_headers()
 *
 * Return: the largest p_offset + p_filesz over the program headers.
 */
size_t sim_image_extent(const struct sim_image *img)
{
	size_t extent = 0;
	unsigned int i;

	for (i = 0; i < img->mdt.phnum; i++) {
		const struct elf32_phdr *ph = &img->mdt.phdrs[i];

		if (ph->p_filesz && (u64)ph->p_offset + ph->p_filesz > extent)
			extent = (u64)ph->p_offset + ph->p_filesz;
	}

	return extent;
}

/**
 * sim_image_segment() - describe a loadable segment
 * @img: the image, after sim_image_parse_headers()
 * @i: program header index, below @img->mdt.phnum
 * @seg: filled in when the program header is a loadable segment
 *
 * Loadable segments are those the driver loads (mss_mdt_is_loadable():
 * PT_LOAD, not the hash segment, p_memsz not zero).
 *
 * Return: true if program header @i is a loadable segment.
 */
bool sim_image_segment(const struct sim_image *img, unsigned int i,
		       struct sim_image_seg *seg)
{
	const struct elf32_phdr *ph = &img->mdt.phdrs[i];

	if (!mss_mdt_is_loadable(ph))
		return false;

	seg->offset = ph->p_offset;
	seg->filesz = ph->p_filesz;
	seg->memsz = ph->p_memsz;
	seg->paddr = ph->p_paddr;
	seg->reloc = mss_mdt_is_relocatable(ph);

	return true;
}

/**
 * sim_image_has_digest() - does program header @i have a digest to check?
 * @img: the image, after sim_image_parse_headers()
 * @i: program header index, below @img->mdt.phnum
 *
 * Return: true if its digest table entry covers file bytes.
 */
bool sim_image_has_digest(const struct sim_image *img, unsigned int i)
{
	return mss_mdt_has_digest(&img->mdt.phdrs[i]);
}

/**
 * sim_image_verify() - check data against a digest of the hash segment
 * @sim: the simulator (for messages)
 * @img: the image, after sim_image_parse_hash()
 * @i: program header index whose digest to check (0: the headers)
 * @data: the bytes (@i's p_filesz bytes; for 0 the ELF and program headers)
 * @len: how many
 * @flip: index of a byte of @data that is read inverted (the corrupt_read
 *	knob), or %SIZE_MAX
 *
 * The result is recorded in @img's report.
 *
 * Return: 0 if the digest matches, %SIM_ERR_HASH otherwise.
 */
int sim_image_verify(struct mss_sim *sim, const struct sim_image *img,
		     unsigned int i, const void *data, size_t len, size_t flip)
{
	const u8 *bufs[] = { data };
	u8 digest[MSS_MDT_MAX_DIGEST];
	size_t lens[] = { len };
	bool ok;
	int ret;

	ret = sim_digest(mss_mdt_digest_name(&img->hash), bufs, lens, 1, flip,
			 digest);
	if (ret) {
		dev_err(sim->dev, "%s: %d\n", mss_mdt_digest_name(&img->hash),
			ret);
		return SIM_ERR_GENERIC;
	}
	ok = !memcmp(digest, mss_mdt_digest(img->hs, &img->hash, i),
		     img->hash.digest_size);
	if (img->rep)
		img->rep->ph[i].digest = ok ? SIM_DG_OK : SIM_DG_BAD;

	return ok ? 0 : SIM_ERR_HASH;
}

/**
 * sim_auth_note() - record a program header's state in a report
 * @rep: the report
 * @i: program header index
 * @digest: what became of its digest (enum sim_digest)
 * @load: where it was loaded
 */
void sim_auth_note(struct sim_auth *rep, unsigned int i, u8 digest, u32 load)
{
	if (i >= rep->phnum)
		return;
	rep->ph[i].digest = digest;
	rep->ph[i].load = load;
}

/**
 * sim_auth_start() - begin a report: what is about to be authenticated
 * @rep: the report
 * @addr: where the image (or metadata) is
 */
void sim_auth_start(struct sim_auth *rep, u32 addr)
{
	sim_auth_reset(rep);
	rep->valid = true;
	rep->addr = addr;
}

static void sim_auth_show_one(struct seq_file *m, const char *name,
			      const struct sim_auth *rep)
{
	unsigned int i;

	if (!rep->valid) {
		seq_printf(m, "%s: none\n", name);
		return;
	}
	seq_printf(m, "%s: addr %#x size %u status %d\n", name, rep->addr,
		   rep->size, rep->status);
	if (!rep->version)
		return;
	seq_printf(m, "  hash segment: version %u, %s\n", rep->version,
		   rep->digest_size == MSS_MDT_SHA384_SIZE ? "sha384" : "sha256");
	seq_printf(m, "  certificates: %u, chain %s\n", rep->certs, rep->chain);
	seq_printf(m, "  signature: %s\n", rep->signature);
	seq_printf(m, "  root: %s", rep->root);
	if (rep->root_valid)
		seq_printf(m, ", sha256 %*phN", SIM_ROOT_HASH_SIZE,
			   rep->root_hash);
	seq_putc(m, '\n');
	for (i = 0; i < rep->phnum; i++) {
		const typeof(rep->ph[0]) *ph = &rep->ph[i];

		seq_printf(m, "  phdr %u: type %#x flags %#x paddr %#x load %#x filesz %#x memsz %#x digest %s\n",
			   i, ph->type, ph->flags, ph->paddr, ph->load,
			   ph->filesz, ph->memsz,
			   ph->digest < ARRAY_SIZE(sim_digest_names) ?
			   sim_digest_names[ph->digest] : "?");
	}
}

static int sim_mba_auth_show(struct seq_file *m, void *unused)
{
	struct mss_sim *sim = m->private;

	mutex_lock(&sim->lock);
	sim_auth_show_one(m, "mba", &sim->mba_auth);
	mutex_unlock(&sim->lock);

	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sim_mba_auth);

static int sim_modem_auth_show(struct seq_file *m, void *unused)
{
	struct mss_sim *sim = m->private;

	mutex_lock(&sim->lock);
	sim_auth_show_one(m, "modem", &sim->md_auth);
	mutex_unlock(&sim->lock);

	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sim_modem_auth);

static int sim_fuse_show(struct seq_file *m, void *unused)
{
	struct mss_sim *sim = m->private;

	mutex_lock(&sim->lock);
	if (sim->fuse_set)
		seq_printf(m, "%*phN\n", (int)sizeof(sim->fuse), sim->fuse);
	else
		seq_puts(m, "none\n");
	mutex_unlock(&sim->lock);

	return 0;
}

/*
 * "none", 64 hex digits, or "firmware:NAME": the SHA-256 of the
 * certificate (DER) in firmware file NAME, i.e. fuse that root.
 */
static ssize_t sim_fuse_write(struct file *file, const char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	struct mss_sim *sim = ((struct seq_file *)file->private_data)->private;
	u8 hash[SIM_ROOT_HASH_SIZE];
	const struct firmware *fw;
	bool set = true;
	char buf[160];
	int ret;

	ret = sim_get_arg(ubuf, count, buf, sizeof(buf));
	if (ret)
		return ret;

	if (!strcmp(buf, "none")) {
		set = false;
	} else if (!strncmp(buf, "firmware:", 9)) {
		ret = request_firmware(&fw, buf + 9, sim->dev);
		if (ret)
			return ret;
		ret = sim_sha256(fw->data, fw->size, hash);
		release_firmware(fw);
		if (ret)
			return ret;
	} else if (strlen(buf) != 2 * sizeof(hash) ||
		   hex2bin(hash, buf, sizeof(hash))) {
		return -EINVAL;
	}

	mutex_lock(&sim->lock);
	sim->fuse_set = set;
	if (set)
		memcpy(sim->fuse, hash, sizeof(hash));
	mutex_unlock(&sim->lock);

	return count;
}

DEFINE_SHOW_STORE_ATTRIBUTE(sim_fuse);

/**
 * sim_image_debugfs_init() - create the reports and the oem_pk_hash knob
 * @sim: the simulator
 * @dir: its debugfs directory
 */
void sim_image_debugfs_init(struct mss_sim *sim, struct dentry *dir)
{
	sim_auth_reset(&sim->mba_auth);
	sim_auth_reset(&sim->md_auth);
	debugfs_create_file("mba_auth", 0444, dir, sim, &sim_mba_auth_fops);
	debugfs_create_file("modem_auth", 0444, dir, sim, &sim_modem_auth_fops);
	debugfs_create_file("oem_pk_hash", 0644, dir, sim, &sim_fuse_fops);
}
