#!/usr/bin/env bash
# Try kubectl-skupper on a fresh clone, with no cluster: build, start the sandbox (a local
# Kubernetes API server with a simulated Skupper controller), link two namespaces with
# `kubectl skupper token issue` / `token redeem`, show the link, expose a service across it
# (a connector in west, a listener in east, both Ready), stop the sandbox.
# Exits non-zero as soon as any step fails.
set -euo pipefail
cd "$(dirname "$0")"

work=$(mktemp -d "${TMPDIR:-/tmp}/skupper-demo.XXXXXX")
sandbox_pid=""
cleanup() {
  if [[ -n "$sandbox_pid" ]] && kill -0 "$sandbox_pid" 2>/dev/null; then
    kill "$sandbox_pid" 2>/dev/null || true
    wait "$sandbox_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

step() { printf '\n$ %s\n' "$*"; "$@"; }

echo "# Building kubectl-skupper and the sandbox (Release)..."
dotnet build src/Host/Host.csproj -c Release -nologo -v quiet
dotnet build tests/Sandbox/Sandbox.csproj -c Release -nologo -v quiet

echo "# Starting the sandbox cluster (contexts west and east)..."
dotnet tests/Sandbox/bin/Release/net10.0/Sandbox.dll --kubeconfig "$work/kubeconfig" >"$work/sandbox.out" 2>"$work/sandbox.err" &
sandbox_pid=$!
for _ in $(seq 1 300); do
  grep -q '^sandbox ready:' "$work/sandbox.out" 2>/dev/null && break
  kill -0 "$sandbox_pid" 2>/dev/null || { echo "sandbox failed to start:" >&2; cat "$work/sandbox.err" >&2; exit 1; }
  sleep 0.1
done
grep '^sandbox ready:' "$work/sandbox.out" || { echo "sandbox did not become ready" >&2; exit 1; }

# Nothing of this machine's own setup: no site admin's /etc/skupper/hooks, no user plugins, hooks, proxies
# or data home; every folder the CLI reads or writes is inside the demo's own folder.
for v in $(compgen -e); do
  case "$v" in SKUPPER_*|XDG_*|KUBE*|POD_NAMESPACE|[Hh][Tt][Tt][Pp]_[Pp][Rr][Oo][Xx][Yy]|[Hh][Tt][Tt][Pp][Ss]_[Pp][Rr][Oo][Xx][Yy]|[Nn][Oo]_[Pp][Rr][Oo][Xx][Yy]|[Aa][Ll][Ll]_[Pp][Rr][Oo][Xx][Yy]) unset "$v" ;; esac
done
export KUBECONFIG="$work/kubeconfig"
export PATH="$PWD/src/Host/bin/Release/net10.0:$PATH"
export HOME="$work"   # the token file lands in ~/token.yaml, inside the demo's own folder
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state"
export XDG_RUNTIME_DIR="$work/runtime" KUBECACHEDIR="$work/kube-cache"
export SKUPPER_SYSTEM_HOOKS_DIR="$work/system-hooks" SKUPPER_DATA_HOME="$work/data/skupper"
mkdir -m 0700 "$XDG_RUNTIME_DIR"
token="$HOME/token.yaml"

step kubectl skupper site create west --enable-link-access --context west
step kubectl skupper site create east --context east

printf '\n$ kubectl skupper token issue ~/token.yaml --context west\n'
kubectl skupper token issue "$token" --context west
printf '\n$ kubectl skupper token redeem ~/token.yaml --context east\n'
kubectl skupper token redeem "$token" --context east
step kubectl get links -n east --context east

# Expose a service: the workload runs in west, its clients are in east.
step kubectl skupper connector create backend 8080 --context west
step kubectl skupper listener create backend 8080 --wait ready --context east
step kubectl skupper connector status --context west
step kubectl skupper listener status --context east

echo
echo "# Done: namespace east is linked to west, and backend in west is reachable from east. The sandbox stops now."
