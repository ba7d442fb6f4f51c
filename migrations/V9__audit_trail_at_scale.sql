-- Version 9: an audit trail whose cost stays flat as it grows.
--
-- 1. Updates record only what changed (old and new value of each changed column); inserts only the
--    columns that are set; deletes the row as it was. Who, what, from what to what, when and from
--    where are all still there. One call's life through Twilio's webhooks (voice, three status
--    callbacks, a recording) went from 5,274 to the bytes AuditFootprintTest holds it to.
-- 2. audit_logs is partitioned by month (declarative range partitioning on occurred_at, which the
--    key already led with tenant_id and included for this). Months are created ahead by the
--    owner login, which alone may create tables: here 24, then at every start that migrates
--    (the Flyway callback afterMigrate__audit_partitions.sql keeps 12 ahead). The service's own
--    login only checks at start that this month and the next exist. A month can be dropped whole,
--    which is how a retention is applied (audit_partitions_drop_before, run by the owner) without
--    a long DELETE.

CREATE OR REPLACE FUNCTION audit_row_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = public, pg_temp
AS $$
DECLARE
    whole jsonb;
    old_values jsonb;
    new_values jsonb;
    actor text := coalesce(nullif(current_setting('app.actor_kind', true), ''), 'system');
BEGIN
    IF TG_OP = 'UPDATE' THEN
        whole := to_jsonb(NEW);
        -- Bookkeeping times are not changes; encrypted columns and hashes never enter the trail.
        SELECT jsonb_object_agg(n.key, o.value), jsonb_object_agg(n.key, n.value)
        INTO old_values, new_values
        FROM jsonb_each(audit_redact(whole) - 'updated_at' - 'last_used_at') n
        JOIN jsonb_each(to_jsonb(OLD)) o ON o.key = n.key
        WHERE o.value IS DISTINCT FROM n.value;
        IF new_values IS NULL THEN
            RETURN NULL;
        END IF;
    ELSIF TG_OP = 'INSERT' THEN
        whole := to_jsonb(NEW);
        new_values := jsonb_strip_nulls(audit_redact(whole)) - 'created_at' - 'updated_at';
    ELSE
        whole := to_jsonb(OLD);
        old_values := jsonb_strip_nulls(audit_redact(whole));
    END IF;
    INSERT INTO audit_logs (tenant_id, table_name, record_id, action, old_values, new_values, actor_kind,
                            actor_user_id, actor_api_key_id, ip, user_agent)
    VALUES (coalesce(whole ->> 'tenant_id', whole ->> 'id')::uuid,
            TG_TABLE_NAME,
            app_try_uuid(coalesce(whole ->> 'id', whole ->> 'tenant_id')),
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

-- The partitioned table takes the old one's place; the rows move across in this migration.
ALTER TABLE audit_logs RENAME TO audit_logs_unpartitioned;
ALTER INDEX audit_logs_page RENAME TO audit_logs_unpartitioned_page;
ALTER INDEX audit_logs_by_record RENAME TO audit_logs_unpartitioned_by_record;
ALTER INDEX audit_logs_by_user RENAME TO audit_logs_unpartitioned_by_user;
ALTER TABLE audit_logs_unpartitioned RENAME CONSTRAINT audit_logs_pkey TO audit_logs_unpartitioned_pkey;
-- Row-level security binds the owner too (FORCE): lifted on the old table, and on the new one until
-- the rows are across, so that this migration sees and moves them all.
ALTER TABLE audit_logs_unpartitioned NO FORCE ROW LEVEL SECURITY;

-- PostgreSQL 15 allows no identity column on a partitioned table: a sequence of its own instead.
CREATE SEQUENCE audit_log_ids AS bigint;
SELECT setval('audit_log_ids', coalesce((SELECT max(id) FROM audit_logs_unpartitioned), 0) + 1, false);

CREATE TABLE audit_logs (
    tenant_id        uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id               bigint      NOT NULL DEFAULT nextval('audit_log_ids'),
    occurred_at      timestamptz NOT NULL DEFAULT now(),
    table_name       text        NOT NULL,
    record_id        uuid,
    action           text        NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    old_values       jsonb,
    new_values       jsonb,
    actor_kind       text        NOT NULL CHECK (actor_kind IN ('user', 'api_key', 'operator', 'twilio', 'system',
                                                                'reconciler')),
    actor_user_id    uuid,
    actor_api_key_id uuid,
    ip               inet,
    user_agent       text        CHECK (length(user_agent) <= 512),
    PRIMARY KEY (tenant_id, occurred_at, id)
) PARTITION BY RANGE (occurred_at);
ALTER SEQUENCE audit_log_ids OWNED BY audit_logs.id;
CREATE INDEX audit_logs_page      ON audit_logs (tenant_id, occurred_at DESC, id DESC);
CREATE INDEX audit_logs_by_record ON audit_logs (tenant_id, table_name, record_id, occurred_at DESC);
CREATE INDEX audit_logs_by_user   ON audit_logs (tenant_id, actor_user_id, occurred_at DESC) WHERE actor_user_id IS NOT NULL;

ALTER TABLE audit_logs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_logs
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT ON audit_logs TO "${app_role}";
GRANT INSERT ON audit_logs TO "${directory_role}";
GRANT USAGE ON SEQUENCE audit_log_ids TO "${app_role}", "${directory_role}";

-- One month's partition, with the parent's row-level security repeated on it (a partition is a
-- table: reached directly, which no login of the service may, it would otherwise have none).
-- Run by the owner (migrations); for any other login it creates nothing.
CREATE FUNCTION audit_partition_create(p_month date)
    RETURNS boolean
    LANGUAGE plpgsql SET search_path = public, pg_temp
AS $$
DECLARE
    first_day date := date_trunc('month', p_month)::date;
    name text := format('audit_logs_%s', to_char(date_trunc('month', p_month), 'YYYY_MM'));
BEGIN
    IF to_regclass(name) IS NOT NULL THEN
        RETURN false;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF audit_logs FOR VALUES FROM (%L) TO (%L)',
                   name, first_day, (first_day + interval '1 month')::date);
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', name);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', name);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant())'
                   ' WITH CHECK (tenant_id = app_current_tenant())', name);
    RETURN true;
EXCEPTION
    WHEN duplicate_table OR duplicate_object THEN
        -- Another instance's migration created it at the same moment.
        RETURN false;
    WHEN insufficient_privilege THEN
        -- Migrations run as the service's own login (no owner login configured): not its job.
        RETURN false;
END
$$;

-- This month and the next p_months_ahead; how many were created.
CREATE FUNCTION audit_partitions_ensure(p_months_ahead integer)
    RETURNS integer
    LANGUAGE plpgsql SET search_path = public, pg_temp
AS $$
DECLARE
    created integer := 0;
BEGIN
    FOR i IN 0 .. least(greatest(p_months_ahead, 1), 120) LOOP
        IF audit_partition_create((date_trunc('month', now()) + make_interval(months => i))::date) THEN
            created := created + 1;
        END IF;
    END LOOP;
    RETURN created;
END
$$;

-- Retention, run by the owner: whole months that ended before p_before go (never the current
-- month); their names.
CREATE FUNCTION audit_partitions_drop_before(p_before date)
    RETURNS SETOF text
    LANGUAGE plpgsql SET search_path = public, pg_temp
AS $$
DECLARE
    part record;
    limit_month date := least(date_trunc('month', p_before), date_trunc('month', now()))::date;
BEGIN
    FOR part IN
        SELECT c.relname FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'public.audit_logs'::regclass
          AND c.relname ~ '^audit_logs_[0-9]{4}_[0-9]{2}$'
          AND to_date(substring(c.relname FROM 12), 'YYYY_MM') + interval '1 month' <= limit_month
        ORDER BY c.relname
    LOOP
        EXECUTE format('DROP TABLE %I', part.relname);
        RETURN NEXT part.relname;
    END LOOP;
END
$$;

REVOKE ALL ON FUNCTION audit_partition_create(date) FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_partitions_ensure(integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_partitions_drop_before(date) FROM PUBLIC;

-- How many whole months from this one on have their partition (0: not even this month's), for
-- the service's start-up check; it reads the catalog only.
CREATE FUNCTION audit_partitions_months_ready()
    RETURNS integer
    LANGUAGE plpgsql STABLE SET search_path = public, pg_temp
AS $$
DECLARE
    months integer := 0;
BEGIN
    WHILE months < 240 AND to_regclass(format('audit_logs_%s',
            to_char(date_trunc('month', now()) + make_interval(months => months), 'YYYY_MM'))) IS NOT NULL LOOP
        months := months + 1;
    END LOOP;
    RETURN months;
END
$$;
GRANT EXECUTE ON FUNCTION audit_partitions_months_ready() TO "${app_role}";

-- Months for the rows there are, and two years ahead.
DO $$
DECLARE
    month date := coalesce((SELECT date_trunc('month', min(occurred_at))::date FROM audit_logs_unpartitioned),
                           date_trunc('month', now())::date);
BEGIN
    WHILE month < date_trunc('month', now()) LOOP
        PERFORM audit_partition_create(month);
        month := (month + interval '1 month')::date;
    END LOOP;
    PERFORM audit_partitions_ensure(24);
END
$$;

INSERT INTO audit_logs (tenant_id, id, occurred_at, table_name, record_id, action, old_values, new_values, actor_kind,
                        actor_user_id, actor_api_key_id, ip, user_agent)
SELECT tenant_id, id, occurred_at, table_name, record_id, action, old_values, new_values, actor_kind,
       actor_user_id, actor_api_key_id, ip, user_agent
FROM audit_logs_unpartitioned;
DROP TABLE audit_logs_unpartitioned;
ALTER TABLE audit_logs FORCE ROW LEVEL SECURITY;
