-- Version 6: reconciliation against Twilio's REST API.
--
-- Twilio does not retry a failed callback unless asked, and never delivers what it could not reach;
-- reconciliation reads each tenant's calls, recordings and messages back from Twilio and upserts
-- what the webhooks missed. This table is each tenant's state: the watermark up to which Twilio's
-- records have been read back, the last run's counts and error, and a lease so that one instance
-- at a time reconciles a tenant, however many run.

CREATE TABLE tenant_sync (
    tenant_id          uuid        NOT NULL PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    -- Twilio's records up to this instant have been read back (the next pass starts an overlap
    -- before it).
    watermark          timestamptz,
    -- A pass asked for on demand: from this instant (null: the default), asked at this time.
    requested_since    timestamptz,
    requested_at       timestamptz,
    -- The pass under way: its window, the resource and the page it has reached (null: the first),
    -- and the earliest start of a record it saw still open (a call in progress), which holds the
    -- watermark back. A run that stops early (its request budget spent, Twilio asking to slow
    -- down, a crash) leaves these for the next run, which carries on from the same page; each page
    -- is committed together with this position, so a page is never skipped.
    pass_from          timestamptz,
    pass_to            timestamptz,
    pass_resource      text        CHECK (pass_resource IN ('calls', 'recordings', 'messages')),
    pass_page_url      text        CHECK (length(pass_page_url) <= 2048),
    pass_earliest_open timestamptz,
    CHECK ((pass_to IS NULL) = (pass_resource IS NULL) AND (pass_to IS NULL) = (pass_from IS NULL)),
    -- Which instance reconciles the tenant now, until when: renewed with every page; a dead
    -- instance's lease simply runs out. Every page's commit checks the owner, so a run whose lease
    -- was taken over cannot write.
    lease_owner        text        CHECK (length(lease_owner) <= 200),
    lease_until        timestamptz,
    last_started_at    timestamptz,
    last_finished_at   timestamptz,
    last_succeeded_at  timestamptz,
    -- What the last run wrote.
    calls_created      integer     NOT NULL DEFAULT 0 CHECK (calls_created >= 0),
    calls_updated      integer     NOT NULL DEFAULT 0 CHECK (calls_updated >= 0),
    recordings_created integer     NOT NULL DEFAULT 0 CHECK (recordings_created >= 0),
    recordings_updated integer     NOT NULL DEFAULT 0 CHECK (recordings_updated >= 0),
    messages_created   integer     NOT NULL DEFAULT 0 CHECK (messages_created >= 0),
    messages_updated   integer     NOT NULL DEFAULT 0 CHECK (messages_updated >= 0),
    last_error         text        CHECK (length(last_error) <= 2000),
    last_error_at      timestamptz
);

ALTER TABLE tenant_sync ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_sync FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_sync
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE ON tenant_sync TO "${app_role}";

-- Which active tenants are due, ids only, across tenants: those asked for, those with a pass under
-- way, then those not reconciled since p_due_before, least recently reconciled first; never one
-- whose lease another instance holds.
CREATE FUNCTION directory_tenants_to_reconcile(p_due_before timestamptz, p_limit integer)
    RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT t.id FROM public.tenants t
    LEFT JOIN public.tenant_sync s ON s.tenant_id = t.id
    WHERE t.status = 'active'
      AND (s.lease_until IS NULL OR s.lease_until < now())
      AND (s.tenant_id IS NULL OR s.requested_at IS NOT NULL OR s.pass_to IS NOT NULL
           OR s.last_started_at IS NULL OR s.last_started_at < p_due_before)
    ORDER BY s.requested_at NULLS LAST, s.last_started_at NULLS FIRST, t.id
    LIMIT least(greatest(p_limit, 1), 100000)
$$;
GRANT SELECT (tenant_id, requested_at, pass_to, lease_until, last_started_at) ON tenant_sync TO "${directory_role}";
CREATE POLICY directory_lookup ON tenant_sync FOR SELECT TO "${directory_role}" USING (true);
GRANT CREATE ON SCHEMA public TO "${directory_role}";
ALTER FUNCTION directory_tenants_to_reconcile(timestamptz, integer) OWNER TO "${directory_role}";
REVOKE CREATE ON SCHEMA public FROM "${directory_role}";
REVOKE ALL ON FUNCTION directory_tenants_to_reconcile(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION directory_tenants_to_reconcile(timestamptz, integer) TO "${app_role}";

-- Rows reconciliation writes are audited as its own actor.
ALTER TABLE audit_logs DROP CONSTRAINT audit_logs_actor_kind_check;
ALTER TABLE audit_logs ADD CONSTRAINT audit_logs_actor_kind_check
    CHECK (actor_kind IN ('user', 'api_key', 'operator', 'twilio', 'system', 'reconciler'));

CREATE OR REPLACE FUNCTION audit_row_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = public, pg_temp
AS $$
DECLARE
    -- Columns whose values never enter the trail: encrypted Twilio secrets, password and key hashes.
    redacted CONSTANT text[] := ARRAY['twilio_auth_token_enc', 'twilio_api_key_secret_enc', 'password_hash', 'secret_hash'];
    old_values jsonb;
    new_values jsonb;
    row_values jsonb;
    actor text := coalesce(nullif(current_setting('app.actor_kind', true), ''), 'system');
BEGIN
    IF TG_OP <> 'INSERT' THEN
        old_values := to_jsonb(OLD) - redacted;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_values := to_jsonb(NEW) - redacted;
    END IF;
    -- An update that changes nothing but bookkeeping times (a key's last use) is not a change.
    IF TG_OP = 'UPDATE' AND (old_values - 'updated_at' - 'last_used_at') = (new_values - 'updated_at' - 'last_used_at') THEN
        RETURN NULL;
    END IF;
    row_values := coalesce(new_values, old_values);
    INSERT INTO audit_logs (tenant_id, table_name, record_id, action, old_values, new_values, actor_kind,
                            actor_user_id, actor_api_key_id, ip, user_agent)
    VALUES (coalesce(row_values ->> 'tenant_id', row_values ->> 'id')::uuid,
            TG_TABLE_NAME,
            app_try_uuid(coalesce(row_values ->> 'id', row_values ->> 'tenant_id')),
            lower(TG_OP),
            old_values,
            new_values,
            CASE WHEN actor IN ('user', 'api_key', 'operator', 'twilio', 'system', 'reconciler') THEN actor ELSE 'system' END,
            app_try_uuid(current_setting('app.actor_user_id', true)),
            app_try_uuid(current_setting('app.actor_api_key_id', true)),
            app_try_inet(current_setting('app.client_ip', true)),
            left(nullif(current_setting('app.user_agent', true), ''), 512));
    RETURN NULL;
END
$$;
