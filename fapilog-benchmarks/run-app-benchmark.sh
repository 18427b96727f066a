#!/usr/bin/env bash
# The application-level benchmark: fapilog-benchmarks-app (WebFlux, GET /hello logging one event)
# in three variants, each in a fresh JVM on a loopback port with its stdout redirected to a file:
#   fapilog  the request's AsyncLogger, production preset, request logging off
#   boot     fapilog off, SLF4J on Boot's structured logging (logging.structured.format.console=ecs)
#   none     no logging
# autocannon (npm, pinned below, installed into benchmark-results/.tools/ on first use) drives each
# with 32 connections for APP_WARM + APP_STEADY seconds from the first request: requests/s over
# seconds 0-10 and 20-30 (how fast it warms up) and over the steady window after APP_WARM, with that
# window's p50 / p99 latency. Then the app is stopped (SIGTERM, graceful: fapilog drains) and the
# events in its stdout file are counted against the requests served.
# Default: 60 s warm + 30 s steady per variant, 1 repetition: about 6 minutes with the build.
# Writes benchmark-results/app-<timestamp>/: runs.tsv, machine.txt, results.md; prints the table.
#
#   fapilog-benchmarks/run-app-benchmark.sh
#   APP_REPS=3 fapilog-benchmarks/run-app-benchmark.sh                      # medians of 3 (about 15 minutes)
#   APP_WARM=3 APP_STEADY=2 APP_WINDOW=1 APP_SKIP_BUILD=1 fapilog-benchmarks/run-app-benchmark.sh   # a smoke
#   APP_JAR=other.jar (an A/B run), APP_VARIANTS="fapilog boot" APP_JAVA_OPTS="-Xmx512m" APP_PORT=18080 APP_CONNECTIONS=32 ...
#   APP_RATE=12000 APP_WARM=30 APP_STEADY=20 ...   # load offered at a fixed rate: the CPU per request column is then
#                                                  # each variant's own cost (req/s is the rate)
#
# Exits non-zero when an app failed to start or stop, or a run had errors or non-2xx answers.
set -euo pipefail
cd "$(dirname "$0")/.."
source fapilog-benchmarks/bench-lib.sh

autocannon_version=9.0.0
connections=${APP_CONNECTIONS:-32}
warm=${APP_WARM:-60}
steady=${APP_STEADY:-30}
window=${APP_WINDOW:-10}
reps=${APP_REPS:-1}
port=${APP_PORT:-18080}
read -r -a variants <<< "${APP_VARIANTS:-fapilog boot none}"
read -r -a java_opts <<< "${APP_JAVA_OPTS:-}"
rate=${APP_RATE:-}
for tool in java node npm curl; do
  command -v "$tool" > /dev/null || { echo "$tool is needed (node 20 and npm for the load generator)" >&2; exit 1; }
done
if (( warm < 3 * window )); then
  echo "APP_WARM ($warm) must cover three windows of APP_WINDOW ($window) seconds" >&2
  exit 2
fi

if [[ "${APP_SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -B -q -pl fapilog-benchmarks-app -am package -DskipTests
fi
jar=${APP_JAR:-fapilog-benchmarks-app/target/fapilog-benchmarks-app.jar}
tools=benchmark-results/.tools/autocannon-$autocannon_version
if [[ ! -d "$tools/node_modules/autocannon" ]]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund "autocannon@$autocannon_version" > "$tools/npm-install.log" 2>&1 \
      || { cat "$tools/npm-install.log" >&2; exit 1; }
fi

out=benchmark-results/app-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
{
  machine_info
  echo "node: $(node --version), autocannon $autocannon_version, $connections connections"
  echo "load: ${warm} s warm-up + ${steady} s steady, windows of ${window} s, repetitions: $reps, variants: ${variants[*]}"
  echo "offered rate: ${rate:-as fast as the app answers}${rate:+ requests/s}; java options: ${java_opts[*]:-none}"
} > "$out/machine.txt"
runs=$out/runs.tsv
printf 'rep\tvariant\trps_first\trps_third\trps_steady\tp50_ms\tp99_ms\tresponses_2xx\tnon_2xx\terrors\tevents_logged\tstartup_s\tcpu_us_per_request\n' > "$runs"
ticks_per_s=$(getconf CLK_TCK)

# CPU time (user + system, in clock ticks) the process has used so far.
cpu_ticks() {
  awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo NaN
}
url=http://127.0.0.1:$port/hello
status=0

http_code() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$port/ready" || true
}

# Stops the app: SIGTERM (Boot shuts down gracefully, fapilog drains), SIGKILL after 60 s.
stop_app() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 600; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "the app did not stop within 60 s: killed" >&2
    kill -KILL "$pid" 2>/dev/null || true
    status=1
  fi
  wait "$pid" 2>/dev/null || true
}

for ((rep = 1; rep <= reps; rep++)); do
  for variant in "${variants[@]}"; do
    if [[ "$(http_code)" != 000 ]]; then
      echo "port $port is already in use (APP_PORT chooses another)" >&2
      exit 1
    fi
    log=$out/$variant-$rep.stdout
    started=$(date +%s.%N)
    java ${java_opts[@]+"${java_opts[@]}"} -jar "$jar" --spring.profiles.active="$variant" --server.port="$port" \
        > "$log" 2> "$out/$variant-$rep.stderr" &
    pid=$!
    ready=false
    for ((i = 0; i < 1200; i++)); do   # up to 2 minutes
      kill -0 "$pid" 2>/dev/null || break
      if [[ "$(http_code)" != 000 ]]; then
        ready=true
        break
      fi
      sleep 0.1
    done
    if ! $ready; then
      echo "FAILED: $variant did not start, see $out/$variant-$rep.stderr" >&2
      stop_app "$pid"
      status=1
      continue
    fi
    startup=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}')
    # The app's CPU time over the steady window, per request: less swayed than req/s by how the
    # scheduler shares the two cores with the load generator.
    ( sleep "$warm"; cpu_ticks "$pid" > "$out/.cpu-start" ) &
    sampler=$!
    if ! result=$(node fapilog-benchmarks/app-load.js "$tools" "$url" "$connections" "$warm" "$steady" "$window" $rate); then
      echo "FAILED: the load run against $variant" >&2
      status=1
      result=$'NaN\tNaN\tNaN\tNaN\tNaN\t0\t0\t0'
    fi
    cpu_end=$(cpu_ticks "$pid")
    wait "$sampler" 2>/dev/null || true
    cpu_start=$(cat "$out/.cpu-start" 2>/dev/null || echo NaN)
    rm -f "$out/.cpu-start"
    stop_app "$pid"
    events=$(grep -c -F '"message":"Processing item"' "$log" || true)
    head -c 2000 "$log" > "$out/$variant-$rep.stdout-head"
    rm -f "$log"
    IFS=$'\t' read -r first third steady_rps p50 p99 ok non2xx errors <<< "$result"
    cpu_per_request=$(awk -v a="$cpu_start" -v b="$cpu_end" -v t="$ticks_per_s" -v r="$steady_rps" -v s="$steady" \
        'BEGIN {if (a == "NaN" || b == "NaN" || r + 0 <= 0) print "NaN"; else printf "%.1f", (b - a) * 1e6 / t / (r * s)}')
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$rep" "$variant" "$result" "$events" "$startup" "$cpu_per_request" >> "$runs"
    echo "[app] $variant (rep $rep): req/s ${window}-s windows: first $first, third $third, steady $steady_rps; app CPU ${cpu_per_request} µs/request; p99 ${p99} ms; 2xx $ok, non-2xx $non2xx, errors $errors; events logged $events; ready after ${startup} s"
    if [[ "$non2xx" != 0 || "$errors" != 0 ]]; then
      status=1
    fi
  done
done

# Median of column $1 over the runs of variant $2.
column_median() {
  awk -F'\t' -v c="$1" -v v="$2" 'NR > 1 && $2 == v && $c != "NaN" {print $c}' "$runs" | median
}
name() {
  case "$1" in
    fapilog) echo "fapilog \`AsyncLogger\`, \`production\` preset, request logging off" ;;
    boot) echo "Boot structured logging (ECS, Logback console), SLF4J" ;;
    none) echo "no logging" ;;
  esac
}

{
  echo "## WebFlux GET /hello under autocannon, $connections connections: median of $reps"
  echo
  echo "| variant | req/s, s 0–$window | req/s, s $((2 * window))–$((3 * window)) | req/s, steady (s $warm–$((warm + steady))) | ÷ Boot logging (steady) | ÷ no logging (steady) | ÷ Boot logging (s $((2 * window))–$((3 * window))) | app CPU µs / request (steady) | p50 / p99 steady (ms) | events logged / 2xx |"
  echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
  boot_steady=$(column_median 5 boot)
  none_steady=$(column_median 5 none)
  boot_third=$(column_median 4 boot)
  for variant in "${variants[@]}"; do
    steady_rps=$(column_median 5 "$variant")
    [[ -n "$steady_rps" ]] || continue
    third=$(column_median 4 "$variant")
    logged=$(awk -F'\t' -v v="$variant" 'NR > 1 && $2 == v {e += $11; r += $8} END {printf "%d / %d", e, r}' "$runs")
    printf '| %s | %.0f | %.0f | %.0f | %s | %s | %s | %s | %s / %s | %s |\n' "$(name "$variant")" \
        "$(column_median 3 "$variant")" "$third" "$steady_rps" \
        "$(ratio "$steady_rps" "$boot_steady")" "$(ratio "$steady_rps" "$none_steady")" "$(ratio "$third" "$boot_third")" \
        "$(column_median 13 "$variant")" \
        "$(column_median 6 "$variant")" "$(column_median 7 "$variant")" "$logged"
  done
  echo
  echo "Seconds counted from the first request; the app was ready (an HTTP answer on its port) before it."
  echo "Events logged: lines of the event in the app's stdout file after it stopped (fapilog may drop under"
  echo "load and count it; the 'none' variant logs none). Machine, commit and load settings: machine.txt."
} > "$out/results.md"
cat "$out/results.md"
echo "results in $out"
exit $status
