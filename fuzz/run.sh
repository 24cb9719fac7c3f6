#!/usr/bin/env bash
# Seeds the fuzz corpora from corpus/ and the law fixtures, then runs one target.
#   bash fuzz/run.sh TARGET SECONDS      e.g. bash fuzz/run.sh parse 600
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and the nightly toolchain.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="$1"
seconds="${2:-60}"
seeds="$here/corpus/$target"
mkdir -p "$seeds"
for f in "$here"/../corpus/*.txt "$here"/../tests/fixtures/laws/*.md; do
  cp -n "$f" "$seeds/"
done
# Text that is a web page is parsed as one: the parser also starts from the government pages.
if [ "$target" = parse ]; then
  cp -n "$here"/../tests/fixtures/html/*.html "$seeds/"
fi
# The decoder also starts from the same texts in GB18030, UTF-16 and with a BOM.
if [ "$target" = decode ]; then
  for f in "$here"/../corpus/*.txt; do
    name="$(basename "$f" .txt)"
    iconv -f UTF-8 -t GB18030 "$f" > "$seeds/$name.gb18030" 2>/dev/null || true
    iconv -f UTF-8 -t UTF-16 "$f" > "$seeds/$name.utf16" 2>/dev/null || true
    { printf '\xef\xbb\xbf'; cat "$f"; } > "$seeds/$name.bom"
  done
fi
cd "$here"
cargo +nightly fuzz run "$target" -- -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1
