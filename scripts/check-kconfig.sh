#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# check-kconfig.sh FRAGMENT DOTCONFIG
#
# merge_config.sh does not fail when a requested symbol is dropped
# (unmet dependency, promptless symbol nobody selects).  Check every
# assignment of the fragment against the final .config instead.
set -e
frag=$1
cfg=$2
bad=0

while IFS= read -r line; do
	case "$line" in
	CONFIG_*=*)
		grep -qxF -- "$line" "$cfg" || {
			sym=${line%%=*}
			have=$(grep -E "^(# )?$sym[= ]" "$cfg" || echo "$sym absent")
			echo "kconfig: wanted '$line', got '$have'" >&2
			bad=1
		}
		;;
	"# CONFIG_"*" is not set")
		sym=${line#\# }
		sym=${sym%% *}
		if grep -qE "^$sym=" "$cfg"; then
			echo "kconfig: wanted $sym off, got '$(grep -E "^$sym=" "$cfg")'" >&2
			bad=1
		fi
		;;
	esac
done < "$frag"

[ $bad = 0 ] || { echo "kconfig: fragment $frag did not stick" >&2; exit 1; }
