#!/usr/bin/env bash
# run.sh [smoke|quick|full] -- measures Grace against SPIN on powerpc
# pte_free_defer() v3 at the sizes of ../../shared/bench (K retract threads,
# F munmap threads, W walkers), and prints a markdown table: states, time,
# states/s and peak memory for each. SPIN's time includes `spin -a` and the
# gcc build of its verifier, as a user of either tool pays both.
#
# Needs: a release build of grace (swift build -c release); for the SPIN
# columns, spin and gcc (apt-get install spin gcc) and ../../shared/bench/spin.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
grace=$root/.build/release/grace
spin_models=${SPIN_MODELS:-$root/../shared/bench/spin}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
case ${1:-quick} in
  smoke) configs="2,1,2,18 2,2,2,18" ;;
  quick) configs="2,1,2,18 2,2,2,18 2,2,3,21" ;;
  full)  configs="2,1,2,18 2,2,2,18 2,2,3,21 3,2,3,24" ;;
  *) echo "usage: $0 [smoke|quick|full]" >&2; exit 64 ;;
esac
[ -x "$grace" ] || (cd "$root" && swift build -c release >/dev/null)

echo "| K,F,W | Grace states | Grace time | Grace states/s | Grace peak memory | SPIN states | SPIN time (spin -a + gcc + pan) | SPIN memory |"
echo "|---|---|---|---|---|---|---|---|"
for config in $configs; do
  # The fourth field is SPIN's hash table size (-w), as in shared/bench/spin/run.sh.
  IFS=, read -r k f w hashbits <<< "$config"
  model=$work/v3-$k$f$w.grace
  "$here/generate-pte-free-defer.sh" "$k" "$f" "$w" > "$model"
  stats=$("$grace" check "$model" --stats | sed -n 's/^ *states \([0-9]*\), transitions [0-9]*, depth [0-9]*, \([0-9.]*\) s, \([0-9.k]*\) states\/s, peak memory \([0-9.]*\) MB.*$/\1 \2 \3 \4/p')
  read -r g_states g_time g_rate g_memory <<< "$stats"
  s_states=- s_time=- s_memory=-
  if command -v spin >/dev/null && [ -f "$spin_models/pte-free-defer-v3.pml" ]; then
    dir=$work/spin-$k$f$w
    mkdir -p "$dir"
    cp "$spin_models/pte-free-defer-v3.pml" "$dir/"
    start=$(date +%s%N)
    (cd "$dir" && spin -a -DK="$k" -DF="$f" -DW="$w" pte-free-defer-v3.pml >/dev/null &&
       gcc -O2 -DSAFETY -DMEMLIM=20000 -o pan pan.c && ./pan -m1000000 -w"$hashbits" > pan.out 2>&1)
    end=$(date +%s%N)
    s_states=$(awk '/states, stored/ { print $1; exit }' "$dir/pan.out")
    s_memory=$(awk '/total actual memory usage/ { print $1; exit }' "$dir/pan.out")
    s_time=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.2f", ns / 1e9 }')
  fi
  echo "| $k,$f,$w | $g_states | $g_time s | $g_rate | $g_memory MB | $s_states | $s_time s | $s_memory MB |"
done
