"""The Spark recipe of README.md, run as it stands there, checked record by record.

Run by tests/spark/run.sh under spark-submit (with --files for the binary and the national
document): check.py README MEASURES DIRECT WORK. It takes the Python block after the
`<!-- spark-recipe` marker of README, runs it with `spark`, `sc`, `measures` and `results` set as
the README's job.py sets them, and checks that every line it wrote equals the direct pipe's
(`zhengce batch < MEASURES`, in DIRECT) byte for byte, but for the `line` of an error record, which
counts within its partition. Then the `env=` variant of the README, the SHA-256 join, and a missing
national document under PySpark's default checkCode=False.
"""

import json
import os
import re
import shlex
import sys
import time

from pyspark.sql import SparkSession


def recipe(readme):
    """The README's recipe: the first Python block after its marker."""
    text = open(readme, encoding="utf-8").read()
    after = text[text.index("<!-- spark-recipe") :]
    return re.search(r"```python\n(.*?)```", after, re.S).group(1)


def renumbered(direct_line, line_in_partition):
    """The direct pipe's line as a process given one partition writes it."""
    if not direct_line.startswith(b'{"error":'):
        return direct_line
    return re.sub(rb',"line":\d+,', b',"line":%d,' % line_in_partition, direct_line, count=1)


def expected_partitions(direct, sizes):
    """The direct pipe's lines cut into partitions of the given sizes, numbered as each process does."""
    out, start = [], 0
    for size in sizes:
        out.append([renumbered(direct[start + j], j + 1) for j in range(size)])
        start += size
    assert start == len(direct), f"{start} lines in the partitions, {len(direct)} in the input"
    return out


def same(got, want, what):
    for part, (g, w) in enumerate(zip(got, want)):
        for j, (a, b) in enumerate(zip(g, w)):
            assert a == b, f"{what}: partition {part}, line {j + 1} differs:\n{a[:300]!r}\n{b[:300]!r}"
        assert len(g) == len(w), f"{what}: partition {part} has {len(g)} lines, not {len(w)}"
    assert len(got) == len(want)


def main():
    readme, measures, direct_path, work = map(os.path.abspath, sys.argv[1:])
    direct = open(direct_path, "rb").read().split(b"\n")[:-1]
    spark = SparkSession.builder.getOrCreate()
    sc = spark.sparkContext
    results = os.path.join(work, "results")
    names = {"spark": spark, "sc": sc, "measures": measures, "results": results}

    started = time.monotonic()
    exec(compile(recipe(readme), "README.md spark-recipe", "exec"), names)
    seconds = time.monotonic() - started

    # The part files, in partition order, one per partition (empty ones included).
    parts = sorted(p for p in os.listdir(results) if p.startswith("part-"))
    got = [open(os.path.join(results, p), "rb").read().split(b"\n")[:-1] for p in parts]
    want = expected_partitions(direct, [len(g) for g in got])
    same(got, want, "recipe")
    errors = sum(line.startswith(b'{"error":') for line in direct)
    moved = sum(a != b for a, b in zip((line for g in got for line in g), direct))
    filled = sum(1 for g in got if g)
    assert filled >= 4, f"only {filled} partitions had lines"
    print(f"spark: {sc.master}: the README recipe wrote {len(direct)} lines ({errors} error records) "
          f"in {filled} partitions in {seconds:.1f} s, each equal to the direct pipe's "
          f"({moved} error records numbered within their partition)")

    # The README's DataFrame: results without errors; errors joined with their input line.
    df, joined = names["df"], names["errors"]
    assert df.count() == len(direct) - errors
    assert joined.count() == errors and joined.where(joined.value.isNull()).count() == 0
    without_id = joined.where(joined.id.isNull()).count()
    print(f"spark: {sc.master}: spark.read.json: {df.count()} results, {errors} errors, "
          f"{without_id} of them without an id, all joined to their input line by SHA-256")

    # A bare name found through env=, as the README says.
    shipped, lines = names["shipped"], names["lines"]
    national = f"{shipped}/most-2009-648.txt"
    bare = shlex.join(["zhengce", "batch", "--national", national, "--threads", "1"])
    by_env = lines.pipe(bare, env={"PATH": shipped}, checkCode=True).glom().collect()
    same([[line.encode() for line in g] for g in by_env], want, "env=")

    # No national document on the workers, and PySpark's default checkCode=False: every line says so.
    missing = shlex.join([f"{shipped}/zhengce", "batch", "--national", f"{shipped}/none.txt", "--threads", "1"])
    failed = [json.loads(line) for line in lines.pipe(missing).collect()]
    assert len(failed) == len(direct)
    assert all(r["error"].startswith("cannot start: national document") for r in failed), failed[0]
    print(f"spark: {sc.master}: env= gives the same records; a missing national document fails all "
          f"{len(failed)} lines in the output")
    spark.stop()


if __name__ == "__main__":
    main()
