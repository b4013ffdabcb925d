#!/usr/bin/env bash
# fuzz.sh [DURATION] — run every go test -fuzz target for DURATION each (default 15s).
# CI runs it briefly; run it with a longer duration (e.g. 10m) to dig deeper.
# A crasher is written to the package's testdata/fuzz/ and becomes a regression
# test once committed.
set -euo pipefail
cd "$(dirname "$0")/.."
d="${1:-15s}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for pkg in $(go list ./...); do
  dir="$(go list -f '{{.Dir}}' "$pkg")"
  for t in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    echo "fuzz $pkg $t ($d)"
    if ! go test -run '^$' -fuzz "^$t\$" -fuzztime "$d" "$pkg" >"$log" 2>&1; then
      grep -v '^fuzz: elapsed' "$log" | tail -40 >&2
      exit 1
    fi
  done
done
