#!/usr/bin/env bash
# fuzz.sh [DURATION] — run every go test -fuzz target for DURATION each (default 15s).
# CI runs it briefly; run it with a longer duration (e.g. 10m) to dig deeper.
# A crasher is written to the package's testdata/fuzz/ and becomes a regression
# test once committed.
#
# Go 1.26's fuzz coordinator can end a duration-bounded run with a bare
# "context deadline exceeded" and no failing input when the -fuzztime deadline
# races a busy worker (https://go.dev/issue/75804, fixed in Go 1.27). A run
# that fails that way and wrote no new input under testdata/fuzz/ is run
# again, up to three runs in all: a target whose coverage still grows (its
# workers minimizing new inputs when the deadline comes) can lose that race
# twice in a row. Any failure with an input, or three races, fails CI.
# Minimizing a new input is bounded by FUZZMINIMIZE (default 2s; Go's own
# default is 60s): FuzzCtyFromText's workers otherwise spent 36 s of a 60 s
# run minimizing, with no executions, which is when the deadline race hits.
# Set FUZZMINIMIZE=60s on a long run to get smaller crashers.
set -euo pipefail
cd "$(dirname "$0")/.."
d="${1:-15s}"
minimize="${FUZZMINIMIZE:-2s}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

# corpus_count DIR TARGET: the number of inputs stored for TARGET.
corpus_count() {
  { find "$1/testdata/fuzz/$2" -type f 2>/dev/null || true; } | wc -l
}

# deadline_race LOG: true when the run failed only on the coordinator's deadline.
deadline_race() {
  grep -q 'context deadline exceeded' "$1" && ! grep -q -E 'Failing input written|panic:|_test\.go:[0-9]+:' "$1"
}

for pkg in $(go list ./...); do
  dir="$(go list -f '{{.Dir}}' "$pkg")"
  for t in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    for attempt in 1 2 3; do
      echo "fuzz $pkg $t ($d)"
      before="$(corpus_count "$dir" "$t")"
      if go test -run '^$' -fuzz "^$t\$" -fuzztime "$d" -fuzzminimizetime "$minimize" "$pkg" >"$log" 2>&1; then
        break
      fi
      after="$(corpus_count "$dir" "$t")"
      if [[ "$attempt" -lt 3 && "$before" == "$after" ]] && deadline_race "$log"; then
        echo "fuzz: $t stopped on Go's fuzztime deadline race (go.dev/issue/75804) with no failing input; running it again (that was run $attempt of 3)"
        continue
      fi
      grep -v '^fuzz: elapsed' "$log" | tail -40 >&2
      exit 1
    done
  done
done
