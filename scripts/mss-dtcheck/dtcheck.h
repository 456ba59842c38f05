/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mss-dtcheck: validate the Qualcomm MSS (modem) memory layout of a
 * flattened device tree and predict the metadata source the driver uses.
 *
 * The metadata source rules are not reimplemented here: the tool links
 * drivers/remoteproc/qcom_q6v5_mss_mdata_select.c, the same file the
 * kernel module is built from.
 */
#ifndef MSS_DTCHECK_H
#define MSS_DTCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mss_host.h"
#include "qcom_q6v5_mss_mdata_select.h"

#define DTCHECK_PAGE_SIZE	4096ULL
#define DTCHECK_DEFAULT_MDATA	(16ULL * 1024)
/* Largest DTB the tool reads; libfdt offsets are ints anyway. */
#define DTCHECK_MAX_DTB		(64U * 1024 * 1024)
/* Findings kept per tree; one MSS000 info says how many were dropped. */
#define DTCHECK_MAX_FINDINGS	200

enum dtcheck_sev {
	SEV_INFO,
	SEV_WARNING,
	SEV_ERROR,
};

struct finding {
	const char *id;		/* "MSS004", static */
	enum dtcheck_sev sev;
	char *node;		/* node path the finding is about */
	char *src;		/* "file:line" or NULL */
	char *msg;
	char *hint;
};

/* One region an MSS node references, as found in the tree. */
struct region_info {
	bool referenced;	/* a phandle or child names it */
	bool resolved;		/* the driver's of_reserved_mem_lookup() would succeed */
	char *path;		/* reserved-memory node path, NULL if unresolved */
	bool dynamic;
	bool no_map;
	u64 base;		/* valid for static regions */
	u64 size;
};

struct mss_node {
	int off;		/* structure offset of the node */
	char *path;
	char *compatible;
	char *src;
	bool enabled;
	bool protected_soc;	/* TrustZone ownership transfers (need_mem_protection) */
	bool legacy_children;	/* mba/mpss/metadata child nodes */
	bool probe_fails;	/* mba/mpss/metadata cannot be resolved */
	struct region_info reg[MSS_REGION_NR];
	struct mss_mdata_choice choice;
	int select_ret;
	u64 mdata_reserved;	/* size of the dedicated metadata region */
	unsigned int nerr, nwarn, ninfo;
};

struct tree_result {
	char *name;		/* what the user named: .dts or .dtb path */
	char *dtb;		/* the DTB that was read */
	char *error;		/* set when the input could not be checked */
	char *model;
	struct finding *f;
	size_t nf, nf_dropped;
	struct mss_node *n;
	size_t nn;
	size_t skipped_disabled;
	unsigned int nerr, nwarn, ninfo;
};

struct firmware_info {
	char *path;
	u64 ehdr_size;	/* phdr[0].p_filesz: ELF header + program headers */
	u64 hash_size;	/* the hash segment's p_filesz */
	unsigned int hash_index;
	char *hash_where;	/* "mdt (packed)", "mdt", or the .bNN file name */
	u64 mdata_size;	/* ehdr_size + hash_size, as the driver stages */
	u64 min_addr, max_addr;
	u64 footprint;	/* span of the PT_LOAD non-hash segments */
};

struct srcmap;

struct dtcheck_opts {
	bool all;		/* include status = "disabled" MSS nodes */
	u64 mdata_size;	/* metadata bytes the driver must stage */
	const struct firmware_info *fw;
};

/* check.c */
void dtcheck_blob(const void *buf, size_t len, const struct dtcheck_opts *opts,
		  const struct srcmap *map, struct tree_result *res);
void tree_result_free(struct tree_result *res);
const char *sev_name(enum dtcheck_sev sev);

/* srcmap.c: dtc -O dts -T [-T] output as node/property -> file:line */
struct srcmap *srcmap_load(const char *path, char **err);
struct srcmap *srcmap_parse(const char *text, size_t len);
const char *srcmap_node(const struct srcmap *map, const char *path);
const char *srcmap_prop(const struct srcmap *map, const char *path,
			const char *prop);
void srcmap_free(struct srcmap *map);

/* mdt.c */
int mdt_parse(const char *path, struct firmware_info *fw, char *err, size_t errlen);
int mdt_parse_buf(const u8 *buf, size_t len, u64 file_size,
		  struct firmware_info *fw, char *err, size_t errlen);
void firmware_info_free(struct firmware_info *fw);

/* report.c */
void report_text(FILE *out, const struct tree_result *res, bool verbose);
void report_json_begin(FILE *out, const struct dtcheck_opts *opts);
void report_json_tree(FILE *out, const struct tree_result *res, bool first);
void report_json_end(FILE *out, size_t ninputs, unsigned int nerr,
		     unsigned int nwarn, unsigned int ninfo, size_t nioerr);
void report_fleet_header(FILE *out);
void report_fleet_rows(FILE *out, const struct tree_result *res);

/* util */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __printf(1, 2);
char *xstrndup(const char *s, size_t n);

#endif
