// SPDX-License-Identifier: GPL-2.0-only
/*
 * Hash segment signatures and certificate chains with OpenSSL (see
 * mdt-sign.h and the scheme description in qcom_mss_mdt.h).
 */
#include <stdio.h>
#include <string.h>

#include <openssl/rsa.h>
#include <openssl/x509v3.h>

#include "mdt-sign.h"

const char *mdt_scheme_name(enum mdt_scheme scheme)
{
	return scheme == MDT_SCHEME_PSS ? "pss" : "legacy";
}

const EVP_MD *mdt_md(const struct mss_mdt_hash *h)
{
	return EVP_get_digestbyname(mss_mdt_digest_name(h));
}

int mdt_digest(const EVP_MD *md, const void *data, size_t len, u8 *out)
{
	return EVP_Digest(data, len, out, NULL, md, NULL) == 1 ? 0 : -1;
}

/*
 * The attestation certificate names the IDs in OU fields such as
 * "01 0000000000000002 SW_ID" and "02 0000000000000000 HW_ID".
 */
int mdt_cert_ids(X509 *leaf, u64 *sw_id, u64 *hw_id)
{
	const X509_NAME *name = X509_get_subject_name(leaf);
	bool have_sw = false, have_hw = false;
	int ou = OBJ_sn2nid("OU");
	int i;

	for (i = 0; i < X509_NAME_entry_count(name); i++) {
		const X509_NAME_ENTRY *e = X509_NAME_get_entry(name, i);
		const ASN1_STRING *s = X509_NAME_ENTRY_get_data(e);
		char text[64], what[8];
		unsigned long long v;
		unsigned int field;
		int n = ASN1_STRING_length(s);

		if (OBJ_obj2nid(X509_NAME_ENTRY_get_object(e)) != ou || n <= 0 ||
		    n >= (int)sizeof(text))
			continue;
		memcpy(text, ASN1_STRING_get0_data(s), n);
		text[n] = '\0';
		if (sscanf(text, "%2x %16llx %7s", &field, &v, what) != 3)
			continue;
		if (field == 1 && !strcmp(what, "SW_ID")) {
			*sw_id = v;
			have_sw = true;
		} else if (field == 2 && !strcmp(what, "HW_ID")) {
			*hw_id = v;
			have_hw = true;
		}
	}
	return have_sw && have_hw ? 0 : -1;
}

/* H(opad ^ HW_ID || H(ipad ^ SW_ID || H(data))) */
static int legacy_digest(const EVP_MD *md, const void *data, size_t len,
			 u64 sw_id, u64 hw_id, u8 *out)
{
	u8 buf[8 + MSS_MDT_SIG_DIGEST_SIZE];
	const int n = MSS_MDT_SIG_DIGEST_SIZE;

	if (mdt_digest(md, data, len, buf + 8))
		return -1;
	mss_mdt_legacy_key(MSS_MDT_LEGACY_IPAD, sw_id, buf);
	if (mdt_digest(md, buf, 8 + n, buf + 8))
		return -1;
	mss_mdt_legacy_key(MSS_MDT_LEGACY_OPAD, hw_id, buf);
	return mdt_digest(md, buf, 8 + n, out);
}

/* A context for @key with the scheme's padding; the digest to sign in @tbs */
static EVP_PKEY_CTX *scheme_ctx(EVP_PKEY *key, enum mdt_scheme scheme,
				const void *data, size_t len, u64 sw_id,
				u64 hw_id, bool sign, u8 *tbs)
{
	const EVP_MD *md = EVP_get_digestbyname(MSS_MDT_SIG_DIGEST);
	EVP_PKEY_CTX *ctx;
	int ok;

	if (!md || EVP_MD_get_size(md) != MSS_MDT_SIG_DIGEST_SIZE)
		return NULL;
	ctx = EVP_PKEY_CTX_new(key, NULL);
	if (!ctx)
		return NULL;
	ok = sign ? EVP_PKEY_sign_init(ctx) : EVP_PKEY_verify_init(ctx);
	if (ok != 1)
		goto fail;
	if (scheme == MDT_SCHEME_LEGACY) {
		/* Raw PKCS#1 v1.5 type 1 padding: no DigestInfo */
		if (EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) != 1 ||
		    legacy_digest(md, data, len, sw_id, hw_id, tbs))
			goto fail;
	} else {
		if (EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PSS_PADDING) != 1 ||
		    EVP_PKEY_CTX_set_signature_md(ctx, md) != 1 ||
		    EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, md) != 1 ||
		    EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, MSS_MDT_SIG_DIGEST_SIZE) != 1 ||
		    mdt_digest(md, data, len, tbs))
			goto fail;
	}
	return ctx;
fail:
	EVP_PKEY_CTX_free(ctx);
	return NULL;
}

int mdt_sign(EVP_PKEY *key, enum mdt_scheme scheme, const void *data,
	     size_t len, u64 sw_id, u64 hw_id, u8 *sig, size_t siglen)
{
	u8 tbs[MSS_MDT_SIG_DIGEST_SIZE];
	EVP_PKEY_CTX *ctx;
	size_t n = siglen;
	int ret = -1;

	if (EVP_PKEY_get_size(key) != (int)siglen)
		return -1;
	ctx = scheme_ctx(key, scheme, data, len, sw_id, hw_id, true, tbs);
	if (!ctx)
		return -1;
	if (EVP_PKEY_sign(ctx, sig, &n, tbs, sizeof(tbs)) == 1 &&
	    n == siglen)
		ret = 0;
	EVP_PKEY_CTX_free(ctx);
	return ret;
}

int mdt_verify(EVP_PKEY *key, enum mdt_scheme scheme, const void *data,
	       size_t len, u64 sw_id, u64 hw_id, const u8 *sig, size_t siglen)
{
	u8 tbs[MSS_MDT_SIG_DIGEST_SIZE];
	EVP_PKEY_CTX *ctx;
	int ret = -1;

	ctx = scheme_ctx(key, scheme, data, len, sw_id, hw_id, false, tbs);
	if (!ctx)
		return -1;
	if (EVP_PKEY_verify(ctx, sig, siglen, tbs, sizeof(tbs)) == 1)
		ret = 0;
	EVP_PKEY_CTX_free(ctx);
	return ret;
}

/*
 * DER certificates back to back, then 0xff padding to the end of the
 * area.  Anything else is malformed (-1).
 */
int mdt_chain_parse(const u8 *area, size_t len, X509 **certs, int *ncerts)
{
	size_t pos = 0;

	*ncerts = 0;
	while (pos < len && area[pos] == 0x30) {
		const unsigned char *p = area + pos;
		X509 *c;

		if (*ncerts == MDT_MAX_CERTS)
			goto fail;
		c = d2i_X509(NULL, &p, (long)(len - pos));
		if (!c)
			goto fail;
		certs[(*ncerts)++] = c;
		pos = p - area;
	}
	for (; pos < len; pos++)
		if (area[pos] != 0xff)
			goto fail;
	return 0;
fail:
	mdt_chain_free(certs, *ncerts);
	*ncerts = 0;
	return -1;
}

/*
 * Every certificate is issued and signed by the next one, the last one
 * signed itself and, when @root is given, is @root.
 */
int mdt_chain_verify(X509 **certs, int ncerts, X509 *root)
{
	int i;

	if (ncerts < 1)
		return -1;
	for (i = 0; i < ncerts; i++) {
		X509 *issuer = i + 1 < ncerts ? certs[i + 1] : certs[i];

		if (X509_check_issued(issuer, certs[i]) != X509_V_OK ||
		    X509_verify(certs[i], X509_get0_pubkey(issuer)) != 1)
			return -1;
	}
	if (root && X509_cmp(certs[ncerts - 1], root))
		return -1;
	return 0;
}

void mdt_chain_free(X509 **certs, int ncerts)
{
	int i;

	for (i = 0; i < ncerts; i++)
		X509_free(certs[i]);
}
