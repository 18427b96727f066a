#!/usr/bin/env bash
# What logging costs the CPU at a steady, web-like rate (io.fapilog.benchmarks.file.PacedCpu): two
# producer threads log the benchmark event at a fixed rate, stdout redirected to a file, and the
# process's CPU over the steady window is divided by the events logged in it. fapilog (production
# preset), Logback (AsyncAppender + LogstashEncoder) and Log4j2 (all-async + JsonTemplateLayout) at
# their production configuration, and the floor (the producers only count): a contender's cost per
# event is its CPU per event less the floor's. Rates 1,000 and 12,000 events/s x 4 contenders x 3
# repetitions, 15 s warm + 10 s steady each, interleaved: about 11 minutes on 2 cores, build included.
# Writes benchmark-results/paced-<timestamp>/: runs.tsv, machine.txt and results.md; prints the table.
#
#   fapilog-benchmarks/run-paced-benchmark.sh
#   PACED_RATES="1000" PACED_REPS=1 PACED_WARM=5 PACED_STEADY=5 fapilog-benchmarks/run-paced-benchmark.sh   # a smoke
#   PACED_CONTENDERS="floor fapilog" PACED_JAR=other.jar PACED_JAVA_OPTS="-Xmx1g" ...                      # an A/B run
#   PACED_SKIP_BUILD=1 ...                                                                                 # reuse target/benchmarks.jar
#
# Exits non-zero when a run failed or its stdout held other than the events logged.
set -euo pipefail
cd "$(dirname "$0")/.."
source fapilog-benchmarks/bench-lib.sh

read -r -a rates <<< "${PACED_RATES:-1000 12000}"
read -r -a contenders <<< "${PACED_CONTENDERS:-floor fapilog logback log4j2}"
read -r -a java_opts <<< "${PACED_JAVA_OPTS:-}"
reps=${PACED_REPS:-3}
warm=${PACED_WARM:-15}
steady=${PACED_STEADY:-10}

if [[ "${PACED_SKIP_BUILD:-0}" != 1 && -z "${PACED_JAR:-}" ]]; then
  ./mvnw -B -q -pl fapilog-benchmarks -am package -DskipTests
fi
jar=${PACED_JAR:-fapilog-benchmarks/target/benchmarks.jar}
out=benchmark-results/paced-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
{
  machine_info
  echo "jar: $jar"
  echo "rates: ${rates[*]}, contenders: ${contenders[*]}, repetitions: $reps, warm: $warm s, steady: $steady s"
} > "$out/machine.txt"

runs=$out/runs.tsv
printf 'rep\trate\tcontender\tevents\tdropped\tcallers_us\tbackground_us\tprocess_us\n' > "$runs"
status=0

for ((rep = 1; rep <= reps; rep++)); do
  for rate in "${rates[@]}"; do
    for contender in "${contenders[@]}"; do
      stdout_file=$out/stdout.jsonl
      if ! run_main paced "$contender at $rate events/s, rep $rep" "$stdout_file" \
          ${java_opts[@]+"${java_opts[@]}"} -cp "$jar" io.fapilog.benchmarks.file.PacedCpu \
          "$contender" "$rate" "$warm" "$steady"; then
        status=1
        continue
      fi
      lines=$(grep -c -F '"message":"Processing item"' "$stdout_file" || true)
      written=$(( $(field logged "$line") - $(field dropped "$line") ))
      if [[ "$lines" != "$written" ]]; then
        echo "LINES MISSING: $contender at $rate events/s: $lines lines, $written written" >&2
        status=3
      fi
      rm -f "$stdout_file"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$rep" "$rate" "$contender" "$(field events "$line")" \
          "$(field dropped "$line")" "$(field callers_us_per_event "$line")" \
          "$(field background_us_per_event "$line")" "$(field process_us_per_event "$line")" >> "$runs"
      echo "$line"
    done
  done
done
rm -f "$out/run.err"

# Column $1 of the runs at rate $2 of contender $3.
column() {
  awk -F'\t' -v c="$1" -v r="$2" -v n="$3" 'NR > 1 && $2 == r && $3 == n {print $c}' "$runs"
}
# Process CPU $1 less the floor's at this rate ($floor), one decimal; nothing when either is missing.
less_floor() {
  awk -v p="$1" -v f="$floor" 'BEGIN {if (p != "" && f != "") printf "%.1f", p - f}'
}
name() {
  case "$1" in
    fapilog) echo "fapilog, \`production\` preset" ;;
    logback) echo "Logback AsyncAppender + LogstashEncoder, defaults" ;;
    log4j2) echo "Log4j2 all-async + JsonTemplateLayout" ;;
    floor) echo "floor: the producers only count, no logger" ;;
  esac
}

{
  echo "## CPU per event at a steady rate: two producers, stdout to a file, median of $reps"
  echo
  echo "| events/s | contender | process CPU µs / event | min–max | logging's cost µs / event (less the floor) | ÷ fapilog's cost | callers' threads µs / event | other threads µs / event | dropped |"
  echo "|--:|---|--:|--:|--:|--:|--:|--:|--:|"
  for rate in "${rates[@]}"; do
    floor=$(column 8 "$rate" floor | median)
    fapilog_cost=$(less_floor "$(column 8 "$rate" fapilog | median)")
    for contender in "${contenders[@]}"; do
      values=$(column 8 "$rate" "$contender")
      [[ -n "$values" ]] || continue
      process=$(median <<< "$values")
      range=$(sort -g <<< "$values" | awk 'NR == 1 {min = $1} {max = $1} END {printf "%.1f–%.1f", min, max}')
      cost="–"
      cost_ratio="–"
      if [[ "$contender" != floor && -n "$floor" ]]; then
        cost=$(less_floor "$process")
        cost_ratio=$(ratio "$cost" "$fapilog_cost")
      fi
      printf '| %s | %s | %.1f | %s | %s | %s | %.1f | %.1f | %s |\n' "$rate" "$(name "$contender")" "$process" "$range" \
          "$cost" "$cost_ratio" "$(column 6 "$rate" "$contender" | median)" "$(column 7 "$rate" "$contender" | median)" \
          "$(column 5 "$rate" "$contender" | median)"
    done
  done
  echo
  echo "Process CPU: user + system time of the whole JVM over the steady window ($steady s after $warm s of warm-up),"
  echo "over the events logged in it. The floor's is what pacing two threads costs without a logger; the difference"
  echo "is the logging's (the calls, the library's threads, the GC it causes). Callers' threads: the two producer"
  echo "threads (their log calls and their pacing); other threads: the rest of the process (the library's"
  echo "background threads, GC, JIT). Machine and commit: machine.txt."
} > "$out/results.md"
cat "$out/results.md"
echo "results in $out"
exit $status
