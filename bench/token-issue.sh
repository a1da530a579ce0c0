#!/usr/bin/env bash
# Measures `kubectl-skupper token issue` against the sandbox with controller delays at 0, on what
# users get: the linux-amd64 archive that packaging/krew/build.sh makes, unpacked as krew unpacks it,
# run directly (the krew link to the native kubectl-skupper):
#   1. median wall time over RUNS runs, beside the equivalent plain kubectl script, interleaved;
#   2. API requests made by one token issue (from the sandbox request log);
#   3. delay from the grant turning Ready to the token file existing (controller off; the
#      script writes the Ready status itself; sandbox log time of that write vs file mtime).
# Usage: bench/token-issue.sh [RUNS]   (RUNS default 10; prints a table)
#   BENCH_KEEP=DIR / BENCH_SKIP_BUILD=DIR: build into DIR and keep it / reuse it (bench/lib.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
work=$(mktemp -d "${TMPDIR:-/tmp}/skupper-bench.XXXXXX")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT INT TERM
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_private_home
bench_archive
bench_sandbox

start_sandbox() { # name, extra flags...
  local name=$1; shift
  dotnet "$sandbox_dll" --kubeconfig "$work/$name.kubeconfig" --log-requests "$@" \
    >"$work/$name.out" 2>"$work/$name.log" &
  pids+=($!)
  for _ in $(seq 1 300); do grep -q '^sandbox ready:' "$work/$name.out" 2>/dev/null && return 0; sleep 0.1; done
  echo "sandbox $name did not start" >&2; cat "$work/$name.log" >&2; exit 1
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# --- 1 and 2: controller on, delays 0 ---------------------------------------------------------
start_sandbox fast --delay 0
export KUBECONFIG="$work/fast.kubeconfig"
printf 'apiVersion: skupper.io/v2alpha1\nkind: Site\nmetadata:\n  name: west\nspec:\n  linkAccess: default\n' \
  | kubectl apply -n west -f - >/dev/null
kubectl wait -n west --for=condition=Ready site/west --timeout=30s >/dev/null
"$exe" token issue "$work/warm.yaml" >/dev/null 2>&1   # warm the disk cache, not measured

: >"$work/skupper.ms"; : >"$work/kubectl.ms"
for i in $(seq 1 "$runs"); do
  t=$(now_ms); "$exe" token issue "$work/t$i.yaml" >/dev/null 2>&1; echo $(( $(now_ms) - t )) >>"$work/skupper.ms"
  printf 'apiVersion: skupper.io/v2alpha1\nkind: AccessGrant\nmetadata:\n  name: k%s\nspec:\n  redemptionsAllowed: 1\n  expirationWindow: 15m\n' "$i" >"$work/grant.yaml"
  t=$(now_ms)
  kubectl create -n west -f "$work/grant.yaml" >/dev/null
  kubectl wait -n west --for=condition=Ready "accessgrant/k$i" --timeout=60s >/dev/null
  kubectl get -n west "accessgrant/k$i" -o jsonpath='apiVersion: skupper.io/v2alpha1{"\n"}kind: AccessToken{"\n"}metadata:{"\n"}  name: {.metadata.name}{"\n"}spec:{"\n"}  url: {.status.url}{"\n"}  code: {.status.code}{"\n"}  linkCost: 1{"\n"}' >"$work/k$i.yaml"
  echo $(( $(now_ms) - t )) >>"$work/kubectl.ms"
done
skupper_ms=$(median <"$work/skupper.ms"); kubectl_ms=$(median <"$work/kubectl.ms")

# One run, its requests counted from the log (namespace-scoped lines only).
before=$(wc -l <"$work/fast.log")
"$exe" token issue "$work/count.yaml" >/dev/null 2>&1
tail -n +"$((before + 1))" "$work/fast.log" | grep '/namespaces/west/' >"$work/one.log" || true
requests=$(wc -l <"$work/one.log"); watches=$(grep -c 'watch=true' "$work/one.log" || true)

# Same count with a 200 ms grant delay, where the wait has to watch.
start_sandbox slow --delay 0 --grant-delay 200ms
export KUBECONFIG="$work/slow.kubeconfig"
printf 'apiVersion: skupper.io/v2alpha1\nkind: Site\nmetadata:\n  name: west\nspec:\n  linkAccess: default\n' \
  | kubectl apply -n west -f - >/dev/null
kubectl wait -n west --for=condition=Ready site/west --timeout=30s >/dev/null
before=$(wc -l <"$work/slow.log")
"$exe" token issue "$work/count2.yaml" >/dev/null 2>&1
tail -n +"$((before + 1))" "$work/slow.log" | grep '/namespaces/west/' >"$work/two.log" || true
requests2=$(wc -l <"$work/two.log"); watches2=$(grep -c 'watch=true' "$work/two.log" || true)

# --- 3: Ready -> file, controller off, status written by this script ----------------------------
start_sandbox off --controller off
export KUBECONFIG="$work/off.kubeconfig"
ca=$(awk '/certificate-authority-data/ {print $2}' "$work/off.kubeconfig" | base64 -d | sed 's/$/\\n/' | tr -d '\n')
kubectl apply -n west -f - >/dev/null <<'YAML'
apiVersion: skupper.io/v2alpha1
kind: Site
metadata:
  name: west
spec:
  linkAccess: default
YAML
kubectl patch -n west site/west --subresource=status --type=merge -p \
  '{"status":{"status":"Ready","message":"OK","conditions":[{"type":"Ready","status":"True","reason":"Ready","message":"OK","lastTransitionTime":"2025-01-01T00:00:00Z"}]}}' >/dev/null
: >"$work/delay.ms"
for i in $(seq 1 "$runs"); do
  known=$(kubectl get -n west accessgrants -o name)
  "$exe" token issue "$work/r$i.yaml" --timeout 30s >/dev/null 2>&1 &
  issue=$!
  grant=""
  for _ in $(seq 1 200); do
    grant=$(comm -13 <(echo "$known" | sort) <(kubectl get -n west accessgrants -o name | sort) | head -1 | sed 's|.*/||')
    [[ -n "$grant" ]] && break; sleep 0.05
  done
  sleep 0.3   # let the command's watch start
  kubectl patch -n west "accessgrant/$grant" --subresource=status --type=merge -p \
    "{\"status\":{\"status\":\"Ready\",\"message\":\"OK\",\"url\":\"https://127.0.0.1:1/grants/west/$grant\",\"code\":\"bench$i\",\"ca\":\"$ca\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"Ready\",\"message\":\"OK\",\"lastTransitionTime\":\"2025-01-01T00:00:00Z\"}]}}" >/dev/null
  wait "$issue"
  written=$(grep "PATCH /apis/skupper.io/v2alpha1/namespaces/west/accessgrants/$grant/status" "$work/off.log" | tail -1 | awk '{print $1}')
  w_ms=$(date -d "$(date +%F) $written" +%s%3N)
  f_ms=$(date -r "$work/r$i.yaml" +%s%3N)
  echo $(( f_ms - w_ms )) >>"$work/delay.ms"
done
delay_ms=$(median <"$work/delay.ms")

printf '\n%-58s %s\n' "measure (median of $runs runs, sandbox delays 0)" "value"
printf '%-58s %s\n' "----------------------------------------------------------" "------"
printf '%-58s %s ms\n' "kubectl-skupper token issue (run directly), wall time" "$skupper_ms"
printf '%-58s %s ms\n' "kubectl create + wait + get -o jsonpath, wall time" "$kubectl_ms"
printf '%-58s %.2fx\n' "ratio (median of the per-run ratios)" "$(ratio "$work/skupper.ms" "$work/kubectl.ms")"
printf '%-58s %s (%s watch)\n' "API requests, one token issue (grant Ready at once)" "$requests" "$watches"
printf '%-58s %s (%s watch)\n' "API requests, one token issue (grant Ready after 200ms)" "$requests2" "$watches2"
printf '%-58s %s ms\n' "grant Ready (status write) -> token file written" "$delay_ms"
echo "archive $(basename "${archive:-?}"); load average $(cut -d' ' -f1-3 /proc/loadavg); build $build_s"
