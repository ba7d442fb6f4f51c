-- What every instance now remembers of the tenant directory (tenant.DirectoryCache) must be
-- forgotten everywhere on commit, as V10 does for tenants' settings.
--
-- API keys: only what ends a key matters. Recording a key's last use (directory_api_key_used)
-- updates last_used_at alone and announces nothing; a new key needs no announcement, as unknown
-- keys are never remembered.
CREATE TRIGGER change_feed AFTER DELETE OR UPDATE OF revoked_at ON api_keys
    FOR EACH ROW EXECUTE FUNCTION notify_tenant_change('tenant_id');

-- Tenants: a new tenant too, since instances remember which domains belong to nobody, and a new
-- tenant may claim one of them.
DROP TRIGGER change_feed ON tenants;
CREATE TRIGGER change_feed AFTER INSERT OR UPDATE OR DELETE ON tenants
    FOR EACH ROW EXECUTE FUNCTION notify_tenant_change('id');
