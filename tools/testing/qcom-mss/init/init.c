// SPDX-License-Identifier: GPL-2.0-only
/*
 * mss-init: the whole userspace of the qcom_q6v5_mss QEMU rig.
 *
 * The guest has no shell, so this static PID 1 runs one scenario file
 * (tools/testing/qcom-mss/scenarios/NAME.scn, chosen with mss.scenario=NAME
 * on the kernel command line) and prints KTAP for the host to parse.  The
 * scenario language is described in doc/CONTRIBUTING-rig.md; this file is
 * its only implementation, so the two must stay in step.
 *
 * Flow: mount the pseudo file systems, parse the whole scenario (includes
 * and repeat blocks expanded) so the KTAP plan can be printed first, run
 * it, wait for kmemleak's minimum object age, scan, report leaks as one
 * more result, print "mss-init: done" and power off.
 *
 * Output goes through /dev/kmsg rather than straight to the console.  Our
 * lines and the kernel's (KUnit results printed while a test module loads,
 * driver messages) then share one ordered log and cannot tear each other
 * apart on the serial line; the host relies on that order to tell our KTAP
 * from KUnit's.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/elf.h>

#include "mss_host.h"

#define KMEMLEAK		"/sys/kernel/debug/kmemleak"
#define RPROC_CLASS		"/sys/class/remoteproc"
#define DEFAULT_TIMEOUT_MS	5000
#define POLL_MS			20
/* kmemleak ignores objects younger than 5 s (MSECS_MIN_AGE); add margin */
#define KMEMLEAK_AGE_MS		5500
#define MAX_INCLUDE_DEPTH	8
#define MAX_FILE		BIT(20)
#define MAX_READ		(64 << 10)
/*
 * User facility, "critical" level: the facility keeps our records apart
 * from the kernel's for kmsg-expect; the level keeps them on the console
 * even if a scenario appends quiet or a low loglevel=.
 */
#define KMSG_PREFIX		"<10>"

/* ------------------------------------------------------------------ */
/* Small helpers */

static int kmsg_out_fd = -1;	/* /dev/kmsg when usable, else stdout */
static const char *scn_dir = "/scenarios";

static void die_quietly(void);

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die_quietly();
	return p;
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die_quietly();
	return p;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

static __printf(1, 2) char *xasprintf(const char *fmt, ...);
static char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		die_quietly();
	va_end(ap);
	return s;
}

/* One output line, written with a single write() so it stays whole. */
static __printf(1, 2) void out(const char *fmt, ...);
static void out(const char *fmt, ...)
{
	const size_t pre = sizeof(KMSG_PREFIX) - 1;
	char buf[960];
	va_list ap;
	size_t n;
	int r;

	memcpy(buf, KMSG_PREFIX, pre);
	va_start(ap, fmt);
	r = vsnprintf(buf + pre, sizeof(buf) - pre - 1, fmt, ap);
	va_end(ap);
	if (r < 0)
		return;
	n = pre + strlen(buf + pre);
	/* A record is one line; embedded newlines would split our KTAP */
	for (size_t i = pre; i < n; i++)
		if (buf[i] == '\n' || buf[i] == '\r')
			buf[i] = ' ';
	if (kmsg_out_fd >= 0 && write(kmsg_out_fd, buf, n) == (ssize_t)n)
		return;
	buf[n++] = '\n';
	if (write(1, buf + pre, n - pre) < 0)
		return;
}

/* Printable, bounded copy of file or log content for diagnostics */
static const char *esc(const char *s)
{
	static char bufs[2][256];
	static int which;
	char *b = bufs[which ^= 1];
	size_t o = 0;

	for (; *s && o < sizeof(bufs[0]) - 8; s++) {
		unsigned char c = *s;

		if (c == '\n') {
			b[o++] = '\\';
			b[o++] = 'n';
		} else if (c < 0x20 || c >= 0x7f) {
			o += sprintf(b + o, "\\x%02x", c);
		} else {
			b[o++] = c;
		}
	}
	if (*s)
		o += sprintf(b + o, "...");
	b[o] = 0;
	return b;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* ------------------------------------------------------------------ */
/* errno names: write-fail takes them, diagnostics print them */

static const struct errname {
	const char *name;
	int num;
} errnames[] = {
#define E(x) { #x, x },
/*
 * E2(ENO, SYS): checkpatch reserves that name, spelt whole, for "invalid
 * syscall number"; here it is only a table entry, so paste it together.
 */
#define E2(a, b) { #a #b, a##b },
	E(EPERM) E(ENOENT) E(ESRCH) E(EINTR) E(EIO) E(ENXIO) E(E2BIG)
	E(ENOEXEC) E(EBADF) E(ECHILD) E(EAGAIN) E(EWOULDBLOCK) E(ENOMEM)
	E(EACCES) E(EFAULT) E(ENOTBLK) E(EBUSY) E(EEXIST) E(EXDEV) E(ENODEV)
	E(ENOTDIR) E(EISDIR) E(EINVAL) E(ENFILE) E(EMFILE) E(ENOTTY)
	E(ETXTBSY) E(EFBIG) E(ENOSPC) E(ESPIPE) E(EROFS) E(EMLINK) E(EPIPE)
	E(EDOM) E(ERANGE) E(EDEADLK) E(ENAMETOOLONG) E(ENOLCK) E2(ENO, SYS)
	E(ENOTEMPTY) E(ELOOP) E(ENOMSG) E(EIDRM) E(ENOSTR) E(ENODATA)
	E(ETIME) E(ENOSR) E(ENOLINK) E(EPROTO) E(EBADMSG) E(EOVERFLOW)
	E(EILSEQ) E(EUSERS) E(ENOTSOCK) E(EMSGSIZE) E(EOPNOTSUPP) E(ENOTSUP)
	E(EADDRINUSE) E(EADDRNOTAVAIL) E(ENETDOWN) E(ENOBUFS) E(EISCONN)
	E(ENOTCONN) E(ESHUTDOWN) E(ETIMEDOUT) E(ECONNREFUSED) E(EHOSTDOWN)
	E(EALREADY) E(EINPROGRESS) E(ESTALE) E(EREMOTEIO) E(EDQUOT)
	E(ENOMEDIUM) E(ECANCELED) E(ENOKEY) E(EKEYEXPIRED) E(EKEYREVOKED)
	E(EKEYREJECTED) E(EOWNERDEAD) E(ENOTRECOVERABLE) E(ERFKILL)
	E(EHWPOISON)
#undef E2
#undef E
	/* kernel-internal codes that still leak out of sysfs stores */
	{ "ERESTARTSYS", 512 }, { "ENOIOCTLCMD", 515 },
	{ "EPROBE_DEFER", 517 }, { "ENOTSUPP", 524 }, { "ETOOSMALL", 525 },
};

static const char *errno_name(int e)
{
	static char buf[24];

	for (size_t i = 0; i < ARRAY_SIZE(errnames); i++)
		if (errnames[i].num == e)
			return errnames[i].name;
	snprintf(buf, sizeof(buf), "errno %d", e);
	return buf;
}

/* -1 for ANY, 0 for an unknown name */
static int errno_parse(const char *s)
{
	if (!strcmp(s, "ANY"))
		return -1;
	if (all_digits(s))
		return atoi(s);
	for (size_t i = 0; i < ARRAY_SIZE(errnames); i++)
		if (!strcmp(errnames[i].name, s))
			return errnames[i].num;
	return 0;
}

/* "EBUSY (Device or resource busy)" */
static const char *errstr(int e)
{
	static char buf[96];

	snprintf(buf, sizeof(buf), "%s (%s)", errno_name(e),
		 e < 512 ? strerror(e) : "kernel-internal");
	return buf;
}

/* ------------------------------------------------------------------ */
/* Files */

/*
 * Whole file (bounded by max - 1 bytes), NUL terminated, its length in
 * *lenp; NULL with errno set on failure.
 */
static char *read_file_len(const char *path, size_t max, size_t *lenp)
{
	size_t len = 0, cap = 4096;
	char *buf;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	buf = xmalloc(cap);
	for (;;) {
		ssize_t n;

		if (len + 1 >= cap) {
			if (cap >= max)
				break;
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0) {
			int e = errno;

			if (e == EINTR)
				continue;
			close(fd);
			free(buf);
			errno = e;
			return NULL;
		}
		if (n == 0)
			break;
		len += n;
	}
	close(fd);
	buf[len] = 0;
	*lenp = len;
	return buf;
}

/* Whole file (bounded), NUL terminated; NULL with errno set on failure. */
static char *read_file(const char *path, size_t max)
{
	size_t len;

	return read_file_len(path, max, &len);
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = 0;
	return s;
}

/*
 * Write like echo: value plus newline, in one write().  On failure *stage
 * says which step failed and errno is set.
 */
static int write_file(const char *path, const char *val, const char **stage)
{
	size_t n = strlen(val);
	char *buf = xmalloc(n + 2);
	ssize_t w;
	int fd, e;

	memcpy(buf, val, n);
	buf[n++] = '\n';
	buf[n] = 0;
	*stage = "open";
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		free(buf);
		return -1;
	}
	*stage = "write";
	w = write(fd, buf, n);
	e = errno;
	free(buf);
	if (w < 0) {
		close(fd);
		errno = e;
		return -1;
	}
	if ((size_t)w != n) {
		close(fd);
		*stage = "short write";
		errno = EIO;
		return -1;
	}
	*stage = "close";
	return close(fd);
}

/* ------------------------------------------------------------------ */
/* Kernel log: kmsg-mark/expect/absent and context for failures */

struct kmsg_reader {
	int fd;
	char *seen;	/* kernel messages read so far, one per line */
	size_t len, cap;
};

static struct kmsg_reader mark = { .fd = -1 };

static int kmsg_open(struct kmsg_reader *r, bool at_end)
{
	r->fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	r->len = 0;
	if (r->seen)
		r->seen[0] = 0;
	if (r->fd < 0)
		return -1;
	if (at_end)
		lseek(r->fd, 0, SEEK_END);
	return 0;
}

static void kmsg_close(struct kmsg_reader *r)
{
	if (r->fd >= 0)
		close(r->fd);
	r->fd = -1;
	free(r->seen);
	r->seen = NULL;
	r->len = 0;
	r->cap = 0;
}

/*
 * Read every record available now.  Records from user space (facility
 * != 0, i.e. our own output) are skipped: kmsg-expect is about what the
 * kernel said.
 */
static void kmsg_drain(struct kmsg_reader *r)
{
	char rec[8192];

	if (r->fd < 0)
		return;
	for (;;) {
		ssize_t n = read(r->fd, rec, sizeof(rec) - 1);
		char *msg, *nl;
		size_t l;

		if (n < 0) {
			/* EPIPE: records were overwritten; the next read goes on */
			if (errno == EPIPE || errno == EINTR)
				continue;
			return;		/* EAGAIN: caught up */
		}
		if (n == 0)
			return;
		rec[n] = 0;
		if (atoi(rec) >> 3)
			continue;
		msg = strchr(rec, ';');
		if (!msg)
			continue;
		msg++;
		nl = strchr(msg, '\n');
		if (nl)
			*nl = 0;
		l = strlen(msg);
		if (r->len + l + 2 > r->cap) {
			r->cap = (r->len + l + 2) * 2;
			r->seen = xrealloc(r->seen, r->cap);
		}
		memcpy(r->seen + r->len, msg, l);
		r->len += l;
		r->seen[r->len++] = '\n';
		r->seen[r->len] = 0;
	}
}

/* The kernel message (line of r->seen) containing text, or NULL */
static char *kmsg_find(struct kmsg_reader *r, const char *text)
{
	char *p, *b;

	if (!r->seen)
		return NULL;
	p = strstr(r->seen, text);
	if (!p)
		return NULL;
	for (b = p; b > r->seen && b[-1] != '\n'; b--)
		;
	return b;
}

/* ------------------------------------------------------------------ */
/* Scenario representation */

enum op {
	OP_TEST, OP_INSMOD, OP_RMMOD, OP_RMMOD_FAIL, OP_WRITE, OP_WRITE_FAIL,
	OP_WRITE_ANY, OP_EXPECT,
	OP_EXPECT_CONTAINS, OP_EXPECT_SAME, OP_EXPECT_ABSENT, OP_RPROC, OP_KMSG_MARK,
	OP_KMSG_EXPECT, OP_KMSG_ABSENT, OP_SLEEP, OP_SHOW, OP_BG, OP_END_BG,
	OP_WAIT, OP_SET, OP_COPY, OP_RM, OP_SWEEP, OP_SWEEP_ABSORBED,
	OP_END_SWEEP, OP_WRITE_EACH, OP_MODULE_TEXT, OP_SYMBOL_RANGE,
};

static const struct opdef {
	const char *name;
	enum op op;
	int min, max;	/* argument counts, -1: unbounded */
} opdefs[] = {
	{ "test",		OP_TEST,		1, 1 },
	{ "insmod",		OP_INSMOD,		1, -1 },
	{ "rmmod",		OP_RMMOD,		1, 1 },
	{ "rmmod-fail",		OP_RMMOD_FAIL,		2, 2 },
	{ "write",		OP_WRITE,		2, -1 },
	{ "write-fail",		OP_WRITE_FAIL,		3, -1 },
	{ "write-any",		OP_WRITE_ANY,		2, -1 },
	{ "expect",		OP_EXPECT,		2, -1 },
	{ "expect-contains",	OP_EXPECT_CONTAINS,	2, -1 },
	{ "expect-same",	OP_EXPECT_SAME,		2, 3 },
	{ "expect-absent",	OP_EXPECT_ABSENT,	1, 1 },
	{ "rproc",		OP_RPROC,		2, 2 },
	{ "kmsg-mark",		OP_KMSG_MARK,		0, 0 },
	{ "kmsg-expect",	OP_KMSG_EXPECT,		1, -1 },
	{ "kmsg-absent",	OP_KMSG_ABSENT,		1, -1 },
	{ "sleep",		OP_SLEEP,		1, 1 },
	{ "show",		OP_SHOW,		1, 1 },
	{ "bg",			OP_BG,			1, 1 },
	{ "end-bg",		OP_END_BG,		0, 0 },
	{ "wait",		OP_WAIT,		1, 2 },
	{ "set",		OP_SET,			2, -1 },
	{ "copy",		OP_COPY,		2, 2 },
	{ "rm",			OP_RM,			1, 1 },
	{ "sweep",		OP_SWEEP,		3, -1 },
	{ "sweep-absorbed",	OP_SWEEP_ABSORBED,	0, 0 },
	{ "end-sweep",		OP_END_SWEEP,		0, 0 },
	{ "write-each",		OP_WRITE_EACH,		3, -1 },
	{ "module-text",	OP_MODULE_TEXT,		4, 4 },
	{ "symbol-range",	OP_SYMBOL_RANGE,	3, 3 },
};

struct cmd {
	const struct opdef *def;
	int argc;
	char **argv;
	char *where;		/* "line 12" / "line 3 of common/stack.scn" */
	int nval;		/* words of the VALUE/TEXT part */
	long timeout_ms;
	int test;		/* OP_TEST: index into tests[] */
	int end;		/* OP_BG, OP_SWEEP: index of its end-bg/end-sweep */
	int absorbed;		/* OP_SWEEP: index of its sweep-absorbed, or -1 */
};

static struct cmd *cmds;
static int ncmds;
static char **tests;
static int ntests;

struct scnfile {
	char *name;		/* relative to SCN_DIR */
	char *text;
	int nlines;
	char **line;		/* pointers into text */
};

/* Iterations of the enclosing repeat blocks, outermost first */
struct iters {
	int depth;
	int n[16];
	int of[16];
};

static char *parse_err;
static char *parse_where;

static __printf(2, 3) int perr(const char *where, const char *fmt, ...);
static int perr(const char *where, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&parse_err, fmt, ap) < 0)
		parse_err = NULL;
	va_end(ap);
	parse_where = xstrdup(where);
	return -1;
}

/*
 * Split a line into words.  Words are separated by blanks; "double quotes"
 * make one word of text with blanks (or an empty word), with \" and \\ as
 * the only escapes.  Returns the word count or -1.
 */
static int split_words(const char *s, char ***argvp, const char **why)
{
	char **argv = NULL;
	int argc = 0;

	for (;;) {
		char *w;
		size_t n = 0;

		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		w = xmalloc(strlen(s) + 1);
		if (*s == '"') {
			s++;
			while (*s && *s != '"') {
				if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
					s++;
				w[n++] = *s++;
			}
			if (*s != '"') {
				*why = "unterminated \"quote\"";
				free(w);
				return -1;
			}
			s++;
			if (*s && *s != ' ' && *s != '\t') {
				*why = "text right after a closing quote";
				free(w);
				return -1;
			}
		} else {
			while (*s && *s != ' ' && *s != '\t')
				w[n++] = *s++;
		}
		w[n] = 0;
		argv = xrealloc(argv, sizeof(*argv) * (argc + 2));
		argv[argc++] = w;
	}
	if (!argv)
		argv = xmalloc(sizeof(*argv));
	argv[argc] = NULL;
	*argvp = argv;
	return argc;
}

static struct scnfile *load_scn(const char *name, const char *where)
{
	struct scnfile *f;
	char *path = xasprintf("%s/%s", scn_dir, name);
	char *p;

	f = xmalloc(sizeof(*f));
	f->name = xstrdup(name);
	f->text = read_file(path, MAX_FILE);
	if (!f->text) {
		perr(where, "cannot read %s: %s", path, errstr(errno));
		free(path);
		free(f);
		return NULL;
	}
	free(path);
	f->nlines = 0;
	f->line = NULL;
	for (p = f->text; *p; ) {
		char *nl = strchr(p, '\n');

		f->line = xrealloc(f->line, sizeof(char *) * (f->nlines + 1));
		f->line[f->nlines++] = p;
		if (!nl)
			break;
		*nl = 0;
		p = nl + 1;
	}
	return f;
}

static char *where_of(struct scnfile *f, bool main_file, int idx,
		      const struct iters *it)
{
	char *w, *t;

	if (main_file)
		w = xasprintf("line %d", idx + 1);
	else
		w = xasprintf("line %d of %s", idx + 1, f->name);
	for (int i = 0; i < it->depth; i++) {
		t = xasprintf("%s%srepeat %d/%d", w, i ? ", " : " (",
			      it->n[i], it->of[i]);
		free(w);
		w = t;
	}
	if (it->depth) {
		t = xasprintf("%s)", w);
		free(w);
		w = t;
	}
	return w;
}

/* ${ITER} is the innermost repeat's iteration, known at parse time */
static char *subst_iter(const char *s, const struct iters *it)
{
	const char *p = strstr(s, "${ITER}");
	char *r, *rest;

	if (!p || !it->depth)
		return xstrdup(s);
	rest = subst_iter(p + 7, it);
	r = xasprintf("%.*s%d%s", (int)(p - s), s, it->n[it->depth - 1], rest);
	free(rest);
	return r;
}

static bool valid_var(const char *s)
{
	if (!isalpha((unsigned char)*s) && *s != '_')
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

static int add_cmd(const struct opdef *def, int argc, char **argv, char *where,
		   const struct iters *it, bool had_iter_var)
{
	struct cmd *c;
	bool trailing_timeout;

	cmds = xrealloc(cmds, sizeof(*cmds) * (ncmds + 1));
	c = &cmds[ncmds];
	memset(c, 0, sizeof(*c));
	c->def = def;
	c->argc = argc;
	c->argv = argv;
	c->where = where;
	c->timeout_ms = DEFAULT_TIMEOUT_MS;
	c->nval = 0;

	switch (def->op) {
	case OP_TEST: {
		char *name = argv[0];

		/* A test inside a repeat gets the iteration(s) appended */
		if (!had_iter_var)
			for (int i = 0; i < it->depth; i++) {
				char *t = xasprintf("%s-%d", name, it->n[i]);

				free(name);
				name = t;
			}
		argv[0] = name;
		if (!strcmp(name, "kmemleak") || !strcmp(name, "boot") ||
		    !strncmp(name, "expect-log", 10))
			return perr(where, "test name '%s' is reserved", name);
		for (char *p = name; *p; p++)
			if (!isalnum((unsigned char)*p) && !strchr("_-.:+", *p))
				return perr(where,
					    "test name '%s': use letters, digits and _-.:+ only",
					    name);
		for (int i = 0; i < ntests; i++)
			if (!strcmp(tests[i], name))
				return perr(where, "test name '%s' used twice", name);
		tests = xrealloc(tests, sizeof(*tests) * (ntests + 1));
		tests[ntests] = name;
		c->test = ntests++;
		break;
	}
	case OP_WRITE:
	case OP_WRITE_ANY:
		c->nval = argc - 1;
		break;
	case OP_RMMOD_FAIL:
		if (!errno_parse(argv[1]))
			return perr(where, "rmmod-fail: unknown errno name '%s'", argv[1]);
		break;
	case OP_WRITE_FAIL:
		if (!errno_parse(argv[1]))
			return perr(where,
				    "write-fail: unknown errno name '%s' (EINVAL, EBUSY, ... or ANY)",
				    argv[1]);
		c->nval = argc - 2;
		break;
	case OP_EXPECT:
	case OP_EXPECT_CONTAINS:
	case OP_KMSG_EXPECT: {
		int first = def->op == OP_KMSG_EXPECT ? 0 : 1;

		/* A trailing number after the text is TIMEOUT_MS */
		trailing_timeout = argc > first + 1 && all_digits(argv[argc - 1]);
		if (trailing_timeout)
			c->timeout_ms = atol(argv[argc - 1]);
		c->nval = argc - first - trailing_timeout;
		break;
	}
	case OP_EXPECT_SAME:
		if (argc == 3) {
			if (!all_digits(argv[2]))
				return perr(where, "expect-same: '%s' is not milliseconds",
					    argv[2]);
			c->timeout_ms = atol(argv[2]);
		}
		break;
	case OP_KMSG_ABSENT:
		c->nval = argc;
		break;
	case OP_BG:
		if (!valid_var(argv[0]))
			return perr(where, "bg: '%s' is not a name", argv[0]);
		break;
	case OP_SET:
		if (!valid_var(argv[0]))
			return perr(where, "set: '%s' is not a variable name", argv[0]);
		c->nval = argc - 1;
		break;
	case OP_SWEEP:
		if (!valid_var(argv[0]))
			return perr(where, "sweep: '%s' is not a variable name", argv[0]);
		if (!all_digits(argv[1]) || strlen(argv[1]) > 6)
			return perr(where, "sweep: '%s' is not a minimum number of failure points",
				    argv[1]);
		c->nval = argc - 3;
		break;
	case OP_WRITE_EACH:
		c->nval = argc - 2;
		break;
	case OP_MODULE_TEXT:
	case OP_SYMBOL_RANGE:
		if (!valid_var(argv[0]) || !valid_var(argv[1]))
			return perr(where, "%s: '%s' or '%s' is not a variable name",
				    def->name, argv[0], argv[1]);
		break;
	case OP_WAIT:
		if (argc == 2) {
			if (!all_digits(argv[1]))
				return perr(where, "wait: '%s' is not milliseconds",
					    argv[1]);
			c->timeout_ms = atol(argv[1]);
		}
		break;
	case OP_RPROC:
		if (!valid_var(argv[0]))
			return perr(where, "rproc: '%s' is not a variable name", argv[0]);
		break;
	case OP_SLEEP:
		if (!all_digits(argv[0]))
			return perr(where, "sleep: '%s' is not a number of milliseconds",
				    argv[0]);
		break;
	default:
		break;
	}
	ncmds++;
	return 0;
}

static int parse_range(struct scnfile *f, bool main_file, int from, int to,
		       struct iters *it, int depth);

static int parse_include(const char *name, const char *where, struct iters *it,
			 int depth)
{
	struct scnfile *f;

	if (depth >= MAX_INCLUDE_DEPTH)
		return perr(where, "include nested deeper than %d (a loop?)",
			    MAX_INCLUDE_DEPTH);
	if (name[0] == '/' || strstr(name, ".."))
		return perr(where, "include %s: give a path inside %s/", name, scn_dir);
	f = load_scn(name, where);
	if (!f)
		return -1;
	/* the file text stays allocated: commands point into it */
	return parse_range(f, false, 0, f->nlines, it, depth + 1);
}

/*
 * Parse-time counts for repeat: "count NAME N" defines NAME, and a later
 * "repeat ${NAME}" runs N times, so one race body (mss/races.scn) serves
 * make check (mss-races.scn) and make soak (soak-races.scn) with their
 * own repetitions.  The first definition wins: a scenario sets its count
 * before it includes the body, whose own "count" is then the default.
 */
#define MAX_COUNTS 8
static struct { char *name; int n; } counts[MAX_COUNTS];
static int nr_counts;

static int count_define(const char *name, const char *val)
{
	if (!valid_var(name) || !all_digits(val) || atoi(val) < 1 ||
	    strlen(val) > 6)
		return -1;
	for (int i = 0; i < nr_counts; i++)
		if (!strcmp(counts[i].name, name))
			return 0;
	if (nr_counts == MAX_COUNTS)
		return -1;
	counts[nr_counts].name = xstrdup(name);
	counts[nr_counts++].n = atoi(val);
	return 0;
}

/* N of "repeat N" or "repeat ${NAME}"; -1 if neither */
static int repeat_count(const char *arg)
{
	size_t len = strlen(arg);

	if (all_digits(arg))
		return atoi(arg);
	if (len < 4 || strncmp(arg, "${", 2) || arg[len - 1] != '}')
		return -1;
	for (int i = 0; i < nr_counts; i++)
		if (strlen(counts[i].name) == len - 3 &&
		    !strncmp(counts[i].name, arg + 2, len - 3))
			return counts[i].n;
	return -1;
}

/* Index of the end-repeat matching the repeat at line idx, or -1 */
static int match_end_repeat(struct scnfile *f, int idx, int to)
{
	int level = 0;

	for (int i = idx; i < to; i++) {
		char *l = f->line[i];
		size_t n;

		while (*l == ' ' || *l == '\t')
			l++;
		n = strcspn(l, " \t\r");
		if (n == 6 && !strncmp(l, "repeat", 6))
			level++;
		else if (n == 10 && !strncmp(l, "end-repeat", 10) && --level == 0)
			return i;
	}
	return -1;
}

static int parse_range(struct scnfile *f, bool main_file, int from, int to,
		       struct iters *it, int depth)
{
	for (int i = from; i < to; i++) {
		char *where = where_of(f, main_file, i, it);
		char *line = f->line[i];
		const struct opdef *def = NULL;
		const char *why = NULL;
		char **argv;
		int argc;

		/* tolerate CRLF files */
		line[strcspn(line, "\r")] = 0;
		/* a comment is prose: its quotes need not pair */
		if (line[strspn(line, " \t")] == '#') {
			free(where);
			continue;
		}
		argc = split_words(line, &argv, &why);
		if (argc < 0)
			return perr(where, "%s", why);
		if (argc == 0 || argv[0][0] == '#') {
			free(where);
			continue;
		}
		if (argv[0][0] == '@') {
			static const char * const host[] = {
				"@dtb", "@timeout", "@append", "@expect-log",
				"@expect-complaint",
			};
			bool known = false;

			for (size_t k = 0; k < ARRAY_SIZE(host); k++)
				known |= !strcmp(argv[0], host[k]);
			if (!known)
				return perr(where, "unknown host directive %s", argv[0]);
			/* The host reads only the scenario file itself */
			if (!main_file)
				return perr(where,
					    "%s in an included file is ignored by the host; put it in the scenario",
					    argv[0]);
			free(where);
			continue;
		}
		if (!strcmp(argv[0], "include")) {
			if (argc != 2)
				return perr(where, "usage: include FILE");
			if (parse_include(argv[1], where, it, depth))
				return -1;
			continue;
		}
		if (!strcmp(argv[0], "end-repeat"))
			return perr(where, "end-repeat without repeat");
		if (!strcmp(argv[0], "count")) {
			if (argc != 3 || count_define(argv[1], argv[2]))
				return perr(where,
					    "usage: count NAME N (N from 1 to 999999, at most %d names)",
					    MAX_COUNTS);
			free(where);
			continue;
		}
		if (!strcmp(argv[0], "repeat")) {
			int end = match_end_repeat(f, i, to), n;

			n = argc == 2 ? repeat_count(argv[1]) : -1;
			if (n < 0)
				return perr(where,
					    "usage: repeat N, or repeat ${NAME} after count NAME N");
			if (end < 0)
				return perr(where, "repeat without end-repeat");
			if (it->depth >= 16)
				return perr(where, "repeat nested too deep");
			for (int k = 1; k <= n; k++) {
				it->n[it->depth] = k;
				it->of[it->depth] = n;
				it->depth++;
				if (parse_range(f, main_file, i + 1, end, it, depth))
					return -1;
				it->depth--;
			}
			i = end;
			continue;
		}
		for (size_t k = 0; k < ARRAY_SIZE(opdefs); k++)
			if (!strcmp(argv[0], opdefs[k].name))
				def = &opdefs[k];
		if (!def)
			return perr(where, "unknown command '%s'", argv[0]);
		argc--;
		if (argc < def->min || (def->max >= 0 && argc > def->max)) {
			if (def->max < 0)
				return perr(where, "%s takes at least %d argument(s), got %d",
					    def->name, def->min, argc);
			return perr(where, "%s takes %d argument(s), got %d",
				    def->name, def->max, argc);
		}
		{
			char **args = xmalloc(sizeof(*args) * (argc + 1));
			bool had_iter = false;

			for (int k = 0; k < argc; k++) {
				had_iter |= !!strstr(argv[k + 1], "${ITER}");
				args[k] = subst_iter(argv[k + 1], it);
			}
			args[argc] = NULL;
			if (add_cmd(def, argc, args, where, it, had_iter))
				return -1;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Running */

struct var {
	char *name, *value;
};

static struct var *vars;
static int nvars;

static void set_var(const char *name, const char *value)
{
	for (int i = 0; i < nvars; i++)
		if (!strcmp(vars[i].name, name)) {
			free(vars[i].value);
			vars[i].value = xstrdup(value);
			return;
		}
	vars = xrealloc(vars, sizeof(*vars) * (nvars + 1));
	vars[nvars].name = xstrdup(name);
	vars[nvars].value = xstrdup(value);
	nvars++;
}

/* Why the current command failed; printed as "# WHERE: WHY" */
static char *why;

static __printf(1, 2) int failf(const char *fmt, ...);
static int failf(const char *fmt, ...)
{
	va_list ap;

	free(why);
	va_start(ap, fmt);
	if (vasprintf(&why, fmt, ap) < 0)
		why = NULL;
	va_end(ap);
	return -1;
}

/* Expand ${VAR}; NULL (and why set) on an undefined variable */
static char *expand(const char *s)
{
	size_t cap = strlen(s) + 1, len = 0;
	char *r = xmalloc(cap);

	while (*s) {
		const char *v = NULL;
		size_t vl;

		if (s[0] == '$' && s[1] == '{') {
			const char *e = strchr(s, '}');

			if (!e) {
				failf("unterminated ${ in '%s'", s);
				free(r);
				return NULL;
			}
			for (int i = 0; i < nvars; i++)
				if (strlen(vars[i].name) == (size_t)(e - s - 2) &&
				    !strncmp(vars[i].name, s + 2, e - s - 2))
					v = vars[i].value;
			if (!v) {
				failf("undefined variable %.*s (set it with rproc)",
				      (int)(e - s + 1), s);
				free(r);
				return NULL;
			}
			vl = strlen(v);
			s = e + 1;
		} else {
			v = s++;
			vl = 1;
		}
		if (len + vl + 1 > cap) {
			cap = (len + vl + 1) * 2;
			r = xrealloc(r, cap);
		}
		memcpy(r + len, v, vl);
		len += vl;
	}
	r[len] = 0;
	return r;
}

/* Words [from, from+n) expanded and joined with single blanks */
static char *join(const struct cmd *c, int from, int n)
{
	char *r = xstrdup("");

	for (int i = from; i < from + n; i++) {
		char *w = expand(c->argv[i]), *t;

		if (!w) {
			free(r);
			return NULL;
		}
		t = xasprintf("%s%s%s", r, i > from ? " " : "", w);
		free(r);
		free(w);
		r = t;
	}
	return r;
}

static int do_insmod(const struct cmd *c)
{
	char *path = expand(c->argv[0]), *params;
	int fd, ret = 0;

	if (!path)
		return -1;
	params = join(c, 1, c->argc - 1);
	if (!params) {
		free(path);
		return -1;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		ret = failf("insmod %s: open: %s", path, errstr(errno));
	else if (syscall(SYS_finit_module, fd, params, 0))
		ret = failf("insmod %s%s%s: %s", path, *params ? " " : "",
			    params, errstr(errno));
	if (fd >= 0)
		close(fd);
	free(path);
	free(params);
	return ret;
}

static int do_rmmod(const struct cmd *c, bool want_fail)
{
	char *name = expand(c->argv[0]), *base, *dot;
	int want = want_fail ? errno_parse(c->argv[1]) : 0;
	int ret = 0;

	if (!name)
		return -1;
	/* accept a path or file name too; module names use '_' */
	base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
	dot = strstr(base, ".ko");
	if (dot && !dot[3])
		*dot = 0;
	for (char *p = base; *p; p++)
		if (*p == '-')
			*p = '_';
	if (!syscall(SYS_delete_module, base, O_NONBLOCK)) {
		if (want_fail)
			ret = failf("rmmod %s succeeded, expected %s", base,
				    c->argv[1]);
	} else if (!want_fail) {
		ret = failf("rmmod %s: %s%s", base, errstr(errno),
			    errno == EWOULDBLOCK ? " (module in use)" : "");
	} else if (want > 0 && errno != want) {
		ret = failf("rmmod %s: got %s, expected %s", base,
			    errno_name(errno), errno_name(want));
	}
	free(name);
	return ret;
}

/* set VAR VALUE...: ${VAR} for the commands that follow */
static int do_set(const struct cmd *c)
{
	char *val = join(c, 1, c->nval);

	if (!val)
		return -1;
	set_var(c->argv[0], val);
	free(val);
	return 0;
}

/*
 * copy SRC DST: the guest's root is a writable initramfs, so a test can
 * put firmware where the driver looks (and nowhere else)
 */
static int do_copy(const struct cmd *c)
{
	char *src = expand(c->argv[0]), *dst = expand(c->argv[1]);
	int in = -1, out_fd = -1, ret = 0;
	char buf[65536];
	ssize_t n;

	if (!src || !dst) {
		ret = -1;
		goto out;
	}
	in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		ret = failf("copy %s: %s", src, errstr(errno));
		goto out;
	}
	out_fd = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out_fd < 0) {
		ret = failf("copy to %s: %s", dst, errstr(errno));
		goto out;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		if (write(out_fd, buf, n) != n) {
			ret = failf("copy to %s: %s", dst, errstr(errno));
			goto out;
		}
	}
	if (n < 0)
		ret = failf("copy %s: %s", src, errstr(errno));
out:
	if (in >= 0)
		close(in);
	if (out_fd >= 0 && close(out_fd) && !ret)
		ret = failf("copy to %s: %s", dst, errstr(errno));
	free(src);
	free(dst);
	return ret;
}

/* rm PATH: gone afterwards, whether it was there or not */
static int do_rm(const struct cmd *c)
{
	char *path = expand(c->argv[0]);
	int ret = 0;

	if (!path)
		return -1;
	if (unlink(path) && errno != ENOENT)
		ret = failf("rm %s: %s", path, errstr(errno));
	free(path);
	return ret;
}

/* A racing write: either outcome is fine, the log says which it was */
static int do_write_any(const struct cmd *c)
{
	char *path = expand(c->argv[0]), *val;
	const char *stage;
	int r, e;

	if (!path)
		return -1;
	val = join(c, 1, c->nval);
	if (!val) {
		free(path);
		return -1;
	}
	r = write_file(path, val, &stage);
	e = errno;
	out("# write-any %s '%s': %s", path, esc(val), r ? errno_name(e) : "ok");
	free(path);
	free(val);
	return 0;
}

static int do_write(const struct cmd *c, bool want_fail)
{
	char *path = expand(c->argv[0]), *val;
	int want = want_fail ? errno_parse(c->argv[1]) : 0;
	const char *stage;
	int ret = 0, r, e;

	if (!path)
		return -1;
	val = join(c, want_fail ? 2 : 1, c->nval);
	if (!val) {
		free(path);
		return -1;
	}
	r = write_file(path, val, &stage);
	e = errno;
	if (!want_fail && r)
		ret = failf("write %s '%s': %s: %s", path, esc(val), stage,
			    errstr(e));
	else if (want_fail && !r)
		ret = failf("write %s '%s' succeeded, expected %s", path,
			    esc(val), c->argv[1]);
	else if (want_fail && want > 0 && e != want)
		ret = failf("write %s '%s': %s: got %s, expected %s", path,
			    esc(val), stage, errno_name(e), errno_name(want));
	free(path);
	free(val);
	return ret;
}

/* Two files hold the same text (e.g. a driver's record and the ledger) */
static int do_expect_same(const struct cmd *c)
{
	char *a_path = expand(c->argv[0]), *b_path = expand(c->argv[1]);
	long deadline = now_ms() + c->timeout_ms;
	int ret = 0;

	if (!a_path || !b_path) {
		free(a_path);
		free(b_path);
		return -1;
	}
	for (;;) {
		char *a = read_file(a_path, MAX_READ);
		int ea = errno;
		char *b = read_file(b_path, MAX_READ);
		int eb = errno;
		bool ok = a && b && !strcmp(a, b);

		if (!ok && now_ms() >= deadline) {
			if (!a || !b)
				ret = failf("expect-same %s: %s", !a ? a_path : b_path,
					    errstr(!a ? ea : eb));
			else
				ret = failf("expect-same: %s has '%s', %s has '%s' after %ld ms",
					    a_path, esc(a), b_path, esc(b),
					    c->timeout_ms);
		}
		free(a);
		free(b);
		if (ok || ret)
			break;
		usleep(20000);
	}
	free(a_path);
	free(b_path);
	return ret;
}

static int do_expect(const struct cmd *c, bool contains)
{
	char *path = expand(c->argv[0]), *want;
	long deadline = now_ms() + c->timeout_ms;
	int ret = 0;

	if (!path)
		return -1;
	want = join(c, 1, c->nval);
	if (!want) {
		free(path);
		return -1;
	}
	for (;;) {
		char *buf = read_file(path, MAX_READ);
		int e = errno;
		bool ok = false;

		if (buf)
			ok = contains ? !!strstr(buf, want) : !strcmp(trim(buf), want);
		if (ok) {
			free(buf);
			break;
		}
		if (now_ms() >= deadline) {
			if (!buf)
				ret = failf("%s %s '%s': %s after %ld ms",
					    c->def->name, path, esc(want),
					    errstr(e), c->timeout_ms);
			else
				ret = failf("%s %s: want %s'%s', got '%s' after %ld ms",
					    c->def->name, path,
					    contains ? "text containing " : "",
					    esc(want), esc(contains ? buf : trim(buf)),
					    c->timeout_ms);
			free(buf);
			break;
		}
		free(buf);
		sleep_ms(POLL_MS);
	}
	free(path);
	free(want);
	return ret;
}

static int do_expect_absent(const struct cmd *c)
{
	char *path = expand(c->argv[0]);
	struct stat st;
	int ret = 0;

	if (!path)
		return -1;
	if (!lstat(path, &st))
		ret = failf("expect-absent %s: it exists", path);
	else if (errno != ENOENT && errno != ENOTDIR)
		ret = failf("expect-absent %s: %s", path, errstr(errno));
	free(path);
	return ret;
}

/*
 * show PATH: copy a file into the log, for transcripts (make demo).  The
 * file must be readable; what it says is the business of expect.
 */
static int do_show(const struct cmd *c)
{
	char *path = expand(c->argv[0]);
	char *buf, *line, *save = NULL;

	if (!path)
		return -1;
	buf = read_file(path, 1 << 16);
	if (!buf) {
		int ret = failf("show %s: %s", path, errno_name(errno));

		free(path);
		return ret;
	}
	out("# %s:", path);
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		out("#   %s", line);
	free(buf);
	free(path);
	return 0;
}

/* remoteproc devices can appear asynchronously: poll for the default time */
static int do_rproc(const struct cmd *c)
{
	char *name = expand(c->argv[1]);
	long deadline = now_ms() + DEFAULT_TIMEOUT_MS;
	int ret = 0;

	if (!name)
		return -1;
	for (;;) {
		DIR *d = opendir(RPROC_CLASS);
		char *found = NULL, *seen = xstrdup("");
		int matches = 0;
		struct dirent *de;

		while (d && (de = readdir(d))) {
			char *p, *v, *t;

			if (de->d_name[0] == '.')
				continue;
			p = xasprintf(RPROC_CLASS "/%s/name", de->d_name);
			v = read_file(p, MAX_READ);
			free(p);
			if (!v)
				continue;
			t = xasprintf("%s%s%s=%s", seen, *seen ? ", " : "",
				      de->d_name, trim(v));
			free(seen);
			seen = t;
			if (!strcmp(trim(v), name)) {
				matches++;
				free(found);
				found = xasprintf(RPROC_CLASS "/%s", de->d_name);
			}
			free(v);
		}
		if (d)
			closedir(d);
		if (matches > 1) {
			ret = failf("rproc %s %s: %d remoteprocs have that name (%s)",
				    c->argv[0], name, matches, seen);
		} else if (matches == 1) {
			set_var(c->argv[0], found);
		} else if (now_ms() < deadline) {
			free(found);
			free(seen);
			sleep_ms(POLL_MS);
			continue;
		} else {
			ret = failf("rproc %s %s: no remoteproc named '%s' after %d ms (have: %s)",
				    c->argv[0], name, name, DEFAULT_TIMEOUT_MS,
				    *seen ? seen : "none");
		}
		free(found);
		free(seen);
		break;
	}
	free(name);
	return ret;
}

static int do_kmsg_mark(void)
{
	kmsg_close(&mark);
	if (kmsg_open(&mark, true))
		return failf("kmsg-mark: open /dev/kmsg: %s", errstr(errno));
	return 0;
}

static int do_kmsg_expect(const struct cmd *c)
{
	char *text = join(c, 0, c->nval);
	long deadline = now_ms() + c->timeout_ms;
	bool found;
	int ret = 0;

	if (!text)
		return -1;
	if (mark.fd < 0) {
		free(text);
		return failf("kmsg-expect: /dev/kmsg is not open");
	}
	for (;;) {
		kmsg_drain(&mark);
		found = kmsg_find(&mark, text);
		if (found || now_ms() >= deadline)
			break;
		sleep_ms(POLL_MS);
	}
	if (!found)
		ret = failf("kmsg-expect '%s': no such kernel message within %ld ms of waiting",
			    esc(text), c->timeout_ms);
	free(text);
	return ret;
}

static int do_kmsg_absent(const struct cmd *c)
{
	char *text = join(c, 0, c->nval), *hit;
	int ret = 0;

	if (!text)
		return -1;
	if (mark.fd < 0) {
		free(text);
		return failf("kmsg-absent: /dev/kmsg is not open");
	}
	kmsg_drain(&mark);
	hit = kmsg_find(&mark, text);
	if (hit)
		ret = failf("kmsg-absent '%s': the kernel said: %.*s", esc(text),
			    (int)strcspn(hit, "\n"), hit);
	free(text);
	return ret;
}

/*
 * write-each DIR FILE VALUE...: write VALUE to DIR/ENTRY/FILE for every
 * entry of DIR (e.g. every slab cache's failslab flag); each write must
 * succeed and there must be at least one.
 */
static int do_write_each(const struct cmd *c)
{
	char *dir = expand(c->argv[0]), *file = expand(c->argv[1]), *val = NULL;
	struct dirent *de;
	const char *stage;
	int ret = 0, n = 0;
	DIR *d = NULL;

	if (!dir || !file) {
		ret = -1;
		goto out;
	}
	val = join(c, 2, c->nval);
	if (!val) {
		ret = -1;
		goto out;
	}
	d = opendir(dir);
	if (!d) {
		ret = failf("write-each %s: %s", dir, errstr(errno));
		goto out;
	}
	while ((de = readdir(d))) {
		char *path;

		if (de->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s/%s", dir, de->d_name, file);
		if (write_file(path, val, &stage))
			ret = failf("write-each: write %s '%s': %s: %s", path,
				    esc(val), stage, errstr(errno));
		free(path);
		if (ret)
			goto out;
		n++;
	}
	if (!n)
		ret = failf("write-each %s: no entries", dir);
	else
		out("# write-each %s/*/%s '%s': %d files", dir, file, esc(val), n);
out:
	if (d)
		closedir(d);
	free(dir);
	free(file);
	free(val);
	return ret;
}

/*
 * module-text START END MODULE KO: ${START} and ${END} := the bounds (hex)
 * of MODULE's core text as loaded, the executable sections of KO (its .ko
 * file, for their sizes) at the addresses /sys/module/MODULE/sections
 * gives them.  Init sections are freed once the module is live and are
 * left out.  This is the range the kernel's fault injection stack filter
 * takes (require-start/require-end): a call fails only when a frame of
 * its stack lies in it, so the module's callees count too.
 */
static int do_module_text(const struct cmd *c)
{
	char *mod = expand(c->argv[2]), *ko = expand(c->argv[3]);
	unsigned long lo = ~0UL, hi = 0;
	const struct elf64_shdr *sh;
	const struct elf64_hdr *eh;
	const char *names;
	char *img = NULL;
	size_t len = 0;
	int ret = 0, n = 0;

	if (!mod || !ko) {
		ret = -1;
		goto out;
	}
	img = read_file_len(ko, 64 << 20, &len);
	if (!img) {
		ret = failf("module-text: cannot read %s", ko);
		goto out;
	}
	eh = (const struct elf64_hdr *)img;
	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || !eh->e_shnum ||
	    eh->e_shentsize != sizeof(*sh) || eh->e_shstrndx >= eh->e_shnum ||
	    eh->e_shoff > len || (len - eh->e_shoff) / sizeof(*sh) < eh->e_shnum) {
		ret = failf("module-text: %s is not a 64-bit ELF module", ko);
		goto out;
	}
	sh = (const struct elf64_shdr *)(img + eh->e_shoff);
	if (sh[eh->e_shstrndx].sh_offset >= len) {
		ret = failf("module-text: %s: bad section names", ko);
		goto out;
	}
	names = img + sh[eh->e_shstrndx].sh_offset;
	for (int i = 0; i < eh->e_shnum; i++) {
		const struct elf64_shdr *s = &sh[i];
		unsigned long addr;
		char *path, *v, *end;
		const char *name;

		if ((s->sh_flags & (SHF_ALLOC | SHF_EXECINSTR)) !=
		    (SHF_ALLOC | SHF_EXECINSTR) || !s->sh_size)
			continue;
		if (s->sh_name >= len - sh[eh->e_shstrndx].sh_offset) {
			ret = failf("module-text: %s: bad section name", ko);
			goto out;
		}
		name = names + s->sh_name;
		if (!strncmp(name, ".init", 5))
			continue;
		path = xasprintf("/sys/module/%s/sections/%s", mod, name);
		v = read_file(path, 64);
		addr = v ? strtoul(v, &end, 16) : 0;
		if (!v || !addr || (*end && *end != '\n')) {
			ret = failf("module-text: %s: %s", path,
				    v ? "not an address (kptr_restrict?)" : errstr(errno));
			free(path);
			free(v);
			goto out;
		}
		free(path);
		free(v);
		if (addr < lo)
			lo = addr;
		if (addr + s->sh_size > hi)
			hi = addr + s->sh_size;
		n++;
	}
	if (!n) {
		ret = failf("module-text: %s has no executable section", ko);
		goto out;
	}
	{
		char *a = xasprintf("0x%lx", lo), *b = xasprintf("0x%lx", hi);

		set_var(c->argv[0], a);
		set_var(c->argv[1], b);
		out("# module-text %s: %s-%s (%d sections)", mod, a, b, n);
		free(a);
		free(b);
	}
out:
	free(mod);
	free(ko);
	free(img);
	return ret;
}

/*
 * symbol-range START END SYMBOL: ${START} and ${END} := the bounds (hex)
 * of the kernel function SYMBOL, from /proc/kallsyms: its address and the
 * next higher one of any symbol (a stack filter's reject range).
 */
static int do_symbol_range(const struct cmd *c)
{
	char *sym = expand(c->argv[2]), *ks = NULL, *line, *save = NULL;
	unsigned long addr = 0, next = ~0UL;
	int found = 0, ret = 0;

	if (!sym)
		return -1;
	ks = read_file("/proc/kallsyms", 64 << 20);
	if (!ks) {
		ret = failf("symbol-range: /proc/kallsyms: %s", errstr(errno));
		goto out;
	}
	for (line = strtok_r(ks, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char type, name[256];
		unsigned long a;

		if (sscanf(line, "%lx %c %255s", &a, &type, name) != 3)
			continue;
		if (!strcmp(name, sym) && strchr("tT", type)) {
			found++;
			addr = a;
		}
	}
	if (found != 1 || !addr) {
		ret = failf("symbol-range %s: %s", sym,
			    found > 1 ? "more than one text symbol of that name" :
			    found ? "address hidden (kptr_restrict?)" :
			    "no such text symbol");
		goto out;
	}
	/* the list was cut into lines above: read it again for the next one */
	free(ks);
	ks = read_file("/proc/kallsyms", 64 << 20);
	if (!ks) {
		ret = failf("symbol-range: /proc/kallsyms: %s", errstr(errno));
		goto out;
	}
	for (line = strtok_r(ks, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		unsigned long a = strtoul(line, NULL, 16);

		if (a > addr && a < next)
			next = a;
	}
	if (next == ~0UL) {
		ret = failf("symbol-range %s: no symbol after it", sym);
		goto out;
	}
	{
		char *a = xasprintf("0x%lx", addr), *b = xasprintf("0x%lx", next);

		set_var(c->argv[0], a);
		set_var(c->argv[1], b);
		out("# symbol-range %s: %s-%s", sym, a, b);
		free(a);
		free(b);
	}
out:
	free(sym);
	free(ks);
	return ret;
}

/* Background blocks running in the current test */
#define MAX_BG	16
static struct {
	const char *name;
	pid_t pid;
} bgs[MAX_BG];
static int nbg;

static int run_cmd(const struct cmd *c);

/* In the child of a bg block: run its commands, exit 0 or 1 */
static void __noreturn bg_child(int first, int end, const char *name)
{
	for (int i = first; i < end; i++) {
		free(why);
		why = NULL;
		if (run_cmd(&cmds[i])) {
			out("# bg %s: %s: %s", name, cmds[i].where,
			    why ? why : "failed");
			_exit(1);
		}
	}
	_exit(0);
}

/* Start cmds[idx] (a bg) in a child; returns the index of its end-bg */
static int start_bg(int idx)
{
	const struct cmd *c = &cmds[idx];
	pid_t pid;

	if (nbg >= MAX_BG) {
		failf("bg %s: more than %d running", c->argv[0], MAX_BG);
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		failf("bg %s: fork: %s", c->argv[0], errstr(errno));
		return -1;
	}
	if (!pid)
		bg_child(idx + 1, c->end, c->argv[0]);
	bgs[nbg].name = c->argv[0];
	bgs[nbg].pid = pid;
	nbg++;
	return c->end;
}

static void forget_bg(int k)
{
	bgs[k] = bgs[--nbg];
}

static int do_wait(const struct cmd *c)
{
	long deadline = now_ms() + c->timeout_ms;
	int status, k;
	pid_t r;

	for (k = 0; k < nbg; k++)
		if (!strcmp(bgs[k].name, c->argv[0]))
			break;
	if (k == nbg)
		return failf("wait %s: it is not running", c->argv[0]);
	for (;;) {
		r = waitpid(bgs[k].pid, &status, WNOHANG);
		if (r == bgs[k].pid || (r < 0 && errno != EINTR))
			break;
		if (now_ms() >= deadline) {
			kill(bgs[k].pid, SIGKILL);
			waitpid(bgs[k].pid, &status, 0);
			forget_bg(k);
			return failf("wait %s: still running after %ld ms (killed)",
				     c->argv[0], c->timeout_ms);
		}
		sleep_ms(20);
	}
	forget_bg(k);
	if (r < 0)
		return failf("wait %s: %s", c->argv[0], errstr(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return failf("wait %s: the block failed (its diagnostic is above)",
			     c->argv[0]);
	return 0;
}

/* A test that failed before its waits: its children must not run on */
static void reap_bgs(void)
{
	while (nbg) {
		out("# bg %s: not waited for (the test failed first); killed",
		    bgs[0].name);
		kill(bgs[0].pid, SIGKILL);
		waitpid(bgs[0].pid, NULL, 0);
		forget_bg(0);
	}
}

static int run_cmd(const struct cmd *c)
{
	switch (c->def->op) {
	case OP_INSMOD:		return do_insmod(c);
	case OP_RMMOD:		return do_rmmod(c, false);
	case OP_RMMOD_FAIL:	return do_rmmod(c, true);
	case OP_WRITE_ANY:	return do_write_any(c);
	case OP_WRITE:		return do_write(c, false);
	case OP_WRITE_FAIL:	return do_write(c, true);
	case OP_EXPECT:		return do_expect(c, false);
	case OP_EXPECT_CONTAINS: return do_expect(c, true);
	case OP_EXPECT_SAME:	return do_expect_same(c);
	case OP_EXPECT_ABSENT:	return do_expect_absent(c);
	case OP_RPROC:		return do_rproc(c);
	case OP_KMSG_MARK:	return do_kmsg_mark();
	case OP_KMSG_EXPECT:	return do_kmsg_expect(c);
	case OP_KMSG_ABSENT:	return do_kmsg_absent(c);
	case OP_SLEEP:
		sleep_ms(atol(c->argv[0]));
		return 0;
	case OP_SHOW:		return do_show(c);
	case OP_WAIT:		return do_wait(c);
	case OP_SET:		return do_set(c);
	case OP_COPY:		return do_copy(c);
	case OP_RM:		return do_rm(c);
	case OP_WRITE_EACH:	return do_write_each(c);
	case OP_MODULE_TEXT:	return do_module_text(c);
	case OP_SYMBOL_RANGE:	return do_symbol_range(c);
	case OP_SWEEP:		/* run by the main loop */
	case OP_SWEEP_ABSORBED:
	case OP_END_SWEEP:
	case OP_BG:		/* started by the main loop */
	case OP_END_BG:
	case OP_TEST:
		break;
	}
	return 0;
}

/*
 * sweep VAR MIN PATH VALUE... BODY [sweep-absorbed ABSORBED] end-sweep:
 * fail each fault injection point of one write in turn, through the
 * calling task's /proc/thread-self/fail-nth (lib/fault-inject.c: with N
 * there, the Nth call of this task that passes a fault_attr's stack
 * filter fails, whatever the attr's probability).  For N = 1, 2, ...: set
 * N, write VALUE to PATH, read fail-nth back.  Still non-zero: the write
 * made fewer than N calls and none failed, so it must have succeeded and
 * the sweep is complete.  Zero: call N failed; the write must have failed
 * (with any error), and BODY checks what it left behind with ${VAR} = N.
 * A write that succeeded although call N failed fails the sweep, unless
 * the block has a sweep-absorbed part: then that part runs instead (the
 * kernel's own allocators retry some failures, e.g. a high-order slab
 * page with a smaller order) and should undo the write.  Afterwards ${VAR}
 * is the number of failure points, which must be at least MIN.
 */
#define FAIL_NTH	"/proc/thread-self/fail-nth"
#define MAX_SWEEP	100000

static int run_block(int from, int to, const char *what)
{
	for (int i = from; i < to; i++) {
		free(why);
		why = NULL;
		if (run_cmd(&cmds[i])) {
			char *w = why;

			why = NULL;
			failf("%s: %s: %s", what, cmds[i].where, w ? w : "failed");
			free(w);
			return -1;
		}
	}
	return 0;
}

static int run_sweep(const struct cmd *c, int idx)
{
	int body_end = c->absorbed >= 0 ? c->absorbed : c->end;
	int min = atoi(c->argv[1]), nth = -1, ret = 0, n, failed = 0, absorbed = 0;
	char *path = expand(c->argv[2]), *val = NULL, *buf = NULL, *what;
	char num[24];
	size_t len;

	if (!path)
		return -1;
	val = join(c, 3, c->nval);
	if (!val) {
		ret = -1;
		goto out;
	}
	buf = xasprintf("%s\n", val);
	len = strlen(buf);
	nth = open(FAIL_NTH, O_RDWR | O_CLOEXEC);
	if (nth < 0) {
		ret = failf("sweep: %s: %s (CONFIG_FAULT_INJECTION?)", FAIL_NTH,
			    errstr(errno));
		goto out;
	}
	for (n = 1; ; n++) {
		ssize_t w, r;
		int fd, e, left;

		if (n > MAX_SWEEP) {
			ret = failf("sweep %s: still failing after %d points", path,
				    MAX_SWEEP);
			goto out;
		}
		/* opened first: only the write itself runs with fail-nth set */
		fd = open(path, O_WRONLY | O_CLOEXEC);
		if (fd < 0) {
			ret = failf("sweep %s (point %d): open: %s", path, n,
				    errstr(errno));
			goto out;
		}
		snprintf(num, sizeof(num), "%d", n);
		if (pwrite(nth, num, strlen(num), 0) != (ssize_t)strlen(num)) {
			ret = failf("sweep: write %s: %s", FAIL_NTH, errstr(errno));
			close(fd);
			goto out;
		}
		w = write(fd, buf, len);
		e = errno;
		r = pread(nth, num, sizeof(num) - 1, 0);
		if (r > 0)
			num[r] = 0;
		left = r > 0 ? atoi(num) : -1;
		/* off before anything else runs, even if the read failed */
		if (pwrite(nth, "0", 1, 0) != 1 || left < 0) {
			ret = failf("sweep: %s: %s", FAIL_NTH, errstr(errno));
			close(fd);
			goto out;
		}
		if (close(fd) && w == (ssize_t)len) {
			w = -1;
			e = errno;
		}
		if (left) {
			/* fewer than n calls: nothing was injected */
			if (w != (ssize_t)len) {
				ret = failf("sweep %s '%s': %s with no fault injected (%d points)",
					    path, esc(val),
					    w < 0 ? errstr(e) : "short write", n - 1);
				goto out;
			}
			break;
		}
		snprintf(num, sizeof(num), "%d", n);
		set_var(c->argv[0], num);
		if (w == (ssize_t)len) {
			if (c->absorbed < 0) {
				ret = failf("sweep %s '%s': call %d failed but the write succeeded",
					    path, esc(val), n);
				goto out;
			}
			out("# sweep %s: point %d absorbed (the write succeeded)",
			    path, n);
			absorbed++;
			what = xasprintf("sweep point %d (absorbed)", n);
			ret = run_block(c->absorbed + 1, c->end, what);
		} else {
			failed++;
			what = xasprintf("sweep point %d (%s)", n,
					 w < 0 ? errno_name(e) : "short write");
			ret = run_block(idx + 1, body_end, what);
		}
		free(what);
		if (ret)
			goto out;
	}
	snprintf(num, sizeof(num), "%d", n - 1);
	set_var(c->argv[0], num);
	out("# sweep %s '%s': %d failure points, %d failed the write, %d absorbed",
	    path, esc(val), n - 1, failed, absorbed);
	if (n - 1 < min)
		ret = failf("sweep %s '%s': %d failure points, expected at least %d",
			    path, esc(val), n - 1, min);
out:
	if (nth >= 0)
		close(nth);
	free(path);
	free(val);
	free(buf);
	return ret;
}

/* Kernel messages logged while a failed command ran, as diagnostics */
static void show_kernel_context(struct kmsg_reader *r)
{
	char *p, *nl;
	int n = 0, total = 0;

	kmsg_drain(r);
	if (!r->seen)
		return;
	for (p = r->seen; *p; p = nl + 1, total++) {
		nl = strchr(p, '\n');
		if (!nl)
			break;
	}
	for (p = r->seen; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			break;
		/* the last 12 are the most telling */
		if (n++ >= total - 12)
			out("#   kernel: %.*s", (int)(nl - p), p);
	}
}

/* ------------------------------------------------------------------ */
/* kmemleak */

static bool kmemleak_ok = true;
static char *kmemleak_why;
/*
 * mss.noleakscan: the host booted a kernel built without kmemleak (make
 * bench-realfw-nodebug); the result is a skip.  Without it, a missing
 * kmemleak fails the boot.
 */
static bool kmemleak_absent;

static void kmemleak_start(void)
{
	const char *stage;

	if (kmemleak_absent)
		return;
	if (access(KMEMLEAK, F_OK)) {
		kmemleak_ok = false;
		kmemleak_why = xasprintf("%s: %s", KMEMLEAK, errstr(errno));
		return;
	}
	/*
	 * Scans happen when we ask, never from the background thread in the
	 * middle of a test, and objects already reported are forgotten.
	 * Note that clear only forgets objects a scan has reported; boot
	 * objects younger than 5 s at this point would still count.
	 */
	if (write_file(KMEMLEAK, "scan=off", &stage) ||
	    write_file(KMEMLEAK, "clear", &stage)) {
		kmemleak_ok = false;
		kmemleak_why = xasprintf("%s: %s: %s", KMEMLEAK, stage,
					 errstr(errno));
	}
}

/* Wait out the rest of kmemleak's minimum object age, counted from t0 */
static void kmemleak_wait_age(long t0)
{
	long left = KMEMLEAK_AGE_MS - (now_ms() - t0);

	out("# kmemleak: first scan took %ld ms; waiting %ld ms more for the minimum object age",
	    now_ms() - t0, left > 0 ? left : 0);
	if (left > 0)
		sleep_ms(left);
}

static void kmemleak_result(int num)
{
	const char *stage;
	char *report, *p, *nl;
	int objects = 0, lines = 0;
	long t0;

	if (kmemleak_absent) {
		out("ok %d kmemleak # SKIP mss.noleakscan: the kernel has no kmemleak",
		    num);
		return;
	}
	if (!kmemleak_ok) {
		out("# kmemleak: unusable: %s", kmemleak_why);
		out("not ok %d kmemleak", num);
		return;
	}
	/*
	 * A scan reports an object only if it is at least 5 s old and the
	 * previous scan saw its checksum unchanged; a first scan records
	 * checksums whatever the age.  So: scan now, wait out the rest of the
	 * minimum age, scan again.  (Measured: a single scan after the wait
	 * misses a kmalloc() lost in module init; scan + wait + scan finds it.)
	 */
	t0 = now_ms();
	for (int i = 0; i < 2; i++) {
		if (i)
			kmemleak_wait_age(t0);
		if (write_file(KMEMLEAK, "scan", &stage)) {
			out("# kmemleak: scan: %s: %s", stage, errstr(errno));
			out("not ok %d kmemleak", num);
			return;
		}
	}
	report = read_file(KMEMLEAK, 4 << 20);
	if (!report) {
		out("# kmemleak: read %s: %s", KMEMLEAK, errstr(errno));
		out("not ok %d kmemleak", num);
		return;
	}
	if (!*trim(report)) {
		free(report);
		out("ok %d kmemleak", num);
		return;
	}
	for (p = report; (p = strstr(p, "unreferenced object")); p++)
		objects++;
	out("# kmemleak: %d unreferenced object(s):", objects);
	for (p = report; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (lines++ < 80)
			out("#   %.*s", (int)(nl ? nl - p : (long)strlen(p)), p);
		if (!nl)
			break;
	}
	if (lines > 80)
		out("#   ... %d more lines in %s", lines - 80, KMEMLEAK);
	free(report);
	out("not ok %d kmemleak", num);
}

/* ------------------------------------------------------------------ */
/* gcov: the driver's coverage counters, for the host (coverage stage) */

#define GCOV_DIR		"/sys/kernel/debug/gcov"
#define GCOV_MAX		(8 << 20)
/* 540 bytes make 720 base64 characters: one line well inside out()'s */
#define GCOV_CHUNK		540

/* CRC-32 (IEEE 802.3, as zlib's crc32()), so the host sees a torn dump */
static u32 crc32_ieee(const u8 *p, size_t n)
{
	u32 crc = 0xffffffff;

	while (n--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
	}
	return ~crc;
}

static void base64(const u8 *p, size_t n, char *dst)
{
	static const char tab[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

	for (size_t i = 0; i < n; i += 3) {
		u32 v = p[i] << 16;

		if (i + 1 < n)
			v |= p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		*dst++ = tab[v >> 18 & 63];
		*dst++ = tab[v >> 12 & 63];
		*dst++ = i + 1 < n ? tab[v >> 6 & 63] : '=';
		*dst++ = i + 2 < n ? tab[v & 63] : '=';
	}
	*dst = 0;
}

/* One file: its name (relative to top), size and CRC, then its data */
static int gcov_dump_file(const char *top, const char *path)
{
	char line[GCOV_CHUNK / 3 * 4 + 1];
	size_t len;
	char *data = read_file_len(path, GCOV_MAX, &len);

	if (!data) {
		out("mss-init: gcov-error %s: %s", path, errstr(errno));
		return -1;
	}
	if (len >= GCOV_MAX - 1) {
		out("mss-init: gcov-error %s: larger than %d bytes", path,
		    GCOV_MAX);
		free(data);
		return -1;
	}
	out("mss-init: gcov-file %s %zu %08x", path + strlen(top) + 1, len,
	    crc32_ieee((u8 *)data, len));
	for (size_t off = 0; off < len; off += GCOV_CHUNK) {
		size_t n = len - off < GCOV_CHUNK ? len - off : GCOV_CHUNK;

		base64((u8 *)data + off, n, line);
		out("mss-init: gcov-data %s", line);
	}
	free(data);
	return 0;
}

/* Every .gcda below dir (the .gcno entries are symlinks to the build) */
static int gcov_dump_dir(const char *top, const char *dir, int *files)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int ret = 0;

	if (!d) {
		out("mss-init: gcov-error %s: %s", dir, errstr(errno));
		return -1;
	}
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		struct stat st;
		char *p;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		p = xasprintf("%s/%s", dir, e->d_name);
		if (lstat(p, &st)) {
			out("mss-init: gcov-error %s: %s", p, errstr(errno));
			ret = -1;
		} else if (S_ISDIR(st.st_mode)) {
			ret |= gcov_dump_dir(top, p, files);
		} else if (S_ISREG(st.st_mode) && n > 5 &&
			   !strcmp(e->d_name + n - 5, ".gcda")) {
			ret |= gcov_dump_file(top, p);
			++*files;
		}
		free(p);
	}
	closedir(d);
	return ret;
}

/*
 * The counters of every profiled object, also of modules unloaded by now
 * (gcov_persist), base64 between markers on the console: the guest has
 * no other channel to the host.  The host decodes and merges them.
 */
static int gcov_dump(const char *top)
{
	struct stat st;
	int files = 0;

	if (stat(top, &st)) {
		out("mss-init: gcov-none %s: %s", top, errstr(errno));
		return 1;
	}
	out("mss-init: gcov-begin");
	if (gcov_dump_dir(top, top, &files)) {
		out("mss-init: gcov-end error");
		return 1;
	}
	out("mss-init: gcov-end %d", files);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Setup and the main flow */

static void power_off(void)
{
	sync();
	/*
	 * The console may still be printing our last records on the other
	 * CPU; give it a moment before PSCI switches the machine off.
	 */
	sleep_ms(200);
	reboot(RB_POWER_OFF);
	/* not reached; PID 1 must never exit */
	for (;;)
		pause();
}

static void die_quietly(void)
{
	out("# mss-init: out of memory");
	power_off();
}

static void mount_one(const char *src, const char *dir, const char *type)
{
	mkdir(dir, 0755);
	if (mount(src, dir, type, 0, NULL) && errno != EBUSY)
		out("# mss-init: mount %s on %s: %s", type, dir, errstr(errno));
}

/*
 * Our lines must reach the console whole and in order with the kernel's,
 * which /dev/kmsg gives, but only unthrottled: by default each opener may
 * write 10 lines per 5 s and the rest are dropped silently.
 */
static void setup_output(void)
{
	int fd = open("/dev/console", O_RDWR | O_NOCTTY);
	char *v;

	if (fd >= 0) {
		/* the initramfs /dev/console got us fds 0-2; keep them valid */
		if (fcntl(1, F_GETFD) < 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
		if (fd > 2)
			close(fd);
	}
	v = read_file("/proc/sys/kernel/printk_devkmsg", 64);
	if (!v || strcmp(trim(v), "on")) {
		const char *stage;

		write_file("/proc/sys/kernel/printk_devkmsg", "on", &stage);
		free(v);
		v = read_file("/proc/sys/kernel/printk_devkmsg", 64);
	}
	if (v && !strcmp(trim(v), "on"))
		kmsg_out_fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	if (kmsg_out_fd < 0)
		out("# mss-init: /dev/kmsg unusable or rate limited (%s); writing to the console",
		    v ? trim(v) : "no printk_devkmsg");
	free(v);
}

/* For the host's timing report: how long the kernel took to get here */
static void log_uptime(void)
{
	char *u = read_file("/proc/uptime", 256);

	if (u) {
		u[strcspn(u, " ")] = 0;
		out("# mss-init: uptime %s s", u);
		free(u);
	}
}

/*
 * The value of KEY=VALUE on the kernel command line ("" for a bare KEY),
 * or NULL when KEY is not there.
 */
static char *cmdline_param(const char *key)
{
	char *cmdline = read_file("/proc/cmdline", 8192), *p, *val = NULL;
	size_t k = strlen(key);

	if (!cmdline)
		return NULL;
	for (p = cmdline; (p = strstr(p, key)); p++) {
		if (p != cmdline && !isspace((unsigned char)p[-1]))
			continue;
		if (p[k] == '=') {
			val = xasprintf("%.*s", (int)strcspn(p + k + 1, " \t\n"),
					p + k + 1);
			break;
		}
		if (!p[k] || isspace((unsigned char)p[k])) {
			val = xasprintf("%s", "");
			break;
		}
	}
	free(cmdline);
	return val;
}

/* mss.scenario=NAME from the command line, or NULL */
static char *scenario_name(void)
{
	return cmdline_param("mss.scenario");
}

/* A scenario that cannot run still yields one KTAP result the host sees */
static void fail_whole(const char *test, const char *where, const char *msg)
{
	out("KTAP version 1");
	out("1..1");
	if (where)
		out("# %s: %s", where, msg);
	else
		out("# %s", msg);
	out("not ok 1 %s", test);
	out("mss-init: done");
	power_off();
}

/*
 * Background blocks: "bg NAME" ... "end-bg" runs in a child process while
 * the commands after it go on; "wait NAME [TIMEOUT_MS]" later in the same
 * test collects it.  Blocks do not nest, stay inside one test, and each is
 * waited for exactly once before the next block of that name starts, so
 * no child outlives its test.
 */
static int check_bg(void)
{
	int open_bg = -1, open_sweep = -1;

	for (int i = 0; i < ncmds; i++) {
		struct cmd *c = &cmds[i];

		switch (c->def->op) {
		case OP_SWEEP:
			if (open_sweep >= 0)
				return perr(c->where, "sweep inside sweep");
			if (open_bg >= 0)
				return perr(c->where, "sweep inside bg %s",
					    cmds[open_bg].argv[0]);
			open_sweep = i;
			c->absorbed = -1;
			break;
		case OP_SWEEP_ABSORBED:
			if (open_sweep < 0)
				return perr(c->where, "sweep-absorbed without sweep");
			if (cmds[open_sweep].absorbed >= 0)
				return perr(c->where, "sweep-absorbed twice");
			cmds[open_sweep].absorbed = i;
			break;
		case OP_END_SWEEP:
			if (open_sweep < 0)
				return perr(c->where, "end-sweep without sweep");
			cmds[open_sweep].end = i;
			open_sweep = -1;
			break;
		case OP_BG:
			if (open_sweep >= 0)
				return perr(c->where, "bg inside sweep");
			if (open_bg >= 0)
				return perr(c->where, "bg inside bg %s", cmds[open_bg].argv[0]);
			open_bg = i;
			break;
		case OP_END_BG:
			if (open_bg < 0)
				return perr(c->where, "end-bg without bg");
			cmds[open_bg].end = i;
			open_bg = -1;
			break;
		case OP_TEST:
			if (open_bg >= 0)
				return perr(cmds[open_bg].where, "bg without end-bg");
			if (open_sweep >= 0)
				return perr(cmds[open_sweep].where, "sweep without end-sweep");
			break;
		case OP_WAIT:
			if (open_sweep >= 0)
				return perr(c->where, "wait inside sweep");
			if (open_bg >= 0)
				return perr(c->where, "wait inside bg %s", cmds[open_bg].argv[0]);
			break;
		default:
			break;
		}
	}
	if (open_bg >= 0)
		return perr(cmds[open_bg].where, "bg without end-bg");
	if (open_sweep >= 0)
		return perr(cmds[open_sweep].where, "sweep without end-sweep");

	/* every bg is waited for once in its test, every wait has its bg */
	for (int i = 0; i < ncmds; i++) {
		int waits = 0, k;

		if (cmds[i].def->op == OP_WAIT) {
			for (k = i - 1; k >= 0 && cmds[k].def->op != OP_TEST; k--)
				if (cmds[k].def->op == OP_BG &&
				    !strcmp(cmds[k].argv[0], cmds[i].argv[0]))
					break;
			if (k < 0 || cmds[k].def->op != OP_BG)
				return perr(cmds[i].where,
					    "wait %s: no such bg before it in this test",
					    cmds[i].argv[0]);
		}
		if (cmds[i].def->op != OP_BG)
			continue;
		/* up to the next bg of that name (repeat blocks reuse names) */
		for (k = cmds[i].end + 1; k < ncmds && cmds[k].def->op != OP_TEST; k++) {
			if (cmds[k].def->op == OP_BG &&
			    !strcmp(cmds[k].argv[0], cmds[i].argv[0]))
				break;
			waits += cmds[k].def->op == OP_WAIT &&
				 !strcmp(cmds[k].argv[0], cmds[i].argv[0]);
		}
		if (waits != 1)
			return perr(cmds[i].where,
				    "bg %s must be waited for once in its test (%d waits)",
				    cmds[i].argv[0], waits);
	}

	return 0;
}

/*
 * Parse NAME.scn with its includes and repeats expanded into cmds[] and
 * tests[]; on failure parse_where/parse_err say why.
 */
static int parse_scenario(const char *name)
{
	struct iters it = { 0 };
	char *file = xasprintf("%s.scn", name);
	struct scnfile *f = load_scn(file, "mss.scenario");

	free(file);
	if (!f || parse_range(f, true, 0, f->nlines, &it, 0) || check_bg())
		return -1;
	/*
	 * A scenario of setup commands only still needs a result that can
	 * fail: they become one test named "setup".
	 */
	if (!ntests && ncmds) {
		char **argv = xmalloc(2 * sizeof(*argv));
		struct cmd t;

		argv[0] = xstrdup("setup");
		argv[1] = NULL;
		add_cmd(&opdefs[0], 1, argv, xstrdup(cmds[0].where), &it, true);
		t = cmds[ncmds - 1];
		memmove(cmds + 1, cmds, sizeof(*cmds) * (ncmds - 1));
		cmds[0] = t;
	}

	return 0;
}

/*
 * Host-side lint: "init --parse DIR NAME" parses DIR/NAME.scn exactly as
 * the guest would and lists the expanded commands, so scenario mistakes
 * show up before a boot.  Built for the host, this never mounts or powers
 * anything off.
 */
static int parse_only(const char *dir, const char *name)
{
	scn_dir = dir;
	if (parse_scenario(name)) {
		fprintf(stderr, "%s/%s.scn: %s: %s\n", dir, name,
			parse_where ? parse_where : "?",
			parse_err ? parse_err : "parse error");
		return 1;
	}
	printf("1..%d\n", ntests + 1);
	for (int i = 0; i < ncmds; i++) {
		const struct cmd *c = &cmds[i];

		if (c->def->op == OP_TEST) {
			printf("test %d %s\n", c->test + 1, tests[c->test]);
			continue;
		}
		printf("  %s", c->def->name);
		for (int k = 0; k < c->argc; k++)
			printf(" [%s]", c->argv[k]);
		if (c->nval)
			printf(" nval=%d", c->nval);
		if (c->timeout_ms != DEFAULT_TIMEOUT_MS)
			printf(" timeout=%ld", c->timeout_ms);
		printf("  # %s\n", c->where);
	}
	printf("test %d kmemleak\n", ntests + 1);
	return 0;
}

int main(int argc, char **argv)
{
	struct kmsg_reader ctx = { .fd = -1 };
	bool setup_failed = false, failed = false;
	char *setup_where = NULL;
	int cur = -1, nfailed = 0;
	bool failfast;
	char *name, *ff;

	if (argc == 4 && !strcmp(argv[1], "--parse"))
		return parse_only(argv[2], argv[3]);
	/* the dump's encoding, tested on the host (coverage stage) */
	if (argc == 3 && !strcmp(argv[1], "--gcov-dump"))
		return gcov_dump(argv[2]);
	if (getpid() != 1) {
		fprintf(stderr, "usage: %s --parse DIR NAME | --gcov-dump DIR (or run as PID 1)\n",
			argv[0]);
		return 2;
	}

	mount_one("proc", "/proc", "proc");
	mount_one("sysfs", "/sys", "sysfs");
	mount_one("devtmpfs", "/dev", "devtmpfs");
	mount_one("debugfs", "/sys/kernel/debug", "debugfs");
	setup_output();

	name = scenario_name();
	ff = cmdline_param("mss.failfast");
	failfast = ff;
	free(ff);
	ff = cmdline_param("mss.noleakscan");
	kmemleak_absent = ff;
	free(ff);
	out("mss-init: start %s%s", name ? name : "(none)",
	    failfast ? " (failfast)" : "");
	log_uptime();
	if (!name)
		fail_whole("scenario", NULL,
			   "no mss.scenario=NAME on the kernel command line");
	for (char *p = name; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("_-.", *p))
			fail_whole("scenario", NULL, "bad mss.scenario= name");

	/* Parse everything first: the plan must come before any result */
	if (parse_scenario(name))
		fail_whole("parse", parse_where,
			   parse_err ? parse_err : "parse error");

	/* Without a kmsg-mark, kmsg-expect looks from the start of the log */
	kmsg_open(&mark, false);
	kmemleak_start();

	out("KTAP version 1");
	out("1..%d", ntests + 1);

	for (int i = 0; i <= ncmds; i++) {
		const struct cmd *c = i < ncmds ? &cmds[i] : NULL;

		if (!c || c->def->op == OP_TEST) {
			reap_bgs();
			if (cur >= 0) {
				out("%s %d %s", failed ? "not ok" : "ok", cur + 1,
				    tests[cur]);
				nfailed += failed;
				/*
				 * mss.failfast (the mutants stage): one failure
				 * is the verdict; the rest, kmemleak and gcov
				 * would only cost time.  The missing results
				 * fail the boot on the host.
				 */
				if (failed && failfast) {
					out("# mss-init: mss.failfast: stopping after test %d",
					    cur + 1);
					power_off();
				}
			}
			if (!c)
				break;
			cur = c->test;
			failed = setup_failed;
			out("# test %d %s (%s)", cur + 1, tests[cur], c->where);
			if (setup_failed)
				out("# %s: not run: the setup failed", setup_where);
			continue;
		}
		if (failed)
			continue;	/* the rest of a failed test is skipped */
		free(why);
		why = NULL;
		kmsg_close(&ctx);
		kmsg_open(&ctx, true);
		if (c->def->op == OP_BG) {
			int end = start_bg(i);

			if (end >= 0) {
				i = end;
				continue;
			}
		}
		if (c->def->op == OP_SWEEP) {
			int r = run_sweep(c, i);

			/* the rest of the test after end-sweep, or skipped */
			i = c->end;
			if (!r)
				continue;
			if (!why)
				failf("sweep failed");
		}
		if ((c->def->op == OP_BG && why) || (c->def->op == OP_SWEEP && why) ||
		    run_cmd(c)) {
			out("# %s: %s", c->where, why ? why : "failed");
			show_kernel_context(&ctx);
			failed = true;
			if (cur < 0) {
				setup_failed = true;
				setup_where = c->where;
			}
		}
	}

	kmemleak_result(ntests + 1);
	out("# mss-init: %d of %d tests failed (kmemleak not counted)", nfailed,
	    ntests);
	gcov_dump(GCOV_DIR);
	out("mss-init: done");
	power_off();
	return 0;
}
