#!/usr/bin/env bash
# Start-up benchmark (issues 2 and 29), without a cluster, on what users get: the linux-amd64 archive
# that packaging/krew/build.sh makes, unpacked as krew unpacks it, run directly (the krew link to the
# native kubectl-skupper). Each measure is a pair interleaved A B A B ... RUNS times in the same run
# beside a kubectl yardstick, timed with `date +%s%N` around the one command: median of A, median
# of B, median of the per-pair ratio A/B.
#   --help, version, `__complete site ""`   vs  kubectl version --client
#   plugin list, with 50 third-party plugins installed vs with none (50 copies of one fixture,
#     tests/Fixtures/DummyPlugin, under different folder names: 50 plugins)
#   dummy1 hello (a third-party command, 50 installed) through the native kubectl-skupper vs
#     the managed host lib/kubectl-skupper run directly
#
#   bench/startup.sh [RUNS]                     (RUNS default 21)
#   BENCH_KEEP=DIR bench/startup.sh             build into DIR and keep it
#   BENCH_SKIP_BUILD=DIR bench/startup.sh       no build: reuse what a BENCH_KEEP=DIR run left
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
runs=${1:-21}
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "startup.sh: RUNS must be a positive whole number, got \"$runs\"" >&2; exit 1; }
for tool in kubectl tar awk dotnet; do command -v "$tool" >/dev/null || { echo "startup.sh: $tool not found on PATH" >&2; exit 1; }; done
work=$(mktemp -d "${TMPDIR:-/tmp}/skupper-startup-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
trap 'echo "startup.sh: failed (exit $?) at line $LINENO: $BASH_COMMAND" >&2' ERR
# shellcheck source=bench/lib.sh
. bench/lib.sh

bench_private_home
bench_archive
bench_dummy_plugin
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# Two user plugin folders: none, and 50 copies of the fixture (dummy1 ... dummy50).
none=$work/data-none fifty=$work/data-50
mkdir -p "$none/skupper/plugins" "$fifty/skupper/plugins"
for i in $(seq 50); do cp -R "$dummy" "$fifty/skupper/plugins/dummy$i"; done
with() { XDG_DATA_HOME=$1 XDG_CACHE_HOME=$1/cache "${@:2}"; }
# The first run after an install builds the command index (the managed host does); not measured.
for d in "$none" "$fifty"; do
  with "$d" "$exe" version >"$work/version.out" 2>&1 || { cat "$work/version.out" >&2; bench_die "version failed"; }
  ! grep -qi broken "$work/version.out" || { cat "$work/version.out" >&2; bench_die "a fixture plugin is broken: the figures would be wrong"; }
done
[[ $(with "$fifty" "$exe" plugin list | grep -c dummy) -ge 50 ]] || bench_die "plugin list does not show the 50 plugins"
[[ $(with "$fifty" "$exe" dummy1 hello) == hello ]] || bench_die "dummy1 hello did not say hello"
[[ $(with "$none" "$exe" __complete site "" 2>/dev/null | tail -n 1) == :4 ]] || bench_die "__complete site \"\" gave no cobra directive"
for warm in "kubectl version --client" "$exe --help" "$managed dummy1 hello"; do with "$fifty" $warm >/dev/null 2>&1; done

echo "timing $runs interleaved pairs of each measure..." >&2
for ((i = 1; i <= runs; i++)); do
  timed "$work/help.a" with "$none" "$exe" --help
  timed "$work/help.b" kubectl version --client
  timed "$work/version.a" with "$none" "$exe" version
  timed "$work/version.b" kubectl version --client
  timed "$work/complete.a" with "$none" "$exe" __complete site ""
  timed "$work/complete.b" kubectl version --client
  timed "$work/list.a" with "$fifty" "$exe" plugin list
  timed "$work/list.b" with "$none" "$exe" plugin list
  timed "$work/help50.a" with "$fifty" "$exe" --help
  timed "$work/help50.b" kubectl version --client
  timed "$work/third.a" with "$fifty" "$exe" dummy1 hello
  timed "$work/third.b" with "$fifty" "$managed" dummy1 hello
done

row() { # label, file prefix, B's label
  printf '| %s | %s | %s (%s) | %.2fx |\n' "$1" "$(median <"$work/$2.a" | ms)" "$(median <"$work/$2.b" | ms)" "$3" "$(ratio "$work/$2.a" "$work/$2.b")"
}
echo
echo "| measure (median of $runs, run directly) | A | B | A/B (median of pairs) |"
echo "| --- | --- | --- | --- |"
row '`--help` vs `kubectl version --client`' help kubectl
row '`version` vs `kubectl version --client`' version kubectl
row '`__complete site ""` vs `kubectl version --client`' complete kubectl
row '`--help`, 50 third-party plugins, vs `kubectl version --client`' help50 kubectl
row '`plugin list`: 50 third-party plugins vs none' list "none"
row '`dummy1 hello` (50 installed): native front vs `lib/kubectl-skupper`' third "managed host"
echo
echo "Archive $(basename "${archive:-?}") $( [[ -n ${archive:-} ]] && stat -c %s "$archive") bytes; machine: $(nproc) cores," \
  "load average $load_before at start, $(cut -d' ' -f1-3 /proc/loadavg) at end; $(date -u '+%Y-%m-%d %H:%M UTC');" \
  "build $build_s; total $((SECONDS - started)) s."
