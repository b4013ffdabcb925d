#!/usr/bin/env bash
# atlantis-example.sh — run the Atlantis custom step documented in
# docs/integrations.md exactly as Atlantis runs it (sh -c, in the project
# directory, with SHOWFILE set) on fixture plans, and check the outcome:
#
#   fixtures/good-private-api/plan.json    exit 0, no "fail" (any case) in the output
#   fixtures/net-endpoint-missing/plan.json exit 1, "FAILED" in the output
#
# and, for both, that the output is safe inside the ```diff fence Atlantis
# puts it in: no HTML tag or character reference, no line starting with "+",
# no line starting with "-" other than a failing finding's head line, no line
# that closes the fence, no zero-width character, under 60,000 bytes.
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
run='privapi check --format atlantis "$SHOWFILE"'

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
  if ! grep -q '^privapi .* judged plan ' <<<"$out"; then
    echo "atlantis-example: $1: the output is not privapi's atlantis report:" >&2
    printf '%s\n' "$out" | head -5 >&2
    failures=$((failures + 1))
  fi
  # The comment Atlantis writes: the output inside a diff fence.
  local comment
  comment="$(printf '```diff\n%s\n```\n' "$out")"
  local body
  body="$(sed '1d;$d' <<<"$comment")"
  bad() {
    echo "atlantis-example: $1: $2" >&2
    printf '%s\n' "$3" | head -5 >&2
    failures=$((failures + 1))
  }
  local m
  if m="$(grep -nE '<(/?[A-Za-z][A-Za-z0-9-]*([[:space:]]+[A-Za-z-]+=|[[:space:]]*/?>)|!--)' <<<"$body")"; then bad "$1" "HTML in the diff fence" "$m"; fi
  if m="$(grep -nE '&(#[0-9]+|[a-z]+);' <<<"$body")"; then bad "$1" "a character reference in the diff fence" "$m"; fi
  if m="$(grep -n '^+' <<<"$body")"; then bad "$1" "a line starts with + (green in the diff)" "$m"; fi
  if m="$(grep -n '^-' <<<"$body" | grep -vE '^[0-9]+:- (error|warning|info|unverified) PA')"; then bad "$1" "a line starts with - and is no failing finding" "$m"; fi
  if m="$(grep -nE '^ {0,3}(```|~~~)' <<<"$body")"; then bad "$1" "a line closes the fence" "$m"; fi
  if m="$(LC_ALL=C grep -n $'\xe2\x80[\x8b\x8c\x8d]\|\xe2\x81\xa0\|\xef\xbb\xbf' <<<"$body")"; then bad "$1" "a zero-width character" "$m"; fi
  if [ "${#comment}" -ge 60000 ]; then bad "$1" "${#comment} bytes: too large for a comment" ""; fi
  echo "atlantis-example: $1: exit code $code"
}

check fixtures/good-private-api/plan.json 0
check fixtures/net-endpoint-missing/plan.json 1

if [ "$failures" -ne 0 ]; then
  echo "atlantis-example: $failures problem(s)" >&2
  exit 1
fi
echo "atlantis-example: ok"
