// SPDX-License-Identifier: GPL-2.0-only
/*
 * modload: PID 1 of the Debian-kernel boot check (check-boot.sh).
 *
 * Debian's own arm64 kernel boots with an initramfs holding this program,
 * /modules.list and the modules it names: the in-tree dependencies of
 * qcom_q6v5_mss from Debian's image package, in the order modprobe
 * resolved them, then our DKMS-built qcom_q6v5_mss.ko last.  It loads
 * each with finit_module(), records the kernel's taint, whether the
 * loaded qcom_q6v5_mss is ours (only ours has the legacy_mdata
 * parameter), unloads it, dumps the kernel log and powers off.  It
 * judges nothing: every fact goes to the console as one "modload: KEY
 * VALUE" line and check-boot.sh decides.
 *
 * The board has no MSS node, so nothing probes: this proves the module
 * links and loads against Debian's kernel ABI, not that a modem boots.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MODULE_NAME	"qcom_q6v5_mss"
#define SYSMOD		"/sys/module/" MODULE_NAME
#define LOG_BUF_SIZE	(1024 * 1024)
#define SYSLOG_READ_ALL	3

/* One line, one write(), so the kernel's console output cannot split it */
static void say(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	if (write(STDOUT_FILENO, line, n) < 0)
		return;
}

/* The first line of a small file, newline dropped; "-" if unreadable */
static void read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");

	snprintf(buf, len, "-");
	if (!f)
		return;
	if (fgets(buf, len, f))
		buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
}

static void load_all(const char *list)
{
	char path[4096];
	FILE *f = fopen(list, "r");

	if (!f) {
		say("modload: list-missing %s", strerror(errno));
		return;
	}
	while (fgets(path, sizeof(path), f)) {
		int fd, ret;

		path[strcspn(path, "\n")] = '\0';
		if (!path[0])
			continue;
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			say("modload: insmod %s open:%s", path, strerror(errno));
			continue;
		}
		ret = syscall(SYS_finit_module, fd, "", 0);
		say("modload: insmod %s %s", path, ret ? strerror(errno) : "ok");
		close(fd);
	}
	fclose(f);
}

/* The kernel log, one "modload: kmsg" line per record */
static void dump_kmsg(void)
{
	char *buf = malloc(LOG_BUF_SIZE);
	char *p, *nl;
	int n;

	if (!buf)
		return;
	n = klogctl(SYSLOG_READ_ALL, buf, LOG_BUF_SIZE - 1);
	if (n < 0) {
		say("modload: kmsg-error %s", strerror(errno));
		free(buf);
		return;
	}
	buf[n] = '\0';
	say("modload: kmsg-begin");
	for (p = buf; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		say("modload: kmsg %s", p);
		if (!nl)
			break;
	}
	say("modload: kmsg-end");
	free(buf);
}

int main(void)
{
	char buf[256];

	mkdir("/proc", 0755);
	mkdir("/sys", 0755);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);

	read_line("/proc/sys/kernel/osrelease", buf, sizeof(buf));
	say("modload: start %s", buf);
	read_line("/proc/sys/kernel/tainted", buf, sizeof(buf));
	say("modload: taint-before %s", buf);

	load_all("/modules.list");

	read_line("/proc/sys/kernel/tainted", buf, sizeof(buf));
	say("modload: taint-after %s", buf);
	say("modload: ours %s",
	    access(SYSMOD "/parameters/legacy_mdata", F_OK) ? "no" : "yes");
	read_line(SYSMOD "/taint", buf, sizeof(buf));
	say("modload: module-taint %s", buf);
	read_line(SYSMOD "/refcnt", buf, sizeof(buf));
	say("modload: refcnt %s", buf);

	if (syscall(SYS_delete_module, MODULE_NAME, O_NONBLOCK))
		say("modload: rmmod %s", strerror(errno));
	else
		say("modload: rmmod ok");
	say("modload: gone %s", access(SYSMOD, F_OK) ? "yes" : "no");

	dump_kmsg();
	say("modload: done");
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}
