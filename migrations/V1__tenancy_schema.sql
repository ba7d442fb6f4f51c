-- Switchboard schema, version 1: every table, constraint and index the service needs.
--
-- Conventions
--   * Every tenant table carries tenant_id, and its primary and unique keys start with it, so the
--     tables can later be distributed by tenant_id (Citus) without changing a key.
--   * References between tenant tables are composite (tenant_id, id): a row can never point at
--     another tenant's row, whatever the application does.
--   * Enumerated values are CHECK constraints on text; the service maps them to Java enums.
--   * Row-level security is ENABLEd and FORCEd on every tenant table; see the policies at the end.
--
-- ${app_role} is the login the service runs as (Flyway placeholder, see application.properties).

-- ---------------------------------------------------------------------------------------------
-- Tenant context: set per transaction by the service with set_config(..., true)
-- ---------------------------------------------------------------------------------------------

-- The tenant of the current transaction, or NULL when none is set (policies then match nothing).
CREATE FUNCTION app_current_tenant() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

-- True only inside the directory lookups below and the operators' tenant listing: it opens SELECT
-- (never writes) on tenants and api_keys across tenants.
CREATE FUNCTION app_directory_mode() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT coalesce(current_setting('app.directory', true), '') = 'on' $$;

-- ---------------------------------------------------------------------------------------------
-- Tenants and their credentials
-- ---------------------------------------------------------------------------------------------

CREATE TABLE tenants (
    id                        uuid        NOT NULL PRIMARY KEY,
    name                      text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    status                    text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
    custom_domain             text        UNIQUE CHECK (custom_domain = lower(custom_domain)
                                              AND custom_domain ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$'),
    twilio_account_sid        text        NOT NULL UNIQUE CHECK (twilio_account_sid ~ '^AC[0-9a-fA-F]{32}$'),
    -- Encrypted secrets: "sb1:<key id>:<base64url(nonce | ciphertext | tag)>" (see crypto package).
    -- The CHECK keeps a plain-text secret from ever being stored by mistake.
    twilio_auth_token_enc     text        NOT NULL CHECK (twilio_auth_token_enc ~ '^sb1:[A-Za-z0-9_-]{1,32}:[A-Za-z0-9_-]+$'),
    twilio_api_key_sid        text        CHECK (twilio_api_key_sid ~ '^SK[0-9a-fA-F]{32}$'),
    twilio_api_key_secret_enc text        CHECK (twilio_api_key_secret_enc ~ '^sb1:[A-Za-z0-9_-]{1,32}:[A-Za-z0-9_-]+$'),
    twilio_phone_number       text        CHECK (twilio_phone_number ~ '^\+[1-9][0-9]{6,14}$'),
    branding_config           jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(branding_config) = 'object'),
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now(),
    -- An API key SID without its secret (or the reverse) cannot authenticate: refuse half a pair.
    CONSTRAINT tenants_api_key_pair CHECK ((twilio_api_key_sid IS NULL) = (twilio_api_key_secret_enc IS NULL))
);

CREATE TABLE api_keys (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id           uuid        NOT NULL,
    -- First characters of the key, safe to show in lists ("sb_live_AbC123xy").
    prefix       text        NOT NULL CHECK (length(prefix) BETWEEN 8 AND 32),
    -- SHA-256 of the whole key; the key itself is never stored.
    secret_hash  bytea       NOT NULL CHECK (length(secret_hash) = 32),
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    PRIMARY KEY (tenant_id, id)
);
-- Authentication looks a key up by its hash before the tenant is known (see directory functions).
-- Not unique on purpose: unique keys stay tenant-led; 256 random bits make collisions moot.
CREATE INDEX api_keys_by_hash ON api_keys (secret_hash) WHERE revoked_at IS NULL;

CREATE TABLE settings (
    tenant_id                uuid        NOT NULL PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    auto_record_calls        boolean     NOT NULL DEFAULT false,
    forward_to               text        CHECK (forward_to ~ '^\+[1-9][0-9]{6,14}$'),
    -- Cap on paid actions (calls placed, SMS sent) per minute.
    paid_actions_per_minute  integer     NOT NULL DEFAULT 60 CHECK (paid_actions_per_minute BETWEEN 1 AND 10000),
    -- Room to grow without a migration for every small preference.
    extra                    jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(extra) = 'object'),
    updated_at               timestamptz NOT NULL DEFAULT now()
);

-- ---------------------------------------------------------------------------------------------
-- A tenant's people
-- ---------------------------------------------------------------------------------------------

CREATE TABLE users (
    tenant_id            uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id                   uuid        NOT NULL,
    email                text        NOT NULL CHECK (email = lower(email) AND email ~ '^[^@\s]+@[^@\s]+$'),
    name                 text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    password_hash        text        NOT NULL,
    role                 text        NOT NULL CHECK (role IN ('ceo', 'admin', 'sales')),
    active               boolean     NOT NULL DEFAULT true,
    onboarding_completed boolean     NOT NULL DEFAULT false,
    failed_logins        integer     NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_until         timestamptz,
    last_login_at        timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, email)
);

CREATE TABLE sessions (
    tenant_id  uuid        NOT NULL,
    id         uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    ended_at   timestamptz,
    end_reason text        CHECK (end_reason IN ('logout', 'revoked', 'user_deactivated')),
    ip         inet,
    user_agent text,
    activity   jsonb       NOT NULL DEFAULT '{}'::jsonb,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);
CREATE INDEX sessions_open_by_user ON sessions (tenant_id, user_id) WHERE ended_at IS NULL;

CREATE TABLE loss_reasons (
    tenant_id   uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id          uuid        NOT NULL,
    name        text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
    description text,
    active      boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
-- Names are unique per tenant regardless of case ("No budget" and "no budget" are one reason).
CREATE UNIQUE INDEX loss_reasons_name ON loss_reasons (tenant_id, lower(name));

-- ---------------------------------------------------------------------------------------------
-- Telephony
-- ---------------------------------------------------------------------------------------------

CREATE TABLE calls (
    tenant_id        uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id               uuid        NOT NULL,
    -- Twilio's half: empty for a call logged by hand.
    sid              text        CHECK (sid ~ '^CA[0-9a-fA-F]{32}$'),
    from_number      text        CHECK (length(from_number) <= 64),
    to_number        text        CHECK (length(to_number) <= 64),
    direction        text        CHECK (direction IN ('inbound', 'outbound-api', 'outbound-dial',
                                                      'trunking-originating', 'trunking-terminating')),
    status           text        CHECK (status IN ('queued', 'initiated', 'ringing', 'in-progress', 'completed',
                                                   'busy', 'failed', 'no-answer', 'canceled')),
    -- Twilio's SequenceNumber of the status callback that set status (orders retried callbacks).
    status_sequence  integer     CHECK (status_sequence >= 0),
    duration_seconds integer     CHECK (duration_seconds >= 0),
    started_at       timestamptz,
    ended_at         timestamptz,
    -- The sales log's half: empty for a call nobody annotated yet.
    user_id          uuid,
    prospect_name    text        CHECK (length(prospect_name) <= 200),
    prospect_email   text        CHECK (length(prospect_email) <= 320),
    prospect_phone   text        CHECK (length(prospect_phone) <= 64),
    call_type        text        CHECK (call_type IN ('inbound', 'outbound')),
    meeting_status   text        CHECK (meeting_status IN ('completed', 'no-show', 'rescheduled')),
    outcome          text        CHECK (outcome IN ('won', 'lost', 'tbd')),
    loss_reason_id   uuid,
    notes            text        CHECK (length(notes) <= 10000),
    scheduled_at     timestamptz,
    completed_at     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    -- NULL sids do not collide, so any number of hand-logged calls fit; a Twilio call is one row.
    UNIQUE (tenant_id, sid),
    -- A rep who leaves is unlinked, never takes their calls with them.
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE SET NULL (user_id),
    -- A reason in use cannot be deleted (the service deactivates it instead).
    FOREIGN KEY (tenant_id, loss_reason_id) REFERENCES loss_reasons (tenant_id, id),
    CONSTRAINT calls_lost_needs_reason CHECK (outcome IS DISTINCT FROM 'lost' OR loss_reason_id IS NOT NULL),
    CONSTRAINT calls_reason_only_when_lost CHECK (loss_reason_id IS NULL OR outcome = 'lost')
);
-- Lists are keyset-paginated newest first on (created_at, id); every filter has a tenant-led index.
CREATE INDEX calls_page            ON calls (tenant_id, created_at DESC, id DESC);
CREATE INDEX calls_by_status       ON calls (tenant_id, status, created_at DESC, id DESC) WHERE status IS NOT NULL;
CREATE INDEX calls_by_direction    ON calls (tenant_id, direction, created_at DESC, id DESC) WHERE direction IS NOT NULL;
CREATE INDEX calls_by_user         ON calls (tenant_id, user_id, created_at DESC, id DESC) WHERE user_id IS NOT NULL;
CREATE INDEX calls_by_outcome      ON calls (tenant_id, outcome, created_at DESC, id DESC) WHERE outcome IS NOT NULL;
CREATE INDEX calls_by_loss_reason  ON calls (tenant_id, loss_reason_id) WHERE loss_reason_id IS NOT NULL;

CREATE TABLE recordings (
    tenant_id        uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id               uuid        NOT NULL,
    sid              text        NOT NULL CHECK (sid ~ '^RE[0-9a-fA-F]{32}$'),
    call_id          uuid,
    call_sid         text        CHECK (call_sid ~ '^CA[0-9a-fA-F]{32}$'),
    -- Stored as data only: the service never fetches a URL taken from a webhook.
    url              text        CHECK (length(url) <= 2048),
    status           text        CHECK (status IN ('in-progress', 'completed', 'absent', 'failed', 'deleted')),
    duration_seconds integer     CHECK (duration_seconds >= 0),
    channels         integer     CHECK (channels BETWEEN 1 AND 2),
    source           text        CHECK (length(source) <= 64),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, sid),
    FOREIGN KEY (tenant_id, call_id) REFERENCES calls (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX recordings_page    ON recordings (tenant_id, created_at DESC, id DESC);
CREATE INDEX recordings_by_call ON recordings (tenant_id, call_id) WHERE call_id IS NOT NULL;
-- A recording callback may arrive before its call: it is linked later through the call's sid.
CREATE INDEX recordings_unlinked ON recordings (tenant_id, call_sid) WHERE call_id IS NULL;

CREATE TABLE messages (
    tenant_id     uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id            uuid        NOT NULL,
    sid           text        CHECK (sid ~ '^(SM|MM)[0-9a-fA-F]{32}$'),
    from_number   text        CHECK (length(from_number) <= 64),
    to_number     text        CHECK (length(to_number) <= 64),
    body          text        CHECK (length(body) <= 1600),
    direction     text        NOT NULL CHECK (direction IN ('inbound', 'outbound-api', 'outbound-call', 'outbound-reply')),
    status        text        CHECK (status IN ('accepted', 'scheduled', 'canceled', 'queued', 'sending', 'sent', 'failed',
                                                'delivered', 'undelivered', 'receiving', 'received', 'read',
                                                'partially_delivered')),
    num_segments  integer     CHECK (num_segments >= 0),
    num_media     integer     CHECK (num_media >= 0),
    error_code    integer,
    error_message text        CHECK (length(error_message) <= 1000),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, sid)
);
CREATE INDEX messages_page         ON messages (tenant_id, created_at DESC, id DESC);
CREATE INDEX messages_by_status    ON messages (tenant_id, status, created_at DESC, id DESC) WHERE status IS NOT NULL;
CREATE INDEX messages_by_direction ON messages (tenant_id, direction, created_at DESC, id DESC);

-- ---------------------------------------------------------------------------------------------
-- Catalogue and content
-- ---------------------------------------------------------------------------------------------

CREATE TABLE products (
    tenant_id   uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id          uuid        NOT NULL,
    name        text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    description text        CHECK (length(description) <= 5000),
    price_cents bigint      CHECK (price_cents >= 0),
    currency    text        CHECK (currency ~ '^[A-Z]{3}$'),
    active      boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    CHECK ((price_cents IS NULL) = (currency IS NULL))
);
CREATE INDEX products_page ON products (tenant_id, created_at DESC, id DESC);

CREATE TABLE content (
    tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id         uuid        NOT NULL,
    title      text        NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    type       text        NOT NULL CHECK (type IN ('greeting', 'voicemail_prompt', 'sms_template', 'call_script',
                                                    'email_template', 'note')),
    body       text        NOT NULL CHECK (length(body) <= 20000),
    active     boolean     NOT NULL DEFAULT true,
    created_by uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id) ON DELETE SET NULL (created_by)
);
CREATE INDEX content_page    ON content (tenant_id, created_at DESC, id DESC);
-- The voice webhook reads the tenant's newest active greeting on every incoming call.
CREATE INDEX content_by_type ON content (tenant_id, type, updated_at DESC) WHERE active;

-- ---------------------------------------------------------------------------------------------
-- Audit trail: append-only for the service's login; the key leads with tenant_id and includes
-- occurred_at, so the table can be turned into a time-partitioned one without changing its key.
-- ---------------------------------------------------------------------------------------------

CREATE TABLE audit_logs (
    tenant_id        uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id               bigint      GENERATED ALWAYS AS IDENTITY,
    occurred_at      timestamptz NOT NULL DEFAULT now(),
    table_name       text        NOT NULL,
    record_id        uuid,
    action           text        NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    old_values       jsonb,
    new_values       jsonb,
    actor_kind       text        NOT NULL CHECK (actor_kind IN ('user', 'api_key', 'operator', 'twilio', 'system')),
    actor_user_id    uuid,
    actor_api_key_id uuid,
    ip               inet,
    user_agent       text        CHECK (length(user_agent) <= 512),
    PRIMARY KEY (tenant_id, occurred_at, id)
);
CREATE INDEX audit_logs_page      ON audit_logs (tenant_id, occurred_at DESC, id DESC);
CREATE INDEX audit_logs_by_record ON audit_logs (tenant_id, table_name, record_id, occurred_at DESC);
CREATE INDEX audit_logs_by_user   ON audit_logs (tenant_id, actor_user_id, occurred_at DESC) WHERE actor_user_id IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- Row-level security: ENABLE + FORCE on every tenant table, so even the owner is filtered.
-- ---------------------------------------------------------------------------------------------

ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenants
    USING (id = app_current_tenant())
    WITH CHECK (id = app_current_tenant());
CREATE POLICY directory_read ON tenants FOR SELECT
    USING (app_directory_mode());

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_keys
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());
CREATE POLICY directory_read ON api_keys FOR SELECT
    USING (app_directory_mode());

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['settings', 'users', 'sessions', 'loss_reasons', 'calls', 'recordings', 'messages',
                             'products', 'content', 'audit_logs']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant())'
                       ' WITH CHECK (tenant_id = app_current_tenant())', t);
    END LOOP;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Directory lookups: the only reads that cross tenants. Each opens directory mode for its own
-- statement, returns nothing but ids and status, and closes it again.
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION directory_tenant_by_domain(p_domain text)
    RETURNS TABLE (tenant_id uuid, status text)
    LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp
AS $$
BEGIN
    PERFORM set_config('app.directory', 'on', true);
    RETURN QUERY SELECT t.id, t.status FROM tenants t WHERE t.custom_domain = lower(p_domain);
    PERFORM set_config('app.directory', '', true);
END
$$;

CREATE FUNCTION directory_tenant_by_account_sid(p_account_sid text)
    RETURNS TABLE (tenant_id uuid, status text)
    LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp
AS $$
BEGIN
    PERFORM set_config('app.directory', 'on', true);
    RETURN QUERY SELECT t.id, t.status FROM tenants t WHERE t.twilio_account_sid = p_account_sid;
    PERFORM set_config('app.directory', '', true);
END
$$;

CREATE FUNCTION directory_api_key(p_secret_hash bytea)
    RETURNS TABLE (tenant_id uuid, key_id uuid, secret_hash bytea, tenant_status text)
    LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp
AS $$
BEGIN
    PERFORM set_config('app.directory', 'on', true);
    RETURN QUERY
        SELECT k.tenant_id, k.id, k.secret_hash, t.status
        FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
        WHERE k.secret_hash = p_secret_hash AND k.revoked_at IS NULL;
    PERFORM set_config('app.directory', '', true);
END
$$;

-- ---------------------------------------------------------------------------------------------
-- What the service's login may do: data access only; audit rows are insert-and-read.
-- ---------------------------------------------------------------------------------------------

GRANT USAGE ON SCHEMA public TO "${app_role}";
GRANT SELECT, INSERT, UPDATE, DELETE
    ON tenants, api_keys, settings, users, sessions, loss_reasons, calls, recordings, messages, products, content
    TO "${app_role}";
GRANT SELECT, INSERT ON audit_logs TO "${app_role}";
GRANT EXECUTE ON FUNCTION app_current_tenant(), app_directory_mode(), directory_tenant_by_domain(text),
    directory_tenant_by_account_sid(text), directory_api_key(bytea) TO "${app_role}";
