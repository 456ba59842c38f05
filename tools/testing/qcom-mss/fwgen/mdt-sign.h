/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hash segment signatures and certificate chains with OpenSSL, shared by
 * mss-fwgen (signs) and mss-mdt-verify (verifies, also real images).  The
 * layout and the schemes are defined in drivers/remoteproc/qcom_mss_mdt.h.
 */
#ifndef __MDT_SIGN_H__
#define __MDT_SIGN_H__

#include <stdbool.h>
#include <stddef.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "qcom_mss_mdt.h"

#define MDT_MAX_CERTS	8

enum mdt_scheme {
	MDT_SCHEME_LEGACY,	/* PKCS#1 v1.5 over the SW_ID/HW_ID digest */
	MDT_SCHEME_PSS,		/* RSASSA-PSS over the signed bytes */
};

const char *mdt_scheme_name(enum mdt_scheme scheme);
const EVP_MD *mdt_md(const struct mss_mdt_hash *h);
int mdt_digest(const EVP_MD *md, const void *data, size_t len, u8 *out);
int mdt_cert_ids(X509 *leaf, u64 *sw_id, u64 *hw_id);
int mdt_sign(EVP_PKEY *key, enum mdt_scheme scheme, const void *data,
	     size_t len, u64 sw_id, u64 hw_id, u8 *sig, size_t siglen);
int mdt_verify(EVP_PKEY *key, enum mdt_scheme scheme, const void *data,
	       size_t len, u64 sw_id, u64 hw_id, const u8 *sig, size_t siglen);
int mdt_chain_parse(const u8 *area, size_t len, X509 **certs, int *ncerts);
int mdt_chain_verify(X509 **certs, int ncerts, X509 *root);
void mdt_chain_free(X509 **certs, int ncerts);

#endif
