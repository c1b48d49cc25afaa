#!/usr/bin/env bash
# Benchmarks juesuan against its anchors in one run and prints a table of medians and ratios.
# Run through `make bench` (installs the anchors, builds in release). Method: docs/benchmarks.md.
#   BENCH_UNITS        batch sizes for (c)                 default "100 1000"
#   BENCH_ITERATIONS   timed iterations per round for (a) and (b)    default 30
#   BENCH_ROUNDS       rounds of (a) and (b); each round times every tool once, in turn   default 5
#   BENCH_PYTHON       python with xlsxwriter, python-calamine, openpyxl
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PY=${BENCH_PYTHON:-python3}
UNITS=${BENCH_UNITS:-"100 1000"}
ITER=${BENCH_ITERATIONS:-30}
ROUNDS=${BENCH_ROUNDS:-5}
BIN=.build/release/juesuan
BENCH=.build/release/juesuan-bench
TEMPLATE=Templates/sichuan-2021/template.xlsx
SAMPLE=Sources/Accounts/Resources/samples/xiqu-jiuye-2021.yaml
CPUS=$(nproc)

# Every tool writes to the same place; tmpfs when there is one, so disk noise hits nobody.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then WORK=/dev/shm/juesuan-bench-$$; else WORK=$ROOT/.build-bench/work-$$; fi
mkdir -p "$WORK" .build-bench
trap 'rm -rf "$WORK"' EXIT
RESULTS=.build-bench/results.jsonl
: > "$RESULTS"

cc -O2 -o .build-bench/libxlsxwriter_export bench/anchors/libxlsxwriter_export.c -lxlsxwriter

note() { echo "$*" >&2; }
record() { echo "$1" | "$PY" -c 'import json,sys; d=json.loads(sys.stdin.read()); d.update(json.loads(sys.argv[1])); print(json.dumps(d, ensure_ascii=False))' "$2" >> "$RESULTS"; }

# Inputs for (a) and (b): the sample unit and the largest unit of a 100-unit synthetic department.
"$BIN" sample --units 100 -o "$WORK/pick" --seed 2021 > /dev/null
LARGEST=$(ls -S "$WORK"/pick/units/*.yaml | sed -n 1p)   # not head: under pipefail, ls dying of SIGPIPE would stop the run
declare -A INPUTS=([sample]="$SAMPLE" [largest]="$LARGEST")
for name in sample largest; do
  yaml=${INPUTS[$name]}
  "$BIN" export "$yaml" -o "$WORK/$name.xlsx" --force --template "$TEMPLATE" > /dev/null
  "$PY" bench/dump_cells.py "$WORK/$name.xlsx" "$WORK/$name.dump" 2> "$WORK/$name.dumpinfo"
done
# Rounds: every tool is timed once per round, one after another, so a slow spell of this machine
# falls on juesuan and its anchors alike; the report takes ratios within a round. Odd rounds time
# juesuan first, even rounds last.
for round in $(seq 1 "$ROUNDS"); do
  for name in sample largest; do
    yaml=${INPUTS[$name]}
    info=$(cat "$WORK/$name.dumpinfo")
    note "round $round/$ROUNDS: (a) export, (b) read and check [$name: $info]"
    tag="{\"case\":\"$name\",\"info\":\"$info\",\"round\":$round}"
    ours_export() { record "$("$BENCH" export "$yaml" "$TEMPLATE" "$WORK/ours.xlsx" "$ITER")" "$tag"; }
    ours_check() { record "$("$BENCH" check "$WORK/$name.xlsx" "$ITER")" "$tag"; }
    if [ $((round % 2)) -eq 1 ]; then ours_export; ours_check; fi
    record "$("$PY" bench/anchors/xlsxwriter_export.py "$WORK/$name.dump" "$WORK/xw.xlsx" "$ITER")" "$tag"
    record "$(.build-bench/libxlsxwriter_export "$WORK/$name.dump" "$WORK/c.xlsx" "$ITER")" "$tag"
    record "$("$PY" bench/anchors/read_calamine.py "$WORK/$name.xlsx" "$ITER")" "$tag"
    record "$("$PY" bench/anchors/read_openpyxl.py "$WORK/$name.xlsx" "$ITER")" "$tag"
    if [ $((round % 2)) -eq 0 ]; then ours_export; ours_check; fi
  done
done

# (c) batch throughput and peak memory, one department per size, all cores.
for n in $UNITS; do
  note "(c) batch of $n units on $CPUS cores"
  "$BIN" sample --units "$n" -o "$WORK/dept-$n" --seed 2021 > /dev/null
  set +e
  /usr/bin/time -v -o "$WORK/time-$n.txt" "$BIN" batch "$WORK/dept-$n/department.yaml" -o "$WORK/out-$n" -j "$CPUS" \
    > "$WORK/batch-$n.log" 2>&1
  status=$?
  set -e
  wall=$(grep 'Elapsed (wall clock)' "$WORK/time-$n.txt" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$WORK/time-$n.txt" | awk '{print $NF}')
  record "{\"tool\":\"juesuan\",\"mode\":\"batch\"}" "{\"units\":$n,\"wall\":\"$wall\",\"max_rss_kb\":$rss,\"exit\":$status,\"jobs\":$CPUS}"
  rm -rf "$WORK/dept-$n" "$WORK/out-$n"
  # The index alone for n made-up rows (its workbook, then its page): how much of the peak is the index.
  mkdir -p "$WORK/index-$n"
  for part in xlsx html; do
    /usr/bin/time -f "%M" -o "$WORK/index-$n-$part.txt" "$BENCH" index "$n" "$WORK/index-$n" "$part" > /dev/null
    record "{\"tool\":\"juesuan\",\"mode\":\"index\"}" "{\"units\":$n,\"part\":\"$part\",\"max_rss_kb\":$(tail -1 "$WORK/index-$n-$part.txt")}"
  done
  rm -rf "$WORK/index-$n"
done

"$PY" bench/report.py "$RESULTS" | tee .build-bench/results.md
