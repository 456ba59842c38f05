// SPDX-License-Identifier: GPL-2.0-only
/*
 * mss-dtcheck: the checks.  Input is an untrusted blob: nothing is read
 * before fdt_check_full() accepted it, and every property is length
 * checked before its cells are read (byte-wise, so alignment never
 * matters).
 *
 * Kernel semantics followed (6.12):
 *  - reserved-memory children and /memory reg use the root's cells
 *    (drivers/of/fdt.c, of_reserved_mem.c); /reserved-memory is ignored
 *    whole when its cells differ from the root's or it has no ranges;
 *  - a reserved region is known to of_reserved_mem_lookup() when it is an
 *    available child of /reserved-memory with a well formed reg, or a
 *    well formed size (and alloc-ranges); only its first reg entry counts;
 *  - the driver (qcom_q6v5_mss_mdata.c, as upstream qcom_q6v5_mss.c):
 *    with an "mba" child, mba/mpss/metadata come from the children's
 *    memory-region; otherwise from memory-region entries 0, 1 and 2.
 *    An unresolvable mba or mpss region fails the probe; an unresolvable
 *    metadata region is reported and skipped (upstream 6.12 fails the
 *    probe there too).
 *
 * Finding IDs (stable; never renumbered):
 *  MSS000 info     findings capped, more not listed
 *  MSS001 error    no mba/mpss region referenced (probe fails)
 *  MSS002 error    memory-region malformed, or a phandle that is 0,
 *                  dangling or shared by several nodes
 *  MSS003 error    referenced node is not an available /reserved-memory child
 *  MSS004 error    region lacks no-map
 *  MSS005 error/info  region has no usable reg/size (malformed, zero);
 *                  info: extra reg entries ignored
 *  MSS006 error    base or size not 4 KiB aligned
 *  MSS007 error    region or alloc-ranges entry outside /memory, or wraps
 *  MSS008 error/warning  static reserved regions overlap (error when an
 *                  MSS region is involved)
 *  MSS009 error    two roles reference the same region
 *  MSS010 warning  dedicated metadata region smaller than the metadata
 *  MSS011 error    MPSS region smaller than the firmware's load footprint
 *  MSS012 warning  legacy metadata staging on a TrustZone-protected SoC
 *  MSS013 info     legacy metadata staging on an unprotected SoC
 *  MSS014 warning  ignored memory-region entries or metadata child
 *  MSS015 error    /reserved-memory ignored by the kernel (cells, ranges)
 *  MSS016 info     no /memory, or its size is left to the bootloader
 *  MSS018 error    metadata source selection failed
 *  MSS019 error    dynamic region's alloc-ranges malformed, too small or
 *                  unusable
 *  MSS020 error    a Qualcomm MSS compatible the driver does not bind: the
 *                  node is not checked (never skipped silently)
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "dtcheck.h"

/* The compatibles the driver binds and their protection: the SoC table */
static const struct {
	const char *compatible;
	const char *soc;
	bool protected_soc;
	const char *mba_image;
} mss_compats[] = {
#define MSS_SOC(_compat, _soc, _prot, _mba)	{ _compat, #_soc, _prot, _mba },
#include "qcom_mss_socs.h"
#undef MSS_SOC
};

struct phent {
	u32 ph;
	int off;
};

/* One reg entry of a static reserved region (for the overlap check) */
struct rsv_entry {
	u64 base, size;
	size_t region;		/* index into ctx.rsv */
};

struct rsv {
	int off;
	char *path;
	bool mss_ref;		/* referenced by a checked MSS node */
};

struct ram_range {
	u64 base, end;	/* end exclusive; UINT64_MAX when unknown */
};

struct ctx {
	const void *fdt;
	const struct dtcheck_opts *o;
	const struct srcmap *map;
	struct tree_result *res;
	int ac, sc;		/* root cells */
	int resmem;		/* /reserved-memory offset or < 0 */
	bool resmem_ok;		/* the kernel would use it */
	struct ram_range *ram;
	size_t nram;
	char *ram_node;		/* first /memory node, for MSS016 */
	bool ram_size_unknown;
	struct phent *ph;
	size_t nph;
	struct rsv *rsv;
	size_t nrsv;
	struct rsv_entry *ent;
	size_t nent;
};

const char *sev_name(enum dtcheck_sev sev)
{
	switch (sev) {
	case SEV_ERROR:
		return "error";
	case SEV_WARNING:
		return "warning";
	default:
		return "info";
	}
}

static u32 ld32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 |
	       (u32)p[2] << 8 | p[3];
}

/* Read @cells (1 or 2) big-endian cells at @p */
static u64 ldcells(const u8 *p, int cells)
{
	u64 v = 0;
	int i;

	for (i = 0; i < cells; i++)
		v = v << 32 | ld32(p + 4 * i);
	return v;
}

static const u8 *getprop(struct ctx *c, int off, const char *name, int *len)
{
	const u8 *p = fdt_getprop(c->fdt, off, name, len);

	if (!p || *len < 0) {
		*len = 0;
		return NULL;
	}
	return p;
}

/* The property is a string equal to @want (up to its first NUL) */
static bool prop_streq(const u8 *p, int len, const char *want)
{
	size_t wl = strlen(want);

	return p && (size_t)len > wl && !memcmp(p, want, wl) && p[wl] == '\0';
}

/* of_fdt_device_is_available(): no status, "okay" or "ok" */
static bool node_available(struct ctx *c, int off)
{
	int len;
	const u8 *p = getprop(c, off, "status", &len);

	if (!p)
		return true;
	return prop_streq(p, len, "okay") || prop_streq(p, len, "ok");
}

static char *node_path(struct ctx *c, int off)
{
	size_t sz = 256;

	for (;;) {
		char *buf = xmalloc(sz);
		int ret = fdt_get_path(c->fdt, off, buf, (int)sz);

		if (!ret)
			return buf;
		free(buf);
		if (ret != -FDT_ERR_NOSPACE || sz >= DTCHECK_MAX_DTB)
			return xasprintf("<node at offset %d>", off);
		sz *= 2;
	}
}

static char *src_of(struct ctx *c, const char *path, const char *prop)
{
	const char *s = NULL;

	if (!c->map || !path)
		return NULL;
	if (prop)
		s = srcmap_prop(c->map, path, prop);
	if (!s)
		s = srcmap_node(c->map, path);
	return s ? xstrdup(s) : NULL;
}

static void add_finding(struct ctx *c, struct mss_node *n, const char *id,
			enum dtcheck_sev sev, const char *path, const char *prop,
			const char *hint, const char *fmt, ...)
	__printf(8, 9);

static void add_finding(struct ctx *c, struct mss_node *n, const char *id,
			enum dtcheck_sev sev, const char *path, const char *prop,
			const char *hint, const char *fmt, ...)
{
	struct tree_result *r = c->res;
	struct finding *f;
	va_list ap;
	int len;

	switch (sev) {
	case SEV_ERROR:
		r->nerr++;
		if (n)
			n->nerr++;
		break;
	case SEV_WARNING:
		r->nwarn++;
		if (n)
			n->nwarn++;
		break;
	default:
		r->ninfo++;
		if (n)
			n->ninfo++;
	}
	if (r->nf >= DTCHECK_MAX_FINDINGS) {
		r->nf_dropped++;
		return;
	}
	r->f = xrealloc(r->f, (r->nf + 1) * sizeof(*r->f));
	f = &r->f[r->nf++];
	f->id = id;
	f->sev = sev;
	f->node = xstrdup(path ? path : "/");
	f->src = src_of(c, path, prop);
	f->hint = xstrdup(hint ? hint : "");
	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	f->msg = xmalloc(len > 0 ? (size_t)len + 1 : 1);
	f->msg[0] = '\0';
	va_start(ap, fmt);
	if (len > 0)
		vsnprintf(f->msg, (size_t)len + 1, fmt, ap);
	va_end(ap);
}

static int fail(struct ctx *c, const char *fmt, ...)
	__printf(2, 3);

static int fail(struct ctx *c, const char *fmt, ...)
{
	va_list ap;
	char buf[512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	free(c->res->error);
	c->res->error = xstrdup(buf);
	return -1;
}

/* ------------------------------------------------------------------ */
/* Tree-wide tables */

/* #address-cells / #size-cells of the root, as the kernel reads them */
static int root_cells(struct ctx *c)
{
	static const char *const names[2] = { "#address-cells", "#size-cells" };
	int *dst[2] = { &c->ac, &c->sc };
	int i;

	for (i = 0; i < 2; i++) {
		int len;
		const u8 *p = getprop(c, 0, names[i], &len);
		u32 v;

		*dst[i] = 1;	/* OF_ROOT_NODE_{ADDR,SIZE}_CELLS_DEFAULT */
		if (!p)
			continue;
		if (len != 4)
			return fail(c, "/: %s has %d bytes, expected 4", names[i], len);
		v = ld32(p);
		if (v < 1 || v > 2)
			return fail(c, "/: unsupported %s = <%u> (1 or 2 supported)",
				    names[i], v);
		*dst[i] = (int)v;
	}
	return 0;
}

static int cmp_phent(const void *a, const void *b)
{
	const struct phent *x = a, *y = b;

	if (x->ph != y->ph)
		return x->ph < y->ph ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

static int build_phandles(struct ctx *c)
{
	size_t cap = 0;
	int depth = 0, off;

	for (off = fdt_next_node(c->fdt, -1, &depth); off >= 0;
	     off = fdt_next_node(c->fdt, off, &depth)) {
		int len;
		const u8 *p = getprop(c, off, "phandle", &len);

		if (!p)
			p = getprop(c, off, "linux,phandle", &len);
		if (!p || len != 4)
			continue;
		if (c->nph == cap) {
			cap = cap ? cap * 2 : 64;
			c->ph = xrealloc(c->ph, cap * sizeof(*c->ph));
		}
		c->ph[c->nph].ph = ld32(p);
		c->ph[c->nph].off = off;
		c->nph++;
	}
	if (off != -FDT_ERR_NOTFOUND)
		return fail(c, "corrupt structure block: %s", fdt_strerror(off));
	if (c->nph)
		qsort(c->ph, c->nph, sizeof(*c->ph), cmp_phent);
	return 0;
}

/* First node (in tree order) with phandle @ph, and how many have it */
static int lookup_phandle(struct ctx *c, u32 ph, size_t *count)
{
	size_t lo = 0, hi = c->nph, i;

	*count = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->ph[mid].ph < ph)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < c->nph && c->ph[i].ph == ph; i++)
		(*count)++;
	return *count ? c->ph[lo].off : -1;
}

static void add_ram(struct ctx *c, u64 base, u64 end)
{
	c->ram = xrealloc(c->ram, (c->nram + 1) * sizeof(*c->ram));
	c->ram[c->nram].base = base;
	c->ram[c->nram].end = end;
	c->nram++;
}

static int cmp_ram(const void *a, const void *b)
{
	const struct ram_range *x = a, *y = b;

	return x->base < y->base ? -1 : x->base > y->base;
}

/* early_init_dt_scan_memory(): root children with device_type "memory" */
static void build_ram(struct ctx *c)
{
	size_t tuple = (size_t)(c->ac + c->sc) * 4;
	size_t i, j;
	int node;

	fdt_for_each_subnode(node, c->fdt, 0) {
		int len;
		const u8 *p = getprop(c, node, "device_type", &len);

		if (!prop_streq(p, len, "memory") || !node_available(c, node))
			continue;
		p = getprop(c, node, "linux,usable-memory", &len);
		if (!p)
			p = getprop(c, node, "reg", &len);
		if (!p)
			continue;
		if (!c->ram_node)
			c->ram_node = node_path(c, node);
		for (; (size_t)len >= tuple; p += tuple, len -= (int)tuple) {
			u64 base = ldcells(p, c->ac);
			u64 size = ldcells(p + 4 * c->ac, c->sc);

			if (!size) {
				/* The bootloader fills the size in */
				c->ram_size_unknown = true;
				add_ram(c, base, UINT64_MAX);
			} else {
				add_ram(c, base, base + size < base ? UINT64_MAX : base + size);
			}
		}
	}
	if (!c->nram)
		return;
	/* Merge into disjoint sorted ranges */
	qsort(c->ram, c->nram, sizeof(*c->ram), cmp_ram);
	for (i = 1, j = 0; i < c->nram; i++) {
		if (c->ram[i].base <= c->ram[j].end) {
			if (c->ram[i].end > c->ram[j].end)
				c->ram[j].end = c->ram[i].end;
		} else {
			c->ram[++j] = c->ram[i];
		}
	}
	c->nram = j + 1;
}

/* [base, base + size) lies in RAM (as far as the tree describes RAM) */
static bool in_ram(struct ctx *c, u64 base, u64 size)
{
	u64 end = base + size;
	size_t i;

	if (end < base)
		return false;
	for (i = 0; i < c->nram; i++)
		if (base >= c->ram[i].base && end <= c->ram[i].end)
			return true;
	return false;
}

static size_t rsv_index(struct ctx *c, int off)
{
	size_t i;

	for (i = 0; i < c->nrsv; i++)
		if (c->rsv[i].off == off)
			return i;
	return SIZE_MAX;
}

/* Every available /reserved-memory child with a well formed static reg */
static void build_reserved(struct ctx *c)
{
	size_t tuple = (size_t)(c->ac + c->sc) * 4;
	int node;

	if (c->resmem < 0 || !c->resmem_ok)
		return;
	fdt_for_each_subnode(node, c->fdt, c->resmem) {
		int len;
		const u8 *p;
		size_t idx;

		if (!node_available(c, node))
			continue;
		c->rsv = xrealloc(c->rsv, (c->nrsv + 1) * sizeof(*c->rsv));
		idx = c->nrsv++;
		c->rsv[idx].off = node;
		c->rsv[idx].path = NULL;	/* computed when a finding needs it */
		c->rsv[idx].mss_ref = false;
		p = getprop(c, node, "reg", &len);
		if (!p || !len || (size_t)len % tuple)
			continue;
		for (; len > 0; p += tuple, len -= (int)tuple) {
			struct rsv_entry *e;
			u64 size = ldcells(p + 4 * c->ac, c->sc);

			if (!size)
				continue;	/* the kernel reserves nothing */
			c->ent = xrealloc(c->ent, (c->nent + 1) * sizeof(*c->ent));
			e = &c->ent[c->nent++];
			e->base = ldcells(p, c->ac);
			e->size = size;
			e->region = idx;
		}
	}
}

static int cmp_ent(const void *a, const void *b)
{
	const struct rsv_entry *x = a, *y = b;

	if (x->base != y->base)
		return x->base < y->base ? -1 : 1;
	return x->region < y->region ? -1 : x->region > y->region;
}

static void check_overlaps(struct ctx *c)
{
	size_t i, j;

	if (c->nent < 2)
		return;
	qsort(c->ent, c->nent, sizeof(*c->ent), cmp_ent);
	for (i = 0; i < c->nent; i++) {
		const struct rsv_entry *a = &c->ent[i];
		u64 aend = a->base + a->size;

		if (aend < a->base)
			aend = UINT64_MAX;
		/* stop at the findings cap: keeps hostile trees linear */
		for (j = i + 1; j < c->nent && c->ent[j].base < aend &&
		     !c->res->nf_dropped; j++) {
			const struct rsv_entry *b = &c->ent[j];
			const struct rsv_entry *e1 = a, *e2 = b;
			const struct rsv *ra, *rb;
			bool mss;

			/* name the MSS region: that is the layout being checked */
			if (c->rsv[a->region].mss_ref && !c->rsv[b->region].mss_ref) {
				e1 = b;
				e2 = a;
			}
			ra = &c->rsv[e1->region];
			rb = &c->rsv[e2->region];
			if (!ra->path)
				c->rsv[e1->region].path = node_path(c, ra->off);
			if (!rb->path)
				c->rsv[e2->region].path = node_path(c, rb->off);
			mss = ra->mss_ref || rb->mss_ref;

			add_finding(c, NULL, "MSS008", mss ? SEV_ERROR : SEV_WARNING,
				    rb->path, "reg",
				    "move or shrink one of the two regions so their reg ranges are disjoint",
				    "reserved region [0x%llx-0x%llx) overlaps %s [0x%llx-0x%llx)%s",
				    e2->base, e2->base + e2->size, ra->path,
				    e1->base, e1->base + e1->size,
				    mss ? " (involves an MSS region)" : "");
		}
		if (c->res->nf_dropped)
			break;
	}
}

/* ------------------------------------------------------------------ */
/* MSS nodes */

/*
 * A compatible that looks like a Qualcomm modem PIL node ("qcom,...-mss-pil"
 * or "qcom,...-mss") but is not in the SoC table: a newer SoC or a typo.
 * Returns the first such string, or NULL.
 */
static const char *unknown_mss(struct ctx *c, int off, int *len_out)
{
	int len;
	const u8 *p = getprop(c, off, "compatible", &len);

	while (p && len > 0) {
		size_t sl = strnlen((const char *)p, (size_t)len);
		const char *str = (const char *)p;

		if (sl < (size_t)len && !strncmp(str, "qcom,", 5) &&
		    ((sl > 8 && !strcmp(str + sl - 8, "-mss-pil")) ||
		     (sl > 4 && !strcmp(str + sl - 4, "-mss")))) {
			*len_out = (int)sl;
			return str;
		}
		if (sl >= (size_t)len)
			break;
		p += sl + 1;
		len -= (int)sl + 1;
	}

	return NULL;
}

static const char *match_mss(struct ctx *c, int off, bool *protected_soc)
{
	int len;
	const u8 *p = getprop(c, off, "compatible", &len);
	size_t i;

	while (p && len > 0) {
		size_t sl = strnlen((const char *)p, (size_t)len);

		for (i = 0; i < ARRAY_SIZE(mss_compats); i++) {
			if (sl == strlen(mss_compats[i].compatible) &&
			    !memcmp(p, mss_compats[i].compatible, sl)) {
				*protected_soc = mss_compats[i].protected_soc;
				return mss_compats[i].compatible;
			}
		}
		if (sl >= (size_t)len)
			break;
		p += sl + 1;
		len -= (int)sl + 1;
	}
	return NULL;
}

static const char *const role_hint_missing[MSS_REGION_NR] = {
	"reference the MBA carveout as memory-region entry 0 (or in an mba child node)",
	"reference the MPSS carveout as memory-region entry 1 (or in an mpss child node)",
	"",
};

/*
 * Resolve the reserved region for @role from phandle cell @ph found in
 * property @prop of node @holder (the MSS node or a legacy child).
 */
static void resolve_region(struct ctx *c, struct mss_node *n, int role,
			   const char *holder, u32 ph)
{
	const char *rname = mss_region_role_name(role);
	/* qcom_q6v5_mss_mdata.c: an unresolvable metadata region is skipped */
	const char *outcome = role == MSS_REGION_MDATA ?
		"the driver runs without a metadata region" : "the driver fails to probe";
	struct region_info *ri = &n->reg[role];
	size_t tuple = (size_t)(c->ac + c->sc) * 4;
	size_t count;
	const u8 *p;
	char *path;
	int off, len;

	if (ph == 0 || ph == 0xffffffffu) {
		add_finding(c, n, "MSS002", SEV_ERROR, holder, "memory-region",
			    "use a label reference such as <&mpss_mem>",
			    "%s region: invalid phandle 0x%x", rname, ph);
		if (role != MSS_REGION_MDATA)
			n->probe_fails = true;
		return;
	}
	off = lookup_phandle(c, ph, &count);
	if (off < 0) {
		add_finding(c, n, "MSS002", SEV_ERROR, holder, "memory-region",
			    "point memory-region at an existing /reserved-memory node",
			    "%s region: phandle 0x%x does not resolve to any node%s",
			    rname, ph,
			    role == MSS_REGION_MDATA ?
			    " (the driver runs without a metadata region)" : "");
		if (role != MSS_REGION_MDATA)
			n->probe_fails = true;
		return;
	}
	ri->referenced = true;
	path = node_path(c, off);
	if (count > 1)
		add_finding(c, n, "MSS002", SEV_ERROR, holder, "memory-region",
			    "give every node a unique phandle",
			    "%s region: phandle 0x%x is used by %zu nodes; the kernel takes %s",
			    rname, ph, count, path);

	if (c->resmem < 0 || fdt_parent_offset(c->fdt, off) != c->resmem) {
		add_finding(c, n, "MSS003", SEV_ERROR, holder, "memory-region",
			    "point memory-region at a child of /reserved-memory",
			    "%s region %s is not a /reserved-memory child; %s",
			    rname, path, outcome);
		goto unresolved;
	}
	if (!c->resmem_ok) {
		add_finding(c, n, "MSS003", SEV_ERROR, holder, "memory-region",
			    "fix /reserved-memory (see MSS015)",
			    "%s region %s: the kernel ignores /reserved-memory (MSS015); %s",
			    rname, path, outcome);
		goto unresolved;
	}
	if (!node_available(c, off)) {
		add_finding(c, n, "MSS003", SEV_ERROR, path, "status",
			    "remove status = \"disabled\" from the region",
			    "%s region is disabled, so the kernel does not reserve it; %s",
			    rname, outcome);
		goto unresolved;
	}
	if (rsv_index(c, off) != SIZE_MAX)
		c->rsv[rsv_index(c, off)].mss_ref = true;

	ri->path = path;
	ri->no_map = !!fdt_getprop(c->fdt, off, "no-map", NULL);
	p = getprop(c, off, "reg", &len);
	if (p) {
		if (!len || (size_t)len % tuple) {
			add_finding(c, n, "MSS005", SEV_ERROR, path, "reg",
				    "write reg as <address size> pairs using the root's #address-cells/#size-cells",
				    "%s region: reg has %d bytes, not a multiple of %zu; the kernel ignores the region",
				    rname, len, tuple);
			goto unresolved_kept;
		}
		if ((size_t)len > tuple)
			add_finding(c, n, "MSS005", SEV_INFO, path, "reg",
				    "split the region if the extra ranges are meant for something else",
				    "%s region: reg has %zu entries; the driver uses only the first",
				    rname, (size_t)len / tuple);
		ri->base = ldcells(p, c->ac);
		ri->size = ldcells(p + 4 * c->ac, c->sc);
		ri->resolved = true;
		if (ri->size && !in_ram(c, ri->base, ri->size) && c->nram)
			add_finding(c, n, "MSS007", SEV_ERROR, path, "reg",
				    "place the region inside a /memory range",
				    "%s region [0x%llx-0x%llx) is not inside any /memory range",
				    rname, ri->base, ri->base + ri->size);
		return;
	}
	p = getprop(c, off, "size", &len);
	if (!p) {
		add_finding(c, n, "MSS005", SEV_ERROR, path, NULL,
			    "give the region a static reg or a dynamic size (+ alloc-ranges)",
			    "%s region has neither reg nor size; the kernel does not reserve it",
			    rname);
		goto unresolved_kept;
	}
	if ((size_t)len != (size_t)c->sc * 4) {
		add_finding(c, n, "MSS005", SEV_ERROR, path, "size",
			    "write size with the root's #size-cells",
			    "%s region: size has %d bytes, expected %d; the kernel ignores the region",
			    rname, len, c->sc * 4);
		goto unresolved_kept;
	}
	ri->dynamic = true;
	ri->size = ldcells(p, c->sc);
	p = getprop(c, off, "alloc-ranges", &len);
	if (p) {
		size_t usable = 0;

		if (!len || (size_t)len % tuple) {
			add_finding(c, n, "MSS019", SEV_ERROR, path, "alloc-ranges",
				    "write alloc-ranges as <address size> pairs using the root's cells",
				    "%s region: alloc-ranges has %d bytes, not a multiple of %zu; the allocation fails",
				    rname, len, tuple);
			goto unresolved_kept;
		}
		for (; len > 0; p += tuple, len -= (int)tuple) {
			u64 b = ldcells(p, c->ac), s = ldcells(p + 4 * c->ac, c->sc);

			if (s >= ri->size && (!c->nram || in_ram(c, b, s)))
				usable++;
			if (s < ri->size)
				add_finding(c, n, "MSS019", SEV_ERROR, path, "alloc-ranges",
					    "make every alloc-ranges entry at least as large as size",
					    "%s region: alloc-ranges entry [0x%llx-0x%llx) is smaller than size 0x%llx",
					    rname, b, b + s, ri->size);
			else if (c->nram && !in_ram(c, b, s))
				add_finding(c, n, "MSS007", SEV_ERROR, path, "alloc-ranges",
					    "keep alloc-ranges inside a /memory range",
					    "%s region: alloc-ranges entry [0x%llx-0x%llx) is not inside any /memory range",
					    rname, b, b + s);
		}
		if (!usable) {
			/* memblock cannot place it: the region is never reserved */
			add_finding(c, n, "MSS019", SEV_ERROR, path, "alloc-ranges",
				    "give alloc-ranges at least one RAM range that can hold size",
				    "%s region cannot be allocated from any alloc-ranges entry; %s",
				    rname, outcome);
			goto unresolved_kept;
		}
	}
	ri->resolved = true;
	return;

unresolved:
	free(path);
	if (role != MSS_REGION_MDATA)
		n->probe_fails = true;
	return;
unresolved_kept:
	ri->path = path;
	if (role != MSS_REGION_MDATA)
		n->probe_fails = true;
}

/* The phandle cell @index of @prop in @off, or false */
static bool phandle_at(struct ctx *c, struct mss_node *n, int off,
		       const char *path, int index, u32 *ph)
{
	int len;
	const u8 *p = getprop(c, off, "memory-region", &len);

	if (!p)
		return false;
	if (len % 4) {
		if (index == 0)
			add_finding(c, n, "MSS002", SEV_ERROR, path, "memory-region",
				    "memory-region is a list of 32-bit phandles",
				    "memory-region has %d bytes, not a multiple of 4", len);
		return false;
	}
	if (index >= len / 4)
		return false;
	*ph = ld32(p + 4 * index);
	return true;
}

static void check_mss_regions(struct ctx *c, struct mss_node *n, int off)
{
	int mba = fdt_subnode_offset(c->fdt, off, "mba");
	int role, len;

	if (mba >= 0) {
		n->legacy_children = true;
		if (fdt_getprop(c->fdt, off, "memory-region", &len))
			add_finding(c, n, "MSS014", SEV_WARNING, n->path, "memory-region",
				    "use either memory-region or mba/mpss/metadata child nodes, not both",
				    "memory-region is ignored: the node has an mba child node");
		for (role = 0; role < MSS_REGION_NR; role++) {
			const char *name = mss_region_role_name(role);
			int child = role == MSS_REGION_MBA ? mba :
				    fdt_subnode_offset(c->fdt, off, name);
			char *cpath;
			u32 ph;

			if (child < 0) {
				if (role != MSS_REGION_MDATA) {
					add_finding(c, n, "MSS001", SEV_ERROR, n->path, NULL,
						    role_hint_missing[role],
						    "legacy layout without an %s child node; "
						    "the driver fails to probe", name);
					n->probe_fails = true;
				}
				continue;
			}
			cpath = node_path(c, child);
			if (!phandle_at(c, n, child, cpath, 0, &ph)) {
				if (role != MSS_REGION_MDATA) {
					add_finding(c, n, "MSS001", SEV_ERROR, cpath, NULL,
						    role_hint_missing[role],
						    "%s child node has no memory-region; "
						    "the driver fails to probe", name);
					n->probe_fails = true;
				} else {
					add_finding(c, n, "MSS014", SEV_WARNING, cpath, NULL,
						    "add memory-region = <&mdata_mem>; to the metadata child",
						    "metadata child node has no memory-region and is ignored");
				}
				free(cpath);
				continue;
			}
			resolve_region(c, n, role, cpath, ph);
			free(cpath);
		}
		return;
	}

	if (fdt_getprop(c->fdt, off, "memory-region", &len) && len % 4 == 0 &&
	    len / 4 > MSS_REGION_NR)
		add_finding(c, n, "MSS014", SEV_WARNING, n->path, "memory-region",
			    "drop the entries after the third",
			    "memory-region has %d entries; the driver uses the first %d",
			    len / 4, MSS_REGION_NR);
	for (role = 0; role < MSS_REGION_NR; role++) {
		u32 ph;

		if (!phandle_at(c, n, off, n->path, role, &ph)) {
			if (role != MSS_REGION_MDATA) {
				add_finding(c, n, "MSS001", SEV_ERROR, n->path, "memory-region",
					    role_hint_missing[role],
					    "no %s region: memory-region has no entry %d and there are no mba/mpss child nodes; the driver fails to probe",
					    mss_region_role_name(role), role);
				n->probe_fails = true;
			}
			continue;
		}
		resolve_region(c, n, role, n->path, ph);
	}
}

static u64 page_up(u64 v)
{
	if (v > UINT64_MAX - (DTCHECK_PAGE_SIZE - 1))
		return UINT64_MAX;
	return (v + DTCHECK_PAGE_SIZE - 1) & ~(DTCHECK_PAGE_SIZE - 1);
}

/* MSS010 hints, with and without --firmware */
static const char hint_grow_mdata_fw[] =
	"grow the metadata region to the firmware's metadata size rounded up to 4 KiB";
static const char hint_grow_mdata_default[] =
	"grow the metadata region to at least 16 KiB (size = <0x0 0x4000>)";

/* An MSS012/MSS013 hint; a macro so that xasprintf() still checks it */
#define HINT_GROW_CARVEOUT \
	"grow the metadata carveout %s to 0x%llx bytes (size = <0x0 0x%llx>) and keep it no-map"

static void predict(struct ctx *c, struct mss_node *n)
{
	struct mss_mdata_region regs[MSS_REGION_NR];
	u64 need = c->o->mdata_size;
	u64 window = page_up(need);
	int role;

	memset(regs, 0, sizeof(regs));
	for (role = 0; role < MSS_REGION_NR; role++) {
		const struct region_info *ri = &n->reg[role];

		if (!ri->resolved)
			continue;
		regs[role].present = true;
		regs[role].base = ri->base;
		regs[role].size = ri->size;
		regs[role].no_map = ri->no_map;
		regs[role].dynamic = ri->dynamic;
		regs[role].base_known = !ri->dynamic;
	}
	mss_mdata_check_regions(regs, DTCHECK_PAGE_SIZE);

	for (role = 0; role < MSS_REGION_NR; role++) {
		const struct region_info *ri = &n->reg[role];
		const char *rname = mss_region_role_name(role);
		unsigned int fl = regs[role].flags;
		const char *prop = ri->dynamic ? "size" : "reg";

		if (!regs[role].present)
			continue;
		if (fl & MSS_REGION_F_NO_MAP)
			add_finding(c, n, "MSS004", SEV_ERROR, ri->path, NULL,
				    "add no-map; to the region node",
				    "%s region lacks no-map: the CPU keeps a cacheable linear alias of memory the modem owns",
				    rname);
		if (fl & MSS_REGION_F_EMPTY)
			add_finding(c, n, "MSS005", SEV_ERROR, ri->path, prop,
				    "give the region a non-zero size",
				    "%s region has size 0", rname);
		if (fl & MSS_REGION_F_UNALIGNED)
			add_finding(c, n, "MSS006", SEV_ERROR, ri->path, prop,
				    "align base and size to 4 KiB (0x1000)",
				    "%s region base 0x%llx / size 0x%llx is not 4 KiB aligned%s",
				    rname, ri->base, ri->size,
				    ri->dynamic ? " (dynamic: size checked)" : "");
		if (fl & MSS_REGION_F_WRAP)
			add_finding(c, n, "MSS007", SEV_ERROR, ri->path, prop,
				    "fix the region's base/size",
				    "%s region base 0x%llx + size 0x%llx wraps around the address space",
				    rname, ri->base, ri->size);
	}
	/* Two roles on the same region; distinct overlapping regions are MSS008 */
	for (role = 1; role < MSS_REGION_NR; role++) {
		int other;

		for (other = 0; other < role; other++) {
			if (n->reg[role].resolved && n->reg[other].resolved &&
			    !strcmp(n->reg[role].path, n->reg[other].path))
				add_finding(c, n, "MSS009", SEV_ERROR, n->path, "memory-region",
					    "give each role its own reserved region",
					    "%s and %s reference the same region %s",
					    mss_region_role_name(other), mss_region_role_name(role),
					    n->reg[role].path);
		}
	}

	if (n->reg[MSS_REGION_MDATA].resolved)
		n->mdata_reserved = n->reg[MSS_REGION_MDATA].size;

	if (n->probe_fails) {
		n->choice.source = MSS_MDATA_NONE;
		n->select_ret = -1;
		return;
	}
	n->select_ret = mss_mdata_select(regs, need, n->protected_soc,
					 true, DTCHECK_PAGE_SIZE, &n->choice);

	if (regs[MSS_REGION_MDATA].present && !regs[MSS_REGION_MDATA].flags &&
	    regs[MSS_REGION_MDATA].size < window)
		add_finding(c, n, "MSS010", SEV_WARNING, n->reg[MSS_REGION_MDATA].path,
			    n->reg[MSS_REGION_MDATA].dynamic ? "size" : "reg",
			    c->o->fw ? hint_grow_mdata_fw : hint_grow_mdata_default,
			    "metadata region is 0x%llx bytes, needs 0x%llx (%s); the driver uses %s instead",
			    (u64)regs[MSS_REGION_MDATA].size, window,
			    c->o->fw ? "firmware metadata" : "default",
			    mss_mdata_source_name(n->choice.source));

	if (c->o->fw && n->reg[MSS_REGION_MPSS].resolved &&
	    n->reg[MSS_REGION_MPSS].size < c->o->fw->footprint)
		add_finding(c, n, "MSS011", SEV_ERROR, n->reg[MSS_REGION_MPSS].path,
			    n->reg[MSS_REGION_MPSS].dynamic ? "size" : "reg",
			    "grow the MPSS region to the firmware's load footprint",
			    "mpss region is 0x%llx bytes; %s loads 0x%llx bytes (0x%llx-0x%llx)",
			    n->reg[MSS_REGION_MPSS].size, c->o->fw->path, c->o->fw->footprint,
			    c->o->fw->min_addr, c->o->fw->max_addr);

	if (n->select_ret) {
		add_finding(c, n, "MSS018", SEV_ERROR, n->path, NULL,
			    "check the metadata size",
			    "metadata source selection failed (%d)", n->select_ret);
		return;
	}
	if (n->choice.source == MSS_MDATA_LEGACY) {
		const struct region_info *md = &n->reg[MSS_REGION_MDATA];
		char *hint = md->resolved && md->size < window ?
			xasprintf(HINT_GROW_CARVEOUT, md->path, window, window) :
			md->resolved ?
			xasprintf("fix the metadata carveout %s (see the findings above) %s",
				  md->path, "so the driver can stage metadata there") :
			xasprintf(n->legacy_children ?
			"add a no-map metadata carveout (mdata_mem: mpss-metadata { "
			"alloc-ranges = <0x0 0xa0000000 0x0 0x20000000>; size = <0x0 0x%llx>; "
			"no-map; }) and a child metadata { memory-region = <&mdata_mem>; }" :
			"add a no-map metadata carveout (mdata_mem: mpss-metadata { "
			"alloc-ranges = <0x0 0xa0000000 0x0 0x20000000>; size = <0x0 0x%llx>; "
			"no-map; }) as memory-region entry 2: <&mba>, <&mpss>, <&mdata_mem>",
			window);

		if (n->protected_soc)
			add_finding(c, n, "MSS012", SEV_WARNING, n->path, "memory-region", hint,
				    "metadata would be staged in a legacy DMA buffer %s (%s)",
				    "with a cacheable linear alias on a TrustZone-protected SoC",
				    n->compatible);
		else
			add_finding(c, n, "MSS013", SEV_INFO, n->path, "memory-region", hint,
				    "metadata is staged in a legacy DMA buffer (no ownership transfer on %s)",
				    n->compatible);
		free(hint);
	}
}

static void check_reserved_memory(struct ctx *c)
{
	static const char *const names[2] = { "#address-cells", "#size-cells" };
	int want[2] = { c->ac, c->sc };
	char *path;
	int i;

	c->resmem = fdt_path_offset(c->fdt, "/reserved-memory");
	if (c->resmem < 0) {
		c->resmem = -1;
		return;
	}
	c->resmem_ok = true;
	path = node_path(c, c->resmem);
	for (i = 0; i < 2; i++) {
		int len;
		const u8 *p = getprop(c, c->resmem, names[i], &len);

		if (!p)
			continue;
		if (len != 4 || ld32(p) != (u32)want[i]) {
			add_finding(c, NULL, "MSS015", SEV_ERROR, path, names[i],
				    "use the root's #address-cells/#size-cells in /reserved-memory",
				    "%s differs from the root's <%d>; the kernel ignores all of /reserved-memory",
				    names[i], want[i]);
			c->resmem_ok = false;
		}
	}
	if (!fdt_getprop(c->fdt, c->resmem, "ranges", NULL)) {
		add_finding(c, NULL, "MSS015", SEV_ERROR, path, NULL,
			    "add an empty ranges; to /reserved-memory",
			    "/reserved-memory has no ranges; the kernel ignores all of it");
		c->resmem_ok = false;
	}
	free(path);
}

static bool spans_overlap(u64 a, u64 al, u64 b, u64 bl)
{
	return al && bl && a < b + bl && b < a + al;
}

/* The three blocks as base+size, formatted in two steps to keep lines short */
static int fail_overlap(struct ctx *c, u64 rsv, u64 rsv_len, u64 st, u64 st_len,
			u64 str, u64 str_len)
{
	char blocks[128];

	snprintf(blocks, sizeof(blocks),
		 "reservation map 0x%llx+0x%llx, structure 0x%llx+0x%llx",
		 rsv, rsv_len, st, st_len);
	return fail(c, "corrupt DTB: overlapping blocks (%s, strings 0x%llx+0x%llx)",
		    blocks, str, str_len);
}

/*
 * libfdt 1.6.1 checks each block against totalsize but not against each
 * other: a strings block inside the structure block passes
 * fdt_check_full().  The kernel's writers never produce that, so reject
 * it.  Called after fdt_check_full(), so the header fields are in range.
 */
static int check_blocks(struct ctx *c, const void *fdt)
{
	u64 rsv = fdt_off_mem_rsvmap(fdt), rsv_end = rsv;
	u64 st = fdt_off_dt_struct(fdt), st_len = fdt_size_dt_struct(fdt);
	u64 str = fdt_off_dt_strings(fdt), str_len = fdt_size_dt_strings(fdt);
	u64 total = fdt_totalsize(fdt);
	u64 hdr = fdt_header_size(fdt);
	const u8 *b = fdt;

	if (fdt_version(fdt) < 17)
		return 0;	/* no size_dt_struct to check against */
	/* the reservation map ends with an all-zero 16-byte entry */
	for (;;) {
		u64 i, z = 0;

		if (rsv_end + 16 > total)
			return fail(c, "corrupt DTB: memory reservation map is not terminated");
		for (i = 0; i < 16; i++)
			z |= b[rsv_end + i];
		rsv_end += 16;
		if (!z)
			break;
	}
	if (spans_overlap(0, hdr, rsv, rsv_end - rsv) ||
	    spans_overlap(0, hdr, st, st_len) || spans_overlap(0, hdr, str, str_len))
		return fail(c, "corrupt DTB: a block overlaps the header");
	if (spans_overlap(rsv, rsv_end - rsv, st, st_len) ||
	    spans_overlap(rsv, rsv_end - rsv, str, str_len) ||
	    spans_overlap(st, st_len, str, str_len))
		return fail_overlap(c, rsv, rsv_end - rsv, st, st_len, str, str_len);
	return 0;
}

void dtcheck_blob(const void *buf, size_t len, const struct dtcheck_opts *opts,
		  const struct srcmap *map, struct tree_result *res)
{
	struct ctx c;
	size_t cap = 0, i;
	int depth = 0, off, ret;

	memset(&c, 0, sizeof(c));
	c.fdt = buf;
	c.o = opts;
	c.map = map;
	c.res = res;
	c.resmem = -1;

	/* Cheap checks first so the error names the real problem */
	if (len < sizeof(struct fdt_header)) {
		fail(&c, "not a DTB: %zu bytes, shorter than a header", len);
		return;
	}
	if (fdt_magic(buf) != FDT_MAGIC) {
		fail(&c, "not a DTB: bad magic 0x%08x", (u32)fdt_magic(buf));
		return;
	}
	if (len > DTCHECK_MAX_DTB) {
		fail(&c, "DTB larger than %u bytes", DTCHECK_MAX_DTB);
		return;
	}
	if (fdt_totalsize(buf) > len) {
		fail(&c, "truncated DTB: header says %u bytes, have %zu",
		     (u32)fdt_totalsize(buf), len);
		return;
	}
	/*
	 * libfdt 1.6.1's fdt_check_full() dereferences NULL on a tree with
	 * version < 16 (found by the fuzz harness; see tests/gen-bad-dtbs.py
	 * "version-*"), and dtc has written version 17 since 2007.
	 */
	if (fdt_version(buf) < 16) {
		fail(&c, "unsupported DTB version %u (16 and 17 are supported)",
		     (u32)fdt_version(buf));
		return;
	}
	ret = fdt_check_full(buf, len);
	if (ret) {
		fail(&c, "corrupt DTB: %s", fdt_strerror(ret));
		return;
	}
	if (check_blocks(&c, buf))
		return;
	if (root_cells(&c) || build_phandles(&c))
		goto out;

	{
		int l;
		const u8 *m = getprop(&c, 0, "model", &l);

		if (m && l > 0)
			res->model = xstrndup((const char *)m, strnlen((const char *)m, (size_t)l));
	}

	/* Find the MSS nodes first: tree-level checks only matter with one */
	for (off = fdt_next_node(buf, -1, &depth); off >= 0;
	     off = fdt_next_node(buf, off, &depth)) {
		bool prot = false;
		const char *compat = match_mss(&c, off, &prot);
		struct mss_node *n;

		if (!compat) {
			const char *unk;
			int ul;

			unk = unknown_mss(&c, off, &ul);
			if (unk && (node_available(&c, off) || opts->all)) {
				char *path = node_path(&c, off);

				add_finding(&c, NULL, "MSS020", SEV_ERROR, path,
					    "compatible",
					    "check the compatible against the bindings; a new SoC needs a driver descriptor and an entry in qcom_mss_socs.h",
					    "%.*s: not a compatible the MSS driver binds; this node is not checked",
					    ul, unk);
				free(path);
			}
			continue;
		}
		if (!node_available(&c, off) && !opts->all) {
			res->skipped_disabled++;
			continue;
		}
		if (res->nn == cap) {
			cap = cap ? cap * 2 : 4;
			res->n = xrealloc(res->n, cap * sizeof(*res->n));
		}
		n = &res->n[res->nn++];
		memset(n, 0, sizeof(*n));
		n->path = node_path(&c, off);
		n->compatible = xstrdup(compat);
		n->protected_soc = prot;
		n->enabled = node_available(&c, off);
		n->src = src_of(&c, n->path, NULL);
		n->off = off;
	}
	if (!res->nn)
		goto out;

	check_reserved_memory(&c);
	build_ram(&c);
	build_reserved(&c);
	if (!c.nram)
		add_finding(&c, NULL, "MSS016", SEV_INFO, "/", NULL,
			    "describe RAM with a /memory node to get placement checks",
			    "no /memory node: region placement against RAM not checked");
	else if (c.ram_size_unknown)
		add_finding(&c, NULL, "MSS016", SEV_INFO, c.ram_node, "reg",
			    "none needed when the bootloader fills in the /memory size",
			    "/memory size is left to the bootloader: regions are only checked to lie above the RAM base");

	for (i = 0; i < res->nn; i++) {
		struct mss_node *n = &res->n[i];

		check_mss_regions(&c, n, n->off);
		predict(&c, n);
	}
	check_overlaps(&c);

out:
	if (res->nf_dropped) {
		/* Not counted: the dropped ones already are */
		struct finding *f;

		res->f = xrealloc(res->f, (res->nf + 1) * sizeof(*res->f));
		f = &res->f[res->nf++];
		f->id = "MSS000";
		f->sev = SEV_INFO;
		f->node = xstrdup("/");
		f->src = NULL;
		f->msg = xasprintf("findings capped at %d; at least %zu more not listed",
				   DTCHECK_MAX_FINDINGS, res->nf_dropped);
		f->hint = xstrdup("fix the listed findings first");
	}
	free(c.ph);
	free(c.ram);
	free(c.ram_node);
	for (i = 0; i < c.nrsv; i++)
		free(c.rsv[i].path);
	free(c.rsv);
	free(c.ent);
}

void tree_result_free(struct tree_result *res)
{
	size_t i;
	int r;

	for (i = 0; i < res->nf; i++) {
		free(res->f[i].node);
		free(res->f[i].src);
		free(res->f[i].msg);
		free(res->f[i].hint);
	}
	free(res->f);
	for (i = 0; i < res->nn; i++) {
		free(res->n[i].path);
		free(res->n[i].compatible);
		free(res->n[i].src);
		for (r = 0; r < MSS_REGION_NR; r++)
			free(res->n[i].reg[r].path);
	}
	free(res->n);
	free(res->name);
	free(res->dtb);
	free(res->error);
	free(res->model);
	memset(res, 0, sizeof(*res));
}
