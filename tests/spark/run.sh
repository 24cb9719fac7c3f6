#!/usr/bin/env bash
# The Spark recipe of README.md ("Beyond one machine") on a real PySpark: tests/spark/check.py runs
# the README's block as it stands under --master local[2] and local-cluster[2,1,1024] (executors in
# processes of their own) and checks every record against the direct pipe, byte for byte.
# Needs python3 with venv and Java 17 or later; PySpark, pinned in tests/spark/requirements.txt, is
# installed once into a venv cached at $ZHENGCE_SPARK_VENV (default /tmp/zhengce-spark-venv).
# Usage, from anywhere: bash tests/spark/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$SECONDS

venv="${ZHENGCE_SPARK_VENV:-/tmp/zhengce-spark-venv}"
if ! cmp -s tests/spark/requirements.txt "$venv/requirements.txt"; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/spark/requirements.txt
  cp tests/spark/requirements.txt "$venv/requirements.txt"
fi
if ! command -v java >/dev/null; then
  echo "tests/spark: needs java 17 or later (apt-get install openjdk-17-jre-headless)" >&2
  exit 1
fi

cargo build --locked -q
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Spaces in the binary's directory and in Spark's own: the recipe's quoting must hold.
bin="$work/zhengce bin"
mkdir -p "$bin"
cp target/debug/zhengce "$bin/zhengce"
"$bin/zhengce" synth --national corpus/most-2009-648.txt --count 300 --out "$work/synth"
"$bin/zhengce" pack corpus "$work/synth" >"$work/packed.jsonl"
python3 tests/spark/make_input.py "$work/packed.jsonl" "$PWD/corpus" >"$work/measures.jsonl"
# The direct pipe; it exits 0 though some lines are bad (stderr counts them).
"$bin/zhengce" batch --national corpus/most-2009-648.txt <"$work/measures.jsonl" >"$work/direct.jsonl" 2>/dev/null
echo "spark: input $(wc -l <"$work/measures.jsonl") lines ($(du -h "$work/measures.jsonl" | cut -f1))," \
  "direct pipe done at $((SECONDS - start)) s"

export PATH="$venv/bin:$PATH" PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python"
export SPARK_WORKER_DIR="$work/spark workers"
for master in 'local[2]' 'local-cluster[2,1,1024]'; do
  out="$work/${master%%[*}"
  mkdir -p "$out"
  if ! spark-submit --master "$master" --files "$bin/zhengce,$PWD/corpus/most-2009-648.txt" \
    --conf "spark.local.dir=$work/spark local" --conf spark.log.level=WARN \
    --conf spark.ui.enabled=false \
    tests/spark/check.py README.md "$work/measures.jsonl" "$work/direct.jsonl" "$out" >"$out.log" 2>&1; then
    tail -n 80 "$out.log"
    echo "spark: FAILED under $master (log above)" >&2
    exit 1
  fi
  grep '^spark:' "$out.log"
done
echo "spark: passed in $((SECONDS - start)) s"
