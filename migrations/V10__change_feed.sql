-- Caches that stay right on every instance: a change to what the service caches per tenant (its
-- directory entry and Twilio credentials, its settings and greetings, its webhook endpoints) is
-- announced with NOTIFY on commit, and each instance's ChangeFeed (a LISTEN connection) drops the
-- tenant's entries at once. The payload is "<table>:<tenant id>"; PostgreSQL folds identical
-- notifications of one transaction into one, and sends none for a transaction that rolls back.

CREATE FUNCTION notify_tenant_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    changed record;
BEGIN
    IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
    -- TG_ARGV[0]: the column holding the tenant's id (id on tenants, tenant_id elsewhere).
    PERFORM pg_notify('switchboard_changes', TG_TABLE_NAME || ':' || (to_jsonb(changed) ->> TG_ARGV[0]));
    RETURN NULL;
END;
$$;

CREATE TRIGGER change_feed AFTER UPDATE OR DELETE ON tenants
    FOR EACH ROW EXECUTE FUNCTION notify_tenant_change('id');
CREATE TRIGGER change_feed AFTER INSERT OR UPDATE OR DELETE ON settings
    FOR EACH ROW EXECUTE FUNCTION notify_tenant_change('tenant_id');
CREATE TRIGGER change_feed AFTER INSERT OR UPDATE OR DELETE ON content
    FOR EACH ROW EXECUTE FUNCTION notify_tenant_change('tenant_id');
-- Deliveries update an endpoint's failure marks often; only what decides who subscribes matters.
CREATE TRIGGER change_feed AFTER INSERT OR DELETE OR UPDATE OF enabled, event_types ON webhook_endpoints
    FOR EACH ROW EXECUTE FUNCTION notify_tenant_change('tenant_id');
