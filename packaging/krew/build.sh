#!/usr/bin/env bash
# Builds the krew release: one archive per platform and the krew manifest generated from
# skupper.yaml.in. linux-amd64 and linux-arm64: the native (NativeAOT) kubectl-skupper with the
# self-contained, ReadyToRun managed host in lib/; darwin and windows: that managed host at the
# archive's root.
# See packaging/krew/README.md.
#
#   packaging/krew/build.sh [--platforms linux-amd64,linux-arm64,darwin-amd64,darwin-arm64,windows-amd64]
#                           [--out DIR] [--work DIR] [--manifest FILE] [--release-url-base URL]
#                           [--version-check]
#
# Needs the .NET SDK (runtime packs come from NuGet), tar, gzip, zip (Windows only), jq, and
# AdvanceCOMP's advdef (advzip for Windows): Debian/Ubuntu "advancecomp", Homebrew "advancecomp";
# for the linux archives a Linux machine with clang and zlib's headers (NativeAOT's linker), and
# for linux-arm64 on x86_64 Debian's cross toolchain (gcc-aarch64-linux-gnu).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

all_platforms=linux-amd64,linux-arm64,darwin-amd64,darwin-arm64,windows-amd64
platforms=$all_platforms
out=$repo/artifacts/krew/dist
work=$repo/artifacts/krew/work
manifest=$here/skupper.yaml
release_url_base=${RELEASE_URL_BASE:-}
homepage=${HOMEPAGE:-https://skupper.io}
version_check=false

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "build.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case $1 in
    --platforms) platforms=${2:?}; shift 2 ;;
    --platforms=*) platforms=${1#*=}; shift ;;
    --out) out=${2:?}; shift 2 ;;
    --work) work=${2:?}; shift 2 ;;
    --manifest) manifest=${2:?}; shift 2 ;;
    --release-url-base) release_url_base=${2:?}; shift 2 ;;
    --version-check) version_check=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

rid_of() {
  case $1 in
    linux-amd64) echo linux-x64 ;;
    linux-arm64) echo linux-arm64 ;;
    darwin-amd64) echo osx-x64 ;;
    darwin-arm64) echo osx-arm64 ;;
    windows-amd64) echo win-x64 ;;
    *) return 1 ;;
  esac
}
# The platforms whose archive has the native executable. NativeAOT compiles for the OS it runs on:
# the linux archives on Linux (linux-arm64 on x86_64 with Debian's cross toolchain), darwin and
# windows would need a Mac and a Windows machine (README.md, "Native executable").
is_native() { case $1 in linux-amd64|linux-arm64) return 0 ;; *) return 1 ;; esac; }
IFS=, read -r -a plats <<<"$platforms"
[ ${#plats[@]} -gt 0 ] || die "no platforms given"
for p in "${plats[@]}"; do rid_of "$p" >/dev/null || die "unknown platform $p (choose from $all_platforms)"; done

for p in "${plats[@]}"; do
  case $p in windows-*) need=(zip advzip) ;; *) need=(tar gzip advdef) ;; esac
  for tool in jq "${need[@]}"; do
    command -v "$tool" >/dev/null \
      || die "$tool not found on PATH (needed for $p; advdef and advzip come with AdvanceCOMP: apt install advancecomp, brew install advancecomp)"
  done
  if is_native "$p"; then
    case "$p $(uname -sm)" in
      "linux-amd64 Linux x86_64"|"linux-arm64 Linux aarch64") ;;
      "linux-arm64 Linux x86_64")
        # Cross-compiled: clang --target=aarch64-linux-gnu finds Debian's cross binutils, libc and
        # libgcc (/usr/aarch64-linux-gnu, /usr/lib/gcc-cross) without a sysroot of its own.
        command -v aarch64-linux-gnu-ld >/dev/null && [ -e /usr/aarch64-linux-gnu/lib/libc.so ] \
          || die "$p's native executable is cross-compiled with Debian's arm64 toolchain: apt install gcc-aarch64-linux-gnu" ;;
      *) die "$p holds a native executable, which NativeAOT builds on Linux (this is $(uname -sm))" ;;
    esac
    command -v clang >/dev/null || die "clang not found on PATH (NativeAOT links $p with it: apt install clang zlib1g-dev)"
    [ -e /usr/include/zlib.h ] || die "zlib.h not found (NativeAOT links $p with zlib: apt install zlib1g-dev)"
  fi
done

host_proj=$repo/src/Host/Host.csproj
native_proj=$repo/src/Native/Native.csproj
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The one version source: SkupperCliVersion in Directory.Build.props, as MSBuild evaluates it.
info=$(dotnet msbuild "$host_proj" -p:Configuration=Release -getProperty:Version -getItem:BundledPlugin)
version=$(jq -r '.Properties.Version' <<<"$info")
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "Version \"$version\" is not MAJOR.MINOR.PATCH"
tag=v$version
release_url_base=${release_url_base:-https://github.com/skupperproject/kubectl-skupper/releases/download/$tag}
release_url_base=${release_url_base%/}
# Bundled plugins as Host.csproj lists them: "<name> <project path>" lines.
bundled=$(jq -r '.Items.BundledPlugin[] | "\(.PluginName) \(.FullPath)"' <<<"$info")
[ -n "$bundled" ] || die "Host.csproj lists no BundledPlugin"

mkdir -p "$out" "$work"
out=$(cd "$out" && pwd)
work=$(cd "$work" && pwd)
# Our own obj/ and bin/ (not src/*/obj), so a release build never races the developers' builds.
artifacts=$work/artifacts
# A fixed time stamp for the archive entries (the last commit's, else the epoch).
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct 2>/dev/null || echo 0)}

common_props=(
  -c Release
  --artifacts-path "$artifacts"
  -p:CustomAfterMicrosoftCommonTargets="$here/release.targets"
  # Reproducible bytes: source paths mapped to /_/ and no build-machine specifics (see
  # packaging/check-reproducible.sh, which builds twice from two clones and compares).
  -p:ContinuousIntegrationBuild=true -p:Deterministic=true
  -p:DebugType=none -p:DebugSymbols=false
  -p:GenerateDocumentationFile=false
  -p:PublishDocumentationFiles=false -p:PublishReferencesDocumentationFiles=false
  -p:SatelliteResourceLanguages=en
  -nologo
)
# The managed host and its plugins: ReadyToRun.
msbuild_props=("${common_props[@]}" -clp:ErrorsOnly -p:PublishReadyToRun=true)

# One platform's archive tree: the managed host + runtime with plugins/<name>/ (in lib/ beside the
# native kubectl-skupper where there is one, else at the root), hooks/, LICENSE, completion helper.
stage_platform() {
  local plat=$1 rid stage host exe complete
  rid=$(rid_of "$plat")
  stage=$work/stage/$plat
  host=$stage
  is_native "$plat" && host=$stage/lib
  rm -rf "$stage"
  mkdir -p "$host"
  echo "== $plat ($rid): publishing the managed kubectl-skupper, self-contained, ReadyToRun" >&2
  dotnet publish "$host_proj" -r "$rid" --self-contained true "${msbuild_props[@]}" -o "$host"
  # BundlePlugins.targets copies the plugins' RID-less build output, which a -r publish does not
  # have; publish each plugin for the same RID (ReadyToRun, framework from the host) instead.
  rm -rf "$host/plugins"
  while read -r name proj; do
    echo "== $plat: plugin $name" >&2
    dotnet publish "$proj" -r "$rid" --self-contained false "${msbuild_props[@]}" -o "$host/plugins/$name"
    # A plugin's runtimeconfig is unused (the host's runtime loads it) and names a framework.
    rm -f "$host/plugins/$name"/*.runtimeconfig.json
  done <<<"$bundled"
  # Nothing for debugging or IntelliSense in a user's install: symbols, XML docs, and the
  # runtime's debugger/dump support (DAC, DBI, createdump, the PDB reader) and its alternative GCs
  # (chosen only through DOTNET_GCName). The host runs without them; deps.json stops naming them.
  find "$stage" \( -name '*.pdb' -o -name '*.dbg' -o -name '*.xml' \) -type f -delete
  local strip='^((lib)?mscordaccore.*|(lib)?mscordbi\.(so|dylib|dll)|createdump(\.exe)?|(lib)?clrgc(exp)?\.(so|dylib|dll)|Microsoft\.DiaSymReader\.Native\..*\.dll)$'
  find "$host" -maxdepth 1 -type f | while read -r f; do
    if [[ $(basename "$f") =~ $strip ]]; then rm -f "$f"; fi
  done
  local deps=$host/kubectl-skupper.deps.json
  jq --arg re "$strip" 'walk(if type == "object" and has("native")
      then .native |= with_entries(select((.key | split("/") | last | test($re)) | not)) else . end)' \
    "$deps" >"$deps.tmp" && mv "$deps.tmp" "$deps"

  if is_native "$plat"; then
    # The native executable (src/Native: the host and the bundled plugins compiled ahead of time),
    # which answers every bundled command and execs lib/kubectl-skupper for third-party ones. Of its
    # publish output only the executable: no .dbg, .pdb or .xml. The same reproducibility
    # properties; not ReadyToRun (that is the managed host's).
    local native=$work/native/$plat
    rm -rf "$native"
    echo "== $plat ($rid): publishing the native kubectl-skupper (NativeAOT)" >&2
    # Warnings shown (-v:q) for packaging/native-warnings.sh, which fails on any trim or AOT warning of ours.
    dotnet publish "$native_proj" -r "$rid" "${common_props[@]}" -v:q -clp:NoSummary -o "$native" \
      | "$repo/packaging/native-warnings.sh" >/dev/null
    [ -f "$native/kubectl-skupper" ] || die "$plat: the native publish made no kubectl-skupper"
    cp "$native/kubectl-skupper" "$stage/kubectl-skupper"
  fi

  mkdir -p "$stage/hooks"
  if [ -d "$repo/hooks" ]; then
    find "$repo/hooks" -maxdepth 1 -name '*.js' -type f -exec cp {} "$stage/hooks/" \;
  fi
  cp "$repo/LICENSE" "$stage/LICENSE"
  case $plat in
    windows-*) exe=kubectl-skupper.exe; complete=kubectl_complete-skupper.cmd ;;
    *) exe=kubectl-skupper; complete=kubectl_complete-skupper ;;
  esac
  cp "$here/$complete" "$stage/$complete"
  [ -f "$stage/$exe" ] || die "$plat: $exe missing from the publish output"
  chmod 0755 "$stage/$exe"
  if [ "$host" != "$stage" ]; then
    [ -f "$host/$exe" ] || die "$plat: lib/$exe (the managed host) missing from the publish output"
    chmod 0755 "$host/$exe"
  fi
  [ "${complete##*.}" = cmd ] || chmod 0755 "$stage/$complete"
  # krew unpacks with the archive's modes (less the user's umask), and the host refuses plugin
  # folders and files that group or others may write (docs/plugins.md): a builder whose umask is
  # 002 must not hand that on, to the archive or to the version check below.
  chmod -R go-w "$stage"
}

archive_platform() {
  local plat=$1 stage=$work/stage/$1 file
  case $plat in
    windows-*)
      file=$out/kubectl-skupper-$tag-$plat.zip
      rm -f "$file"
      # Sorted names (directories too: an empty hooks/ must still be there) and the fixed time stamp.
      (cd "$stage" && find . -mindepth 1 | LC_ALL=C sort | sed 's|^\./||' \
        | while read -r f; do touch -h -d "@$epoch" "$f"; echo "$f"; done \
        | zip -q -9 -X "$file" -@)
      advzip -z -3 -q "$file"
      ;;
    *)
      file=$out/kubectl-skupper-$tag-$plat.tar.gz
      tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" \
        --format=gnu -C "$stage" -cf - . | gzip -9 -n >"$file"
      # The same gzip stream (header untouched: no name, no time), deflated again by 7-Zip's
      # encoder: 4% smaller in 15 s (41.02 MB -> 39.40 MB for linux-amd64, which is what lets Jint
      # be ReadyToRun under 40 MB); zopfli (pigz -11) gains 0.1 MB more in 3.5 min. Same input,
      # same bytes, so reproducible builds stay reproducible.
      advdef -z -3 -q "$file"
      ;;
  esac
  echo "$file"
}

version_check_platform() {
  # The archive's own executable must report the version the manifest will carry: the native one
  # (its bundled plugins linked in) and, where it has one, the managed host in lib/ too (which
  # loads them from lib/plugins/ and runs every third-party command).
  # A cross-compiled linux-arm64 native executable is checked through qemu-user when it is
  # installed (apt install qemu-user); its managed host is not.
  local plat=$1 exe run=() exes=(kubectl-skupper lib/kubectl-skupper)
  case $plat in
    linux-amd64) [ "$(uname -sm)" = "Linux x86_64" ] || return 0 ;;
    linux-arm64)
      if [ "$(uname -sm)" = "Linux x86_64" ] && command -v qemu-aarch64 >/dev/null; then
        run=(qemu-aarch64 -L /usr/aarch64-linux-gnu); exes=(kubectl-skupper)
      else
        [ "$(uname -sm)" = "Linux aarch64" ] || return 0
      fi ;;
    darwin-amd64) [ "$(uname -sm)" = "Darwin x86_64" ] || return 0 ;;
    darwin-arm64) [ "$(uname -sm)" = "Darwin arm64" ] || return 0 ;;
    *) return 0 ;;
  esac
  for exe in "${exes[@]}"; do
    [ -e "$work/stage/$plat/$exe" ] || continue
    local printed
    printed=$(HOME=$work/home XDG_CACHE_HOME=$work/home/cache XDG_DATA_HOME=$work/home/data \
      SKUPPER_PLUGIN_PATH= "${run[@]}" "$work/stage/$plat/$exe" version)
    grep -Eq "^kubectl-skupper +$version\$" <<<"$printed" \
      || die "version check: $plat $exe prints \"$printed\", expected kubectl-skupper $version"
    while read -r name _; do
      grep -Eq "^plugin $name +$version\$" <<<"$printed" \
        || die "version check: $plat $exe: bundled plugin $name is not $version: \"$printed\""
    done <<<"$bundled"
  done
  echo "== $plat: version check ok ($version${run:+, through ${run[0]}})" >&2
}

# Builds the manifest: the header of the template once, its #platform…#end block once per archive.
write_manifest() {
  local tmp=$manifest.tmp header block entries=""
  header=$(sed '/^#platform$/,$d' "$here/skupper.yaml.in")
  block=$(sed -n '/^#platform$/,/^#end$/p' "$here/skupper.yaml.in" | sed '1d;$d')
  for plat in "${plats[@]}"; do
    local os=${plat%-*} arch=${plat#*-} file bin complete sha
    file=$(ls "$out"/kubectl-skupper-"$tag"-"$plat".*)
    sha=$(sha256sum "$file" | cut -d' ' -f1)
    case $os in
      windows) bin=kubectl-skupper.exe; complete=kubectl_complete-skupper.cmd ;;
      *) bin=kubectl-skupper; complete=kubectl_complete-skupper ;;
    esac
    # The layout's own entries (@FILES_COMMENT@, @PAYLOAD@ and @RUNTIME@ are whole lines): lib/
    # beside a native executable; else plugins/ and "*", the .NET runtime the executable runs on,
    # which must stay beside it ("*" must match something: krew fails on an empty glob).
    local comment payload runtime
    if is_native "$plat"; then
      comment='    # kubectl-skupper is native; lib/ holds the .NET host it runs third-party plugins in.'
      payload=$'    - from: lib\n      to: .'
      runtime=''
    else
      comment='    # "*" last: the .NET runtime kubectl-skupper runs on, which must stay beside it.'
      payload=$'    - from: plugins\n      to: .'
      runtime=$'    - from: "*"\n      to: .'
    fi
    local b=$block
    b=${b//@FILES_COMMENT@/$comment}
    b=${b//@PAYLOAD@/$payload}
    b=${b//@RUNTIME@/$runtime}
    b=$(grep -v '^$' <<<"$b")
    entries+=$(sed -e "s|@OS@|$os|g; s|@ARCH@|$arch|g; s|@SHA256@|$sha|g; s|@BIN@|$bin|g" \
      -e "s|@COMPLETE@|$complete|g; s|@URI@|$release_url_base/$(basename "$file")|g" <<<"$b")
    entries+=$'\n'
  done
  { sed -e "s|@VERSION@|$tag|g; s|@HOMEPAGE@|$homepage|g" <<<"$header"; printf '%s' "$entries"; } >"$tmp"
  mv "$tmp" "$manifest"
}

[ -f "$repo/LICENSE" ] || die "LICENSE missing at the repository root"
start=$SECONDS
for plat in "${plats[@]}"; do
  stage_platform "$plat"
  $version_check && version_check_platform "$plat"
  file=$(archive_platform "$plat")
  echo "== $plat: $(basename "$file") $(stat -c %s "$file") bytes" >&2
done
mkdir -p "$(dirname "$manifest")"
write_manifest
echo "== manifest $manifest ($tag, ${#plats[@]} platforms) in $((SECONDS - start)) s" >&2
