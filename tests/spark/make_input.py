"""Writes the input of the Spark test to stdout: the records of `zhengce pack` (argument 1), with
`path` records (files under argument 2), CRLF line ends, bad lines and blank lines spread among
them, so that every partition of the input gets some."""

import json
import sys

packed, corpus = sys.argv[1], sys.argv[2]
records = open(packed, encoding="utf-8").read().splitlines()
odd = [
    json.dumps({"id": "path:liaoning", "path": f"{corpus}/liaoning-2016-alliance-pilot.txt"}),
    "not json",
    '{"id": "cut-off", "text": "第一条 为了推动',  # not JSON, but its id can be read
    "",
    '{"id": 404}',  # neither text nor path
    '{"id": "both", "text": "第一条", "path": "x.txt"}',
    json.dumps({"id": "gone", "path": f"{corpus}/no-such-measure.txt"}),
    "   ",
    "[1, 2, 3]",
    records[3] + "\r",  # a CRLF line end, and the same record twice
    json.dumps({"id": 17, "path": f"{corpus}/tianjin-binhai-2012-8.txt"}),
    "",
    "",
    '{"id": "cut-off-2", "te',
]
step = len(records) // (len(odd) + 1)
lines = [""]  # a blank first line
for i, record in enumerate(records):
    lines.append(record)
    if i % step == step - 1 and i // step < len(odd):
        lines.append(odd[i // step])
lines.append("not json either")
sys.stdout.write("\n".join(lines) + "\n")
