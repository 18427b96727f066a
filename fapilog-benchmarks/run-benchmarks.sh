#!/usr/bin/env bash
# Builds the benchmarks jar and runs the whole comparison (about 10 minutes on 2 cores):
#   fapilog THREAD / BOUND_LOOP / ASYNC, Log4j2 async loggers + JsonTemplateLayout,
#   Logback AsyncAppender + LogstashEncoder, each in two setups: production (fapilog's production
#   preset as shipped, the peers' defaults) and tuned (fapilog's minimal preset, 64 Ki queues);
#   and an ArrayBlockingQueue floor. End-to-end throughput with 1 and 2 producers in bursts larger
#   than fapilog's production queue (drops reported), caller latency percentiles, allocation per
#   event (-prof gc), then a saturation run (2 producers, no flow control) that checks nothing is
#   lost silently, and the latency run again for the production setups in JVMs whose heap is
#   touched at start (-XX:+AlwaysPreTouch, fixed 2 GiB): calls then never pay for a page fault.
# Writes benchmark-results/<timestamp>/: JMH JSON and logs, machine.txt, and results.md (the table).
#
#   fapilog-benchmarks/run-benchmarks.sh              # the full comparison
#   fapilog-benchmarks/run-benchmarks.sh --profile    # JFR of fapilog THREAD, hot methods per thread
#   BENCH_TIMING="-f 1 -wi 1 -w 1s -i 1 -r 1s" fapilog-benchmarks/run-benchmarks.sh   # other forks/iterations
#   fapilog-benchmarks/run-benchmarks.sh -jvmArgsPrepend -Xss1m  # extra JMH options, given to every run: one
#                                     # -jvmArgsPrepend per JVM option (not -jvmArgsAppend: it would replace the
#                                     # Log4j2 benchmark's own; not a heap size: the pre-touched run sets 2 GiB)
#   fapilog-benchmarks/run-benchmarks.sh --file       # only JSON lines to a real file: run-file-benchmark.sh
#   fapilog-benchmarks/run-benchmarks.sh --app        # only the WebFlux app under load: run-app-benchmark.sh
#   fapilog-benchmarks/run-benchmarks.sh --paced      # only the CPU per event at a steady rate: run-paced-benchmark.sh
#   fapilog-benchmarks/run-benchmarks.sh --all        # the comparison, then both of those, shortened (about 14 minutes)
#
# Exits non-zero when a benchmark failed or any contender lost or dropped an event.
set -euo pipefail
cd "$(dirname "$0")/.."
source fapilog-benchmarks/bench-lib.sh

profile=false
all=false
case "${1:-}" in
  --profile) profile=true; shift ;;
  --file) shift; exec fapilog-benchmarks/run-file-benchmark.sh "$@" ;;
  --app) shift; exec fapilog-benchmarks/run-app-benchmark.sh "$@" ;;
  --paced) shift; exec fapilog-benchmarks/run-paced-benchmark.sh "$@" ;;
  --all) all=true; shift ;;
esac

./mvnw -B -q -pl fapilog-benchmarks -am package -DskipTests
jar=fapilog-benchmarks/target/benchmarks.jar
out=benchmark-results/$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
machine_info > "$out/machine.txt"

read -r -a timing <<< "${BENCH_TIMING:--f 1 -wi 3 -w 1s -i 5 -r 1s}"
pkg='io\.fapilog\.benchmarks\.'

if $profile; then
  java -jar "$jar" "${pkg}FapilogBenchmark\.throughput1$" -p mode=THREAD -p setup=production -f 1 -wi 3 -w 2s -i 5 -r 4s \
      -prof "jfr:dir=$out/jfr" "$@" | tee "$out/profile.log"
  java -cp "$jar" io.fapilog.benchmarks.report.JfrHotMethods \
      "$(find "$out/jfr" -name '*.jfr' | head -1)" 20 | tee "$out/hot-methods.txt"
  exit 0
fi

status=0
# -foe false: a contender that loses events silently fails its own trial (reported below), the others still run.
java -jar "$jar" "${pkg}.*Benchmark\.(throughput1|throughput2|latency)$" "${timing[@]}" -prof gc \
    -rf json -rff "$out/main.json" "$@" 2>&1 | tee "$out/main.log" || status=$?
java -jar "$jar" "${pkg}.*Benchmark\.saturation2$" -p mode=THREAD "${timing[@]}" \
    -rf json -rff "$out/saturation.json" "$@" 2>&1 | tee "$out/saturation.log" || status=$?
# A first write to a page of memory faults (about 11 us on this VM): at ~130 B/event a paced caller
# meets one every ~30 calls while the heap grows into memory it never used. Pre-touched, the
# latency is the logger's own.
java -jar "$jar" "${pkg}(Fapilog|Log4j2|Logback|LatencyFloor)Benchmark\.latency$" -p setup=production "${timing[@]}" \
    -jvmArgsPrepend -XX:+AlwaysPreTouch -jvmArgsPrepend -Xms2g -jvmArgsPrepend -Xmx2g \
    -rf json -rff "$out/latency-pretouched.json" "$@" 2>&1 | tee "$out/latency-pretouched.log" || status=$?

java -cp "$jar" io.fapilog.benchmarks.report.BenchmarkReport --log "$out/main.log" --log "$out/saturation.log" \
    --log "$out/latency-pretouched.log" --out "$out/results.md" "$out/main.json" "$out/saturation.json" "$out/latency-pretouched.json" || status=$?
cat "$out/results.md"
echo "results in $out"
if $all; then
  # Shorter than the scripts' own defaults, so that the whole comparison stays within 15 minutes:
  # two repetitions of each file run, and 45 + 20 s of load per app variant.
  FILE_SKIP_BUILD=1 FILE_REPS=${FILE_REPS:-2} fapilog-benchmarks/run-file-benchmark.sh || status=$?
  APP_WARM=${APP_WARM:-45} APP_STEADY=${APP_STEADY:-20} fapilog-benchmarks/run-app-benchmark.sh || status=$?
fi
exit $status
