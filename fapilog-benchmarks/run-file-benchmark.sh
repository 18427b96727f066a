#!/usr/bin/env bash
# JSON lines to a real file, end to end (io.fapilog.benchmarks.file.FileThroughput): fapilog
# (production preset), Logback (AsyncAppender + LogstashEncoder) and Log4j2 (all-async +
# JsonTemplateLayout) at their production configuration, each run in a fresh JVM with no warm-up,
# and a floor (the same lines preformatted, written by one thread: what the machine takes).
# 1 and 4 producers x 2 targets (the rolling-file sink or appender; stdout redirected to a file)
# x 4 contenders x 3 repetitions, 2,000,000 events each: about 5 minutes on 2 cores, build included.
# Counts the lines each run left in its file and compares them with what the contender accepted, and
# reports the rate over the second half of each run's bytes too (the JIT done by then).
# Writes benchmark-results/file-<timestamp>/: runs.tsv (one row per run), machine.txt and
# results.md (medians), and prints the table.
#
#   fapilog-benchmarks/run-file-benchmark.sh
#   FILE_EVENTS=20000 FILE_REPS=1 fapilog-benchmarks/run-file-benchmark.sh          # a smoke
#   FILE_PRODUCERS="4" FILE_TARGETS="file" FILE_JAVA_OPTS="-Xmx1g" fapilog-benchmarks/run-file-benchmark.sh
#   FILE_SKIP_BUILD=1 ...                                                            # reuse target/benchmarks.jar
#   FILE_PAGE_CACHE=new ...             # each run's file grows into memory not used lately (see below)
#
# Every run starts with the machine's page cache in the same state, whatever ran before it. On a VM
# that hands freed memory back to its host, writing into memory not used for a few seconds costs
# several times what writing into pages just freed costs (machine.txt has both rates), and a run
# right after another's file was deleted would reuse that file's pages. So by default each run
# follows 2 GiB written to and deleted from the results directory: its file reuses those pages, as
# on a long-running server whose page cache is full (and on bare metal). FILE_PAGE_CACHE=new waits
# 15 s before each run instead, so that its file grows into memory the host backs anew, as a fresh
# VM's first writes do.
#
# Exits non-zero when a run failed or a file held other than the events written (accepted less
# counted drops).
set -euo pipefail
cd "$(dirname "$0")/.."
source fapilog-benchmarks/bench-lib.sh

events=${FILE_EVENTS:-2000000}
reps=${FILE_REPS:-3}
read -r -a producer_counts <<< "${FILE_PRODUCERS:-1 4}"
read -r -a targets <<< "${FILE_TARGETS:-file stdout}"
read -r -a java_opts <<< "${FILE_JAVA_OPTS:-}"
page_cache=${FILE_PAGE_CACHE:-recycled}
case "$page_cache" in
  recycled | new) ;;
  *) echo "FILE_PAGE_CACHE: recycled or new, not $page_cache" >&2; exit 2 ;;
esac
contenders=(fapilog logback log4j2 floor)

# Puts the page cache in the state FILE_PAGE_CACHE asks for (see the top of this file).
prepare_page_cache() {
  if [[ "$page_cache" == new ]]; then
    sleep 15
  else
    dd if=/dev/zero of="$out/.recycled" bs=64k count=32768 2>/dev/null
    rm -f "$out/.recycled"
  fi
}

if [[ "${FILE_SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -B -q -pl fapilog-benchmarks -am package -DskipTests
fi
jar=fapilog-benchmarks/target/benchmarks.jar
out=benchmark-results/file-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
{
  machine_info
  echo "disk: $(df -h "$out" | awk 'NR == 2 {print $1, $2}')"
  page_cache_probe "$out"
  echo "events: $events, repetitions: $reps, producers: ${producer_counts[*]}, targets: ${targets[*]}"
  echo "page cache before each run: $page_cache"
} > "$out/machine.txt"

runs=$out/runs.tsv
printf 'rep\tproducers\ttarget\tcontender\tevents\tdropped\twritten\tlines\tseconds\tlines_per_s\taccepted_per_s\tsecond_half_lines_per_s\n' > "$runs"
status=0

for ((rep = 1; rep <= reps; rep++)); do
  for producers in "${producer_counts[@]}"; do
    for target in "${targets[@]}"; do
      for contender in "${contenders[@]}"; do
        stdout_file=$out/stdout.jsonl
        prepare_page_cache
        if ! run_main file "$contender $target $producers producers, rep $rep" "$stdout_file" \
            ${java_opts[@]+"${java_opts[@]}"} -cp "$jar" io.fapilog.benchmarks.file.FileThroughput \
            "$contender" "$target" "$producers" "$events"; then
          status=1
          continue
        fi
        lines=$(field lines "$line")
        if [[ "$target" == stdout ]]; then
          # Only the events' lines: anything else a library might print to stdout is not counted.
          lines=$(grep -c -F '"message":"Processing item"' "$stdout_file" || true)
        fi
        rm -f "$stdout_file"
        written=$(field written "$line")
        if [[ "$lines" != "$written" ]]; then
          echo "LINES MISSING: $contender $target $producers producers: $lines lines, $written written" >&2
          status=3
        fi
        seconds=$(field seconds "$line")
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$rep" "$producers" "$target" "$contender" "$events" \
            "$(field dropped "$line")" "$written" "$lines" "$seconds" "$(field lines_per_s "$line")" \
            "$(awk -v e="$events" -v s="$seconds" 'BEGIN {printf "%.0f", e / s}')" \
            "$(field second_half_lines_per_s "$line")" >> "$runs"
        echo "$line lines_in_file=$lines"
      done
    done
  done
done
rm -f "$out/run.err"

# Column $1 of the runs of producers $2, target $3, contender $4.
column() {
  awk -F'\t' -v c="$1" -v p="$2" -v t="$3" -v n="$4" 'NR > 1 && $2 == p && $3 == t && $4 == n {print $c}' "$runs"
}
name() {
  case "$1" in
    fapilog) echo "fapilog, \`production\` preset" ;;
    logback) echo "Logback AsyncAppender + LogstashEncoder, defaults" ;;
    log4j2) echo "Log4j2 all-async + JsonTemplateLayout" ;;
    floor) echo "floor: the same lines preformatted, one writer thread, no logger" ;;
  esac
}

{
  echo "## JSON lines to a file: $events events per run, median of $reps"
  echo
  echo "| producers | target | contender | lines written/s (median) | min–max | ÷ Logback | ÷ Log4j2 | second half: lines/s (median) | ÷ Logback | ÷ Log4j2 | dropped (median) | events accepted/s (median) | lines in file == written |"
  echo "|--:|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|"
  for producers in "${producer_counts[@]}"; do
    for target in "${targets[@]}"; do
      logback=$(column 10 "$producers" "$target" logback | median)
      log4j2=$(column 10 "$producers" "$target" log4j2 | median)
      logback_warm=$(column 12 "$producers" "$target" logback | grep -v NaN | median)
      log4j2_warm=$(column 12 "$producers" "$target" log4j2 | grep -v NaN | median)
      for contender in "${contenders[@]}"; do
        rates=$(column 10 "$producers" "$target" "$contender")
        [[ -n "$rates" ]] || continue
        rate=$(median <<< "$rates")
        range=$(sort -g <<< "$rates" | awk 'NR == 1 {min = $1} {max = $1} END {printf "%.0f–%.0f", min, max}')
        warm=$(column 12 "$producers" "$target" "$contender" | grep -v NaN | median)
        dropped=$(column 6 "$producers" "$target" "$contender" | median)
        accepted=$(column 11 "$producers" "$target" "$contender" | median)
        checks=$(awk -F'\t' -v p="$producers" -v t="$target" -v n="$contender" \
            'NR > 1 && $2 == p && $3 == t && $4 == n {runs++; if ($7 == $8) ok++; else lost += $7 - $8}
             END {if (ok == runs) printf "yes (%d of %d runs)", ok, runs; else printf "**no**: %d of %d runs short, %d lines missing", runs - ok, runs, lost}' "$runs")
        target_name=$target
        [[ "$target" == file ]] && target_name="rolling file"
        [[ "$target" == stdout ]] && target_name="stdout > file"
        printf '| %s | %s | %s | %.0f | %s | %s | %s | %s | %s | %s | %.0f (%.1f %%) | %.0f | %s |\n' "$producers" "$target_name" "$(name "$contender")" \
            "$rate" "$range" "$(ratio "$rate" "$logback")" "$(ratio "$rate" "$log4j2")" \
            "$(awk -v w="$warm" 'BEGIN {if (w == "") print "–"; else printf "%.0f", w}')" \
            "$(ratio "$warm" "$logback_warm")" "$(ratio "$warm" "$log4j2_warm")" \
            "$dropped" "$(awk -v d="$dropped" -v e="$events" 'BEGIN {print 100 * d / e}')" "$accepted" "$checks"
      done
    done
  done
  echo
  echo "Lines written/s: events the contender wrote (accepted less the drops it counted) over the time from the"
  echo "producers' start to the end of its drain, in a fresh JVM. Events accepted/s: all events logged (written or"
  echo "dropped) over the same time. Ratios on lines written/s. Second half: the lines of the second half of the bytes the"
  echo "target received over the time they took (io.fapilog.benchmarks.file.WrittenBytes samples the target every 2 ms),"
  echo "once the JIT has compiled the logger's code. Machine and commit: machine.txt, with the rate at which this"
  echo "machine's page cache takes writes into memory not used lately and into pages just freed; each run's file"
  echo "$( [[ "$page_cache" == new ]] && echo "grew into memory not used lately (FILE_PAGE_CACHE=new)." || echo "reused pages just freed (FILE_PAGE_CACHE=recycled, the default).")"
} > "$out/results.md"
cat "$out/results.md"
echo "results in $out"
exit $status
