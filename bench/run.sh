#!/usr/bin/env bash
# bench/run.sh — time and memory of `privapi check --format json` on large
# generated plans, against a baseline that only decodes the plan into
# tfjson.Plan with encoding/json. See bench/README.md.
#
# Usage: bench/run.sh [SIZE ...]        (default: 1000 10000 100000 300000)
#        every size in every plan shape (PRIVAPI_BENCH_SHAPES)
#        bench/run.sh --table              (print the table of the last run again)
#        bench/run.sh --several [SIZE]     three plans of SIZE (default 100000)
#                          in one `privapi check P1 P2 P3` against the three
#                          run separately (sum of times, largest RSS)
#
# Environment:
#   PRIVAPI_BENCH_TIMEOUT  seconds before a run is killed (default 1800; 0 = none)
#   PRIVAPI_BENCH_REPEAT   runs per program and size, the fastest is kept (default 1)
#   PRIVAPI_BENCH_REGEN=1  regenerate the plans even if they exist
#   PRIVAPI_BENCH_TIMER    "time" (/usr/bin/time -v) or "rusage" (the Go
#                          wrapper internal/bench/cmd/rusage); default: time
#                          when /usr/bin/time exists
#   PRIVAPI_BENCH_GENFLAGS extra flags for genplan (e.g. "-seed 2")
#   PRIVAPI_BENCH_SHAPES   genplan shapes to measure (default: "default dense
#                          many-clients shared-endpoint", see genplan -shape)
#   PRIVAPI_BENCH_MIN_AVAIL_MB  stop a run when the machine's MemAvailable
#                          falls under this many MB (default 2048; 0 = never):
#                          a run that does not fit fails alone ("mem")
#
# Everything goes to bench/out/ (git-ignored): bin/ (the programs, built
# once), plan-SHAPE-SIZE.json (generated once), results.tsv and table.txt.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/out"
bin="$out/bin"
timeout_s="${PRIVAPI_BENCH_TIMEOUT:-1800}"
repeat="${PRIVAPI_BENCH_REPEAT:-1}"
min_avail="${PRIVAPI_BENCH_MIN_AVAIL_MB:-2048}"

# print_table renders bench/out/results.tsv. privapi exit 0/1 are normal
# (1 = findings); 124 = stopped by the timeout (SIGTERM; times and RSS are
# those until then, so its ratios are lower bounds, marked ">"); anything
# else is an error (see bench/out/m-SIZE-privapi.stderr). "growth" is the
# CPU time against the previous (smaller) size, with the size ratio.
print_table() {
  awk -F'\t' -v timeout="$timeout_s" '
  NR == 1 { next }
  { key = $1 " " $2; shape[key] = $1; size[key] = $2; inst[key] = $3; bytes[key] = $4; w[key, $5] = $6; c[key, $5] = $7 + $8; m[key, $5] = $9; x[key, $5] = $10
    if (!(key in seen)) { order[n++] = key; seen[key] = 1 } }
  function stopped(k, p,   e) { e = x[k, p]; return e == "124" || e == "137" || e == "143" || e ~ /^sig/ || e == "-1" || e == "mem" }
  function status(k, p,   e) {
    e = x[k, p]
    if (e == "0" || (p == "privapi" && e == "1")) return ""
    if (e == "mem") return " (" p " stopped by the memory guard: does not fit in RAM)"
    if (stopped(k, p)) return " (" p " stopped by the timeout after " timeout " s)"
    return " (" p " exit " e ")"
  }
  function ratio(a, b, lb) { return b > 0 ? sprintf("%s%.2f", lb ? ">" : "", a / b) : "-" }
  END {
    printf "%-15s %-7s %-9s %8s | %7s %8s %7s | %8s %8s %7s | %8s %8s %6s | %6s %6s | %s\n",
      "shape", "size", "instances", "file MB", "base s", "base cpu", "base MB", "priv s", "priv cpu", "priv MB",
      "wall x", "cpu x", "rss x", "bRSS/f", "pRSS/f", "cpu growth base/priv (size x)"
    for (i = 0; i < n; i++) {
      k = order[i]; mb = bytes[k] / 1048576; lb = stopped(k, "privapi")
      growth = ""
      if (i > 0 && shape[order[i - 1]] == shape[k]) {
        j = order[i - 1]
        growth = sprintf("%s / %s (x%.0f)", ratio(c[k, "baseline"], c[j, "baseline"], 0),
          (stopped(j, "privapi") ? "?" : ratio(c[k, "privapi"], c[j, "privapi"], lb)), inst[k] / inst[j])
      }
      printf "%-15s %-7s %-9s %8.1f | %7.2f %8.2f %7.0f | %8.2f %8.2f %7.0f | %8s %8s %6s | %6.1f %6.1f | %s%s%s\n",
        shape[k], size[k], inst[k], mb,
        w[k, "baseline"], c[k, "baseline"], m[k, "baseline"] / 1024,
        w[k, "privapi"], c[k, "privapi"], m[k, "privapi"] / 1024,
        ratio(w[k, "privapi"], w[k, "baseline"], lb), ratio(c[k, "privapi"], c[k, "baseline"], lb),
        ratio(m[k, "privapi"], m[k, "baseline"], lb),
        m[k, "baseline"] * 1024 / bytes[k], m[k, "privapi"] * 1024 / bytes[k],
        growth, status(k, "baseline"), status(k, "privapi")
    }
  }' "$out/results.tsv" >"$out/table.txt.tmp"
  cat "$out/header.txt" "$out/table.txt.tmp" >"$out/table.txt"
  rm -f "$out/table.txt.tmp"
  cat "$out/table.txt"
}


if [[ "${1:-}" == --table ]]; then
  [[ -s "$out/results.tsv" ]] || { echo "run.sh: no $out/results.tsv yet" >&2; exit 1; }
  timeout_s=$(sed -nE 's/.* timeout ([0-9]+) s.*/\1/p' "$out/header.txt")
  print_table
  exit 0
fi
several=0
if [[ "${1:-}" == --several ]]; then
  several=1
  shift
  sizes=("${1:-100000}")
else
  sizes=("$@")
fi
((${#sizes[@]})) || sizes=(1000 10000 100000 300000)
for s in "${sizes[@]}"; do
  [[ "$s" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: size must be a positive integer: $s" >&2; exit 2; }
done

mkdir -p "$bin"
cd "$root"
echo "== building privapi, decodeplan, genplan, rusage into $bin" >&2
go build -o "$bin/privapi" ./cmd/privapi
go build -o "$bin/decodeplan" ./internal/bench/cmd/decodeplan
go build -o "$bin/genplan" ./internal/bench/cmd/genplan
go build -o "$bin/rusage" ./internal/bench/cmd/rusage

timer="${PRIVAPI_BENCH_TIMER:-}"
if [[ -z "$timer" ]]; then
  if [[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1; then timer=time; else timer=rusage; fi
fi
have_timeout=0
command -v timeout >/dev/null 2>&1 && have_timeout=1

# measure FILE CMD...: run CMD (cwd bench/out, stdout to /dev/null) and
# write "wall user sys maxrss_kb exit" to FILE.
measure() {
  local dest="$1"; shift
  local raw="$dest.raw"
  local cmd=("$@")
  if ((have_timeout)) && [[ "$timeout_s" != 0 ]]; then
    cmd=(timeout -k 30 "$timeout_s" "${cmd[@]}")
  fi
  rm -f "$dest.memkill"
  if [[ "$timer" == time ]]; then
    (cd "$out" && /usr/bin/time -v -o "$raw" "${cmd[@]}" >/dev/null 2>"$dest.stderr") &
  else
    (cd "$out" && "$bin/rusage" -o "$raw" -- "${cmd[@]}" >/dev/null 2>"$dest.stderr") &
  fi
  guard $! "$dest.memkill"
  wait "$!" || true
  if [[ "$timer" == time ]]; then
    awk -F': ' '
      /User time/ {u=$2} /System time/ {s=$2} /Maximum resident/ {m=$2} /Exit status/ {x=$2}
      /Elapsed \(wall clock\)/ {n=split($2,p,":"); w=0; for(i=1;i<=n;i++) w=w*60+p[i]}
      /Command terminated by signal/ {x="sig" $0; sub(/.*signal /,"sig",x)}
      END {if (x=="") x=0; print w, u, s, m, x}' "$raw" >"$dest"
  else
    sed -E 's/wall=([^ ]+) user=([^ ]+) sys=([^ ]+) maxrss_kb=([^ ]+) exit=([^ ]+)/\1 \2 \3 \4 \5/' "$raw" >"$dest"
  fi
  if [[ -e "$dest.memkill" ]]; then # the status is "mem": stopped by the memory guard
    awk '{ $5 = "mem"; print }' "$dest" >"$dest.tmp" && mv "$dest.tmp" "$dest"
  fi
}

# guard PID MARKER: while the measurement PID runs, stop the measured
# program (the deepest descendant) with SIGTERM when the machine's
# MemAvailable drops under PRIVAPI_BENCH_MIN_AVAIL_MB, so that a run that
# does not fit in memory fails alone instead of invoking the OOM killer on
# whatever else runs; MARKER records it.
guard() {
  local pid="$1" marker="$2" leaf avail
  while kill -0 "$pid" 2>/dev/null; do
    avail=$(awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo 2>/dev/null || echo "")
    if [[ -n "$avail" && "$avail" -lt "$min_avail" ]]; then
      leaf="$pid"
      while child=$(pgrep -P "$leaf" | head -1) && [[ -n "$child" ]]; do leaf="$child"; done
      if [[ "$leaf" != "$pid" ]]; then
        echo "run.sh: MemAvailable ${avail} MB < ${min_avail} MB: stopping pid $leaf" >&2
        : >"$marker"
        kill -TERM "$leaf" 2>/dev/null || true
        sleep 5
      fi
    fi
    sleep 0.5
  done
}

# best FILE CMD...: measure PRIVAPI_BENCH_REPEAT times, keep the fastest.
best() {
  local dest="$1"; shift
  local i
  : >"$dest.all"
  for ((i = 0; i < repeat; i++)); do
    measure "$dest.one" "$@"
    cat "$dest.one" >>"$dest.all"
  done
  sort -n -k1,1 "$dest.all" | head -1 >"$dest"
  mv "$dest.one.stderr" "$dest.stderr"
  rm -f "$dest.one" "$dest.one.raw" "$dest.one.memkill"
}

{
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')" \
    "($(git status --porcelain 2>/dev/null | wc -l) changed/untracked paths), $(go version | cut -d' ' -f3)," \
    "$(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'), timer $timer, timeout $timeout_s s"
} >"$out/header.txt"

# --several: three plans (seeds 1-3) in one run against three runs.
if ((several)); then
  size="${sizes[0]}"
  plans=()
  for seed in 1 2 3; do
    plan="$out/plan-several-$size-$seed.json"
    if [[ ! -s "$plan" || "${PRIVAPI_BENCH_REGEN:-}" == 1 ]]; then
      echo "== generating $plan" >&2
      "$bin/genplan" -size "$size" -seed "$seed" -o "$plan.tmp" 2>"$plan.stats"
      mv "$plan.tmp" "$plan"
    fi
    plans+=("$plan")
  done
  sep_w=0 sep_c=0 sep_m=0
  for i in 0 1 2; do
    echo "== several $size: privapi check ${plans[$i]##*/}" >&2
    best "$out/m-several-$size-$i" "$bin/privapi" check --format text "${plans[$i]}"
    read -r w u s m x <"$out/m-several-$size-$i"
    sep_w=$(awk -v a="$sep_w" -v b="$w" 'BEGIN { print a + b }')
    sep_c=$(awk -v a="$sep_c" -v b="$u" -v c="$s" 'BEGIN { print a + b + c }')
    ((m > sep_m)) && sep_m=$m
  done
  echo "== several $size: privapi check of the three plans in one run" >&2
  best "$out/m-several-$size-one" "$bin/privapi" check --format text "${plans[@]}"
  read -r w u s m x <"$out/m-several-$size-one"
  {
    cat "$out/header.txt"
    printf '%-34s %8s %8s %9s\n' "three plans of $size instances" "wall s" "cpu s" "max RSS MB"
    printf '%-34s %8.2f %8.2f %9.0f\n' "three separate runs (sum, max)" "$sep_w" "$sep_c" "$((sep_m / 1024))"
    printf '%-34s %8.2f %8.2f %9.0f   (exit %s)\n' "one run of the three" "$w" "$(awk -v a="$u" -v b="$s" 'BEGIN { print a + b }')" "$((m / 1024))" "$x"
  } | tee "$out/several.txt"
  exit 0
fi

read -r -a shapes <<<"${PRIVAPI_BENCH_SHAPES:-default dense many-clients shared-endpoint}"
results="$out/results.tsv"
printf 'shape\tsize\tinstances\tbytes\tprog\twall_s\tuser_s\tsys_s\tmaxrss_kb\texit\n' >"$results"
for shape in "${shapes[@]}"; do
for size in "${sizes[@]}"; do
  plan="$out/plan-$shape-$size.json"
  if [[ ! -s "$plan" || "${PRIVAPI_BENCH_REGEN:-}" == 1 ]]; then
    echo "== generating $plan" >&2
    # shellcheck disable=SC2086
    "$bin/genplan" -shape "$shape" -size "$size" ${PRIVAPI_BENCH_GENFLAGS:-} -o "$plan.tmp" 2>"$plan.stats"
    mv "$plan.tmp" "$plan"
  fi
  instances=$(sed -nE 's/^genplan: ([0-9]+) instances.*/\1/p' "$plan.stats" 2>/dev/null || true)
  bytes=$(stat -c %s "$plan")
  echo "== $shape $size: baseline decodeplan" >&2
  best "$out/m-$shape-$size-baseline" "$bin/decodeplan" "$plan"
  echo "== $shape $size: privapi check --format json" >&2
  best "$out/m-$shape-$size-privapi" "$bin/privapi" check --format json "$plan"
  for prog in baseline privapi; do
    read -r w u s m x <"$out/m-$shape-$size-$prog"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$shape" "$size" "${instances:-?}" "$bytes" "$prog" "$w" "$u" "$s" "$m" "$x" >>"$results"
  done
done
done

print_table
echo "(timer: $timer; x = privapi / baseline; RSS/f = peak RSS / file size; raw numbers in $results)"
