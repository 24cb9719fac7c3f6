#!/usr/bin/env python3
"""The Python pipeline a researcher would otherwise assemble, for comparison with `zhengce report`.

For every local measure of a corpus directory (national.txt + local-*.txt): OpenCC t2s, a regex
article split, jieba segmentation, RapidFuzz best national article per local article, a difflib
word diff of each pair, and one HTML page with <ins>/<del> marks. Prints the seconds taken.
"""
import difflib
import html
import pathlib
import re
import sys
import time

import jieba
import opencc
from rapidfuzz import fuzz, process

ARTICLE = re.compile(r"^\s*(第[一二三四五六七八九十百零〇]+[条條])", re.M)


def articles(text):
    starts = [m.start() for m in ARTICLE.finditer(text)]
    return [text[a:b].strip() for a, b in zip(starts, starts[1:] + [len(text)])]


def diff_html(old, new):
    a, b = jieba.lcut(old), jieba.lcut(new)
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(html.escape("".join(a[i1:i2])))
        if tag in ("delete", "replace"):
            out.append("<del>" + html.escape("".join(a[i1:i2])) + "</del>")
        if tag in ("insert", "replace"):
            out.append("<ins>" + html.escape("".join(b[j1:j2])) + "</ins>")
    return "".join(out)


def main(corpus, out):
    started = time.perf_counter()
    jieba.setLogLevel(60)
    jieba.initialize()
    cc = opencc.OpenCC("t2s")
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    national = articles(cc.convert(pathlib.Path(corpus, "national.txt").read_text(encoding="utf-8")))
    for path in sorted(pathlib.Path(corpus).glob("local-*.txt")):
        local = articles(cc.convert(path.read_text(encoding="utf-8", errors="replace")))
        rows = []
        for art in local:
            best = process.extractOne(art, national, scorer=fuzz.ratio)
            if best and best[1] >= 50:
                rows.append(f"<tr><td>{best[2] + 1}</td><td>{best[1]:.0f}</td><td>{diff_html(best[0], art)}</td></tr>")
        page = f"<!DOCTYPE html><meta charset=utf-8><title>{html.escape(path.name)}</title><table>{''.join(rows)}</table>"
        (out / (path.stem + ".html")).write_text(page, encoding="utf-8")
    print(f"{time.perf_counter() - started:.2f}")


main(sys.argv[1], sys.argv[2])
