#!/usr/bin/env bash
# Start-up benchmark (issue 2): median wall time over RUNS runs of `kubectl-skupper --help` and
# `kubectl-skupper version`, beside `kubectl version --client` measured in the same run, with
# the bundled plugins only and with 1 and 50 extra plugins installed.
#   bench/startup.sh [RUNS]      (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# As shipped: ReadyToRun (the bundled plugins are published alongside, see build/BundlePlugins.targets).
dotnet publish src/Host -c Release -o "$out/host" -nologo -clp:ErrorsOnly -p:PublishReadyToRun=true -r linux-x64 --self-contained false >/dev/null
dotnet build tests/Fixtures/DummyPlugin -c Release -nologo -clp:ErrorsOnly >/dev/null
cp -r tests/Fixtures/DummyPlugin/bin/Release/net10.0 "$out/dummy"
exe="$out/host/kubectl-skupper"

# median of RUNS wall times (ms) of a command
median() {
  local times=()
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
    times+=($(( (e - s) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f", m / 1000}'
}

with_plugins() { # N: install N dummy plugins into a fresh user plugin folder
  export XDG_DATA_HOME="$out/data-$1" XDG_CACHE_HOME="$out/cache-$1"
  mkdir -p "$XDG_DATA_HOME/skupper/plugins"
  for i in $(seq "$1"); do cp -r "$out/dummy" "$XDG_DATA_HOME/skupper/plugins/dummy$i"; done
  "$exe" version >/dev/null 2>&1 # builds the command index once, as the first run after an install does
  if "$exe" version 2>&1 | grep -q broken; then echo "a dummy plugin is broken: the figures would be wrong" >&2; exit 1; fi
}

printf '%-36s %10s\n' "command (median of $runs runs)" "ms"
printf '%-36s %10s\n' "kubectl version --client" "$(median kubectl version --client)"
for n in 0 1 50; do
  with_plugins "$n"
  printf '%-36s %10s\n' "kubectl-skupper --help ($n extra)" "$(median "$exe" --help)"
  printf '%-36s %10s\n' "kubectl-skupper version ($n extra)" "$(median "$exe" version)"
done
printf '%-36s %10s\n' "dummy1 hello (50 extra)" "$(XDG_DATA_HOME=$out/data-50 XDG_CACHE_HOME=$out/cache-50 median "$exe" dummy1 hello)"
