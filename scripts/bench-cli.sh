#!/usr/bin/env bash
# Times the pmctl process against `kubectl version --client` on the same machine in the same run, and prints the
# table of issue 18 with the ratios and each command's peak memory (/usr/bin/time -v's maximum resident set size).
#
#   scripts/bench-cli.sh [-n RUNS] [PMCTL]
#
# PMCTL: the pmctl to time (default out/pmctl/pmctl, the fast build of scripts/publish-fast.sh; give the path of
# another build to compare, e.g. a framework-dependent `dotnet publish` output). RUNS: timed runs of each command
# (default 7), after one warm-up; pmctl and kubectl run in turn (A B A B ...) and the ratio is the median of the
# pairwise ratios, so it holds when a shared machine's speed drifts. Without kubectl on PATH the table shows pmctl's
# times only. The Level 5 stacks (3 regions, 200 tenants) come from the generator in tests/PlatformMaturity.Benchmarks
# (set BENCH_STACKS_DIR to a folder that already has them to skip building it).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
runs=7
if [[ "${1:-}" == "-n" ]]; then runs="$2"; shift 2; fi
pmctl="$(realpath "${1:-$root/out/pmctl/pmctl}")"
[[ -x "$pmctl" ]] || { echo "bench-cli: $pmctl is not an executable pmctl; run scripts/publish-fast.sh first" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "bench-cli: /usr/bin/time is needed for peak memory (apt-get install time)" >&2; exit 2; }
kubectl="$(command -v kubectl || true)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
big="${BENCH_STACKS_DIR:-}"
if [[ -z "$big" ]]; then
  big="$work/stacks"
  dotnet run -c Release --project "$root/tests/PlatformMaturity.Benchmarks" -p:PulumiSdk=false -- --write-stack "$big" >/dev/null
fi

# One timed run: prints "<wall ms> <peak KiB>". Output goes to a file (as a user's redirect would), not a terminal.
run_once() {
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$@" >"$work/out" 2>"$work/err" || true
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) $(tail -n 1 "$work/rss")"
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit } m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m }'; }

# bench "<label>" "<target>" <max ratio> [<max MiB>] -- <pmctl arguments...>
bench() {
  local label="$1" target="$2" limit="$3" mem_limit="$4"; shift 5
  : >"$work/a"; : >"$work/b"; : >"$work/r"; : >"$work/m"
  (cd "$root" && "$pmctl" "$@" >/dev/null 2>&1 || true)   # warm-up (file cache)
  [[ -n "$kubectl" ]] && "$kubectl" version --client >/dev/null 2>&1
  for ((i = 0; i < runs; i++)); do
    read -r a mem < <(cd "$root" && run_once "$pmctl" "$@")
    echo "$a" >>"$work/a"; echo "$mem" >>"$work/m"
    if [[ -n "$kubectl" ]]; then
      read -r b _ < <(run_once "$kubectl" version --client)
      echo "$b" >>"$work/b"
      awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f\n", (b > 0 ? a / b : 0) }' >>"$work/r"
    fi
  done
  local ma mb ratio peak verdict
  ma=$(median <"$work/a"); mb=$(median <"$work/b"); ratio=$(median <"$work/r")
  peak=$(sort -n "$work/m" | tail -n 1 | awk '{ printf "%.0f", $1 / 1024 }')
  verdict="-"
  if [[ -n "$kubectl" ]]; then
    verdict=$(awk -v r="$ratio" -v l="$limit" -v p="$peak" -v m="$mem_limit" 'BEGIN { print (r <= l && (m == "" || p < m)) ? "yes" : "no" }')
    ratio=$(awk -v r="$ratio" 'BEGIN { printf "%.1f×", r }')
  fi
  printf '| `%s` | %s | %s | %s | %s | %s | %s |\n' "$label" "$target" "$ma" "$mb" "$ratio" "$peak" "$verdict"
}

echo "pmctl: $pmctl"
echo "kubectl: ${kubectl:-not on PATH (no ratios)}$([[ -n "$kubectl" ]] && echo " ($("$kubectl" version --client 2>/dev/null | head -n 1))")"
echo "machine: $(nproc) cores, $(uname -sm); $runs runs each, medians; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| command | target | pmctl ms | kubectl ms | ratio | peak MiB | met |"
echo "|---|---|---|---|---|---|---|"
out="$work/render"
bench "levels" "≤ 2×" 2 "" -- levels
bench "describe 5" "≤ 2×" 2 "" -- describe 5
bench "templates" "≤ 2×" 2 "" -- templates
bench "--help" "≤ 2×" 2 "" -- --help
for stack in l1-existing l3-existing l3-azure l5-azure; do
  bench "status $stack" "≤ 3×" 3 "" -- status "$stack"
  bench "render $stack" "≤ 3×" 3 "" -- render "$stack" --out "$out/$stack"
  bench "graph $stack" "≤ 3×" 3 "" -- graph "$stack"
done
bench "plan l3-existing --to 4" "≤ 3×" 3 "" -- plan l3-existing --to 4
bench "plan l3-azure --to 4" "≤ 3×" 3 "" -- plan l3-azure --to 4
bench "plan bench-l4 --to 5 (Level 5, 200 tenants)" "≤ 8×, < 300 MiB" 8 300 -- plan bench-l4 --to 5 --stacks-dir "$big"
bench "render bench-l5 (Level 5, 200 tenants)" "≤ 8×, < 300 MiB" 8 300 -- render bench-l5 --stacks-dir "$big" --out "$out/bench-l5"
bench "status bench-l5 (Level 5, 200 tenants)" "≤ 8×, < 300 MiB" 8 300 -- status bench-l5 --stacks-dir "$big"
bench "app new (web-service, l3-existing)" "≤ 3×" 3 "" -- app new bench-app --template web-service --stack l3-existing --team team-a --out "$out/app" --force
echo
echo "Rendering 1,000 golden-path apps in one process: dotnet run -c Release --project tests/PlatformMaturity.GoldenPaths.Benchmarks -- --quick"
