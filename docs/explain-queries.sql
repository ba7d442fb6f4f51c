-- The main list and lookup queries, EXPLAINed as the runtime login with a tenant set.
-- psql "postgresql://switchboard_app@localhost:PORT/switchboard" -v tenant=UUID -v rep=UUID -f docs/explain-queries.sql
BEGIN;
SELECT set_config('app.tenant_id', :'tenant', true) \g /dev/null
\echo '### Q1 First page of calls, newest first (GET /v1/calls?limit=50)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY OFF) SELECT * FROM calls WHERE tenant_id = :'tenant' ORDER BY created_at DESC, id DESC LIMIT 51;
\echo '### Q2 Next page by keyset cursor'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY OFF) SELECT * FROM calls WHERE tenant_id = :'tenant' AND (created_at, id) < (now() - interval '500 minutes', '00000000-0000-0000-0000-000000000000') ORDER BY created_at DESC, id DESC LIMIT 51;
\echo '### Q3 Filter by status (GET /v1/calls?status=no-answer)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY OFF) SELECT * FROM calls WHERE tenant_id = :'tenant' AND status = 'no-answer' ORDER BY created_at DESC, id DESC LIMIT 51;
\echo '### Q4 A rep sees their own calls (GET /v1/calls as role sales, or ?userId=)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY OFF) SELECT * FROM calls WHERE tenant_id = :'tenant' AND user_id = :'rep' ORDER BY created_at DESC, id DESC LIMIT 51;
\echo '### Q5 Filter by outcome within a period'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY OFF) SELECT * FROM calls WHERE tenant_id = :'tenant' AND outcome = 'lost' AND created_at >= now() - interval '1 day' ORDER BY created_at DESC, id DESC LIMIT 51;
\echo '### Q6 Webhook upsert target: a call by its Twilio sid'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY OFF) SELECT * FROM calls WHERE tenant_id = :'tenant' AND sid = 'CA' || md5(:'tenant' || '7');
\echo '### Q7 Analytics: calls by outcome in a period'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY OFF) SELECT outcome, count(*) FROM calls WHERE tenant_id = :'tenant' AND created_at >= now() - interval '7 days' GROUP BY outcome;
ROLLBACK;
\echo '### Q8 Tenant of an API key (directory lookup before the tenant is known)'
EXPLAIN (ANALYZE, COSTS OFF, SUMMARY OFF) SELECT k.tenant_id FROM api_keys k JOIN tenants t ON t.id = k.tenant_id WHERE k.secret_hash = '\x00' AND k.revoked_at IS NULL;
