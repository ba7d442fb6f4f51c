#!/usr/bin/env python3
"""Writes pgbench scripts that replay, as the runtime login, the statements one incoming-call
webhook sends (see bench/webhook_sql.sh): the tenant context with BEGIN in one round trip, the
call upsert of call.CallUpdates (copied here; keep the two alike), COMMIT. One script per tenant,
each picked at random by pgbench, a fresh CallSid per transaction.
Usage: webhook_sql.py TENANTS_CSV OUT_DIR"""
import csv
import os
import sys

tenants_file, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)

ADVANCES = ("(EXCLUDED.status IS NOT NULL AND (c.status IS NULL OR (call_status_stage(c.status) < 4"
            " AND (call_status_stage(EXCLUDED.status) > call_status_stage(c.status)"
            " OR (call_status_stage(EXCLUDED.status) = call_status_stage(c.status)"
            " AND coalesce(EXCLUDED.status_sequence, -1) > coalesce(c.status_sequence, -1))))))")
SID = "'CA' || md5(:r::text)"


def upsert(tenant):
    written = (
        "INSERT INTO calls AS c (tenant_id, id, sid, from_number, to_number, direction, status, status_sequence,"
        " duration_seconds, started_at, ended_at, call_type, user_id, created_at, updated_at)"
        f" VALUES ('{tenant}', gen_random_uuid(), {SID}, '+14155550111', '+18005550100', 'inbound', 'ringing',"
        " NULL, NULL, NULL, NULL, NULL, NULL, now(), now())"
        " ON CONFLICT (tenant_id, sid) DO UPDATE SET"
        f" status = CASE WHEN {ADVANCES} THEN EXCLUDED.status ELSE c.status END, updated_at = now()"
        f" WHERE {ADVANCES} RETURNING id, tenant_id, sid, (xmax = 0) AS inserted, status")
    return (f"WITH prior AS (SELECT status FROM calls WHERE tenant_id = '{tenant}' AND sid = {SID}),"
            f" written AS ({written}),"
            " linked AS (UPDATE recordings r SET call_id = w.id, updated_at = now() FROM written w"
            " WHERE w.inserted AND r.tenant_id = w.tenant_id AND r.call_sid = w.sid AND r.call_id IS NULL)"
            " SELECT w.id, w.inserted, (SELECT status FROM prior), w.status FROM written w;")


def context(tenant):
    return (f"SELECT set_config('app.tenant_id', '{tenant}', true), set_config('app.actor_kind', 'twilio', true),"
            " set_config('app.actor_user_id', '', true), set_config('app.actor_api_key_id', '', true),"
            " set_config('app.client_ip', '127.0.0.1', true), set_config('app.user_agent', 'TwilioProxy/1.1', true);")


for i, row in enumerate(csv.reader(open(tenants_file))):
    tenant = row[3]
    with open(os.path.join(out, f"tenant{i}.sql"), "w") as script:
        script.write("\\set r random(1, 9000000000000000)\n")
        # pgjdbc sends BEGIN with the transaction's first statement: one round trip, as here.
        script.write("\\startpipeline\nBEGIN;\n" + context(tenant) + "\n\\endpipeline\n")
        script.write(upsert(tenant) + "\n")
        script.write("COMMIT;\n")
