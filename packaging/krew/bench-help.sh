#!/usr/bin/env bash
# Median wall time of `kubectl skupper --help` (N runs, default 20) for
#   - the krew install of the self-contained linux-amd64 archive (unpacked as krew does:
#     store/skupper/<version>/, bin/kubectl-skupper symlink), and
#   - the framework-dependent Release build of src/Host (dotnet build src/Host -c Release).
# Both run through the real kubectl, each with a warm command-index cache (one run first).
#
#   packaging/krew/bench-help.sh ARCHIVE.tar.gz [RUNS]
set -euo pipefail
archive=$(realpath "${1:?usage: bench-help.sh ARCHIVE.tar.gz [RUNS]}")
runs=${2:-20}
repo=$(cd "$(dirname "$0")/../.." && pwd)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
version=$(basename "$archive" | sed -E 's/^kubectl-skupper-(v[^-]+)-.*/\1/')
store=$tmp/krew/store/skupper/$version
mkdir -p "$store" "$tmp/krew/bin"
tar -xzf "$archive" -C "$store"
ln -s "$store/kubectl-skupper" "$tmp/krew/bin/kubectl-skupper"

dotnet build "$repo/src/Host" -c Release -nologo -clp:ErrorsOnly >/dev/null
fd=$repo/src/Host/bin/Release/net10.0

median() {  # label, bin dir
  local label=$1 dir=$2 i t0 t1 times=()
  export HOME=$tmp/home-$label XDG_CACHE_HOME=$tmp/cache-$label XDG_DATA_HOME=$tmp/data-$label
  PATH="$dir:$PATH" kubectl skupper --help >/dev/null
  for ((i = 0; i < runs; i++)); do
    t0=$(date +%s%N)
    PATH="$dir:$PATH" kubectl skupper --help >/dev/null
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v l="$label" -v n="$runs" \
    '{ a[NR] = $1 } END { m = (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2;
       printf "%-40s median %d ms (min %d, max %d, %d runs)\n", l, m, a[1], a[n], n }'
}

median "self-contained (krew install)" "$tmp/krew/bin"
median "framework-dependent (src/Host Release)" "$fd"
t0=$(date +%s%N); for ((i = 0; i < runs; i++)); do kubectl version --client >/dev/null; done; t1=$(date +%s%N)
echo "for scale: kubectl version --client alone, mean $(( (t1 - t0) / runs / 1000000 )) ms"
