-- Version 5: trust boundaries.
--
-- Until now the cross-tenant lookups opened a setting (app.directory) that the runtime login could
-- set itself, after which it read every tenant's encrypted tokens and every API-key hash. Now:
--   * every read that crosses tenants is a SECURITY DEFINER function owned by a NOLOGIN role
--     (${directory_role}) that may read only the columns those functions need, with search_path
--     pinned; no setting the runtime login can change widens what it sees;
--   * column grants keep tenant work away from a tenant's status, custom domain and account SID:
--     operators change those through one function;
--   * login throttling lives in its own table, counted atomically per (account, address) and per
--     address (the per-user counter that could be raced and read is dropped);
--   * every encryption key leaves a canary, so a start with keys that cannot decrypt what is
--     stored is refused at once.

-- ---------------------------------------------------------------------------------------------
-- The directory role: NOLOGIN, owns the cross-tenant functions. The README creates it as the
-- database superuser and grants it to the owner login; a migrating login with CREATEROLE may
-- create it here instead. The runtime login must never be a member (start-up refuses that).
-- ---------------------------------------------------------------------------------------------

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${directory_role}') THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', '${directory_role}');
    END IF;
    IF (SELECT rolcanlogin OR rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = '${directory_role}') THEN
        RAISE EXCEPTION 'role % must be NOLOGIN, NOSUPERUSER and NOBYPASSRLS', '${directory_role}';
    END IF;
    IF NOT pg_has_role(current_user, '${directory_role}', 'MEMBER') THEN
        EXECUTE format('GRANT %I TO %I', '${directory_role}', current_user);
    END IF;
END
$$;

-- The old way out goes first.
DROP POLICY directory_read ON tenants;
DROP POLICY directory_read ON api_keys;
DROP FUNCTION directory_tenant_by_domain(text);
DROP FUNCTION directory_tenant_by_account_sid(text);
DROP FUNCTION directory_api_key(bytea);
DROP FUNCTION app_directory_mode();

-- What the directory role may see and change: only the columns its functions use.
GRANT USAGE ON SCHEMA public TO "${directory_role}";
GRANT SELECT (id, name, status, custom_domain, twilio_account_sid, twilio_api_key_sid, twilio_phone_number,
              branding_config, created_at, updated_at, twilio_auth_token_enc, twilio_api_key_secret_enc)
    ON tenants TO "${directory_role}";
GRANT UPDATE (status, custom_domain, twilio_account_sid, updated_at) ON tenants TO "${directory_role}";
GRANT SELECT (tenant_id, id, secret_hash, revoked_at, last_used_at) ON api_keys TO "${directory_role}";
GRANT UPDATE (last_used_at) ON api_keys TO "${directory_role}";
GRANT SELECT (tenant_id, id, user_id, ended_at, expires_at) ON sessions TO "${directory_role}";
GRANT SELECT (tenant_id, id, role, active) ON users TO "${directory_role}";
-- The audit trigger of the operators' routing changes writes as the function's owner.
GRANT INSERT ON audit_logs TO "${directory_role}";

CREATE POLICY directory_lookup ON tenants FOR SELECT TO "${directory_role}" USING (true);
CREATE POLICY directory_routing ON tenants FOR UPDATE TO "${directory_role}" USING (true) WITH CHECK (true);
CREATE POLICY directory_lookup ON api_keys FOR SELECT TO "${directory_role}" USING (true);
CREATE POLICY directory_key_use ON api_keys FOR UPDATE TO "${directory_role}" USING (true) WITH CHECK (true);
CREATE POLICY directory_lookup ON sessions FOR SELECT TO "${directory_role}" USING (true);
CREATE POLICY directory_lookup ON users FOR SELECT TO "${directory_role}" USING (true);

-- ---------------------------------------------------------------------------------------------
-- Resolution: which tenant a domain, an account SID, an API key or a login session belongs to.
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION directory_tenant_by_domain(p_domain text)
    RETURNS TABLE (tenant_id uuid, status text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$ SELECT t.id, t.status FROM public.tenants t WHERE t.custom_domain = lower(p_domain) $$;

CREATE FUNCTION directory_tenant_by_account_sid(p_account_sid text)
    RETURNS TABLE (tenant_id uuid, status text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$ SELECT t.id, t.status FROM public.tenants t WHERE t.twilio_account_sid = p_account_sid $$;

CREATE FUNCTION directory_api_key(p_secret_hash bytea)
    RETURNS TABLE (tenant_id uuid, key_id uuid, secret_hash bytea, tenant_status text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT k.tenant_id, k.id, k.secret_hash, t.status
    FROM public.api_keys k JOIN public.tenants t ON t.id = k.tenant_id
    WHERE k.secret_hash = p_secret_hash AND k.revoked_at IS NULL
$$;

-- Records a key's last use at most once per resolution (the stale-before bound), so busy keys do
-- not each write. The audit trigger ignores last-use-only changes.
CREATE FUNCTION directory_api_key_used(p_tenant_id uuid, p_key_id uuid, p_stale_before timestamptz)
    RETURNS void
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    UPDATE public.api_keys SET last_used_at = now()
    WHERE tenant_id = p_tenant_id AND id = p_key_id AND revoked_at IS NULL
      AND (last_used_at IS NULL OR last_used_at < p_stale_before)
$$;

-- A dashboard token names its tenant, user and session; this says whether the session is still
-- open and what the user's role is now, so a role change or a logout counts from the next request.
CREATE FUNCTION directory_session(p_tenant_id uuid, p_session_id uuid, p_user_id uuid)
    RETURNS TABLE (tenant_status text, user_role text, user_active boolean, session_open boolean)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT t.status, u.role, u.active, (s.ended_at IS NULL AND s.expires_at > now())
    FROM public.sessions s
    JOIN public.users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
    JOIN public.tenants t ON t.id = s.tenant_id
    WHERE s.tenant_id = p_tenant_id AND s.id = p_session_id AND s.user_id = p_user_id
$$;

-- ---------------------------------------------------------------------------------------------
-- Operators: the tenant list (never a secret column) and a tenant's routing (status, domain,
-- account SID), which tenant work cannot change (see the column grants below).
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION operator_tenants_page(p_after_created_at timestamptz, p_after_id uuid, p_limit integer)
    RETURNS TABLE (id uuid, name text, status text, custom_domain text, twilio_account_sid text,
                   twilio_api_key_sid text, twilio_phone_number text, branding_config jsonb,
                   created_at timestamptz, updated_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT t.id, t.name, t.status, t.custom_domain, t.twilio_account_sid, t.twilio_api_key_sid,
           t.twilio_phone_number, t.branding_config, t.created_at, t.updated_at
    FROM public.tenants t
    WHERE p_after_created_at IS NULL OR (t.created_at, t.id) < (p_after_created_at, p_after_id)
    ORDER BY t.created_at DESC, t.id DESC
    LIMIT least(greatest(p_limit, 1), 501)
$$;

CREATE FUNCTION operator_tenant_ids(p_after uuid, p_limit integer)
    RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$ SELECT t.id FROM public.tenants t WHERE t.id > p_after ORDER BY t.id LIMIT least(greatest(p_limit, 1), 1000) $$;

-- Only inside an operator's transaction for that same tenant (what the service sets for /admin).
-- The runtime login could set both itself; this keeps tenant request paths out, while the column
-- grants keep every other statement of the runtime login out.
CREATE FUNCTION operator_set_tenant_routing(p_tenant_id uuid, p_status text, p_custom_domain text,
                                            p_account_sid text)
    RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
    IF p_tenant_id IS DISTINCT FROM app_current_tenant()
            OR current_setting('app.actor_kind', true) IS DISTINCT FROM 'operator' THEN
        RAISE EXCEPTION 'only an operator working on this tenant may change its routing'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    UPDATE public.tenants
    SET status = p_status, custom_domain = p_custom_domain, twilio_account_sid = p_account_sid, updated_at = now()
    WHERE id = p_tenant_id
      AND (status, custom_domain, twilio_account_sid) IS DISTINCT FROM (p_status, p_custom_domain, p_account_sid);
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Encryption keys: a canary per key id, and which key ids the stored secrets use.
-- ---------------------------------------------------------------------------------------------

-- A known value encrypted under each key id. Insert-only: a key id can never change its bytes
-- unnoticed, and a start whose keys do not decrypt a canary is refused. Holds no tenant data.
CREATE TABLE keyring_canaries (
    key_id     text        NOT NULL PRIMARY KEY CHECK (key_id ~ '^[A-Za-z0-9_-]{1,32}$'),
    canary     text        NOT NULL CHECK (canary ~ '^sb1:[A-Za-z0-9_-]{1,32}:[A-Za-z0-9_-]+$'),
    created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE keyring_canaries ENABLE ROW LEVEL SECURITY;
ALTER TABLE keyring_canaries FORCE ROW LEVEL SECURITY;
-- Not tenant data: every instance reads and adds canaries whatever tenant it works for.
CREATE POLICY service_wide ON keyring_canaries USING (true) WITH CHECK (true);

CREATE FUNCTION keyring_key_ids_in_use()
    RETURNS SETOF text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT split_part(t.twilio_auth_token_enc, ':', 2) FROM public.tenants t
    UNION
    SELECT split_part(t.twilio_api_key_secret_enc, ':', 2) FROM public.tenants t WHERE t.twilio_api_key_secret_enc IS NOT NULL
$$;

-- Secrets stored before canaries existed: one value under the key id, to check the key once and
-- write its canary. Answers nothing once the key id has a canary.
CREATE FUNCTION keyring_sample(p_key_id text)
    RETURNS TABLE (tenant_id uuid, column_name text, ciphertext text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT s.tenant_id, s.column_name, s.ciphertext FROM (
        SELECT t.id AS tenant_id, 'twilio_auth_token_enc' AS column_name, t.twilio_auth_token_enc AS ciphertext
        FROM public.tenants t WHERE split_part(t.twilio_auth_token_enc, ':', 2) = p_key_id
        UNION ALL
        SELECT t.id, 'twilio_api_key_secret_enc', t.twilio_api_key_secret_enc
        FROM public.tenants t WHERE split_part(t.twilio_api_key_secret_enc, ':', 2) = p_key_id
    ) s
    WHERE NOT EXISTS (SELECT 1 FROM public.keyring_canaries c WHERE c.key_id = p_key_id)
    LIMIT 1
$$;
GRANT SELECT (key_id) ON keyring_canaries TO "${directory_role}";

-- ---------------------------------------------------------------------------------------------
-- Login throttling. Subjects are SHA-256 digests of (tenant, email, client address) and of the
-- client address alone, so unknown and known emails are counted alike and nothing here names a
-- user. Attempts are reserved atomically before any password is checked.
-- ---------------------------------------------------------------------------------------------

CREATE TABLE login_throttle (
    subject           bytea       NOT NULL PRIMARY KEY CHECK (length(subject) = 32),
    attempts          integer     NOT NULL CHECK (attempts >= 0),
    window_started_at timestamptz NOT NULL,
    locked_until      timestamptz
);
CREATE INDEX login_throttle_stale ON login_throttle (window_started_at);
ALTER TABLE login_throttle ENABLE ROW LEVEL SECURITY;
ALTER TABLE login_throttle FORCE ROW LEVEL SECURITY;
-- Not tenant data: the per-address counter spans tenants on purpose.
CREATE POLICY service_wide ON login_throttle USING (true) WITH CHECK (true);

-- Takes one attempt for a subject: a fresh window after p_window, a lock of p_lockout once the
-- window holds more than p_limit attempts. Returns when the subject stays locked, or NULL when the
-- attempt may go on. One row lock per subject, so parallel attempts are counted one by one.
CREATE FUNCTION login_throttle_take(p_subject bytea, p_limit integer, p_window interval, p_lockout interval)
    RETURNS timestamptz
    LANGUAGE sql VOLATILE SET search_path = public, pg_temp
AS $$
    INSERT INTO public.login_throttle AS t (subject, attempts, window_started_at)
    VALUES (p_subject, 1, now())
    ON CONFLICT (subject) DO UPDATE SET
        attempts = CASE WHEN t.window_started_at < now() - p_window AND coalesce(t.locked_until, now()) <= now()
                        THEN 1 ELSE t.attempts + 1 END,
        window_started_at = CASE WHEN t.window_started_at < now() - p_window AND coalesce(t.locked_until, now()) <= now()
                                 THEN now() ELSE t.window_started_at END,
        locked_until = CASE
            WHEN t.locked_until > now() THEN t.locked_until
            WHEN t.window_started_at >= now() - p_window AND t.attempts + 1 > p_limit THEN now() + p_lockout
            ELSE NULL END
    RETURNING CASE WHEN t.locked_until > now() THEN t.locked_until END
$$;

-- A correct password gives its attempt back: people who log in from one office address do not
-- add up to a lock of that address.
CREATE FUNCTION login_throttle_refund(p_subject bytea)
    RETURNS void
    LANGUAGE sql VOLATILE SET search_path = public, pg_temp
AS $$ UPDATE public.login_throttle SET attempts = greatest(attempts - 1, 0) WHERE subject = p_subject $$;

ALTER TABLE users DROP COLUMN failed_logins;
ALTER TABLE users DROP COLUMN locked_until;

ALTER TABLE sessions DROP CONSTRAINT sessions_end_reason_check;
ALTER TABLE sessions ADD CONSTRAINT sessions_end_reason_check
    CHECK (end_reason IN ('logout', 'revoked', 'user_deactivated', 'password_changed'));

-- ---------------------------------------------------------------------------------------------
-- Ownership and grants
-- ---------------------------------------------------------------------------------------------

-- PostgreSQL lets a role own functions only in a schema it may create in; that right is lent for
-- the ALTER FUNCTION ... OWNER below and taken back at once, so the directory role ends up with no
-- right to create anything.
GRANT CREATE ON SCHEMA public TO "${directory_role}";
DO $$
DECLARE
    f text;
BEGIN
    FOREACH f IN ARRAY ARRAY['directory_tenant_by_domain(text)', 'directory_tenant_by_account_sid(text)',
                             'directory_api_key(bytea)', 'directory_api_key_used(uuid, uuid, timestamptz)',
                             'directory_session(uuid, uuid, uuid)',
                             'operator_tenants_page(timestamptz, uuid, integer)', 'operator_tenant_ids(uuid, integer)',
                             'operator_set_tenant_routing(uuid, text, text, text)',
                             'keyring_key_ids_in_use()', 'keyring_sample(text)']
    LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO %I', f, '${directory_role}');
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', f, '${app_role}');
    END LOOP;
END
$$;
REVOKE CREATE ON SCHEMA public FROM "${directory_role}";

-- Tenant work may change a tenant's name, Twilio credentials and branding; never its status,
-- custom domain or account SID (operators use operator_set_tenant_routing), and never delete it.
REVOKE UPDATE, DELETE ON tenants FROM "${app_role}";
GRANT UPDATE (name, twilio_auth_token_enc, twilio_api_key_sid, twilio_api_key_secret_enc, twilio_phone_number,
              branding_config, updated_at)
    ON tenants TO "${app_role}";

GRANT SELECT, INSERT ON keyring_canaries TO "${app_role}";
-- Without an owner login the service only checks that no migration is pending (common.MigrationGate).
GRANT SELECT ON "${flyway:table}" TO "${app_role}";
GRANT SELECT, INSERT, UPDATE, DELETE ON login_throttle TO "${app_role}";
GRANT EXECUTE ON FUNCTION login_throttle_take(bytea, integer, interval, interval), login_throttle_refund(bytea)
    TO "${app_role}";
