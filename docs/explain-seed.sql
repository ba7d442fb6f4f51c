-- Seeds 100 tenants x 2,000 calls (200,000 rows) plus users and loss reasons, for EXPLAIN.
-- Run as a superuser (it writes across tenants): psql "$SUPERUSER_URL" -f docs/explain-seed.sql
BEGIN;
INSERT INTO tenants (id, name, twilio_account_sid, twilio_auth_token_enc)
SELECT ('00000000-0000-7000-8000-' || lpad(to_hex(t), 12, '0'))::uuid, 'Tenant ' || t,
       'AC' || md5('acct' || t), 'sb1:seed:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'
FROM generate_series(1, 100) t;
INSERT INTO users (tenant_id, id, email, name, password_hash, role)
SELECT tn.id, gen_random_uuid(), 'rep' || u || '@' || tn.id || '.example', 'Rep ' || u, 'x', 'sales'
FROM tenants tn, generate_series(1, 10) u;
INSERT INTO loss_reasons (tenant_id, id, name)
SELECT tn.id, gen_random_uuid(), r FROM tenants tn, unnest(ARRAY['Price', 'Timing', 'Competitor', 'No budget']) r;
INSERT INTO calls (tenant_id, id, sid, from_number, to_number, direction, status, duration_seconds,
                   user_id, outcome, loss_reason_id, created_at)
SELECT tn.id, gen_random_uuid(), 'CA' || md5(tn.id::text || c),
       '+1555' || lpad(c::text, 7, '0'), '+18005551212',
       (ARRAY['inbound', 'outbound-api'])[1 + c % 2],
       (ARRAY['completed', 'completed', 'completed', 'no-answer', 'busy', 'in-progress'])[1 + c % 6],
       c % 600,
       CASE WHEN c % 3 = 0 THEN (SELECT id FROM users u WHERE u.tenant_id = tn.id ORDER BY id OFFSET c % 10 LIMIT 1) END,
       CASE WHEN c % 3 = 0 THEN (ARRAY['won', 'lost', 'tbd'])[1 + c % 9 / 3] END,
       CASE WHEN c % 3 = 0 AND c % 9 / 3 = 1 THEN (SELECT id FROM loss_reasons l WHERE l.tenant_id = tn.id ORDER BY id LIMIT 1) END,
       now() - make_interval(mins => c)
FROM tenants tn, generate_series(1, 2000) c;
COMMIT;
ANALYZE;
