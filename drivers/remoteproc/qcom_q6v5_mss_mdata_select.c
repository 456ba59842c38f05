// SPDX-License-Identifier: GPL-2.0-only
/*
 * Metadata source selection for the Qualcomm MSS driver: pure logic shared
 * by the kernel module, its KUnit suite and the host DTS validator.
 */
#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/export.h>
#include <kunit/visibility.h>
#else
#include <errno.h>
#include <stddef.h>
/* Only the kernel build exports (for the KUnit suite) */
#define EXPORT_SYMBOL_IF_KUNIT(...)
#endif

#include "qcom_q6v5_mss_mdata_select.h"

static bool mss_is_pow2(u64 v)
{
	return v && !(v & (v - 1));
}

static bool mss_regions_overlap(const struct mss_mdata_region *a,
				const struct mss_mdata_region *b)
{
	return a->base < b->base + b->size && b->base < a->base + a->size;
}

/**
 * mss_mdata_check_regions() - validate the candidate regions
 * @regs: array of %MSS_REGION_NR regions, indexed by &enum mss_region_role
 * @page_size: the kernel page size (a power of two)
 *
 * Sets &mss_mdata_region.flags of every region: %MSS_REGION_F_MISSING for
 * regions the DT does not reference, otherwise the reasons the region must
 * not be used to stage data the modem reads: no no-map (the CPU keeps a
 * cacheable linear alias, so speculative fills can touch it while the modem
 * owns it), a zero, unaligned or wrapping range (TrustZone assigns whole
 * pages), or an overlap with another MSS region (staging there would
 * corrupt the other image).
 */
void mss_mdata_check_regions(struct mss_mdata_region *regs, u64 page_size)
{
	u64 mask = mss_is_pow2(page_size) ? page_size - 1 : 0;
	int i, j;

	for (i = 0; i < MSS_REGION_NR; i++) {
		struct mss_mdata_region *r = &regs[i];

		/* Ownership stuck with the modem outlives any recheck */
		r->flags &= MSS_REGION_F_STUCK;
		if (!r->present) {
			r->flags |= MSS_REGION_F_MISSING;
			continue;
		}
		if (!r->no_map)
			r->flags |= MSS_REGION_F_NO_MAP;
		if (!r->size)
			r->flags |= MSS_REGION_F_EMPTY;
		if ((r->size & mask) || (r->base_known && (r->base & mask)))
			r->flags |= MSS_REGION_F_UNALIGNED;
		if (r->base_known && r->base + r->size < r->base)
			r->flags |= MSS_REGION_F_WRAP;
	}

	for (i = 0; i < MSS_REGION_NR; i++) {
		for (j = i + 1; j < MSS_REGION_NR; j++) {
			struct mss_mdata_region *a = &regs[i], *b = &regs[j];

			if (!a->present || !b->present ||
			    !a->base_known || !b->base_known ||
			    !a->size || !b->size ||
			    (a->flags & MSS_REGION_F_WRAP) ||
			    (b->flags & MSS_REGION_F_WRAP))
				continue;
			if (mss_regions_overlap(a, b)) {
				a->flags |= MSS_REGION_F_OVERLAP;
				b->flags |= MSS_REGION_F_OVERLAP;
			}
		}
	}
}
EXPORT_SYMBOL_IF_KUNIT(mss_mdata_check_regions);

/**
 * mss_mdata_region_usable() - may metadata be staged in this region?
 * @reg: a region checked by mss_mdata_check_regions()
 *
 * Return: true if the region is present and passed every check.
 */
bool mss_mdata_region_usable(const struct mss_mdata_region *reg)
{
	return reg->present && !reg->flags;
}

static bool mss_window_fits(const struct mss_mdata_region *reg, u64 window)
{
	return mss_mdata_region_usable(reg) && window <= reg->size;
}
EXPORT_SYMBOL_IF_KUNIT(mss_mdata_region_usable);

/**
 * mss_mdata_select() - choose where to stage the firmware metadata
 * @regs: %MSS_REGION_NR regions checked by mss_mdata_check_regions()
 * @mdata_size: size of this firmware's metadata (ELF headers + hash segment)
 * @protected: TrustZone hands the buffer to the modem (need_mem_protection)
 * @allow_legacy: whether the unsafe DMA allocation may be used on a
 *	protected SoC
 * @page_size: the kernel page size (a power of two)
 * @choice: the result
 *
 * The dedicated metadata region comes first when it fits.  On a protected
 * SoC a window at the start of the MPSS region is next, then (if allowed)
 * the legacy DMA allocation.  Without protection nobody but Linux ever
 * owns the DMA buffer, so its linear alias is harmless: it is the default
 * after the dedicated region and @allow_legacy does not apply, and the
 * MPSS window, which costs two extra ownership round trips elsewhere, is
 * not used.  A dedicated region that is too small is not an error.
 *
 * Return: 0 and @choice filled in, -EINVAL for bad arguments or empty
 * metadata, -EFBIG if @mdata_size cannot be rounded to a page, -ENOSPC when
 * no carveout fits on a protected SoC and @allow_legacy is false.  On
 * error @choice->source is %MSS_MDATA_NONE.
 */
int mss_mdata_select(const struct mss_mdata_region *regs, u64 mdata_size,
		     bool protected, bool allow_legacy, u64 page_size,
		     struct mss_mdata_choice *choice)
{
	u64 window;

	if (!choice)
		return -EINVAL;

	choice->source = MSS_MDATA_NONE;
	choice->base = 0;
	choice->size = 0;
	choice->window = 0;

	if (!regs || !mss_is_pow2(page_size) || !mdata_size)
		return -EINVAL;
	if (mdata_size > ~(u64)0 - (page_size - 1))
		return -EFBIG;

	window = (mdata_size + page_size - 1) & ~(page_size - 1);
	choice->size = mdata_size;

	if (mss_window_fits(&regs[MSS_REGION_MDATA], window)) {
		choice->source = MSS_MDATA_DEDICATED;
		choice->base = regs[MSS_REGION_MDATA].base;
		choice->window = window;
		return 0;
	}

	if (protected && mss_window_fits(&regs[MSS_REGION_MPSS], window)) {
		choice->source = MSS_MDATA_MPSS_WINDOW;
		choice->base = regs[MSS_REGION_MPSS].base;
		choice->window = window;
		return 0;
	}

	if (allow_legacy || !protected) {
		choice->source = MSS_MDATA_LEGACY;
		return 0;
	}

	choice->size = 0;
	return -ENOSPC;
}
EXPORT_SYMBOL_IF_KUNIT(mss_mdata_select);

/**
 * mss_mdata_source_name() - short name of a metadata source
 * @source: the source
 *
 * Return: "dedicated", "mpss-window", "legacy" or "none"; these strings are
 * part of the debugfs and validator output.
 */
const char *mss_mdata_source_name(enum mss_mdata_source source)
{
	switch (source) {
	case MSS_MDATA_DEDICATED:
		return "dedicated";
	case MSS_MDATA_MPSS_WINDOW:
		return "mpss-window";
	case MSS_MDATA_LEGACY:
		return "legacy";
	default:
		return "none";
	}
}
EXPORT_SYMBOL_IF_KUNIT(mss_mdata_source_name);

/**
 * mss_region_role_name() - the DT name of a region role
 * @role: the role
 *
 * Return: "mba", "mpss" or "metadata", the legacy child node names.
 */
const char *mss_region_role_name(enum mss_region_role role)
{
	switch (role) {
	case MSS_REGION_MBA:
		return "mba";
	case MSS_REGION_MPSS:
		return "mpss";
	case MSS_REGION_MDATA:
		return "metadata";
	default:
		return "?";
	}
}
EXPORT_SYMBOL_IF_KUNIT(mss_region_role_name);

