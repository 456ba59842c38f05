/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Metadata source selection for the Qualcomm MSS driver.
 *
 * This header and qcom_q6v5_mss_mdata_select.c are pure logic: no device
 * access, no allocation.  They are compiled into the kernel module, into
 * its KUnit suite, and into the host DTS validator (scripts/mss-dtcheck)
 * so that the validator predicts exactly what the driver will do.
 */
#ifndef __QCOM_Q6V5_MSS_MDATA_SELECT_H__
#define __QCOM_Q6V5_MSS_MDATA_SELECT_H__

#ifdef __KERNEL__
#include <linux/bits.h>
#include <linux/types.h>
#else
#include <stdbool.h>
typedef unsigned long long u64;
#define BIT(n)	(1UL << (n))
#endif

/**
 * enum mss_region_role - the reserved-memory regions an MSS node references
 * @MSS_REGION_MBA: memory-region entry 0 or the "mba" child
 * @MSS_REGION_MPSS: memory-region entry 1 or the "mpss" child
 * @MSS_REGION_MDATA: memory-region entry 2 or the "metadata" child (optional)
 * @MSS_REGION_NR: number of roles
 */
enum mss_region_role {
	MSS_REGION_MBA,
	MSS_REGION_MPSS,
	MSS_REGION_MDATA,
	MSS_REGION_NR,
};

/**
 * enum mss_mdata_source - where the firmware metadata is staged
 * @MSS_MDATA_NONE: no source (selection failed)
 * @MSS_MDATA_DEDICATED: the dedicated no-map metadata region
 * @MSS_MDATA_MPSS_WINDOW: a window at the start of the no-map MPSS region
 * @MSS_MDATA_LEGACY: a DMA allocation that keeps a cacheable linear alias;
 *	unsafe on SoCs where TrustZone hands the buffer to the modem
 */
enum mss_mdata_source {
	MSS_MDATA_NONE,
	MSS_MDATA_DEDICATED,
	MSS_MDATA_MPSS_WINDOW,
	MSS_MDATA_LEGACY,
};

/* Reasons a region is unusable, in &struct mss_mdata_region.flags */
#define MSS_REGION_F_MISSING	BIT(0)	/* not described in the DT */
#define MSS_REGION_F_NO_MAP	BIT(1)	/* lacks no-map */
#define MSS_REGION_F_UNALIGNED	BIT(2)	/* base or size not page aligned */
#define MSS_REGION_F_OVERLAP	BIT(3)	/* overlaps another MSS region */
#define MSS_REGION_F_EMPTY	BIT(4)	/* size is zero */
#define MSS_REGION_F_WRAP	BIT(5)	/* base + size overflows */
#define MSS_REGION_F_STUCK	BIT(6)	/* the modem kept it: never stage there again */

/**
 * struct mss_mdata_region - one candidate region, as described by the DT
 * @base: physical base; meaningless unless @base_known
 * @size: size in bytes
 * @present: the DT references this region
 * @no_map: the reserved-memory node has no-map
 * @dynamic: the region is placed at boot (size/alloc-ranges, no reg)
 * @base_known: @base is valid (always in the kernel; on the host only for
 *	static regions)
 * @flags: MSS_REGION_F_* reasons, filled by mss_mdata_check_regions()
 */
struct mss_mdata_region {
	u64 base;
	u64 size;
	bool present;
	bool no_map;
	bool dynamic;
	bool base_known;
	unsigned int flags;
};

/**
 * struct mss_mdata_choice - the outcome of mss_mdata_select()
 * @source: the chosen source
 * @base: physical start of the staging window (0 for %MSS_MDATA_LEGACY)
 * @size: bytes to stage; the window is @size rounded up to a page
 * @window: bytes of the region the window takes (page multiple, 0 for legacy)
 */
struct mss_mdata_choice {
	enum mss_mdata_source source;
	u64 base;
	u64 size;
	u64 window;
};

void mss_mdata_check_regions(struct mss_mdata_region *regs, u64 page_size);
bool mss_mdata_region_usable(const struct mss_mdata_region *reg);
int mss_mdata_select(const struct mss_mdata_region *regs, u64 mdata_size,
		     bool protected, bool allow_legacy, u64 page_size,
		     struct mss_mdata_choice *choice);
const char *mss_mdata_source_name(enum mss_mdata_source source);
const char *mss_region_role_name(enum mss_region_role role);

#endif
