#!/usr/bin/env python3
"""Writes N calls per tenant as CSV for COPY (see bench/run.sh): realistic mixes of direction,
status, outcome and times over the last 90 days. Usage: seed_calls.py TENANTS_CSV CALLS_PER_TENANT"""
import csv
import random
import sys
import uuid
from datetime import datetime, timedelta, timezone

tenants_file, per_tenant = sys.argv[1], int(sys.argv[2])
tenant_ids = [line.split(",")[3].strip() for line in open(tenants_file) if line.strip()]
random.seed(7)
now = datetime.now(timezone.utc)
out = csv.writer(sys.stdout)
statuses = ["completed"] * 6 + ["no-answer", "busy", "failed", "canceled"]
for tenant in tenant_ids:
    for i in range(per_tenant):
        created = now - timedelta(seconds=random.randint(0, 90 * 24 * 3600))
        direction = "inbound" if random.random() < 0.6 else "outbound-api"
        status = random.choice(statuses)
        duration = random.randint(5, 1800) if status == "completed" else 0
        outcome = random.choice(["", "", "won", "tbd"])
        out.writerow([tenant, str(uuid.uuid4()), "CA" + uuid.uuid4().hex, "+1415%07d" % random.randint(0, 9999999),
                      "+18005550100", direction, status, duration, created.isoformat(), outcome,
                      created.isoformat(), created.isoformat()])
