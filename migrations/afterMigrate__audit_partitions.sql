-- Flyway runs this after every migrate, that is at every start of the service with migrations on:
-- as the owner login it keeps the audit trail's monthly partitions 12 months ahead. A service
-- started without an owner login runs Flyway as its own login, which may not create tables: it
-- skips this, and audit.AuditPartitionsCheck says when months run short.
DO $$
BEGIN
    IF has_function_privilege('audit_partitions_ensure(integer)', 'EXECUTE') THEN
        PERFORM audit_partitions_ensure(12);
    END IF;
END
$$;
