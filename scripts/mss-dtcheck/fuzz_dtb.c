// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness: the whole DTB path of mss-dtcheck (fdt_check_full,
 * every check, the three output formats) on arbitrary bytes.  Built with
 * -fsanitize=fuzzer,address,undefined by `make mss-dtcheck-fuzz`.
 */
#include <stdlib.h>
#include <string.h>

#include "dtcheck.h"

/*
 * FUZZ_ENTRY is libFuzzer's entry point, LLVMFuzzerTestOneInput, defined on
 * the compile line by dtcheck.mk: libFuzzer dictates that CamelCase name,
 * and spelling it in the Makefile keeps this file checkpatch clean.
 */
int FUZZ_ENTRY(const u8 *data, size_t size);

int FUZZ_ENTRY(const u8 *data, size_t size)
{
	static FILE *sink;
	/* A firmware that makes the size checks (MSS010/MSS011) reachable */
	static const struct firmware_info fw = {
		.path = "fuzz.mdt",
		.mdata_size = 0x5000,
		.footprint = 0x100000,
		.min_addr = 0,
		.max_addr = 0x100000,
	};
	struct dtcheck_opts opts = { .mdata_size = 0x4000 };
	struct tree_result res;
	void *buf;
	int pass;

	if (!sink)
		sink = fopen("/dev/null", "w");
	/* an exact-size heap copy so ASan sees any read past the end */
	buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	for (pass = 0; pass < 2; pass++) {
		memset(&res, 0, sizeof(res));
		res.name = xstrdup("fuzz.dtb");
		opts.all = pass;
		opts.fw = pass ? &fw : NULL;
		opts.mdata_size = pass ? fw.mdata_size : 0x4000;
		dtcheck_blob(buf, size, &opts, NULL, &res);
		report_text(sink, &res, true);
		report_json_tree(sink, &res, true);
		report_fleet_rows(sink, &res);
		tree_result_free(&res);
	}
	free(buf);
	return 0;
}
