#!/usr/bin/env bash
# Static analysis beyond go vet, with pinned tool versions that `go run`
# fetches through the Go module proxy (nothing to install by hand):
# staticcheck, deadcode with the tests as roots (a function only tests
# call is not dead), and gocyclo (no function above 30, tests aside).
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

echo "== gocyclo -over 30"
# gocyclo exits 1 when it lists a function: the output decides.
cyclo="$(go run github.com/fzipp/gocyclo/cmd/gocyclo@v0.6.0 -over 30 -ignore '_test' . 2>&1)" || true
if [[ -n "$cyclo" ]]; then
  echo "gocyclo: functions above 30 (split them into named steps):" >&2
  echo "$cyclo" >&2
  exit 1
fi
