#!/usr/bin/env bash
# run.sh [smoke|quick|full] -- measures Grace against SPIN on powerpc
# pte_free_defer() v3 at the sizes of ../../shared/bench (K retract threads,
# F munmap threads, W walkers), and prints a markdown table.
#
# Grace runs three times per row: reduced on one worker, reduced on two,
# and without reduction on one. Times are CPU seconds (user + sys) unless a
# column says wall: on a machine shared with other work they are the fairer
# measure. SPIN's pan time is CPU seconds too; its spin -a + gcc step is
# given apart, as a user pays it on every change of the model.
#
# Needs: a release build of grace (swift build -c release; GRACE=path to
# use another binary); for the SPIN columns, spin and gcc
# (apt-get install spin gcc) and ../../shared/bench/spin.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
grace=${GRACE:-$root/.build/release/grace}
spin_models=${SPIN_MODELS:-$root/../shared/bench/spin}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
case ${1:-quick} in
  smoke) configs="2,1,2,18 2,2,2,18" ;;
  quick) configs="2,1,2,18 2,2,2,18 2,2,3,21" ;;
  full)  configs="2,1,2,18 2,2,2,18 2,2,3,21 3,2,3,24 3,3,3,26 4,3,2,24 3,2,4,28" ;;
  *) echo "usage: $0 [smoke|quick|full]" >&2; exit 64 ;;
esac
[ -x "$grace" ] || (cd "$root" && swift build -c release >/dev/null)

# measure OUT CMD... -- runs CMD, leaves "cpu_seconds wall_seconds peak_mb" in OUT.
measure() {
  local out=$1; shift
  /usr/bin/time -f '%U %S %e %M' -o "$out.time" "$@" > "$out" 2>&1 || true
  awk '{ printf "%.2f %.2f %.0f\n", $1 + $2, $3, $4 / 1024 }' "$out.time" > "$out.measure"
}

states_of() { sed -n 's/^ *states \([0-9]*\),.*/\1/p' "$1" | head -1; }

echo "| K,F,W | Grace states (reduced) | CPU s | peak MB | wall s, --jobs 1 | wall s, --jobs 2 | speed-up | Grace states (all) | CPU s | states/s/core | peak MB | SPIN states | pan CPU s | pan states/s | spin -a + gcc s | pan memory MB |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for config in $configs; do
  # The fourth field is SPIN's hash table size (-w), as in shared/bench/spin/run.sh.
  IFS=, read -r k f w hashbits <<< "$config"
  model=$work/v3-$k$f$w.grace
  "$here/generate-pte-free-defer.sh" "$k" "$f" "$w" > "$model"
  measure "$work/r1" "$grace" check "$model" --stats --jobs 1
  measure "$work/r2" "$grace" check "$model" --stats --jobs 2
  measure "$work/a1" "$grace" check "$model" --stats --jobs 1 --no-reduction
  read -r r_cpu r_wall r_mb < "$work/r1.measure"
  read -r _ r2_wall _ < "$work/r2.measure"
  read -r a_cpu _ a_mb < "$work/a1.measure"
  r_states=$(states_of "$work/r1"); a_states=$(states_of "$work/a1")
  speedup=$(awk -v a="$r_wall" -v b="$r2_wall" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
  a_rate=$(awk -v s="$a_states" -v t="$a_cpu" 'BEGIN { printf "%.0fk", (t > 0 ? s / t / 1000 : 0) }')
  s_states=- s_cpu=- s_rate=- s_build=- s_memory=-
  if command -v spin >/dev/null && [ -f "$spin_models/pte-free-defer-v3.pml" ]; then
    dir=$work/spin-$k$f$w
    mkdir -p "$dir"
    cp "$spin_models/pte-free-defer-v3.pml" "$dir/"
    start=$(date +%s%N)
    (cd "$dir" && spin -a -DK="$k" -DF="$f" -DW="$w" pte-free-defer-v3.pml >/dev/null && gcc -O2 -DSAFETY -DMEMLIM=20000 -o pan pan.c)
    end=$(date +%s%N)
    s_build=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.2f", ns / 1e9 }')
    (cd "$dir" && measure "$dir/pan.out" ./pan -m1000000 -w"$hashbits")
    read -r s_cpu _ _ < "$dir/pan.out.measure"
    s_states=$(awk '/states, stored/ { print $1; exit }' "$dir/pan.out")
    s_memory=$(awk '/total actual memory usage/ { print $1; exit }' "$dir/pan.out")
    s_rate=$(awk -v s="$s_states" -v t="$s_cpu" 'BEGIN { printf "%.0fk", (t > 0 ? s / t / 1000 : 0) }')
  fi
  echo "| $k,$f,$w | $r_states | $r_cpu | $r_mb | $r_wall | $r2_wall | $speedup | $a_states | $a_cpu | $a_rate | $a_mb | $s_states | $s_cpu | $s_rate | $s_build | $s_memory |"
done
