#!/usr/bin/env python3
"""Prints 'req/s p50 p99 failed' for one request name of a Gatling run.

usage: gatling_stats.py RUN_LOG REQUEST_NAME SECONDS

The simulations run a warm-up phase under other request names first, so the run's global numbers
mix warm-up and measurement. The per-request table of the HTML report (the run log names it) has
the measured phase alone; its count is divided by the measured phase's length (Gatling's own
per-second figure divides by the whole run).
"""
import html
import re
import sys

log_path, request_name, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
report = re.findall(r"file://(\S+/index\.html)", open(log_path).read())[-1]
page = open(report).read()

for row in re.findall(r"<tr[^>]*>(.*?)</tr>", page, re.S):
    name = re.search(r'class="ellipsed-name">([^<]*)</span>', row)
    if not name or html.unescape(name.group(1)) != request_name:
        continue
    cells = dict(re.findall(r'<td class="value [a-z ]*col-(\d+)">([^<]*)</td>', row))
    count = int(cells["2"].replace(",", ""))
    failed = cells["4"].replace(",", "")
    print(round(count / seconds, 1), cells["8"], cells["11"], 0 if failed == "-" else failed)
    break
else:
    sys.exit(f"no request named {request_name!r} in {report}")
