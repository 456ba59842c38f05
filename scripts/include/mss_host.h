/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel-style types and helpers for this project's host tools (the DTS
 * validator, the firmware generator, the guest init), so that they read
 * like kernel code and pass checkpatch like it, as tools/include does
 * for the kernel's own tools.
 */
#ifndef __MSS_HOST_H__
#define __MSS_HOST_H__

#include <stddef.h>

/* As the kernel's asm-generic/int-ll64.h: u64 prints with %llx */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef int s32;
typedef long long s64;

#ifndef BIT
#define BIT(n)			(1UL << (n))
#endif
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
/* The kernel's spellings (compiler_attributes.h) of what tools use */
#define __mss_attribute(x)	__attribute__(x)
#define __printf(a, b)		__mss_attribute((format(printf, a, b)))
#define __noreturn		__mss_attribute((noreturn))
#define fallthrough		__mss_attribute((__fallthrough__))

#endif
