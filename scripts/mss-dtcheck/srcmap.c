// SPDX-License-Identifier: GPL-2.0-only
/*
 * mss-dtcheck: source locations from dtc's annotated DTS output.
 *
 * `dtc -O dts -T -T` writes every node and property on its own line with a
 * trailing comment naming where it came from:
 *
 *	mss_pil: remoteproc@4080000 { /\* a/sdm845.dtsi:3298:31-3361:5, b.dts:587:10-590:3 *\/
 *		compatible = "qcom,sdm845-mss-pil"; /\* a/sdm845.dtsi:3299:4-3299:39 *\/
 *	};
 *
 * (a single -T writes "sdm845.dtsi:3298" instead).  The DTB has no such
 * information, so the wrapper compiles the source twice and hands both to
 * the tool.  Nodes map to their first location (where they are defined),
 * properties to theirs.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dtcheck.h"

struct sm_entry {
	char *key;	/* "path" or "path\x01prop" */
	char *loc;	/* "file:line" */
};

struct srcmap {
	struct sm_entry *e;
	size_t n, cap;
};

static bool all_digits(const char *s, size_t n)
{
	size_t i;

	if (!n)
		return false;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* "file:L:C-L:C" or "file:L" -> "file:L", relative to @cwd when below it */
static char *parse_loc(const char *s, size_t n, const char *cwd)
{
	const char *dash, *colon, *c2;
	size_t cl = cwd ? strlen(cwd) : 0;

	/* first item only */
	for (dash = s; dash + 1 < s + n; dash++)
		if (dash[0] == ',' && dash[1] == ' ') {
			n = (size_t)(dash - s);
			break;
		}
	/* "-L:C" at the end */
	dash = memrchr(s, '-', n);
	if (dash) {
		const char *tail = dash + 1;
		size_t tl = n - (size_t)(tail - s);

		colon = memchr(tail, ':', tl);
		if (colon && all_digits(tail, (size_t)(colon - tail)) &&
		    all_digits(colon + 1, tl - (size_t)(colon + 1 - tail))) {
			n = (size_t)(dash - s);
			/* drop ":C" */
			colon = memrchr(s, ':', n);
			if (!colon || !all_digits(colon + 1, n - (size_t)(colon + 1 - s)))
				return NULL;
			n = (size_t)(colon - s);
		}
	}
	/* now "file:L" */
	c2 = memrchr(s, ':', n);
	if (!c2 || c2 == s || !all_digits(c2 + 1, n - (size_t)(c2 + 1 - s)))
		return NULL;
	if (cl && n > cl + 1 && !memcmp(s, cwd, cl) && s[cl] == '/') {
		s += cl + 1;
		n -= cl + 1;
	}
	return xstrndup(s, n);
}

static void sm_add(struct srcmap *m, char *key, char *loc)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 256;
		m->e = xrealloc(m->e, m->cap * sizeof(*m->e));
	}
	m->e[m->n].key = key;
	m->e[m->n].loc = loc;
	m->n++;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct sm_entry *x = a, *y = b;

	return strcmp(x->key, y->key);
}

static const char *trim(const char *s, const char **end)
{
	while (s < *end && (*s == ' ' || *s == '\t'))
		s++;
	while (*end > s && ((*end)[-1] == ' ' || (*end)[-1] == '\t' ||
			    (*end)[-1] == '\r'))
		(*end)--;
	return s;
}

/* Drop "label: " prefixes: node and property names never contain ':' */
static const char *strip_labels(const char *s, const char *end)
{
	const char *c = memrchr(s, ':', (size_t)(end - s));

	if (!c)
		return s;
	c++;
	while (c < end && *c == ' ')
		c++;
	return c;
}

struct srcmap *srcmap_parse(const char *text, size_t len)
{
	struct srcmap *m = xmalloc(sizeof(*m));
	const char *p = text, *end = text + len;
	size_t *stack = NULL, depth = 0, cap = 0;
	char *path = xstrdup("");
	size_t pathlen = 0;
	char cwdbuf[4096];
	const char *cwd = getcwd(cwdbuf, sizeof(cwdbuf));

	memset(m, 0, sizeof(*m));
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *ls = p, *body_end, *annot = NULL, *aend = NULL;

		p = nl ? nl + 1 : end;
		ls = trim(ls, &le);
		if (ls == le)
			continue;
		body_end = le;
		if (le - ls >= 4 && le[-1] == '/' && le[-2] == '*') {
			const char *c = NULL;
			size_t i = (size_t)(le - ls) - 3;	/* opener ends before the closer */

			while (i-- > 0) {
				if (ls[i] == '/' && ls[i + 1] == '*') {
					c = ls + i;
					break;
				}
			}
			if (c) {
				annot = c + 2;
				aend = le - 2;
				annot = trim(annot, &aend);
				body_end = c;
			}
		}
		ls = trim(ls, &body_end);
		if (ls == body_end)
			continue;
		if (*ls == '/' && body_end - ls > 1 && ls[1] != ' ')
			continue;	/* /dts-v1/; /memreserve/ ...; /plugin/; */
		if (body_end[-1] == '{') {
			const char *ne = body_end - 1, *ns;
			size_t nlen;
			char *loc;

			ns = trim(ls, &ne);
			ns = strip_labels(ns, ne);
			nlen = (size_t)(ne - ns);
			if (depth == cap) {
				cap = cap ? cap * 2 : 32;
				stack = xrealloc(stack, cap * sizeof(*stack));
			}
			stack[depth++] = pathlen;
			if (depth == 1) {
				/* the root, "/" */
				free(path);
				path = xstrdup("/");
				pathlen = 1;
			} else {
				path = xrealloc(path, pathlen + nlen + 2);
				if (pathlen > 1)
					path[pathlen++] = '/';
				memcpy(path + pathlen, ns, nlen);
				pathlen += nlen;
				path[pathlen] = '\0';
			}
			loc = annot ? parse_loc(annot, (size_t)(aend - annot), cwd) : NULL;
			if (loc)
				sm_add(m, xstrdup(path), loc);
			continue;
		}
		if (*ls == '}') {
			if (depth) {
				pathlen = stack[--depth];
				path[pathlen] = '\0';
				if (depth == 0)
					pathlen = 0;
			}
			continue;
		}
		/* a property: "[label: ]name[ = value];" */
		if (depth && annot) {
			const char *ne = ls, *ns;
			char *loc;

			while (ne < body_end && *ne != '=' && *ne != ';')
				ne++;
			ns = trim(ls, &ne);
			ns = strip_labels(ns, ne);
			loc = parse_loc(annot, (size_t)(aend - annot), cwd);
			if (loc && ne > ns)
				sm_add(m, xasprintf("%s\x01%.*s", path, (int)(ne - ns), ns), loc);
			else
				free(loc);
		}
	}
	free(stack);
	free(path);
	if (m->n)
		qsort(m->e, m->n, sizeof(*m->e), cmp_entry);
	return m;
}

struct srcmap *srcmap_load(const char *file, char **err)
{
	FILE *f = fopen(file, "rb");
	struct srcmap *m;
	char *buf = NULL;
	size_t len = 0, cap = 0, got;

	if (!f) {
		*err = xasprintf("%s: cannot open: %m", file);
		return NULL;
	}
	do {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 262144;
			if (cap > 512u * 1024 * 1024) {
				fclose(f);
				free(buf);
				*err = xasprintf("%s: too large", file);
				return NULL;
			}
			buf = xrealloc(buf, cap);
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got);
	if (ferror(f)) {
		*err = xasprintf("%s: read error", file);
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	m = srcmap_parse(buf, len);
	free(buf);
	return m;
}

static const char *sm_find(const struct srcmap *m, const char *key)
{
	struct sm_entry k = { .key = (char *)key }, *e;

	if (!m || !m->n)
		return NULL;
	e = bsearch(&k, m->e, m->n, sizeof(*m->e), cmp_entry);
	return e ? e->loc : NULL;
}

const char *srcmap_node(const struct srcmap *m, const char *path)
{
	return sm_find(m, path);
}

const char *srcmap_prop(const struct srcmap *m, const char *path, const char *prop)
{
	char *key = xasprintf("%s\x01%s", path, prop);
	const char *r = sm_find(m, key);

	free(key);
	return r;
}

void srcmap_free(struct srcmap *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->n; i++) {
		free(m->e[i].key);
		free(m->e[i].loc);
	}
	free(m->e);
	free(m);
}
