#!/usr/bin/env python3
"""Prints 'req/s p50 p99 failed' from the Global Information block Gatling prints at the end of a run."""
import re
import sys

text = open(sys.argv[1]).read()
block = text[text.rindex("---- Global Information"):]


def value(label, column=0):
    line = next(l for l in block.splitlines() if label in l)
    cells = [c.strip().replace(",", "") for c in line.split("|")[1:]]
    return cells[column]


ko = value("request count", 2)
print(value("mean throughput (rps)"), value("50th percentile"), value("99th percentile"), 0 if ko == "-" else ko)
