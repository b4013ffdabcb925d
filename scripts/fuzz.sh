#!/usr/bin/env bash
# fuzz.sh [DURATION] — run every go test -fuzz target for DURATION each (default 15s).
# CI runs it briefly; run it with a longer duration (e.g. 10m) to dig deeper.
# A crasher is written to the package's testdata/fuzz/ and becomes a regression
# test once committed.
set -euo pipefail
cd "$(dirname "$0")/.."
d="${1:-15s}"
for pkg in $(go list ./...); do
  dir="$(go list -f '{{.Dir}}' "$pkg")"
  for t in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    echo "fuzz $pkg $t ($d)"
    go test -run '^$' -fuzz "^$t\$" -fuzztime "$d" "$pkg" >/dev/null
  done
done
