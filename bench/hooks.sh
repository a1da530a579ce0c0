#!/usr/bin/env bash
# What JavaScript hooks add to `kubectl skupper token issue`, on the build users get: the
# linux-amd64 release archive (packaging/krew/build.sh), unpacked and linked as krew installs it,
# against the sandbox (controller delays 0). Median wall time with no hooks, with hooks/naming.js,
# and with all three examples (naming, notify-webhook posting to a local HTTP listener,
# deliver-to-folder); configurations (and builds) interleaved round by round so that drift hits
# them alike, and in the same rounds the plain-kubectl equivalent (create + wait + get) as the
# yardstick. The archive's kubectl-skupper is run directly (the krew link: the native executable).
#
#   bench/hooks.sh [RUNS] [BEFORE_REF]   RUNS default 11; BEFORE_REF (a commit) is built too and
#                                       measured in the same run, interleaved ("before" / "after")
#   BENCH_KEEP=DIR bench/hooks.sh ...    build into DIR and keep it
#   BENCH_SKIP_BUILD=DIR bench/hooks.sh  no build: reuse what a BENCH_KEEP=DIR run left
#   BENCH_BUILDS="before after x"        which builds of DIR to measure, in this order
#
# Prints a table; figures go in docs/hooks.md with the load average printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "hooks.sh: $*" >&2; exit 1; }
runs=${1:-11}
before_ref=${2:-}
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive whole number, got \"$runs\" (usage: bench/hooks.sh [RUNS] [BEFORE_REF])"
for tool in kubectl tar awk dotnet python3 git; do command -v "$tool" >/dev/null || die "$tool not found on PATH"; done
repo=$PWD
work=$(mktemp -d "${TMPDIR:-/tmp}/skupper-hooks-bench.XXXXXX")
chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
export NUGET_PACKAGES=${NUGET_PACKAGES:-$HOME/.nuget/packages}

# --- builds: this tree ("after") and BEFORE_REF ("before"), each installed as krew installs it ---
# krew (internal/installation): unpack into store/<plugin>/<version>/ and symlink bin/kubectl-<plugin>.
install_archive() { # source tree, folder
  local src=$1 dir=$2
  mkdir -p "$dir"
  "$src/packaging/krew/build.sh" --platforms linux-amd64 --out "$dir/dist" --work "$dir/build" --manifest "$dir/skupper.yaml" \
    >"$dir/build.log" 2>&1 || { tail -n 30 "$dir/build.log" >&2; die "packaging/krew/build.sh failed in $src (last lines above)"; }
  mkdir -p "$dir/store" "$dir/bin"
  tar -xzf "$dir"/dist/kubectl-skupper-v*-linux-amd64.tar.gz -C "$dir/store"
  ln -sf "$dir/store/kubectl-skupper" "$dir/bin/kubectl-skupper"
  rm -rf "$dir/build"
}
if [[ -n ${BENCH_SKIP_BUILD:-} ]]; then
  base=$(cd "$BENCH_SKIP_BUILD" && pwd) || die "BENCH_SKIP_BUILD=$BENCH_SKIP_BUILD is not a folder"
  [[ -x $base/after/bin/kubectl-skupper ]] || die "$base/after/bin/kubectl-skupper missing; make it with BENCH_KEEP=$base bench/hooks.sh"
else
  base=${BENCH_KEEP:-$work/install}
  mkdir -p "$base" && base=$(cd "$base" && pwd)
  rm -rf "$base/after" "$base/before"
  echo "building the linux-amd64 archive of this tree (a few minutes)..." >&2
  install_archive "$repo" "$base/after"
  if [[ -n $before_ref ]]; then
    echo "building the linux-amd64 archive of $before_ref..." >&2
    mkdir -p "$base/before-src"
    git -C "$repo" archive "$before_ref" | tar -x -C "$base/before-src"
    install_archive "$base/before-src" "$base/before"
    rm -rf "$base/before-src"
  fi
  dotnet build tests/Sandbox/Sandbox.csproj -c Release --artifacts-path "$base/sandbox" -nologo -clp:ErrorsOnly \
    >"$work/sandbox-build.log" 2>&1 || { tail -n 30 "$work/sandbox-build.log" >&2; die "sandbox build failed"; }
fi
builds=(after)
[[ -x $base/before/bin/kubectl-skupper ]] && builds=(before after)
# Other builds laid out the same way (DIR/NAME/bin/kubectl-skupper, DIR/NAME/dist/*.tar.gz), e.g. an experiment.
[[ -n ${BENCH_BUILDS:-} ]] && read -r -a builds <<<"$BENCH_BUILDS"

# --- the sandbox and a webhook receiver -----------------------------------------------------------
dotnet "$base/sandbox/bin/Sandbox/release/Sandbox.dll" --kubeconfig "$work/kubeconfig" --delay 0 >"$work/sandbox.out" 2>"$work/sandbox.log" &
pids+=($!)
for _ in $(seq 1 300); do grep -q '^sandbox ready:' "$work/sandbox.out" 2>/dev/null && break; sleep 0.1; done
grep -q '^sandbox ready:' "$work/sandbox.out" || { cat "$work/sandbox.log" >&2; die "sandbox did not start"; }

# Answers every POST with 204.
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

# --- private HOME and XDG folders; the hooks in three folders ------------------------------------
export KUBECONFIG="$work/kubeconfig" HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data"
export XDG_STATE_HOME="$work/state" SKUPPER_DATA_HOME="$work/data/skupper" SKUPPER_SYSTEM_HOOKS_DIR="$work/no-system-hooks" SKUPPER_TEAM=bench
export SKUPPER_WEBHOOK_URL="http://127.0.0.1:$port/hook" SKUPPER_TOKEN_DROP="$work/drop"
unset SKUPPER_PLUGIN_PATH SKUPPER_HOOKS_PATH SKUPPER_PLATFORM SKUPPER_DEBUG
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
issue() { # build, config, file; the process's CPU time (user + system) goes to $work/cpu
  SKUPPER_HOOKS_PATH="$work/$2" /usr/bin/time -f '%U %S' -o "$work/cpu" "$base/$1/bin/kubectl-skupper" token issue "$3" -n west \
    >/dev/null 2>"$work/err" || { cat "$work/err" >&2; die "token issue failed ($1, $2)"; }
}
configs=(none naming all)
for b in "${builds[@]}"; do for c in "${configs[@]}"; do issue "$b" "$c" "$work/warm-$b-$c.yaml"; : >"$work/$b-$c.us"; : >"$work/$b-$c.cpu"; done; done   # not measured
# The kubectl yardstick, in the same rounds: the plain-kubectl equivalent of token issue (create the
# grant, wait for Ready, write the token with -o jsonpath: three kubectl processes).
kubectl_token() { # file, grant name
  printf 'apiVersion: skupper.io/v2alpha1\nkind: AccessGrant\nmetadata:\n  name: %s\nspec:\n  redemptionsAllowed: 1\n  expirationWindow: 15m\n' "$2" \
    | kubectl create -n west -f - >/dev/null \
    && kubectl wait -n west --for=condition=Ready "accessgrant/$2" --timeout=60s >/dev/null \
    && kubectl get -n west "accessgrant/$2" -o jsonpath='apiVersion: skupper.io/v2alpha1{"\n"}kind: AccessToken{"\n"}metadata:{"\n"}  name: {.metadata.name}{"\n"}spec:{"\n"}  url: {.status.url}{"\n"}  code: {.status.code}{"\n"}  linkCost: 1{"\n"}' >"$1" \
    || die "the kubectl token script failed ($2)"
}
kubectl_token "$work/warm-kubectl.yaml" warm-kubectl; : >"$work/kubectl.us"   # not measured
for i in $(seq 1 "$runs"); do
  for b in "${builds[@]}"; do
    for c in "${configs[@]}"; do
      t=$(now_us); issue "$b" "$c" "$work/$b-$c-$i.yaml"; echo $(( $(now_us) - t )) >>"$work/$b-$c.us"
      awk '{ printf "%d\n", ($1 + $2) * 1e6 }' "$work/cpu" >>"$work/$b-$c.cpu"
    done
  done
  t=$(now_us); kubectl_token "$work/kubectl-$i.yaml" "kubectl-$i"; echo $(( $(now_us) - t )) >>"$work/kubectl.us"
done

table() { # title, file suffix (us: wall time, cpu: user + system CPU time)
  printf '| %s, median of %s | %s |\n' "$1" "$runs" "$(printf '%s | ' "${builds[@]}" | sed 's/ | $//')"
  printf '| --- |%s\n' "$(printf ' --- |%.0s' "${builds[@]}")"
  local b c m label row
  declare -A none
  for b in "${builds[@]}"; do none[$b]=$(median <"$work/$b-none.$2"); done
  for c in "${configs[@]}"; do
    case $c in none) label="no hooks" ;; naming) label="naming.js" ;; all) label="all three examples" ;; esac
    row="| $label |"
    for b in "${builds[@]}"; do
      m=$(median <"$work/$b-$c.$2")
      if [[ $c == none ]]; then row+=" $(ms "$m") ms |"; else row+=" $(ms "$m") ms ($(delta "$m" "${none[$b]}")) |"; fi
    done
    echo "$row"
  done
  [[ $2 == us ]] && echo "| kubectl create + wait + get (yardstick, same rounds) | $(ms "$(median <"$work/kubectl.us")") ms |"
  echo
}
table "token issue, wall time" us
table "token issue, CPU time (user + system)" cpu
for b in "${builds[@]}"; do
  echo "$b: archive $(stat -c %s "$base/$b"/dist/kubectl-skupper-v*-linux-amd64.tar.gz) bytes"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(wc -l <"$SKUPPER_TOKEN_DROP/index.tsv") tokens delivered"
