#!/usr/bin/env bash
# Checks that a release build is reproducible: clones the repository twice, at two different paths
# (of different lengths, so a leaked absolute path changes the bytes), runs
# packaging/krew/build.sh in each and compares the archives byte for byte. On a difference it
# lists the files inside the archives that differ.
#
#   packaging/check-reproducible.sh [--platforms linux-amd64] [--ref HEAD] [--keep]
#
# Builds the committed tree at --ref (uncommitted changes are not in a clone). Takes two release
# builds' time (about 2 min for linux-amd64 on 2 cores). Exit 0: identical; 1: they differ.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
platforms=linux-amd64
ref=HEAD
keep=false
while [ $# -gt 0 ]; do
  case $1 in
    --platforms) platforms=${2:?}; shift 2 ;;
    --ref) ref=${2:?}; shift 2 ;;
    --keep) keep=true; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "check-reproducible.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

commit=$(git -C "$repo" rev-parse --verify -q "$ref^{commit}") \
  || { echo "check-reproducible.sh: --ref $ref names no commit of $repo (a tag, branch or commit id)" >&2; exit 2; }
root=$(mktemp -d "${TMPDIR:-/tmp}/skupper-repro-XXXXXX")
$keep || trap 'rm -rf "$root"' EXIT
umask 022

build() {
  local dir=$1
  git clone -q --no-hardlinks "$repo" "$dir"
  git -C "$dir" checkout -q --detach "$commit"
  echo "== building $commit in $dir" >&2
  "$dir/packaging/krew/build.sh" --platforms "$platforms" --out "$dir/dist" \
    --manifest "$dir/dist/skupper.yaml" >"$dir.log" 2>&1 \
    || { tail -30 "$dir.log" >&2; echo "check-reproducible.sh: build in $dir failed" >&2; exit 2; }
}

a=$root/a
b=$root/clone-at-a-longer-path/b
mkdir -p "$(dirname "$b")"
build "$a"
build "$b"

status=0
for f in "$a"/dist/*; do
  name=$(basename "$f")
  if cmp -s "$f" "$b/dist/$name"; then
    echo "same      $(sha256sum "$f" | cut -d' ' -f1)  $name"
  else
    status=1
    echo "DIFFERENT $name"
    case $name in
      *.tar.gz)
        mkdir -p "$root/x/a/$name" "$root/x/b/$name"
        tar -xzf "$f" -C "$root/x/a/$name"; tar -xzf "$b/dist/$name" -C "$root/x/b/$name"
        diff -rq "$root/x/a/$name" "$root/x/b/$name" | sed 's/^/  /' || true ;;
      *.zip)
        diff <(unzip -Z -l "$f" | sed 1d) <(unzip -Z -l "$b/dist/$name" | sed 1d) | sed 's/^/  /' || true ;;
    esac
  fi
done
[ $status = 0 ] && echo "reproducible: $platforms at $commit" || echo "NOT reproducible: $platforms at $commit"
exit $status
