-- Version 7: events sent to tenant apps (signed outbound webhooks).
--
-- webhook_endpoints: where a tenant wants its events, with the signing secret (encrypted like the
-- Twilio secrets). events: the transactional outbox, written in the transaction of the change that
-- caused the event. event_deliveries: one per event and endpoint, claimed by the delivery workers of
-- every instance. delivery_attempts: what each attempt got back, for the tenant to read.

CREATE TABLE webhook_endpoints (
    tenant_id             uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id                    uuid        NOT NULL,
    url                   text        NOT NULL CHECK (length(url) BETWEEN 8 AND 2048),
    description           text        CHECK (length(description) <= 500),
    event_types           text[]      NOT NULL CHECK (cardinality(event_types) >= 1 AND event_types <@ ARRAY[
                                          'call.created', 'call.status_changed', 'call.completed',
                                          'recording.completed', 'message.received', 'message.status_changed',
                                          'call.logged']::text[]),
    enabled               boolean     NOT NULL DEFAULT true,
    -- whsec_ + base64 of 32 random bytes, encrypted (AES-256-GCM, bound to tenant, table and column).
    secret_enc            text        NOT NULL,
    -- After a rotation the previous secret signs too, until then.
    previous_secret_enc   text,
    previous_secret_until timestamptz,
    CHECK ((previous_secret_enc IS NULL) = (previous_secret_until IS NULL)),
    -- Set by the first failed delivery after a success, cleared by the next success; an endpoint
    -- failing for days is disabled, with the reason.
    failing_since         timestamptz,
    disabled_reason       text        CHECK (length(disabled_reason) <= 1000),
    disabled_at           timestamptz,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX webhook_endpoints_by_created ON webhook_endpoints (tenant_id, created_at, id);

CREATE TABLE events (
    tenant_id   uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id          uuid        NOT NULL,
    type        text        NOT NULL CHECK (type IN ('call.created', 'call.status_changed', 'call.completed',
                                                     'recording.completed', 'message.received',
                                                     'message.status_changed', 'call.logged')),
    -- The body sent, byte for byte as signed: {"type","timestamp","data"}.
    payload     text        NOT NULL CHECK (length(payload) <= 262144),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX events_by_created ON events (tenant_id, created_at, id);
CREATE INDEX events_for_pruning ON events (created_at);

CREATE TABLE event_deliveries (
    tenant_id        uuid        NOT NULL,
    id               uuid        NOT NULL,
    event_id         uuid        NOT NULL,
    endpoint_id      uuid        NOT NULL,
    state            text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'succeeded', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    -- The worker (instance) sending the current attempt, until when; a claim that runs out is free.
    claimed_by       text        CHECK (length(claimed_by) <= 200),
    claimed_until    timestamptz,
    last_attempt_at  timestamptz,
    last_status_code integer,
    last_error       text        CHECK (length(last_error) <= 1000),
    finished_at      timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, event_id) REFERENCES events (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, endpoint_id) REFERENCES webhook_endpoints (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX event_deliveries_due ON event_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX event_deliveries_by_event ON event_deliveries (tenant_id, event_id, created_at, id);
CREATE INDEX event_deliveries_by_endpoint ON event_deliveries (endpoint_id) WHERE state = 'pending';

CREATE TABLE delivery_attempts (
    tenant_id        uuid        NOT NULL,
    id               uuid        NOT NULL,
    delivery_id      uuid        NOT NULL,
    attempt          integer     NOT NULL CHECK (attempt >= 1),
    attempted_at     timestamptz NOT NULL DEFAULT now(),
    duration_ms      integer     NOT NULL CHECK (duration_ms >= 0),
    status_code      integer,
    error            text        CHECK (length(error) <= 1000),
    -- The first bytes of the answer, as text.
    response_excerpt text        CHECK (length(response_excerpt) <= 1024),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, delivery_id) REFERENCES event_deliveries (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX delivery_attempts_by_delivery ON delivery_attempts (tenant_id, delivery_id, attempt);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['webhook_endpoints', 'events', 'event_deliveries', 'delivery_attempts']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant())'
                       ' WITH CHECK (tenant_id = app_current_tenant())', t);
    END LOOP;
END
$$;
GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_endpoints TO "${app_role}";
GRANT SELECT, INSERT ON events TO "${app_role}";
GRANT SELECT, INSERT, UPDATE ON event_deliveries TO "${app_role}";
GRANT SELECT, INSERT ON delivery_attempts TO "${app_role}";

-- Endpoints are configuration people change: audited. Events and deliveries are the service's own
-- bookkeeping (and an event's payload is already the audited row's state): not audited.
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON webhook_endpoints
    FOR EACH ROW EXECUTE FUNCTION audit_row_change();

-- Encrypted columns never enter the trail: every column named *_enc (the convention for them all),
-- password and key hashes. A rule by name, so a new encrypted column cannot be forgotten here.
CREATE FUNCTION audit_redact(p_values jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp
AS $$
    SELECT coalesce(jsonb_object_agg(key, value), '{}'::jsonb) FROM jsonb_each(p_values)
    WHERE key NOT LIKE '%\_enc' AND key NOT IN ('password_hash', 'secret_hash')
$$;
GRANT EXECUTE ON FUNCTION audit_redact(jsonb) TO "${app_role}";

CREATE OR REPLACE FUNCTION audit_row_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = public, pg_temp
AS $$
DECLARE
    old_values jsonb;
    new_values jsonb;
    row_values jsonb;
    actor text := coalesce(nullif(current_setting('app.actor_kind', true), ''), 'system');
BEGIN
    IF TG_OP <> 'INSERT' THEN
        old_values := audit_redact(to_jsonb(OLD));
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_values := audit_redact(to_jsonb(NEW));
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

-- The delivery workers of every instance claim due deliveries across tenants: at most one per
-- endpoint at a time (a slow endpoint holds one worker, never the others), oldest due first,
-- rows another worker is claiming skipped (FOR UPDATE SKIP LOCKED). A claim lasts p_lease_seconds;
-- the attempt number it returns fences what the worker may write afterwards.
CREATE FUNCTION directory_claim_deliveries(p_owner text, p_lease_seconds integer, p_limit integer)
    RETURNS TABLE (tenant_id uuid, delivery_id uuid, attempt integer)
    LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    WITH candidates AS (
        SELECT d.tenant_id, d.id, d.endpoint_id, d.next_attempt_at FROM public.event_deliveries d
        WHERE d.state = 'pending' AND d.next_attempt_at <= now()
          AND (d.claimed_until IS NULL OR d.claimed_until <= now())
          AND NOT EXISTS (SELECT 1 FROM public.event_deliveries busy
                          WHERE busy.endpoint_id = d.endpoint_id AND busy.state = 'pending'
                            AND busy.claimed_until > now())
        ORDER BY d.next_attempt_at
        LIMIT least(greatest(p_limit, 1), 1000) * 4
        FOR UPDATE SKIP LOCKED
    ), chosen AS (
        SELECT DISTINCT ON (c.endpoint_id) c.tenant_id, c.id FROM candidates c
        ORDER BY c.endpoint_id, c.next_attempt_at
    ), limited AS (
        SELECT ch.tenant_id, ch.id FROM chosen ch LIMIT least(greatest(p_limit, 1), 1000)
    )
    UPDATE public.event_deliveries d
    SET claimed_by = p_owner, claimed_until = now() + make_interval(secs => p_lease_seconds),
        attempts = d.attempts + 1
    FROM limited l
    WHERE d.tenant_id = l.tenant_id AND d.id = l.id
    RETURNING d.tenant_id, d.id, d.attempts
$$;

-- The oldest pending delivery's age, across tenants, for the delivery-lag metric.
CREATE FUNCTION directory_delivery_lag_seconds()
    RETURNS double precision
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT coalesce(extract(epoch FROM now() - min(e.created_at)), 0)::double precision
    FROM public.event_deliveries d JOIN public.events e ON e.tenant_id = d.tenant_id AND e.id = d.event_id
    WHERE d.state = 'pending' AND d.next_attempt_at <= now()
$$;

-- Retention: events (their deliveries and attempts with them) older than p_before, at most
-- p_limit at a time, across tenants. Returns how many went.
CREATE FUNCTION directory_prune_events(p_before timestamptz, p_limit integer)
    RETURNS integer
    LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    WITH old AS (
        SELECT e.tenant_id, e.id FROM public.events e WHERE e.created_at < p_before
        ORDER BY e.created_at LIMIT least(greatest(p_limit, 1), 100000)
    ), gone AS (
        DELETE FROM public.events e USING old WHERE e.tenant_id = old.tenant_id AND e.id = old.id RETURNING 1
    )
    SELECT count(*)::integer FROM gone
$$;

GRANT SELECT (tenant_id, id, endpoint_id, state, next_attempt_at, claimed_by, claimed_until, attempts, event_id),
      UPDATE (claimed_by, claimed_until, attempts), DELETE ON event_deliveries TO "${directory_role}";
GRANT SELECT (tenant_id, id, created_at), DELETE ON events TO "${directory_role}";
GRANT SELECT (tenant_id, id, delivery_id), DELETE ON delivery_attempts TO "${directory_role}";
CREATE POLICY directory_delivery ON event_deliveries TO "${directory_role}" USING (true) WITH CHECK (true);
CREATE POLICY directory_pruning ON events TO "${directory_role}" USING (true);
CREATE POLICY directory_pruning ON delivery_attempts TO "${directory_role}" USING (true);
GRANT CREATE ON SCHEMA public TO "${directory_role}";
ALTER FUNCTION directory_claim_deliveries(text, integer, integer) OWNER TO "${directory_role}";
ALTER FUNCTION directory_delivery_lag_seconds() OWNER TO "${directory_role}";
ALTER FUNCTION directory_prune_events(timestamptz, integer) OWNER TO "${directory_role}";
REVOKE CREATE ON SCHEMA public FROM "${directory_role}";
REVOKE ALL ON FUNCTION directory_claim_deliveries(text, integer, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION directory_delivery_lag_seconds() FROM PUBLIC;
REVOKE ALL ON FUNCTION directory_prune_events(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION directory_claim_deliveries(text, integer, integer) TO "${app_role}";
GRANT EXECUTE ON FUNCTION directory_delivery_lag_seconds() TO "${app_role}";
GRANT EXECUTE ON FUNCTION directory_prune_events(timestamptz, integer) TO "${app_role}";

-- Key rotation and the start-up check of the keyring see endpoint secrets as they see Twilio's.
CREATE OR REPLACE FUNCTION keyring_key_ids_in_use()
    RETURNS SETOF text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT split_part(t.twilio_auth_token_enc, ':', 2) FROM public.tenants t
    UNION
    SELECT split_part(t.twilio_api_key_secret_enc, ':', 2) FROM public.tenants t WHERE t.twilio_api_key_secret_enc IS NOT NULL
    UNION
    SELECT split_part(w.secret_enc, ':', 2) FROM public.webhook_endpoints w
    UNION
    SELECT split_part(w.previous_secret_enc, ':', 2) FROM public.webhook_endpoints w WHERE w.previous_secret_enc IS NOT NULL
$$;

GRANT SELECT (tenant_id, secret_enc, previous_secret_enc) ON webhook_endpoints TO "${directory_role}";
CREATE POLICY directory_keyring ON webhook_endpoints FOR SELECT TO "${directory_role}" USING (true);
