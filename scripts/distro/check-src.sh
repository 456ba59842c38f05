#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make check-distro-src: our module against Debian's full source trees.
# Per series (6.1, 6.12, 7.2):
#  - the tree is configured with Debian's arm64 config (from the image
#    package), the qcom remoteproc helpers as modules, modules_prepare'd
#    in build/distro/obj-S (prepare-src.sh);
#  - each private header we ship in kcompat/S is identical to the one of
#    that name in the tree's drivers/remoteproc, and the module's Kbuild
#    probes pick the compat paths expected for the series;
#  - the module builds with W=1 and no diagnostic at all.  modpost
#    resolves against the tree's Module.symvers, which is Debian's for
#    this very kernel (the headers package's); Debian's 6.1 kernel builds
#    no qcom remoteproc helpers, so for it the tree's own helpers are
#    compiled and their exports added.
# Also: a kernel series without a kcompat copy stops the build naming the
# supported series.
set -u
: "${TOP:?}" "${DISTRO:?}" "${RESULTS:?}" "${LOGS:?}"
. "$TOP/scripts/distro/lib.sh"
result_init distro-src
mkdir -p "$LOGS"

KMAKE_ARGS="ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-"

# Expected probe results per series: the facts the compat header is
# written for.  A probe that silently flips (a header reworded upstream)
# would otherwise drop a feature without a build error.
expect_flags() {
	case $1 in
	# Debian's 6.1 has of_property_present() backported
	6.1)	echo "-DMSS_COMPAT_HAVE_OF_PROPERTY_PRESENT -DMSS_COMPAT_OLD_SCM_HEADER" \
		     "-DMSS_COMPAT_REMOVE_INT -DMSS_COMPAT_SCM_SRC_UINT" ;;
	6.12)	echo "-DMSS_COMPAT_HAVE_OF_PROPERTY_PRESENT -DMSS_COMPAT_HAVE_PDM" ;;
	7.2)	echo "-DMSS_COMPAT_HAVE_OF_PROPERTY_PRESENT -DMSS_COMPAT_HAVE_PDM" ;;
	*)	echo unknown ;;
	esac
}

# The MSS_COMPAT_* defines one object was compiled with, sorted
compat_flags() {
	grep -o -- '-DMSS_COMPAT_[A-Z_]*' "$1" | sort -u | tr '\n' ' ' | sed 's/ $//'
}

# Every kcompat copy needs a tree to be held to
for d in "$KCOMPAT"/*/; do
	s=$(basename "$d")
	case " $DISTRO_SERIES " in
	*" $s "*) ;;
	*) fail "kcompat:$s:has-tree" "kcompat/$s has no Debian tree to compare with" ;;
	esac
done

for s in $DISTRO_SERIES; do
	series_env "$s" || { fail "$s:env"; continue; }
	obj=$DISTRO/obj-$s
	log=$LOGS/distro-src-$s-prepare.log
	if "$TOP/scripts/distro/prepare-src.sh" "$DISTRO" "$s" > "$log" 2>&1; then
		pass "$s:modules_prepare"
	else
		fail "$s:modules_prepare" "$(tail -n 20 "$log")"
		continue
	fi

	# The shipped private headers against the tree's
	if [ -d "$KCOMPAT/$s" ]; then
		for h in "$KCOMPAT/$s"/*.h; do
			n=$(basename "$h")
			check "kcompat:$s:$n" diff -u "$SRC/drivers/remoteproc/$n" "$h"
		done
	else
		fail "kcompat:$s:present" "no drivers/remoteproc/kcompat/$s"
	fi

	# The tree's Module.symvers: Debian's for this kernel, plus the
	# helpers Debian does not build (6.1)
	cp "$SYMVERS" "$obj/Module.symvers"
	if ! grep -qP '\tqcom_q6v5_init\t' "$SYMVERS"; then
		hdir=$DISTRO/helpers-$s
		rm -rf "$hdir"
		mkdir -p "$hdir"
		for f in qcom_common qcom_q6v5 qcom_pil_info qcom_sysmon; do
			cp "$SRC/drivers/remoteproc/$f.c" "$hdir/"
		done
		cp "$SRC"/drivers/remoteproc/*.h "$hdir/"
		echo 'obj-m += qcom_common.o qcom_q6v5.o qcom_pil_info.o qcom_sysmon.o' > "$hdir/Kbuild"
		hlog=$LOGS/distro-src-$s-helpers.log
		# shellcheck disable=SC2086
		if make -C "$SRC" O="$obj" M="$hdir" $KMAKE_ARGS KBUILD_MODPOST_WARN=1 \
			-j"$(nproc)" modules > "$hlog" 2>&1; then
			pass "$s:tree-helpers"
			cat "$hdir/Module.symvers" >> "$obj/Module.symvers"
		else
			fail "$s:tree-helpers" "$(tail -n 20 "$hlog")"
		fi
	fi

	mod=$DISTRO/mod/src-$s
	mod_copy "$mod"
	log=$LOGS/distro-src-$s-build.log
	# shellcheck disable=SC2086
	if make -C "$SRC" O="$obj" M="$mod" $KMAKE_ARGS W=1 -j"$(nproc)" \
		modules > "$log" 2>&1; then
		w=$(warnings "$log")
		if [ -z "$w" ]; then
			pass "$s:build-w1"
		else
			fail "$s:build-w1" "$(echo "$w" | head -n 20)"
		fi
	else
		fail "$s:build-w1" "$(tail -n 30 "$log")"
		continue
	fi

	got=$(compat_flags "$mod/.qcom_q6v5_mss_core.o.cmd")
	want=$(expect_flags "$s" | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')
	if [ "$got" = "$want" ]; then
		pass "$s:compat-probes"
	else
		fail "$s:compat-probes" "probed: $got" "expected: $want"
	fi
	# The object's dependencies: our copy of the private headers, never
	# the tree's own (which a stray -I would pick up silently)
	cmd=$mod/.qcom_q6v5_mss_core.o.cmd
	if grep -q "kcompat/$s/qcom_q6v5\.h" "$cmd" &&
	   ! grep -q 'drivers/remoteproc/qcom_' "$cmd"; then
		pass "$s:kcompat-used"
	else
		fail "$s:kcompat-used" "$(grep 'qcom_q6v5\.h\|qcom_common\.h' "$cmd")"
	fi
	check "$s:modpost-resolved" symvers_crc_check "$mod/qcom_q6v5_mss.ko" "$obj/Module.symvers"
done

# An unsupported series: the build stops before compiling, naming them
s=$(echo "$DISTRO_SERIES" | awk '{ print $NF }')
if series_env "$s" && [ -f "$DISTRO/obj-$s/.prepared" ]; then
	mod=$DISTRO/mod/src-unsupported
	mod_copy "$mod"
	log=$LOGS/distro-src-unsupported.log
	# shellcheck disable=SC2086
	make -C "$SRC" O="$DISTRO/obj-$s" M="$mod" $KMAKE_ARGS \
		VERSION=5 PATCHLEVEL=15 modules > "$log" 2>&1
	rc=$?
	supported=$(cd "$KCOMPAT" && ls -d ./*/ | sed 's|^\./||; s|/$||' | sort | tr '\n' ' ' | sed 's/ $//')
	if [ $rc -ne 0 ] &&
	   grep -q "no private remoteproc headers for Linux 5.15" "$log" &&
	   grep -qF "supported kernel series: $supported" "$log" &&
	   ! ls "$mod"/*.o > /dev/null 2>&1; then
		pass unsupported-series-error
	else
		fail unsupported-series-error "rc=$rc" "$(tail -n 5 "$log")"
	fi
fi
exit 0
