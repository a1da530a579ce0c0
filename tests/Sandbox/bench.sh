#!/usr/bin/env bash
# Measures sandbox start-up (process mode, to the ready line; in-process StartAsync) and
# 1,000 sequential GETs through KubernetesClient. Prints medians; record them in README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build tests/Sandbox.Tests -c Release -v q -nologo | grep -E " error " || true
dll=tests/Sandbox.Tests/bin/Release/net10.0/Sandbox.dll
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
times=()
for i in 1 2 3 4 5 6 7; do
  : > "$tmp/out"
  start=$(date +%s%N)
  dotnet "$dll" --kubeconfig "$tmp/kc" > "$tmp/out" 2>&1 &
  pid=$!
  until grep -q "sandbox ready" "$tmp/out" 2>/dev/null; do sleep 0.005; done
  end=$(date +%s%N)
  kill -TERM "$pid"; wait "$pid" || true
  times+=($(( (end - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "BENCH process start to ready line: median ${sorted[3]} ms (all ${times[*]})"
dotnet "$dll" bench
