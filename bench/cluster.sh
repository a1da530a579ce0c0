#!/usr/bin/env bash
# Cluster-access benchmark on what users get: the linux-amd64 archive that packaging/krew/build.sh
# makes, unpacked as krew unpacks it and run directly (the krew link to the native kubectl-skupper;
# through kubectl, kubectl's own start adds ~80 ms to every command), against the sandbox with
# controller delays at 0.
#   1. Pairs, interleaved A B A B ... RUNS times in the same run, each timed with `date +%s%N`
#      around the one command: median of A, median of B, median of the per-pair ratio A/B.
#        site status:  kubectl-skupper site status        vs  kubectl get sites
#        token issue:  kubectl-skupper token issue FILE   vs  kubectl create + wait + get -o jsonpath
#        help:         kubectl-skupper --help             vs  kubectl version --client
#        grant status: the sample third-party plugin (samples/Skupper.Plugins.Grant) through the
#                      native kubectl-skupper vs the managed host lib/kubectl-skupper run directly,
#                      and beside kubectl get accessgrants
#      and site status's peak resident memory (GNU time's %M) vs kubectl get sites's, same pairs.
#   2. API requests per token issue (sandbox request log, namespaced lines, watches counted), with
#      the grant Ready at once and after a 200 ms grant delay.
#   3. Grant Ready -> token file written (controller off; this script writes the Ready status, as
#      bench/token-issue.sh part 3 does, once the command's watch has started).
#   4. The linux-amd64 archive's size.
# Prints a Markdown table with the cluster-access issue's targets.
#
#   bench/cluster.sh [RUNS]                     (RUNS default 11)
#   BENCH_KEEP=DIR bench/cluster.sh             build into DIR and keep it (dist/ krew/ sandbox/ build/ grant/)
#   BENCH_SKIP_BUILD=DIR bench/cluster.sh       no build: reuse what a BENCH_KEEP=DIR run left
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
die() { echo "cluster.sh: $*" >&2; exit 1; }

runs=${1:-11}
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive whole number, got \"$runs\" (usage: bench/cluster.sh [RUNS])"
for tool in kubectl tar awk dotnet; do command -v "$tool" >/dev/null || die "$tool not found on PATH"; done
[[ -x /usr/bin/time ]] || die "/usr/bin/time (GNU time: apt install time) not found"

work=$(mktemp -d "${TMPDIR:-/tmp}/skupper-cluster-bench.XXXXXX")
pids=()   # sandboxes, and a token issue running in the background (part 3)
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# Anything that fails without its own message below still says where.
trap 'echo "cluster.sh: failed (exit $?) at line $LINENO: $BASH_COMMAND" >&2' ERR
# shellcheck source=bench/lib.sh
. bench/lib.sh

# --- private HOME and XDG folders; the build users get, installed as krew installs it --------------
bench_private_home
bench_archive
bench_sandbox
bench_grant_plugin
# The third-party plugin goes into a user plugin folder of its own, used by the grant status runs
# only: every other measure runs with the bundled plugins alone, as before.
grant_data=$work/data-grant
mkdir -p "$grant_data/skupper/plugins"
cp -R "$grant" "$grant_data/skupper/plugins/grant"
with_grant() { XDG_DATA_HOME=$grant_data XDG_CACHE_HOME=$grant_data/cache "$@"; }

# --- helpers -------------------------------------------------------------------------------------
start_sandbox() { # name, flags...: starts it in the background, waits for its ready line
  local name=$1; shift
  dotnet "$sandbox_dll" --kubeconfig "$work/$name.kubeconfig" --log-requests "$@" \
    >"$work/$name.out" 2>"$work/$name.log" &
  pids+=($!)
  local pid=$! deadline=$((SECONDS + 60))
  until grep -q '^sandbox ready:' "$work/$name.out" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/$name.log" >&2; die "sandbox $name exited before it was ready"; }
    ((SECONDS < deadline)) || { cat "$work/$name.log" >&2; die "sandbox $name not ready after 60 s"; }
    sleep 0.1
  done
  export KUBECONFIG=$work/$name.kubeconfig
  printf 'apiVersion: skupper.io/v2alpha1\nkind: Site\nmetadata:\n  name: west\nspec:\n  linkAccess: default\n' \
    | kubectl apply -n west -f - >/dev/null || die "sandbox $name: could not create site west"
}
site_ready() { kubectl wait -n west --for=condition=Ready site/west --timeout=60s >/dev/null || die "site west not Ready"; }

kubectl_token() { # file, grant name: the plain-kubectl equivalent of token issue (3 processes)
  printf 'apiVersion: skupper.io/v2alpha1\nkind: AccessGrant\nmetadata:\n  name: %s\nspec:\n  redemptionsAllowed: 1\n  expirationWindow: 15m\n' "$2" \
    | kubectl create -n west -f - \
    && kubectl wait -n west --for=condition=Ready "accessgrant/$2" --timeout=60s \
    && kubectl get -n west "accessgrant/$2" -o jsonpath='apiVersion: skupper.io/v2alpha1{"\n"}kind: AccessToken{"\n"}metadata:{"\n"}  name: {.metadata.name}{"\n"}spec:{"\n"}  url: {.status.url}{"\n"}  code: {.status.code}{"\n"}  linkCost: 1{"\n"}' >"$1"
}

# requests LOG FROM: the namespaced requests logged after line FROM, as "N (W watch)"
requests() {
  local lines
  lines=$(tail -n +"$(($2 + 1))" "$1" | grep '/namespaces/west/' || true)
  printf '%s (%s watch)\n' "$(grep -c . <<<"$lines" || true)" "$(grep -Ec 'watch=(true|1)[& ]' <<<"$lines" || true)"
}

# --- 1. pairs, controller on, delays 0 -----------------------------------------------------------
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
start_sandbox fast --delay 0
site_ready
# Warm-up, not measured: kubectl's discovery cache, the command index, the disk cache.
for warm in "$exe site status -n west" "kubectl get sites -n west" "$exe --help" \
  "kubectl version --client" "$exe token issue $work/warm.yaml -n west"; do
  $warm >/dev/null 2>"$work/last.err" || { cat "$work/last.err" >&2; die "warm-up failed: $warm"; }
done
kubectl_token "$work/warm-k.yaml" warm >/dev/null 2>"$work/last.err" || { cat "$work/last.err" >&2; die "warm-up failed: kubectl token script"; }

echo "timing $runs interleaved pairs of each measure..." >&2
for ((i = 1; i <= runs; i++)); do
  timed "$work/status.a" "$exe" site status -n west
  timed "$work/status.b" kubectl get sites -n west
done
: >"$work/requests.fast"
for ((i = 1; i <= runs; i++)); do
  from=$(wc -l <"$work/fast.log")
  timed "$work/token.a" "$exe" token issue "$work/s$i.yaml" -n west
  requests "$work/fast.log" "$from" >>"$work/requests.fast"
  timed "$work/token.b" kubectl_token "$work/k$i.yaml" "k$i"
done
for ((i = 1; i <= runs; i++)); do
  timed "$work/help.a" "$exe" --help
  timed "$work/help.b" kubectl version --client
done
# A third-party command: the native kubectl-skupper reads the command index and execs the managed
# host (lib/kubectl-skupper), which loads the plugin; the managed host run directly skips the first
# step. kubectl's own listing of the same resources for scale. The index is built by a first run.
with_grant "$exe" grant status -n west >"$work/grant.out" 2>&1 || { cat "$work/grant.out" >&2; die "grant status failed"; }
grep -q '^NAME' "$work/grant.out" || { cat "$work/grant.out" >&2; die "grant status listed no access grants"; }
with_grant "$managed" grant status -n west >/dev/null 2>&1 || die "lib/kubectl-skupper grant status failed"
for ((i = 1; i <= runs; i++)); do
  timed "$work/grant.a" with_grant "$exe" grant status -n west
  timed "$work/grant.b" with_grant "$managed" grant status -n west
  timed "$work/grant.c" kubectl get accessgrants -n west
done
cp "$work/grant.a" "$work/grantk.a"; cp "$work/grant.c" "$work/grantk.b"
# Peak resident memory of site status and of kubectl get sites (kB), pairs interleaved.
for ((i = 1; i <= runs; i++)); do
  rss "$work/rss.a" "$exe" site status -n west
  rss "$work/rss.b" kubectl get sites -n west
done
# The token files must be real tokens, else the comparison means nothing.
for ((i = 1; i <= runs; i++)); do
  for f in "$work/s$i.yaml" "$work/k$i.yaml"; do
    grep -q '^kind: AccessToken' "$f" && grep -Eq '^  code: .+' "$f" && grep -Eq '^  url: https://' "$f" \
      || die "$f is not an AccessToken with url and code"
  done
done

# --- 2. requests with a 200 ms grant delay (the wait has to watch) --------------------------------
start_sandbox slow --delay 0 --grant-delay 200ms
site_ready
"$exe" token issue "$work/warm2.yaml" -n west >/dev/null 2>"$work/last.err" \
  || { cat "$work/last.err" >&2; die "token issue failed (200 ms grant delay)"; }
: >"$work/requests.slow"
for ((i = 1; i <= runs; i++)); do
  from=$(wc -l <"$work/slow.log")
  "$exe" token issue "$work/d$i.yaml" -n west >/dev/null 2>"$work/last.err" \
    || { cat "$work/last.err" >&2; die "token issue failed (200 ms grant delay)"; }
  requests "$work/slow.log" "$from" >>"$work/requests.slow"
done

# --- 3. grant Ready -> token file, controller off --------------------------------------------------
start_sandbox off --controller off
ready_status='"conditions":[{"type":"Ready","status":"True","reason":"Ready","message":"OK","lastTransitionTime":"2025-01-01T00:00:00Z"}]'
kubectl patch -n west site/west --subresource=status --type=merge \
  -p "{\"status\":{\"status\":\"Ready\",\"message\":\"OK\",$ready_status}}" >/dev/null || die "could not make site west Ready"
ca=$(awk '/certificate-authority-data/ {print $2}' "$KUBECONFIG" | base64 -d | awk '{printf "%s\\n", $0}')
for ((i = 1; i <= runs; i++)); do
  from=$(wc -l <"$work/off.log")
  "$exe" token issue "$work/r$i.yaml" -n west --timeout 60s >/dev/null 2>"$work/r$i.err" &
  issue=$!
  pids+=("$issue")
  # The grant's name is in the command's watch request (fieldSelector=metadata.name=NAME); once the
  # sandbox has logged the watch, it is subscribed and the status write below reaches it.
  grant="" deadline=$((SECONDS + 30))
  while ((SECONDS < deadline)); do
    grant=$(tail -n +"$((from + 1))" "$work/off.log" | grep -E '/namespaces/west/accessgrants.*watch=(true|1)[& ]' \
      | sed -nE 's/.*metadata\.name(%3D|=)([a-z0-9.-]+).*/\2/p' | head -n 1 || true)
    [[ -n $grant ]] && break
    kill -0 "$issue" 2>/dev/null || break
    sleep 0.05
  done
  if [[ -z $grant ]]; then
    kill -0 "$issue" 2>/dev/null && die "token issue did not watch its grant within 30 s (controller off)"
    rc=0; wait "$issue" || rc=$?
    cat "$work/r$i.err" >&2; die "token issue exited (code $rc) before watching its grant (controller off)"
  fi
  kubectl patch -n west "accessgrant/$grant" --subresource=status --type=merge -p \
    "{\"status\":{\"status\":\"Ready\",\"message\":\"OK\",\"url\":\"https://127.0.0.1:1/grants/west/$grant\",\"code\":\"bench$i\",\"ca\":\"$ca\",$ready_status}}" >/dev/null || die "could not make access grant $grant Ready"
  wait "$issue" || { cat "$work/r$i.err" >&2; die "token issue failed (controller off)"; }
  unset 'pids[-1]'
  written=$(grep "PATCH /apis/skupper.io/v2alpha1/namespaces/west/accessgrants/$grant/status" "$work/off.log" | tail -n 1 | cut -d' ' -f1 || true)
  [[ -n $written ]] || die "the sandbox log has no status write for access grant $grant"
  echo $(( $(date -r "$work/r$i.yaml" +%s%3N) - $(date -u -d "$(date -u +%F) $written" +%s%3N) )) >>"$work/ready.ms"
done

# --- report --------------------------------------------------------------------------------------
ms() { awk '{printf "%.0f ms", $1 / 1000}'; }
pair_row() { # label, file prefix, target ratio, stretch ratio (optional)
  local a b r
  a=$(median <"$work/$2.a" | ms); b=$(median <"$work/$2.b" | ms)
  r=$(paste "$work/$2.a" "$work/$2.b" | awk '{print $1 / $2}' | median)
  printf '| %s | %s | %s | %.2fx | <= %sx%s: %s |\n' "$1" "$a" "$b" "$r" "$3" "${4:+ (stretch ${4}x)}" \
    "$(awk -v r="$r" -v t="$3" -v s="${4:-0}" 'BEGIN {print (r <= s ? "met, stretch too" : r <= t ? "met" : "missed")}')"
}
requests_cell() { # file: "4 (1 watch)" when every run agrees, else each outcome with its run count
  sort "$1" | uniq -c | sort -rn | awk -v n="$runs" '{c = $1; $1 = ""; sub(/^ /, "")
    out = out (out == "" ? "" : "; ") $0 (c == n ? "" : " in " c " runs")} END {print out}'
}
requests_met() { # every run at most 4 requests and at most one watch
  awk '{gsub(/[()]/, ""); if ($1 > 4 || $2 > 1) bad = 1} END {print (bad ? "missed" : "met")}' "$1"
}
ready_ms=$(median <"$work/ready.ms")
rss_row() { # label, file prefix: medians in MB and the median of the per-pair ratios
  printf '| %s | %.1f MB | %.1f MB | %.2fx | |\n' "$1" "$(median <"$work/$2.a" | awk '{print $1 / 1024}')" \
    "$(median <"$work/$2.b" | awk '{print $1 / 1024}')" "$(ratio "$work/$2.a" "$work/$2.b")"
}
plain_row() { # label, file prefix, B's label
  printf '| %s | %s | %s (%s) | %.2fx | |\n' "$1" "$(median <"$work/$2.a" | ms)" "$(median <"$work/$2.b" | ms)" "$3" \
    "$(ratio "$work/$2.a" "$work/$2.b")"
}
if [[ -n $archive ]]; then
  size_mb=$(stat -c %s "$archive" | awk '{printf "%.1f", $1 / 1e6}')
  size_met=$(awk -v s="$size_mb" 'BEGIN {print (s <= 50 ? "met" : "missed")}')
else
  size_mb="n/a"; size_met="no archive in $base/dist"
fi

echo
echo "| measure (median of $runs) | kubectl-skupper | kubectl | ratio | target |"
echo "| --- | --- | --- | --- | --- |"
pair_row 'site status vs `get sites`' status 2.0 1.5
pair_row 'token issue vs create+wait+get' token 0.5
pair_row '`--help` vs `version --client`' help 1.0 0.8
plain_row '`grant status` (third-party): native front vs `lib/kubectl-skupper`' grant 'managed host'
plain_row '`grant status` (third-party) vs `kubectl get accessgrants`' grantk kubectl
rss_row 'site status peak RSS vs `get sites`' rss
printf '| grant Ready -> token file written | %s ms | | | <= 20 ms: %s |\n' "$ready_ms" \
  "$(awk -v m="$ready_ms" 'BEGIN {print (m <= 20 ? "met" : "missed")}')"
printf '| API requests per token issue, grant Ready at once | %s | | | <= 4, one watch: %s |\n' \
  "$(requests_cell "$work/requests.fast")" "$(requests_met "$work/requests.fast")"
printf '| API requests per token issue, grant Ready after 200 ms | %s | | | <= 4, one watch: %s |\n' \
  "$(requests_cell "$work/requests.slow")" "$(requests_met "$work/requests.slow")"
printf '| linux-amd64 archive | %s MB | | | <= 50 MB: %s |\n' "$size_mb" "$size_met"
echo
echo "Machine: $(nproc) cores, load average $load_before at start, $(cut -d' ' -f1-3 /proc/loadavg) at end;" \
  "$(date -u '+%Y-%m-%d %H:%M UTC'); build $build_s; total $((SECONDS - started)) s."
