#!/usr/bin/env bash
# Measures what JavaScript hooks add to `kubectl skupper token issue` on the sandbox (controller
# delays 0): median wall time with no hooks, with hooks/naming.js, and with all three examples
# (naming, notify-webhook posting to a local HTTP listener, deliver-to-folder), the three
# configurations interleaved round by round so that drift hits them alike.
# Two builds are measured in the same run: the plain Release build (Jint as IL, compiled on first
# use) and a ReadyToRun publish that, unlike packaging/krew/release.targets today, keeps Jint and
# Acornima ReadyToRun.
# Usage: bench/hooks.sh [RUNS]   (builds Release first; prints tables; figures go in docs/hooks.md)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
work=$(mktemp -d "${TMPDIR:-/tmp}/skupper-hooks-bench.XXXXXX")
chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT INT TERM

dotnet build src/Host/Host.csproj -c Release -nologo -v quiet >/dev/null
dotnet build tests/Sandbox/Sandbox.csproj -c Release -nologo -v quiet >/dev/null
il="$PWD/src/Host/bin/Release/net10.0"
case "$(uname -m)" in x86_64) rid=linux-x64 ;; aarch64|arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac
dotnet publish src/Host/Host.csproj -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
  --artifacts-path "$work/artifacts" -o "$work/r2r" -nologo -v quiet >/dev/null
cp -r "$il/plugins" "$work/r2r/"

dotnet tests/Sandbox/bin/Release/net10.0/Sandbox.dll --kubeconfig "$work/kubeconfig" --delay 0 >"$work/sandbox.out" 2>"$work/sandbox.log" &
pids+=($!)
for _ in $(seq 1 300); do grep -q '^sandbox ready:' "$work/sandbox.out" 2>/dev/null && break; sleep 0.1; done
grep -q '^sandbox ready:' "$work/sandbox.out" || { echo "sandbox did not start" >&2; cat "$work/sandbox.log" >&2; exit 1; }

# A webhook receiver: answers every POST with 204.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 - "$port" >"$work/webhook.log" 2>&1 <<'PY' &
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(204); self.end_headers()
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
pids+=($!)

export KUBECONFIG="$work/kubeconfig" HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data"
export SKUPPER_SYSTEM_HOOKS_DIR="$work/no-system-hooks" SKUPPER_TEAM=bench
export SKUPPER_WEBHOOK_URL="http://127.0.0.1:$port/hook" SKUPPER_TOKEN_DROP="$work/drop"
mkdir -p "$HOME"
install -d -m 755 "$work/none" "$work/naming" "$work/all"
install -m 644 hooks/naming.js "$work/naming/"
install -m 644 hooks/naming.js hooks/notify-webhook.js hooks/deliver-to-folder.js "$work/all/"
printf 'apiVersion: skupper.io/v2alpha1\nkind: Site\nmetadata:\n  name: west\nspec:\n  linkAccess: default\n' \
  | kubectl apply -n west -f - >/dev/null
kubectl wait -n west --for=condition=Ready site/west --timeout=30s >/dev/null

now_us() { echo $(( $(date +%s%N) / 1000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ms() { awk -v u="$1" 'BEGIN { printf "%.1f", u / 1000 }'; }
delta() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f", (a - b) / 1000 }'; }
measure() { # label, folder with kubectl-skupper
  local label=$1 exe="$2/kubectl-skupper" c i t
  issue() { # config, file
    SKUPPER_HOOKS_PATH="$work/$1" "$exe" token issue "$2" -n west >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  }
  for c in none naming all; do issue "$c" "$work/warm-$c.yaml"; : >"$work/$c.us"; done   # warm-up, not measured
  for i in $(seq 1 "$runs"); do
    for c in none naming all; do
      t=$(now_us); issue "$c" "$work/$c-$i.yaml"; echo $(( $(now_us) - t )) >>"$work/$c.us"
    done
  done
  local none naming all
  none=$(median <"$work/none.us"); naming=$(median <"$work/naming.us"); all=$(median <"$work/all.us")
  printf '%-44s %10s %12s\n' "token issue, $label, $runs runs each" "median ms" "vs no hooks"
  printf '%-44s %10s %12s\n' "no hooks" "$(ms "$none")" "-"
  printf '%-44s %10s %12s\n' "naming.js" "$(ms "$naming")" "$(delta "$naming" "$none")"
  printf '%-44s %10s %12s\n' "naming + notify-webhook + deliver-to-folder" "$(ms "$all")" "$(delta "$all" "$none")"
  echo
}
measure "Release build (Jint IL)" "$il"
measure "ReadyToRun incl. Jint" "$work/r2r"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(wc -l <"$SKUPPER_TOKEN_DROP/index.tsv") tokens delivered"
