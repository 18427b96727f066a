# Shared by the benchmark scripts (sourced, not run).

# The machine and commit, for machine.txt.
machine_info() {
  echo "nproc: $(nproc)"
  grep -m1 'model name' /proc/cpuinfo || true
  echo "memory: $(free -h | awk '/^Mem:/ {print $2}')"
  java -version 2>&1
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
}

# Median of the numbers on standard input, one per line (nothing for no input).
median() {
  sort -g | awk '{v[NR] = $1} END {if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

# $1 / $2 with two decimals, or – when either is missing or zero.
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN {if (a == "" || b == "" || a == "NaN" || b == "NaN" || b == 0) print "–"; else printf "%.2f", a / b}'
}

# The value of key $1 in the key=value line $2 (the [file] and [paced] lines of the mains).
field() {
  sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< "$2"
}

# Runs java with the arguments after $3, standard output to file $3, and sets `line` to the first
# line of its standard error that starts with [$1]. Without one, reports the run ($2 names it) as
# failed in $out/failures.log, deletes file $3 and returns 1.
run_main() {
  local tag=$1 label=$2 stdout_file=$3
  shift 3
  local rc=0
  java "$@" > "$stdout_file" 2> "$out/run.err" || rc=$?
  line=$(grep -m1 "^\\[$tag\\]" "$out/run.err" || true)
  if [[ -z "$line" ]]; then
    echo "FAILED: $label (exit $rc), see $out/failures.log" >&2
    { echo "== $label, exit $rc"; cat "$out/run.err"; } >> "$out/failures.log"
    rm -f "$stdout_file"
    return 1
  fi
}
