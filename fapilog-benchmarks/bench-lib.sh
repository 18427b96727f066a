# Shared by the benchmark scripts (sourced, not run).

# The machine and commit, for machine.txt.
machine_info() {
  echo "nproc: $(nproc)"
  grep -m1 'model name' /proc/cpuinfo || true
  echo "memory: $(free -h | awk '/^Mem:/ {print $2}')"
  java -version 2>&1
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
}

# How fast this machine takes writes into its page cache, in directory $1: 512 MiB into memory not
# used lately (after 1 GiB that takes up whatever was freed recently), then, as soon as those files
# are deleted, 512 MiB into the pages just freed. On a VM that hands freed memory back to its host
# (free page reporting, /sys/module/page_reporting) the first touches memory the host backs anew and
# runs several times slower: a file that grows pays that rate; a long-running server whose page
# cache is full reuses pages, the second.
page_cache_probe() {
  local probe=$1/.page-cache-probe fresh recycled
  dd if=/dev/zero of="$probe-1" bs=64k count=16384 2>/dev/null
  fresh=$(dd if=/dev/zero of="$probe-2" bs=64k count=8192 2>&1 | awk 'END {print $(NF - 1), $NF}')
  rm -f "$probe-1" "$probe-2"
  recycled=$(dd if=/dev/zero of="$probe-3" bs=64k count=8192 2>&1 | awk 'END {print $(NF - 1), $NF}')
  rm -f "$probe-3"
  echo "page cache, 512 MiB written: $fresh into memory not used lately, $recycled into pages just freed"
  if [[ -r /sys/module/page_reporting/parameters/page_reporting_order ]]; then
    echo "free page reporting to the host: on (order $(cat /sys/module/page_reporting/parameters/page_reporting_order))"
  fi
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
