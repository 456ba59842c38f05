// SPDX-License-Identifier: GPL-2.0-only
/* mss-dtcheck: text, JSON and fleet output.  Tree strings are untrusted. */
#include <string.h>

#include "dtcheck.h"

/* Printable ASCII only, so a hostile node name cannot drive the terminal */
static void put_safe(FILE *out, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		fputc(ch >= 0x20 && ch < 0x7f ? ch : '?', out);
	}
}

static void put_json_str(FILE *out, const char *s)
{
	if (!s) {
		fputs("null", out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			fprintf(out, "\\%c", ch);
		else if (ch < 0x20 || ch >= 0x7f)
			fprintf(out, "\\u%04x", ch);	/* bytes, not UTF-8 */
		else
			fputc(ch, out);
	}
	fputc('"', out);
}

static const char *source_of(const struct mss_node *n)
{
	return n->probe_fails ? "none" : mss_mdata_source_name(n->choice.source);
}

void report_text(FILE *out, const struct tree_result *r, bool verbose)
{
	size_t i;

	if (r->error) {
		put_safe(out, r->name);
		fputs(": fatal: ", out);
		put_safe(out, r->error);
		fputc('\n', out);
		return;
	}
	for (i = 0; i < r->nn; i++) {
		const struct mss_node *n = &r->n[i];

		put_safe(out, r->name);
		fputs(": ", out);
		put_safe(out, n->path);
		fprintf(out, " (%s%s): metadata source %s", n->compatible,
			n->enabled ? "" : ", disabled", source_of(n));
		if (n->probe_fails)
			fputs(" (the driver fails to probe)", out);
		else if (n->choice.source == MSS_MDATA_DEDICATED ||
			 n->choice.source == MSS_MDATA_MPSS_WINDOW)
			fprintf(out, ", window 0x%llx", (u64)n->choice.window);
		if (n->reg[MSS_REGION_MDATA].resolved)
			fprintf(out, "; metadata region 0x%llx bytes", n->mdata_reserved);
		else
			fputs("; no metadata region", out);
		fprintf(out, "; layout %s\n",
			n->legacy_children ? "child nodes" : "memory-region");
		if (verbose) {
			int role;

			for (role = 0; role < MSS_REGION_NR; role++) {
				const struct region_info *ri = &n->reg[role];

				fprintf(out, "    %-8s ", mss_region_role_name(role));
				if (!ri->path) {
					fputs("-\n", out);
					continue;
				}
				put_safe(out, ri->path);
				if (ri->dynamic)
					fprintf(out, " dynamic size 0x%llx", ri->size);
				else
					fprintf(out, " 0x%llx+0x%llx", ri->base, ri->size);
				fprintf(out, "%s\n", ri->no_map ? " no-map" : "");
			}
		}
	}
	if (!r->nn && verbose)
		fprintf(out, "%s: no %sMSS node\n", r->name,
			r->skipped_disabled ? "enabled " : "");
	for (i = 0; i < r->nf; i++) {
		const struct finding *f = &r->f[i];

		put_safe(out, f->src ? f->src : r->name);
		fprintf(out, ": %s: %s: ", sev_name(f->sev), f->id);
		put_safe(out, f->node);
		fputs(": ", out);
		put_safe(out, f->msg);
		fputs("\n    fix: ", out);
		put_safe(out, f->hint);
		fputc('\n', out);
	}
}

void report_json_begin(FILE *out, const struct dtcheck_opts *o)
{
	fprintf(out, "{\"tool\":\"mss-dtcheck\",\"schema\":1,\"metadata_size\":%llu",
		o->mdata_size);
	fprintf(out, ",\"page_size\":%llu,\"firmware\":", DTCHECK_PAGE_SIZE);
	if (o->fw) {
		fputs("{\"path\":", out);
		put_json_str(out, o->fw->path);
		fprintf(out, ",\"metadata_size\":%llu,\"header_size\":%llu",
			o->fw->mdata_size, o->fw->ehdr_size);
		fprintf(out, ",\"hash_size\":%llu,\"hash_segment\":%u,\"footprint\":%llu",
			o->fw->hash_size, o->fw->hash_index, o->fw->footprint);
		fprintf(out, ",\"min_addr\":%llu,\"max_addr\":%llu}",
			o->fw->min_addr, o->fw->max_addr);
	} else {
		fputs("null", out);
	}
	fputs(",\"inputs\":[", out);
}

void report_json_tree(FILE *out, const struct tree_result *r, bool first)
{
	size_t i;

	if (!first)
		fputc(',', out);
	fputs("\n{\"input\":", out);
	put_json_str(out, r->name);
	fputs(",\"dtb\":", out);
	put_json_str(out, r->dtb);
	fputs(",\"status\":", out);
	fputs(r->error ? "\"error\"" : "\"ok\"", out);
	fputs(",\"error\":", out);
	put_json_str(out, r->error);
	fputs(",\"model\":", out);
	put_json_str(out, r->model);
	fprintf(out, ",\"skipped_disabled\":%zu", r->skipped_disabled);
	fprintf(out, ",\"errors\":%u,\"warnings\":%u,\"infos\":%u,\"nodes\":[",
		r->nerr, r->nwarn, r->ninfo);
	for (i = 0; i < r->nn; i++) {
		const struct mss_node *n = &r->n[i];
		int role;

		fputs(i ? ",{" : "{", out);
		fputs("\"path\":", out);
		put_json_str(out, n->path);
		fputs(",\"compatible\":", out);
		put_json_str(out, n->compatible);
		fputs(",\"source_location\":", out);
		put_json_str(out, n->src);
		fprintf(out, ",\"enabled\":%s,\"protected\":%s",
			n->enabled ? "true" : "false",
			n->protected_soc ? "true" : "false");
		fprintf(out, ",\"layout\":\"%s\",\"probe_fails\":%s,\"regions\":{",
			n->legacy_children ? "child-nodes" : "memory-region",
			n->probe_fails ? "true" : "false");
		for (role = 0; role < MSS_REGION_NR; role++) {
			const struct region_info *ri = &n->reg[role];

			fprintf(out, "%s\"%s\":", role ? "," : "", mss_region_role_name(role));
			if (!ri->path) {
				fputs("null", out);
				continue;
			}
			fputs("{\"path\":", out);
			put_json_str(out, ri->path);
			fprintf(out, ",\"resolved\":%s,\"dynamic\":%s,\"no_map\":%s,\"base\":",
				ri->resolved ? "true" : "false",
				ri->dynamic ? "true" : "false",
				ri->no_map ? "true" : "false");
			if (ri->dynamic || !ri->resolved)
				fputs("null", out);
			else
				fprintf(out, "%llu", ri->base);
			fprintf(out, ",\"size\":%llu}", ri->size);
		}
		fprintf(out, "},\"metadata\":{\"source\":\"%s\",\"size\":%llu",
			source_of(n), (u64)n->choice.size);
		fprintf(out, ",\"window\":%llu,\"reserved\":%llu}",
			(u64)n->choice.window, n->mdata_reserved);
		fprintf(out, ",\"errors\":%u,\"warnings\":%u,\"infos\":%u}",
			n->nerr, n->nwarn, n->ninfo);
	}
	fputs("],\"findings\":[", out);
	for (i = 0; i < r->nf; i++) {
		const struct finding *f = &r->f[i];

		fputs(i ? ",\n {" : "\n {", out);
		fprintf(out, "\"id\":\"%s\",\"severity\":\"%s\",\"node\":",
			f->id, sev_name(f->sev));
		put_json_str(out, f->node);
		fputs(",\"source\":", out);
		put_json_str(out, f->src);
		fputs(",\"message\":", out);
		put_json_str(out, f->msg);
		fputs(",\"hint\":", out);
		put_json_str(out, f->hint);
		fputc('}', out);
	}
	fputs("]}", out);
}

void report_json_end(FILE *out, size_t ninputs, unsigned int nerr,
		     unsigned int nwarn, unsigned int ninfo, size_t nioerr)
{
	fprintf(out, "\n],\"summary\":{\"inputs\":%zu,\"errors\":%u", ninputs, nerr);
	fprintf(out, ",\"warnings\":%u,\"infos\":%u,\"input_errors\":%zu}}\n",
		nwarn, ninfo, nioerr);
}

void report_fleet_header(FILE *out)
{
	fprintf(out, "%-44s %-22s %-11s %10s %8s  %s\n", "board", "compatible",
		"metadata", "md-bytes", "findings", "(err/warn/info)");
}

static const char *basename_of(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

void report_fleet_rows(FILE *out, const struct tree_result *r)
{
	char board[256];
	size_t i;

	snprintf(board, sizeof(board), "%s", basename_of(r->name));
	if (strlen(board) > 4 && !strcmp(board + strlen(board) - 4, ".dtb"))
		board[strlen(board) - 4] = '\0';
	if (r->error) {
		put_safe(out, board);
		fputs(": fatal: ", out);
		put_safe(out, r->error);
		fputc('\n', out);
		return;
	}
	for (i = 0; i < r->nn; i++) {
		const struct mss_node *n = &r->n[i];
		char b[256];

		snprintf(b, sizeof(b), "%s%s", board, n->enabled ? "" : " (disabled)");
		fputs("", out);
		put_safe(out, b);
		fprintf(out, "%*s %-22s %-11s %10llu %8u  (%u/%u/%u)\n",
			(int)(strlen(b) < 44 ? 44 - strlen(b) : 0), "",
			n->compatible, source_of(n), n->mdata_reserved,
			r->nerr + r->nwarn, r->nerr, r->nwarn, r->ninfo);
	}
}
