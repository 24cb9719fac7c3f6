#!/usr/bin/env bash
# The benchmark: synthetic corpora of N local measures derived from the national measure, zhengce
# against the Python reference pipeline on the same corpus, side by side. Run from the repository:
#   bash bench/run.sh            (N = 250 1000 4000; the Python reference at 250 and 1000)
# Needs python3 with venv (the reference's pinned packages are installed into bench/.venv).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="${SIZES:-250 1000 4000}"
declare -A times
python_sizes="${PYTHON_SIZES:-250 1000}"
work="${WORK:-bench/work}"
mkdir -p "$work"

cargo build --release --quiet
bin=target/release/zhengce
if [ ! -x bench/.venv/bin/python ]; then
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install --quiet -r bench/requirements.txt
fi

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m)"
for n in $sizes; do
  [ -d "$work/corpus-$n" ] || $bin synth --national corpus/most-2009-648.txt --count "$n" --out "$work/corpus-$n" --seed 7
done

# Stage throughput on the 1,000-document corpus when it is built (the largest size otherwise).
stage_n=1000
[[ " $sizes " == *" 1000 "* ]] || stage_n=${sizes##* }
cargo bench --quiet --bench stages -- "$work/corpus-$stage_n"

# Outputs of an earlier run are moved aside and deleted only at the end: on ext4, creating
# thousands of files right after deleting thousands costs seconds of kernel time (its inode
# allocator steps around recently deleted inodes), which would be charged to whichever pipeline
# ran next. Both pipelines write into fresh directories.
trash="$work/trash-$$"
mkdir -p "$trash"
for old in "$work"/out-* "$work"/py-*; do
  if [ -e "$old" ]; then mv "$old" "$trash/"; fi
done

# zhengce runs a few times per size (a run of a second or less varies by 10 % on a shared
# machine): the median time and the highest peak memory count.
runs="${RUNS:-5}"
printf '\n%-6s %-8s %12s %14s %14s %10s\n' N MB zhengce_s peak_MB python_s ratio
for n in $sizes; do
  mb=$(du -sm "$work/corpus-$n" | cut -f1)
  : > "$work/time-$n"
  for run in $(seq 1 "$runs"); do
    /usr/bin/time -f "%e %M" -a -o "$work/time-$n" $bin report "$work/corpus-$n" --out "$work/out-$n-$run" 2>/dev/null
  done
  read -r secs kb < <(python3 -c "
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
print(f'{statistics.median(float(r[0]) for r in rows):.2f}', max(int(r[1]) for r in rows))" "$work/time-$n")
  py="-"; ratio="-"
  if [[ " $python_sizes " == *" $n "* ]]; then
    py=$(bench/.venv/bin/python bench/reference.py "$work/corpus-$n" "$work/py-$n")
    ratio=$(python3 -c "print(f'{$py / $secs:.1f}x')")
  fi
  printf '%-6s %-8s %12s %14s %14s %10s\n' "$n" "$mb" "$secs" "$((kb / 1024))" "$py" "$ratio"
  times[$n]=$secs
done
if [ -n "${times[1000]:-}" ] && [ -n "${times[4000]:-}" ]; then
  echo "growth: 4x the documents (1,000 -> 4,000) costs $(python3 -c "print(f'{${times[4000]} / ${times[1000]}:.2f}')")x the time (target <= 4.4x)"
fi

n=3000
[ -d "$work/derive-$n" ] || $bin synth --national corpus/most-2009-648.txt --count "$n" --out "$work/derive-$n" --seed 11
/usr/bin/time -f "%e %M" -o "$work/time-derive" $bin graph "$work/derive-$n" --derive > /dev/null
read -r secs kb < "$work/time-derive"
echo "corpus mode (graph --derive) on $n documents: ${secs} s, peak $((kb / 1024)) MB"
rm -rf "$trash"
