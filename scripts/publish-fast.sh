#!/usr/bin/env bash
# Publishes the fast pmctl: self-contained, ReadyToRun-compiled into one composite image with the .NET libraries
# (see PmctlFast in src/PlatformMaturity.Cli/PlatformMaturity.Cli.csproj). Takes a few minutes once (it compiles
# the runtime libraries ahead of time too); then run OUT/pmctl.
#   scripts/publish-fast.sh [OUT]     default OUT: out/pmctl; RID: the machine's (linux-x64, linux-arm64, osx-arm64 ...)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/out/pmctl}"
rid="${PMCTL_RID:-$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')}"
pulumi_sdk="${PULUMI_SDK:-false}"   # the CLI needs no Pulumi package; false keeps the build offline-safe
dotnet publish "$root/src/PlatformMaturity.Cli" -c Release -r "$rid" -p:PmctlFast=true -p:PulumiSdk="$pulumi_sdk" -o "$out" >&2
echo "$out/pmctl"
