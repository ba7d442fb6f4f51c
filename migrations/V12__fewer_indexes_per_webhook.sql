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
-- Built in the migration's transaction, before anything is dropped: while it is built (seconds per
-- million calls) writes to calls wait and reads go on; the drops, which lock the table whole, come
-- last, just before the commit. Twilio retries what it could not deliver meanwhile
-- (docs/RELIABILITY.md).
CREATE INDEX calls_page_v12 ON calls (tenant_id, created_at, id) INCLUDE (outcome, meeting_status, user_id, loss_reason_id);
DROP INDEX calls_page;
DROP INDEX calls_by_created;
ALTER INDEX calls_page_v12 RENAME TO calls_page;

DROP INDEX audit_logs_page;
