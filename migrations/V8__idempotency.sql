-- Version 8: Idempotency-Key on every POST of the tenant API (issue #18).
--
-- One row per (tenant, caller, key): the caller is the API key or the dashboard user that sent it,
-- so two callers never share a key. A request claims its key here in a committed transaction of
-- its own before it does anything (a parallel request with the same key then sees it running);
-- its answer is stored in the transaction that commits its work. Rows live 24 hours and are
-- pruned by idempotency_prune(), the one statement that looks across tenants, and only at expired
-- rows. Not audited: a key is bookkeeping about a request, not tenant data (the work it guards is
-- audited as always, once).
--
-- state   running  the request is working; nothing has left the database. If its holder dies
--                  (lease_until passes), a retry takes the key over and runs the work: it had
--                  not committed, or the row would be done.
--         remote   a paid action's request to Twilio may have been sent. Never run again: the
--                  outcome is settled by the holder's commit, or, when the holder died or lost
--                  Twilio's answer, by Twilio's status callback, which carries the claim's id and
--                  fills remote_sid (docs/RELIABILITY.md).
--         done     response_* is the answer, replayed to every retry with the same body.
CREATE TABLE idempotency_keys (
    tenant_id        uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    caller_kind      text        NOT NULL CHECK (caller_kind IN ('api_key', 'user')),
    caller_id        uuid        NOT NULL,
    idempotency_key  text        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    -- This claim of the key: fences a holder whose key was taken over, and tags Twilio's callbacks.
    id               uuid        NOT NULL,
    -- SHA-256 of the method, path and body: the same key with another request is refused (422).
    fingerprint      bytea       NOT NULL CHECK (length(fingerprint) = 32),
    state            text        NOT NULL CHECK (state IN ('running', 'remote', 'done')),
    lease_until      timestamptz,
    remote_sid       text        CHECK (remote_sid ~ '^[A-Z]{2}[0-9a-fA-F]{32}$'),
    response_status  integer     CHECK (response_status BETWEEN 100 AND 599),
    response_headers jsonb,
    response_body    bytea,
    created_at       timestamptz NOT NULL DEFAULT now(),
    expires_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, caller_kind, caller_id, idempotency_key),
    UNIQUE (tenant_id, id),
    CHECK ((state = 'done') = (response_status IS NOT NULL)),
    CHECK (state = 'done' OR lease_until IS NOT NULL)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON idempotency_keys
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO "${app_role}";

-- Pruning crosses tenants, so it is a function of the directory role (as in V5), which may see and
-- delete expired keys and nothing else. The outer condition on expires_at is checked again on the
-- row as it is when the delete reaches it: a key a request has just claimed anew is left alone.
GRANT SELECT (tenant_id, caller_kind, caller_id, idempotency_key, expires_at), DELETE
    ON idempotency_keys TO "${directory_role}";
CREATE POLICY prune_expired ON idempotency_keys FOR SELECT TO "${directory_role}" USING (expires_at < now());
CREATE POLICY prune_expired_delete ON idempotency_keys FOR DELETE TO "${directory_role}" USING (expires_at < now());

CREATE FUNCTION idempotency_prune(p_limit integer)
    RETURNS integer
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    WITH deleted AS (
        DELETE FROM public.idempotency_keys k
        WHERE k.expires_at < now()
          AND (k.tenant_id, k.caller_kind, k.caller_id, k.idempotency_key) IN (
              SELECT e.tenant_id, e.caller_kind, e.caller_id, e.idempotency_key
              FROM public.idempotency_keys e
              WHERE e.expires_at < now()
              ORDER BY e.expires_at
              LIMIT least(greatest(p_limit, 1), 10000))
        RETURNING 1)
    SELECT count(*)::integer FROM deleted
$$;

-- Ownership as in V5: the directory role may create in the schema only for this moment.
GRANT CREATE ON SCHEMA public TO "${directory_role}";
ALTER FUNCTION idempotency_prune(integer) OWNER TO "${directory_role}";
REVOKE CREATE ON SCHEMA public FROM "${directory_role}";
REVOKE ALL ON FUNCTION idempotency_prune(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION idempotency_prune(integer) TO "${app_role}";
