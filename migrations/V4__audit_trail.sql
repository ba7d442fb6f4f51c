-- Audit trail: every insert, update and delete on tenant data writes an audit row, from a trigger,
-- so no write path (API key, dashboard user, webhook, operator, or SQL someone adds later) can skip
-- it. The actor comes from the per-transaction context the service sets with set_config(..., true)
-- together with the tenant (TenantTransactionBinder). Secrets and hashes never reach the trail.

-- An address the trail can store, or NULL: a malformed value must never make the audited write fail.
CREATE FUNCTION app_try_inet(value text) RETURNS inet
    LANGUAGE plpgsql IMMUTABLE
AS $$
BEGIN
    RETURN nullif(value, '')::inet;
EXCEPTION WHEN others THEN
    RETURN NULL;
END
$$;

CREATE FUNCTION app_try_uuid(value text) RETURNS uuid
    LANGUAGE plpgsql IMMUTABLE
AS $$
BEGIN
    RETURN nullif(value, '')::uuid;
EXCEPTION WHEN others THEN
    RETURN NULL;
END
$$;

CREATE FUNCTION audit_row_change() RETURNS trigger
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
            CASE WHEN actor IN ('user', 'api_key', 'operator', 'twilio', 'system') THEN actor ELSE 'system' END,
            app_try_uuid(current_setting('app.actor_user_id', true)),
            app_try_uuid(current_setting('app.actor_api_key_id', true)),
            app_try_inet(current_setting('app.client_ip', true)),
            left(nullif(current_setting('app.user_agent', true), ''), 512));
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['tenants', 'api_keys', 'settings', 'users', 'sessions', 'loss_reasons', 'calls',
                             'recordings', 'messages', 'products', 'content']
    LOOP
        EXECUTE format('CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON %I'
                       ' FOR EACH ROW EXECUTE FUNCTION audit_row_change()', t);
    END LOOP;
END
$$;

-- Analytics group calls of a period by rep and by reason.
CREATE INDEX calls_by_created ON calls (tenant_id, created_at) INCLUDE (outcome, meeting_status, user_id, loss_reason_id);

GRANT EXECUTE ON FUNCTION app_try_inet(text), app_try_uuid(text), audit_row_change() TO "${app_role}";
