#!/usr/bin/env bash
# atlantis-example.sh — run the Atlantis custom step documented in
# docs/integrations.md exactly as Atlantis runs it (sh -c, in the project
# directory, with SHOWFILE set) on fixture plans, and check the outcome:
#
#   fixtures/good-private-api/plan.json    exit 0, no "fail" (any case) in the output
#   fixtures/net-endpoint-missing/plan.json exit 1, "FAILED" in the output
#
# Atlantis treats any "fail" substring in a custom policy step's output, or a
# non-zero exit code, as a policy failure.
#
# privapi is taken from PATH; when it is not there and go is, it is built into
# a temporary directory. go test ./cmd/privapi runs this script.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
doc="$root/docs/integrations.md"
example="$root/examples/atlantis/repos.yaml"

# The command line of the documented example (a run step of the workflow).
run='privapi check --format markdown "$SHOWFILE"'

# The documentation and the example file must show exactly this run step.
for f in "$doc" "$example"; do
  if ! grep -qF -- "- run: $run" "$f"; then
    echo "atlantis-example: $f does not contain the step: - run: $run" >&2
    exit 1
  fi
done

if ! command -v privapi >/dev/null 2>&1; then
  if ! command -v go >/dev/null 2>&1; then
    echo "atlantis-example: privapi is not on PATH and go is not there to build it" >&2
    exit 2
  fi
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$root" && go build -o "$tmp/privapi" ./cmd/privapi)
  PATH="$tmp:$PATH"
fi

failures=0

# check PLAN WANT_CODE: run the step like Atlantis and judge its output.
check() {
  local plan="$root/$1" want="$2" out code
  set +e
  out="$(cd "$(dirname "$plan")" && SHOWFILE="$plan" sh -c "$run" 2>&1)"
  code=$?
  set -e
  if [ "$code" -ne "$want" ]; then
    echo "atlantis-example: $1: exit code $code, want $want" >&2
    failures=$((failures + 1))
  fi
  case "$want" in
    0)
      if grep -qi 'fail' <<<"$out"; then
        echo "atlantis-example: $1: the output contains \"fail\", so Atlantis would judge the policy check failed:" >&2
        printf '%s\n' "$out" | grep -ni 'fail' >&2
        failures=$((failures + 1))
      fi
      ;;
    *)
      if ! grep -q 'FAILED' <<<"$out"; then
        echo "atlantis-example: $1: the output does not say FAILED" >&2
        failures=$((failures + 1))
      fi
      ;;
  esac
  if ! grep -q 'privapi-report' <<<"$out"; then
    echo "atlantis-example: $1: the output is not privapi's Markdown report:" >&2
    printf '%s\n' "$out" | head -5 >&2
    failures=$((failures + 1))
  fi
  echo "atlantis-example: $1: exit code $code"
}

check fixtures/good-private-api/plan.json 0
check fixtures/net-endpoint-missing/plan.json 1

if [ "$failures" -ne 0 ]; then
  echo "atlantis-example: $failures problem(s)" >&2
  exit 1
fi
echo "atlantis-example: ok"
