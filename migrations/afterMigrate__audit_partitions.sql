-- Flyway runs this after every migrate, that is at every start of the service with migrations on,
-- as the migrating login: the audit trail's monthly partitions are kept 12 months ahead. As the
-- service's own login (no owner login configured) it creates nothing (audit_partition_create).
SELECT audit_partitions_ensure(12);
