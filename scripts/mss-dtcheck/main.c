// SPDX-License-Identifier: GPL-2.0-only
/*
 * mss-dtcheck: validate the Qualcomm MSS memory layout of DTBs.
 *
 *   mss-dtcheck [options] [--as NAME] [--srcmap ANNOTATED.dts] FILE.dtb|DIR ...
 *   mss-dtcheck --fleet DIR
 *
 * .dts files go through scripts/mss-dtcheck.sh, which compiles them and
 * passes the annotated source with --srcmap so findings name file:line.
 *
 * Exit: 0 clean, 1 findings (errors or warnings), 2 usage, I/O or parse error.
 */
#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dtcheck.h"

static const char usage_text[] =
"usage: mss-dtcheck [options] INPUT...\n"
"       mss-dtcheck [options] --fleet DIR\n"
"INPUT is a .dtb file or a folder searched recursively for *.dtb.\n"
"For .dts sources use scripts/mss-dtcheck.sh (it compiles them and passes\n"
"--srcmap so findings name file:line).\n"
"  --json               JSON instead of text\n"
"  --all                also check MSS nodes with status = \"disabled\"\n"
"  --firmware FILE      size checks for this modem.mdt / modem.mbn\n"
"  --mdata-size BYTES   metadata size without --firmware (default 16384)\n"
"  --fleet DIR          one table row per MSS node of every DTB under DIR\n"
"  --srcmap FILE        dtc -O dts -T -T output for the next INPUT\n"
"  --as NAME            name to print for the next INPUT\n"
"  -v, --verbose        list each node's regions\n"
"  -h, --help           this text\n"
"Exit status: 0 clean, 1 errors or warnings found, 2 usage/IO/parse error.\n";

struct run {
	struct dtcheck_opts opts;
	bool json, fleet, verbose;
	size_t ninputs, nioerr, njson;
	unsigned int nerr, nwarn, ninfo;
	size_t nnodes, nboards_mss, nskipped;
	size_t src_count[4];
	u64 md_bytes;
};

static int usage(const char *msg)
{
	if (msg)
		fprintf(stderr, "mss-dtcheck: %s\n", msg);
	fputs(usage_text, stderr);
	return 2;
}

static void *read_file(const char *path, size_t *len, char **err)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	u8 *buf;

	if (!f) {
		*err = xasprintf("cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) || !S_ISREG(st.st_mode)) {
		fclose(f);
		*err = xstrdup("not a regular file");
		return NULL;
	}
	if ((u64)st.st_size > DTCHECK_MAX_DTB) {
		fclose(f);
		*err = xasprintf("%lld bytes: larger than the %u byte limit",
				 (long long)st.st_size, DTCHECK_MAX_DTB);
		return NULL;
	}
	buf = xmalloc((size_t)st.st_size);
	*len = fread(buf, 1, (size_t)st.st_size, f);
	if (*len != (size_t)st.st_size || ferror(f)) {
		fclose(f);
		free(buf);
		*err = xstrdup("short read");
		return NULL;
	}
	fclose(f);
	return buf;
}

static void emit(struct run *rn, struct tree_result *res)
{
	size_t i;

	rn->ninputs++;
	if (res->error)
		rn->nioerr++;
	rn->nerr += res->nerr;
	rn->nwarn += res->nwarn;
	rn->ninfo += res->ninfo;
	rn->nskipped += res->skipped_disabled;
	if (res->nn)
		rn->nboards_mss++;
	for (i = 0; i < res->nn; i++) {
		const struct mss_node *n = &res->n[i];
		enum mss_mdata_source s = n->probe_fails ? MSS_MDATA_NONE : n->choice.source;

		rn->nnodes++;
		if ((unsigned int)s < 4)
			rn->src_count[s]++;
		rn->md_bytes += n->mdata_reserved;
	}
	if (rn->json)
		report_json_tree(stdout, res, rn->njson++ == 0);
	else if (rn->fleet)
		report_fleet_rows(stdout, res);
	else
		report_text(stdout, res, rn->verbose);
}

static void check_file(struct run *rn, const char *path, const char *as,
		       const char *srcmap_path)
{
	struct tree_result res;
	struct srcmap *map = NULL;
	char *err = NULL;
	size_t len = 0;
	void *buf;

	memset(&res, 0, sizeof(res));
	res.name = xstrdup(as ? as : path);
	/* a DTB compiled by the wrapper is a temporary file: not reported */
	res.dtb = srcmap_path ? NULL : xstrdup(path);
	if (srcmap_path) {
		map = srcmap_load(srcmap_path, &err);
		if (!map) {
			res.error = err;
			emit(rn, &res);
			tree_result_free(&res);
			return;
		}
	}
	buf = read_file(path, &len, &err);
	if (!buf) {
		res.error = xasprintf("%s: %s", path, err);
		free(err);
	} else {
		dtcheck_blob(buf, len, &rn->opts, map, &res);
		free(buf);
		if (res.error && strlen(path) > 4 &&
		    !strcmp(path + strlen(path) - 4, ".dts")) {
			char *e = xasprintf("%s (compile .dts with scripts/mss-dtcheck.sh)",
					    res.error);

			free(res.error);
			res.error = e;
		}
	}
	emit(rn, &res);
	tree_result_free(&res);
	srcmap_free(map);
}

static char **found;
static size_t nfound, capfound;

static int collect(const char *p, const struct stat *st, int type, struct FTW *ftw)
{
	size_t l = strlen(p);

	(void)st;
	(void)ftw;
	if (type == FTW_F && l > 4 && !strcmp(p + l - 4, ".dtb")) {
		if (nfound == capfound) {
			capfound = capfound ? capfound * 2 : 512;
			found = xrealloc(found, capfound * sizeof(*found));
		}
		found[nfound++] = xstrdup(p);
	}
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void check_path(struct run *rn, const char *path, const char *as,
		       const char *srcmap_path)
{
	struct stat st;
	size_t i;

	if (stat(path, &st) || !S_ISDIR(st.st_mode)) {
		check_file(rn, path, as, srcmap_path);
		return;
	}
	nfound = 0;
	if (nftw(path, collect, 32, FTW_PHYS)) {
		struct tree_result res;

		memset(&res, 0, sizeof(res));
		res.name = xstrdup(path);
		res.error = xasprintf("cannot walk folder: %s", strerror(errno));
		emit(rn, &res);
		tree_result_free(&res);
	}
	if (!nfound) {
		/* An empty folder is a mistake (wrong path, DTBs not built) */
		struct tree_result res;

		memset(&res, 0, sizeof(res));
		res.name = xstrdup(path);
		res.error = xstrdup("no .dtb files in this folder");
		emit(rn, &res);
		tree_result_free(&res);
		return;
	}
	qsort(found, nfound, sizeof(*found), cmp_str);
	for (i = 0; i < nfound; i++) {
		check_file(rn, found[i], NULL, NULL);
		free(found[i]);
	}
	nfound = 0;
}

static bool parse_size(const char *s, u64 *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	if (errno || end == s)
		return false;
	if (*end == 'K' || *end == 'k') {
		if (*v > UINT64_MAX / 1024)
			return false;
		*v *= 1024;
		end++;
	}
	return *end == '\0' && *v;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "all", no_argument, NULL, 'a' },
		{ "firmware", required_argument, NULL, 'f' },
		{ "mdata-size", required_argument, NULL, 'm' },
		{ "fleet", required_argument, NULL, 'F' },
		{ "srcmap", required_argument, NULL, 's' },
		{ "as", required_argument, NULL, 'n' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct firmware_info fw;
	struct run rn;
	const char *fw_path = NULL, *fleet_dir = NULL;
	char **inputs, **srcmaps, **names;
	const char *pend_src = NULL, *pend_as = NULL;
	size_t ninputs = 0, i;
	bool mdata_given = false;
	char err[600];
	int c;

	memset(&rn, 0, sizeof(rn));
	memset(&fw, 0, sizeof(fw));
	rn.opts.mdata_size = DTCHECK_DEFAULT_MDATA;
	inputs = xmalloc((size_t)argc * sizeof(*inputs));
	srcmaps = xmalloc((size_t)argc * sizeof(*srcmaps));
	names = xmalloc((size_t)argc * sizeof(*names));

	/* '-': positionals come back in order, so --srcmap/--as bind to the next one */
	while ((c = getopt_long(argc, argv, "-vh", longopts, NULL)) != -1) {
		switch (c) {
		case 1:
			inputs[ninputs] = optarg;
			srcmaps[ninputs] = (char *)pend_src;
			names[ninputs] = (char *)pend_as;
			ninputs++;
			pend_src = NULL;
			pend_as = NULL;
			break;
		case 'j':
			rn.json = true;
			break;
		case 'a':
			rn.opts.all = true;
			break;
		case 'f':
			fw_path = optarg;
			break;
		case 'm':
			if (!parse_size(optarg, &rn.opts.mdata_size))
				return usage("--mdata-size needs a positive byte count");
			mdata_given = true;
			break;
		case 'F':
			fleet_dir = optarg;
			break;
		case 's':
			pend_src = optarg;
			break;
		case 'n':
			pend_as = optarg;
			break;
		case 'v':
			rn.verbose = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			return usage(NULL);
		}
	}
	if (pend_src || pend_as)
		return usage("--srcmap/--as must precede an input");
	if (!ninputs && !fleet_dir)
		return usage("no input");
	if (fleet_dir && ninputs)
		return usage("--fleet takes a folder and no other input");
	if (fw_path && mdata_given)
		return usage("--firmware and --mdata-size are exclusive");
	if (fw_path) {
		if (mdt_parse(fw_path, &fw, err, sizeof(err))) {
			fprintf(stderr, "mss-dtcheck: firmware: %s\n", err);
			return 2;
		}
		rn.opts.fw = &fw;
		rn.opts.mdata_size = fw.mdata_size;
		if (!rn.json) {
			printf("firmware %s: metadata 0x%llx bytes (headers 0x%llx",
			       fw.path, fw.mdata_size, fw.ehdr_size);
			printf(" + hash segment %u 0x%llx, %s); load footprint 0x%llx",
			       fw.hash_index, fw.hash_size, fw.hash_where, fw.footprint);
			printf(" (0x%llx-0x%llx)\n", fw.min_addr, fw.max_addr);
		}
	}
	rn.fleet = !!fleet_dir;

	if (rn.json)
		report_json_begin(stdout, &rn.opts);
	else if (rn.fleet)
		report_fleet_header(stdout);

	if (fleet_dir) {
		struct stat st;

		if (stat(fleet_dir, &st) || !S_ISDIR(st.st_mode)) {
			fprintf(stderr, "mss-dtcheck: --fleet %s: not a folder\n", fleet_dir);
			return 2;
		}
		check_path(&rn, fleet_dir, NULL, NULL);
	}
	for (i = 0; i < ninputs; i++)
		check_path(&rn, inputs[i], names[i], srcmaps[i]);

	if (rn.json) {
		report_json_end(stdout, rn.ninputs, rn.nerr, rn.nwarn, rn.ninfo, rn.nioerr);
	} else {
		printf("%s%zu DTBs, %zu with MSS nodes: ",
		       rn.fleet ? "\n" : "", rn.ninputs, rn.nboards_mss);
		printf("%zu MSS nodes checked (%zu disabled skipped); "
		       "metadata source: dedicated %zu, mpss-window %zu, legacy %zu, none %zu; "
		       "%llu bytes in metadata regions\n",
		       rn.nnodes, rn.nskipped,
		       rn.src_count[MSS_MDATA_DEDICATED], rn.src_count[MSS_MDATA_MPSS_WINDOW],
		       rn.src_count[MSS_MDATA_LEGACY], rn.src_count[MSS_MDATA_NONE],
		       rn.md_bytes);
		printf("%u errors, %u warnings, %u infos, %zu unreadable inputs\n",
		       rn.nerr, rn.nwarn, rn.ninfo, rn.nioerr);
	}
	if (!rn.ninputs && fleet_dir) {
		fprintf(stderr, "mss-dtcheck: no .dtb under %s\n", fleet_dir);
		return 2;
	}
	free(inputs);
	free(srcmaps);
	free(names);
	firmware_info_free(&fw);
	if (fflush(stdout))
		return 2;
	if (rn.nioerr)
		return 2;
	return rn.nerr || rn.nwarn ? 1 : 0;
}
