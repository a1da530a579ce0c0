#!/usr/bin/env bash
# The test command: builds everything once, then runs every test project (in parallel) and the
# README demo. Needs only the .NET SDK and kubectl, both on this machine kind; packages are
# restored from NuGet.
set -euo pipefail
# Plugins are refused when group- or other-writable (docs/plugins.md); the build output must not be.
umask 022
cd "$(dirname "$0")"

# In CI the restore must match the committed packages.lock.json files exactly (NU1004 otherwise:
# a dependency changed without its lock file). Locally a restore updates them, to be committed.
restore=()
if [ "${CI:-}" = true ]; then restore=(-p:RestoreLockedMode=true); fi
dotnet build SkupperPlugin.sln -c Debug -nologo -clp:ErrorsOnly "${restore[@]}"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test SkupperPlugin.sln -c Debug --no-build --nologo 2>&1 | tee "$log" || status=$?

if [ -x ./demo.sh ]; then
  ./demo.sh || status=$?
fi

# One closing line over all test projects: "N passed, N failed".
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) { if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1) }
     }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
exit "$status"
