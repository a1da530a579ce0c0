#!/usr/bin/env bash
# The test command: builds everything once, then runs every test project (in parallel) and the
# README demo. Needs the .NET SDK and kubectl, both on this machine kind, AdvanceCOMP and strace
# (installed below when missing); packages are restored from NuGet.
set -euo pipefail
# Plugins are refused when group- or other-writable (docs/plugins.md); the build output must not be.
umask 022
cd "$(dirname "$0")"

# Tools the tests need beyond the SDK and kubectl: AdvanceCOMP's advdef (packaging/krew/build.sh
# recompresses the release archive the packaging tests build), strace (the token tests watch the
# file system calls that write the secret token file), clang and zlib's headers (NativeAOT's linker). A fresh machine of this kind (Debian, root)
# gets them from Debian's packages.
missing=()
command -v advdef >/dev/null || missing+=(advancecomp)
command -v strace >/dev/null || missing+=(strace)
# The native executable (NativeAOT) links with clang against zlib.
command -v clang >/dev/null || missing+=(clang)
[ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
# The system tests start a Podman engine of their own (runc: crun fails under cgroups v1 hybrid) and build a stand-in
# router image from busybox-static.
command -v podman >/dev/null || missing+=(podman)
command -v runc >/dev/null || missing+=(runc)
{ [ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1; } || missing+=(busybox-static)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "test.sh: installing ${missing[*]} from Debian's packages" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "test.sh: missing on PATH: ${missing[*]} (Debian/Ubuntu and Homebrew package names); install them first" >&2
    exit 1
  fi
fi

# In CI the restore must match the committed packages.lock.json files exactly (NU1004 otherwise:
# a dependency changed without its lock file). Locally a restore updates them, to be committed.
restore=()
if [ "${CI:-}" = true ]; then restore=(-p:RestoreLockedMode=true); fi
# The end-to-end tests run what users get: the native kubectl-skupper, with the managed host (this
# build's src/Host output, bundled plugins included) beside it in lib/, as the release archive has them.
host_dir=$PWD/artifacts/test-host
dotnet build SkupperPlugin.sln -c Debug -nologo -clp:ErrorsOnly "${restore[@]}" -p:SkupperTestHostDir="$host_dir/"
rm -rf "$host_dir"
# As packaging/krew/build.sh publishes it: its own obj/ and bin/ (artifacts/native-build) and, through
# release.targets, a RID lock file of its own there; the locked RID-less restore above pinned the versions.
# Its trim and AOT warnings pass through packaging/native-warnings.sh, which fails on any of ours.
dotnet publish src/Native -c Release -r linux-x64 -nologo -v:q -clp:NoSummary --artifacts-path "$PWD/artifacts/native-build" \
  -p:CustomAfterMicrosoftCommonTargets="$PWD/packaging/krew/release.targets" -o "$host_dir" | packaging/native-warnings.sh >/dev/null
find "$host_dir" -maxdepth 1 -type f ! -name kubectl-skupper -delete
cp -R src/Host/bin/Debug/net10.0 "$host_dir/lib"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test SkupperPlugin.sln -c Debug --no-build --nologo 2>&1 | tee "$log" || status=$?

if [ -x ./demo.sh ]; then
  ./demo.sh || status=$?
fi

# One closing line over all test projects: "N passed, N failed".
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) { if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1) }
     }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
exit "$status"
