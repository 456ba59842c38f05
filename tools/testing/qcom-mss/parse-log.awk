# SPDX-License-Identifier: GPL-2.0-only
#
# parse-log.awk: turn one guest console log into results for run-scenario.sh.
#
#   awk -v expect_file=FILE [-v kunit_file=FILE] [-v allow_file=FILE] \
#       -f parse-log.awk GUEST.log
#
# allow_file lists texts (@expect-complaint) whose lines are not
# complaints: the scenario provokes them on purpose.
#
# The log holds two KTAP producers: mss-init (one flat list after
# "mss-init: start", plan first) and KUnit (a top-level "KTAP version 1" /
# "1..N" header each time a test module loads, then N suites, each nested
# with "# Subtest:" and 4-space-indented case results, closed by a
# top-level "ok N suite").  mss-init writes through /dev/kmsg, so both are
# in one ordered stream and a top-level result belongs to KUnit exactly
# while a KUnit header still has suites outstanding.
#
# kunit_file, when given, lists the KUnit suites this boot must run, one
# "SUITE<TAB>CASES<TAB>RUNS" line each (CASES as declared in the source,
# RUNS the number of times the scenario loads the suite's module).  A suite
# fails as a whole when it reports no case, when its plan or its case
# results differ from CASES, when it is not in the list, or when it ran
# fewer than RUNS times.  Without kunit_file only the first rule applies.
#
# A result with a "# SKIP" directive is a skip, never a pass ("not ok ...
# # SKIP" stays a failure).
#
# Everything that is neither KTAP nor a diagnostic is kernel output and is
# checked for complaints.  Output, one record per line, fields split by
# TAB, details split by the ASCII unit separator:
#   R  ok|notok|skip  NAME  DETAILS   a result (NAME without the scenario);
#                                  a skip's first detail is its reason
#   B  REASON  DETAILS             a reason to fail the boot
#   E  ok|notok  N  TEXT           @expect-log number N
#   U  SECONDS                     uptime when mss-init started

function add(list, s) {
	if (length(list) > 6000)
		return list
	return list == "" ? s : list US s
}

# "ok 3 name # SKIP why" -> status in rstat, name in rname, directive in rdir
function split_result(l,    rest) {
	rstat = (l ~ /^not ok /) ? "notok" : "ok"
	rest = l
	sub(/^(not )?ok [0-9]+ */, "", rest)
	rdir = ""
	if (match(rest, / # /)) {
		rdir = substr(rest, RSTART + 3)
		rest = substr(rest, 1, RSTART - 1)
	}
	rname = rest
	rnum = l
	sub(/^(not )?ok /, "", rnum)
	sub(/ .*/, "", rnum)
	rnum += 0
}

function is_complaint(l) {
	if (l ~ /WARNING:|BUG:|Oops|Kernel panic|KASAN|UBSAN|unreferenced object/)
		return 1
	if (l ~ /possible circular locking|inconsistent lock state|possible recursive locking/)
		return 1
	if (l ~ /INFO: task|Call trace:|Unable to handle kernel|Internal error:|kernel BUG at/)
		return 1
	if (l ~ /soft lockup|hard LOCKUP|detected stall|DEBUG_LOCKS_WARN_ON/)
		return 1
	# what a fused device would not survive (simulated TrustZone, modem)
	if (l ~ /XPU violation:|TrustZone fault:|sequence error:/)
		return 1
	# KUnit compiled in but off: test modules load and run nothing
	if (l ~ /^kunit: disabled/)
		return 1
	# kmemleak announces itself at boot; anything else it says is a problem
	if (l ~ /kmemleak/ &&
	    l !~ /kmemleak: Kernel memory leak detector initialized/ &&
	    l !~ /kmemleak: Automatic memory scanning thread (started|ended)/)
		return 1
	return 0
}

function allowed(l,    i) {
	for (i = 1; i <= nallow; i++)
		if (index(l, allow_text[i]))
			return 1
	return 0
}

# "ok 3 name # SKIP why" with rstat ok: a skip, reason in rwhy
function is_skip() {
	if (rstat != "ok" || toupper(substr(rdir, 1, 4)) != "SKIP")
		return 0
	rwhy = substr(rdir, 5)
	sub(/^[ \t:]+/, "", rwhy)
	if (rwhy == "")
		rwhy = "no reason given"
	return 1
}

# print one R record for the current result line
function result(name, diag,    d) {
	if (is_skip()) {
		print "R\tskip\t" name "\t" add(rwhy, diag)
		return
	}
	d = diag
	if (rdir != "")
		d = add(d, rdir)
	print "R\t" rstat "\t" name "\t" d
}

# The suite's own result: one record when it failed as a whole, or when
# its cases do not match what its source declares
function close_suite(stat, name, dir,    d, bad) {
	if (suite != "" && suite_plan >= 0 && suite_count != suite_plan)
		print "B\tKUnit suite " suite ": plan 1.." suite_plan " but " \
			suite_count " case results"
	d = ""
	bad = 0
	if (stat == "notok" && suite_failed == 0) {
		# the suite failed as a whole (init/exit), not in one case
		d = add(d, "suite " name " failed" (dir != "" ? ": " dir : ""))
		bad = 1
	}
	if (suite_count == 0) {
		d = add(d, "suite " name " reported no case results" \
			(suite_plan >= 0 ? " (plan 1.." suite_plan ")" : "") \
			(dir != "" ? ": " dir : ""))
		bad = 1
	}
	if (name in kcases) {
		kseen[name]++
		if (suite_plan != kcases[name] || suite_count != kcases[name]) {
			d = add(d, "suite " name ": plan 1.." suite_plan ", " \
				suite_count " case results, but its source declares " \
				kcases[name] " cases")
			bad = 1
		}
	} else if (nkunit > 0 || kunit_file != "") {
		d = add(d, "suite " name " is not among the suites this " \
			"scenario's modules declare")
		bad = 1
	}
	# the reasons first, then what the suite printed
	if (kdiag != "")
		d = d == "" ? kdiag : d US kdiag
	if (bad)
		print "R\tnotok\t" name "\t" d
	suite = ""
	suite_plan = -1
	kdiag = ""
}

BEGIN {
	US = sprintf("%c", 31)
	init_started = 0; init_hdr = 0; init_plan = -1; init_count = 0
	kunit_hdr = 0; kunit_pending = 0
	suite = ""; suite_plan = -1; suite_count = 0; suite_failed = 0
	diag = ""; kdiag = ""; sentinel = 0; compl = ""
	nexp = 0
	if (expect_file != "")
		while ((getline line < expect_file) > 0)
			exp_text[++nexp] = line
	nkunit = 0
	if (kunit_file != "") {
		while ((r = (getline line < kunit_file)) > 0) {
			if (split(line, f, "\t") != 3 || f[2] !~ /^[0-9]+$/ ||
			    f[3] !~ /^[0-9]+$/) {
				print "B\tbad line in " kunit_file ": " line
				continue
			}
			kcases[f[1]] = f[2] + 0
			kruns[f[1]] = f[3] + 0
			korder[++nkunit] = f[1]
		}
		if (r < 0)
			print "B\tcannot read " kunit_file
	}
	nallow = 0
	if (allow_file != "")
		while ((getline line < allow_file) > 0)
			allow_text[++nallow] = line
}

{
	gsub(/\r/, "")
	# printk.time=1 in an @append would prefix every kernel line
	sub(/^\[ *[0-9]+\.[0-9]+\] /, "")
	l = $0
	# mss-init's lines and KTAP structure can quote anything (test
	# names, file content); only the rest is the kernel speaking.
	if (l !~ /^[ \t]*(#|ok [0-9]|not ok [0-9]|KTAP version|1\.\.[0-9])/ &&
	    l !~ /^mss-init:/) {
		if (is_complaint(l) && !allowed(l))
			compl = add(compl, NR ": " l)
		for (i = 1; i <= nexp; i++)
			if (!(i in exp_seen) && index(l, exp_text[i]))
				exp_seen[i] = 1
	}
}

l ~ /^mss-init: start/ { init_started = 1; next }
l ~ /^mss-init: done[ \t]*$/ { sentinel = 1; next }
l ~ /^mss-init:/ { next }

l ~ /^# mss-init: uptime / {
	u = l
	sub(/^# mss-init: uptime /, "", u)
	sub(/ .*/, "", u)
	print "U\t" u
	next
}

l == "KTAP version 1" {
	if (init_started && init_plan < 0 && !init_hdr)
		init_hdr = 1
	else
		kunit_hdr = 1
	next
}

l ~ /^1\.\.[0-9]+/ {
	n = substr(l, 4) + 0
	if (init_hdr) {
		init_plan = n
		init_hdr = 0
	} else if (kunit_hdr) {
		kunit_pending += n
		kunit_hdr = 0
	}
	next
}

# KUnit suite level: 4-space indent; deeper levels (parameterised cases)
# and expectation text only feed the diagnostics of the next case result
l ~ /^    / {
	l1 = substr(l, 5)
	if (l1 ~ /^# Subtest: /) {
		suite = substr(l1, 12)
		suite_plan = -1
		suite_count = 0
		suite_failed = 0
		kdiag = ""
	} else if (l1 ~ /^1\.\.[0-9]+/ && suite != "" && suite_plan < 0) {
		suite_plan = substr(l1, 4) + 0
	} else if (l1 ~ /^(not )?ok [0-9]+ / && suite != "") {
		split_result(l1)
		suite_count++
		if (rstat == "notok")
			suite_failed++
		result(suite "/" rname, kdiag)
		kdiag = ""
	} else if (suite != "" && l1 !~ /^ *(KTAP version|# Subtest:)/ &&
		   l1 !~ /^ +(not )?ok [0-9]+ /) {
		kdiag = add(kdiag, l1)
	}
	next
}

# top-level results: KUnit's while a header has suites pending and the
# name closes the open "# Subtest:", else ours
l ~ /^(not )?ok [0-9]+ / {
	split_result(l)
	if (kunit_pending > 0 && suite != "" && rname == suite) {
		kunit_pending--
		close_suite(rstat, rname, rdir)
	} else if (init_started && init_plan >= 0) {
		if (rnum != init_count + 1)
			print "B\tmss-init result " rnum " out of order (expected " \
				init_count + 1 ")"
		init_count++
		result(rname, diag)
		diag = ""
	}
	next
}

l ~ /^#/ {
	if (kunit_pending > 0)
		kdiag = add(kdiag, l)
	else if (init_started)
		diag = add(diag, substr(l, 3))
	next
}

END {
	if (!init_started)
		print "B\tmss-init never started (no \"mss-init: start\")"
	else if (init_plan < 0)
		print "B\tno KTAP plan from mss-init"
	else if (init_count != init_plan)
		print "B\tmss-init planned " init_plan " results, printed " init_count
	if (kunit_pending > 0 || suite != "")
		print "B\tKUnit output cut short (" kunit_pending \
			" suite results missing" (suite != "" ? ", in " suite : "") ")"
	if (!sentinel)
		print "B\tno \"mss-init: done\" sentinel"
	if (compl != "")
		print "B\tkernel complaints in the log:\t" compl
	# declared suites that never reported (module not loaded, KUnit off,
	# the test stopped before the insmod, ...)
	for (i = 1; i <= nkunit; i++) {
		k = korder[i]
		if (kseen[k] < kruns[k])
			print "R\tnotok\t" k "\tsuite " k " (" kcases[k] \
				" cases in its source) ran " kseen[k] + 0 " of " \
				kruns[k] " times the scenario loads its module"
	}
	for (i = 1; i <= nexp; i++)
		print "E\t" ((i in exp_seen) ? "ok" : "notok") "\t" i "\t" exp_text[i]
}
