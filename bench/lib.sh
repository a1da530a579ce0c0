# Sourced by the bench scripts (bash). What users get, as they get it: the linux-amd64 archive that
# packaging/krew/build.sh makes, unpacked as krew unpacks it (store/skupper/<version>/, every entry
# of the archive being named in the manifest's files, and bin/kubectl-skupper linked to its bin),
# and run directly. Timing with bash and date(1); peak memory with GNU time (/usr/bin/time).
#
#   BENCH_KEEP=DIR        build into DIR and keep it (dist/ krew/ build/ and what the script adds)
#   BENCH_SKIP_BUILD=DIR  no build: reuse what a BENCH_KEEP=DIR run left
#
# The scripts set `work` (a private temporary folder) before sourcing this file.

bench_die() { echo "$(basename "$0"): $*" >&2; exit 1; }

# Private HOME and XDG folders for everything started from here. The builds still use the
# machine's NuGet package folder (a private one would download every package again).
bench_private_home() {
  export NUGET_PACKAGES=${NUGET_PACKAGES:-$HOME/.nuget/packages}
  export HOME=$work/home DOTNET_CLI_HOME=$work/home
  export XDG_CONFIG_HOME=$HOME/.config XDG_CACHE_HOME=$HOME/.cache XDG_DATA_HOME=$HOME/.local/share
  export XDG_STATE_HOME=$HOME/.local/state KUBECACHEDIR=$HOME/.kube/cache
  export SKUPPER_DATA_HOME=$XDG_DATA_HOME/skupper SKUPPER_SYSTEM_HOOKS_DIR=$work/no-system-hooks
  unset SKUPPER_PLUGIN_PATH SKUPPER_HOOKS_PATH SKUPPER_PLATFORM SKUPPER_DEBUG KUBECONFIG
  mkdir -p "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$SKUPPER_SYSTEM_HOOKS_DIR"
}

# Builds (or reuses) the archive and installs it as krew does. Sets: base, archive, version, store,
# bin_dir, exe (the krew link: the native kubectl-skupper), managed (the managed host, lib/kubectl-skupper).
bench_archive() {
  if [[ -n ${BENCH_SKIP_BUILD:-} ]]; then
    base=$(cd "$BENCH_SKIP_BUILD" 2>/dev/null && pwd) || bench_die "BENCH_SKIP_BUILD=$BENCH_SKIP_BUILD is not a folder"
    [[ -x $base/krew/bin/kubectl-skupper ]] \
      || bench_die "BENCH_SKIP_BUILD=$base holds no krew/bin/kubectl-skupper; make one with: BENCH_KEEP=$base $0"
    build_s=skipped
  else
    base=${BENCH_KEEP:-$work/install}
    mkdir -p "$base" && base=$(cd "$base" && pwd)
    rm -rf "$base/dist" "$base/krew" "$base/skupper.yaml"
    local t0=$SECONDS
    echo "building the linux-amd64 archive with packaging/krew/build.sh (several minutes)..." >&2
    packaging/krew/build.sh --platforms linux-amd64 --out "$base/dist" --work "$base/build" \
      --manifest "$base/skupper.yaml" >"$work/build.log" 2>&1 \
      || { tail -n 30 "$work/build.log" >&2; bench_die "packaging/krew/build.sh failed (last lines above)"; }
    local file sha v
    file=$(ls "$base"/dist/kubectl-skupper-v*-linux-amd64.tar.gz) || bench_die "build.sh made no linux-amd64 archive"
    v=$(awk '$1 == "version:" {print $2; exit}' "$base/skupper.yaml")
    sha=$(awk '$1 == "sha256:" {print $2; exit}' "$base/skupper.yaml")
    [[ $(sha256sum "$file" | cut -d' ' -f1) == "$sha" ]] || bench_die "archive sha256 differs from the manifest's"
    mkdir -p "$base/krew/store/skupper/$v" "$base/krew/bin"
    tar -xzf "$file" -C "$base/krew/store/skupper/$v"
    ln -s "$base/krew/store/skupper/$v/kubectl-skupper" "$base/krew/bin/kubectl-skupper"
    build_s="$((SECONDS - t0)) s"
  fi
  archive=$(ls "$base"/dist/kubectl-skupper-v*-linux-amd64.tar.gz 2>/dev/null | head -n 1 || true)
  bin_dir=$base/krew/bin
  exe=$bin_dir/kubectl-skupper
  store=$(dirname "$(readlink -f "$exe")")
  version=$(basename "$store")
  managed=$store/lib/kubectl-skupper
  [[ -x $managed ]] || bench_die "$store has no lib/kubectl-skupper: not the native layout"
}

# A test fixture built into BENCH's own artifacts folder (never the checkout's bin/obj, which others
# build in): tests/Fixtures/DummyPlugin, a plugin whose command group is named after its folder, so
# N copies are N plugins. Sets dummy (its build output).
bench_dummy_plugin() {
  dummy=$base/dummy
  if [[ ! -f $dummy/Fixture.Dummy.dll ]]; then
    dotnet build tests/Fixtures/DummyPlugin/DummyPlugin.csproj -c Release --artifacts-path "$base/dummy-build" \
      -nologo -clp:ErrorsOnly >"$work/dummy-build.log" 2>&1 || { tail -n 30 "$work/dummy-build.log" >&2; bench_die "DummyPlugin build failed"; }
    rm -rf "$dummy"
    cp -R "$base/dummy-build/bin/DummyPlugin/release" "$dummy"
    rm -f "$dummy"/*.pdb
  fi
}

# The sample third-party plugin (samples/Skupper.Plugins.Grant) built as a third party builds it
# (as tests/ThirdParty.Tests do): a copy outside the checkout, against the SDK packed from this
# checkout, with a private package folder (a stale Skupper.Cli.Sdk never comes from a cache) that
# reads the machine's as a local source. Sets grant (its publish folder).
bench_grant_plugin() {
  grant=$base/grant
  [[ -f $grant/Skupper.Plugins.Grant.dll ]] && return 0
  local src=$base/grant-src machine=$NUGET_PACKAGES
  rm -rf "$src" "$grant"
  mkdir -p "$src"
  (cd samples/Skupper.Plugins.Grant && find . -type f ! -path './bin/*' ! -path './obj/*' ! -path './packages/*' ! -path './publish/*' \
    -exec cp --parents {} "$src/" \;)
  dotnet pack src/Sdk -c Release -o "$src/packages" --artifacts-path "$base/sdk-build" -nologo -clp:ErrorsOnly \
    >"$work/sdk-pack.log" 2>&1 || { tail -n 30 "$work/sdk-pack.log" >&2; bench_die "dotnet pack src/Sdk failed"; }
  local extra=()
  [[ -d $machine && ! -d $machine/skupper.cli.sdk ]] && extra=(-p:RestoreAdditionalProjectSources="$machine")
  NUGET_PACKAGES=$base/grant-nuget dotnet publish "$src/Skupper.Plugins.Grant.csproj" -c Release -o "$grant" \
    "${extra[@]}" -nologo -clp:ErrorsOnly >"$work/grant-build.log" 2>&1 \
    || { tail -n 30 "$work/grant-build.log" >&2; bench_die "the sample grant plugin failed to build"; }
  rm -f "$grant"/*.pdb
}

# timed FILE CMD...: appends CMD's wall time (µs) to FILE. The exit code is read after the clock
# stops; a failure ends the benchmark with the command's stderr.
timed() {
  local out=$1 s e rc=0; shift
  s=$(date +%s%N)
  "$@" >/dev/null 2>"$work/last.err" || rc=$?
  e=$(date +%s%N)
  ((rc == 0)) || { cat "$work/last.err" >&2; bench_die "exit code $rc during a timed run of: $*"; }
  echo $(((e - s) / 1000)) >>"$out"
}

# rss FILE CMD...: appends CMD's peak resident set size (kB, GNU time's %M) to FILE.
rss() {
  local out=$1; shift
  /usr/bin/time -f %M -o "$work/rss.one" "$@" >/dev/null 2>"$work/last.err" \
    || { cat "$work/last.err" >&2; bench_die "failed during a measured run of: $*"; }
  tail -n 1 "$work/rss.one" >>"$out"
}

median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
ms() { awk '{printf "%.1f ms", $1 / 1000}'; }

# ratio A B: median of the per-pair ratios of two files of the same length (runs interleaved).
ratio() { paste "$1" "$2" | awk '{print $1 / $2}' | median; }

# bench_sandbox: sets sandbox_dll, building the sandbox (test equipment) first when $base has none, in the
# bench's own artifacts folder (not src/*/obj, which others build in).
bench_sandbox() {
  sandbox_dll=$base/sandbox/bin/Sandbox/release/Sandbox.dll
  if [[ ! -f $sandbox_dll ]]; then
    dotnet build tests/Sandbox/Sandbox.csproj -c Release --artifacts-path "$base/sandbox" -nologo -clp:ErrorsOnly \
      >"$work/sandbox-build.log" 2>&1 || { tail -n 30 "$work/sandbox-build.log" >&2; bench_die "sandbox build failed"; }
  fi
}
