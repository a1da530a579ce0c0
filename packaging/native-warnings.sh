#!/usr/bin/env bash
# Reads the output of the native publish (dotnet publish src/Native) on stdin, passes it through, and fails when
# ILC reported a trim or AOT analysis warning from anything but Jint or McMaster.Extensions.CommandLineUtils, whose
# warnings are listed and explained in src/Native/Native.csproj. Ours must stay at none.
set -uo pipefail
log=$(mktemp)
trap 'rm -f "$log"' EXIT
tee "$log"
ours=$(grep -E '(Trim|AOT) analysis (warning|error) IL[0-9]+' "$log" | grep -vE '(Trim|AOT) analysis (warning|error) IL[0-9]+: (Jint|McMaster\.Extensions\.CommandLineUtils)\.' | sort -u)
if [ -n "$ours" ]; then
  echo "native-warnings.sh: the native build has trim or AOT warnings outside Jint and McMaster:" >&2
  echo "$ours" >&2
  exit 1
fi
