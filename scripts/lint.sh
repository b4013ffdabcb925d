#!/usr/bin/env bash
# Static analysis beyond go vet, with pinned tool versions that `go run`
# fetches through the Go module proxy (nothing to install by hand):
# staticcheck, and deadcode with the tests as roots (a function only tests
# call is not dead).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== staticcheck"
go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

echo "== deadcode -test"
dead="$(go run golang.org/x/tools/cmd/deadcode@v0.53.0 -test ./...)"
if [[ -n "$dead" ]]; then
  echo "deadcode: unreachable functions:" >&2
  echo "$dead" >&2
  exit 1
fi
