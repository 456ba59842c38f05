#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# soak.sh: make soak.  Boots every scenarios/soak-*.scn (not part of make
# check), records results in $RESULTS/soak.txt, and prints from each
# guest log the growth of Slab and VmallocUsed between the /proc/meminfo
# snapshots the scenario shows (one per batch of cycles) and the run time.
# A growth of more than SOAK_MAX_KB (default 512) over the whole run fails.
# SOAK="cycles races" limits the run to those scenarios.
set -u

RIG=$(cd "$(dirname "$0")" && pwd)
TOP=${TOP:-$(cd "$RIG/../../.." && pwd)}
OUT=${OUT:-$TOP/build/out}
RESULTS=${RESULTS:-$OUT/results}
LOGS=${LOGS:-$OUT/logs}
MAX_KB=${SOAK_MAX_KB:-512}
export RESULTS
# shellcheck source-path=SCRIPTDIR source=../../../scripts/testlib.sh
. "$TOP/scripts/testlib.sh"
result_init soak

shopt -s nullglob
# SOAK="cycles races" runs only those soak-*.scn (make soak SOAK=...)
if [ -n "${SOAK:-}" ]; then
	scns=()
	for n in $SOAK; do
		scns+=("$RIG/scenarios/soak-$n.scn")
		[ -f "${scns[-1]}" ] || fail present "no scenarios/soak-$n.scn"
	done
else
	scns=("$RIG"/scenarios/soak-*.scn)
fi
[ ${#scns[@]} -gt 0 ] || fail present "no soak-*.scn scenarios"
for scn in "${scns[@]}"; do
	name=$(basename "$scn" .scn)
	start=$(date +%s)
	"$RIG/run-scenario.sh" -a -s soak "$scn"
	echo "# $name: $(( $(date +%s) - start )) s"
	log=$LOGS/$name.log
	# "# /proc/meminfo:" blocks: one Slab and VmallocUsed line each
	if ! tr -d '\r' < "$log" | awk -v max="$MAX_KB" -v name="$name" '
		/^# \/proc\/meminfo:/ { n++ }
		n && /^# *Slab:/ { slab[n] = $3 }
		n && /^# *VmallocUsed:/ { vm[n] = $3 }
		END {
			if (n < 2) { print "# " name ": fewer than two meminfo snapshots"; exit 1 }
			printf "# %s: %d snapshots; growth per batch (kB):\n", name, n
			for (i = 2; i <= n; i++)
				printf "#   batch %2d: slab %+6d  vmalloc %+6d\n", i - 1,
					slab[i] - slab[i - 1], vm[i] - vm[i - 1]
			ds = slab[n] - slab[2]; dv = vm[n] - vm[2]
			printf "#   after the first batch: slab %+d kB, vmalloc %+d kB (limit %d)\n",
				ds, dv, max
			exit (ds > max || dv > max) ? 1 : 0
		}'; then
		fail "$name/no-growth" "slab or vmalloc grew (see above)"
	else
		pass "$name/no-growth"
	fi
done
exit 0
