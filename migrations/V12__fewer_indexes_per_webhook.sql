-- Version 12: two index entries fewer for every call a webhook creates (issue 19, measured in
-- docs/BENCHMARKS.md).
--
-- 1. calls_page (tenant_id, created_at DESC, id DESC) and calls_by_created (tenant_id, created_at)
--    INCLUDE (...) held the same leading keys: one index now serves both. A btree is read backwards
--    as cheaply as forwards, so the list's newest-first keyset (ORDER BY created_at DESC, id DESC
--    with (created_at, id) < cursor) is a backward scan of it, and analytics keeps its index-only
--    scans through the included columns.
-- 2. audit_logs_page (tenant_id, occurred_at DESC, id DESC) was the primary key (tenant_id,
--    occurred_at, id) in reverse: the audit list reads the primary key backwards instead. Every
--    partition, present and future, follows the parent's indexes.
--
-- Built in the migration's transaction: writes to calls wait while the index is built (seconds per
-- million calls), and Twilio retries what it could not deliver meanwhile (docs/RELIABILITY.md).
DROP INDEX calls_page;
DROP INDEX calls_by_created;
CREATE INDEX calls_page ON calls (tenant_id, created_at, id) INCLUDE (outcome, meeting_status, user_id, loss_reason_id);

DROP INDEX audit_logs_page;
