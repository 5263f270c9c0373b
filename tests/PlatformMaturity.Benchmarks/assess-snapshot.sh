#!/usr/bin/env bash
# Wall time and peak memory (max RSS) of `pmctl assess` on synthetic snapshots, as a user runs it (process start
# included). Usage: tests/PlatformMaturity.Benchmarks/assess-snapshot.sh [OBJECTS (default 50000)]
set -euo pipefail
cd "$(dirname "$0")/../.."
objects="${1:-50000}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
for project in src/PlatformMaturity.Cli tests/PlatformMaturity.Benchmarks; do
  dotnet build -c Release -p:PulumiSdk=false -v q "$project" >/dev/null
done
dotnet tests/PlatformMaturity.Benchmarks/bin/Release/net10.0/PlatformMaturity.Benchmarks.dll snapshot json "$objects" "$dir/cluster.json"
dotnet tests/PlatformMaturity.Benchmarks/bin/Release/net10.0/PlatformMaturity.Benchmarks.dll snapshot yaml "$((objects / 5))" "$dir/cluster.yaml"
for f in cluster.json cluster.yaml; do
  size=$(stat -c %s "$dir/$f")
  /usr/bin/time -f "%e %U %S %M" -o "$dir/time" dotnet src/PlatformMaturity.Cli/bin/Release/net10.0/pmctl.dll assess --snapshot "$dir/$f" --output json > "$dir/out.json"
  read -r seconds user sys kib < "$dir/time"
  # CPU time (user + sys) is printed beside wall time: on a shared, loaded machine the wall time mostly measures waiting.
  awk -v f="$f" -v s="$size" -v t="$seconds" -v c="$(echo "$user + $sys" | bc)" -v k="$kib" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN { printf "%s: %.1f MB, wall %.2f s, cpu %.2f s, peak %.0f MiB, %.1f MB/s of wall time (load average %s)\n", f, s/1e6, t, c, k/1024, s/1e6/t, l }'
done
