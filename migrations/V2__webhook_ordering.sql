-- Twilio retries and reorders callbacks. These functions rank statuses so that an upsert can keep
-- a call or message from moving backwards (a late "ringing" never undoes "completed").

-- 0 queued, 1 initiated, 2 ringing, 3 in-progress, 4 final; NULL ranks below everything.
CREATE FUNCTION call_status_stage(status text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT CASE status
           WHEN 'queued' THEN 0
           WHEN 'initiated' THEN 1
           WHEN 'ringing' THEN 2
           WHEN 'in-progress' THEN 3
           WHEN 'completed' THEN 4
           WHEN 'busy' THEN 4
           WHEN 'failed' THEN 4
           WHEN 'no-answer' THEN 4
           WHEN 'canceled' THEN 4
           ELSE -1
       END
$$;

-- Outbound: accepted/scheduled < queued < sending < sent < delivered/undelivered/failed/canceled < read.
-- Inbound: receiving < received.
CREATE FUNCTION message_status_stage(status text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT CASE status
           WHEN 'accepted' THEN 0
           WHEN 'scheduled' THEN 0
           WHEN 'queued' THEN 1
           WHEN 'receiving' THEN 1
           WHEN 'sending' THEN 2
           WHEN 'sent' THEN 3
           WHEN 'partially_delivered' THEN 3
           WHEN 'delivered' THEN 4
           WHEN 'undelivered' THEN 4
           WHEN 'failed' THEN 4
           WHEN 'canceled' THEN 4
           WHEN 'received' THEN 4
           WHEN 'read' THEN 5
           ELSE -1
       END
$$;

-- in-progress < completed/absent/failed < deleted.
CREATE FUNCTION recording_status_stage(status text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT CASE status
           WHEN 'in-progress' THEN 0
           WHEN 'completed' THEN 1
           WHEN 'absent' THEN 1
           WHEN 'failed' THEN 1
           WHEN 'deleted' THEN 2
           ELSE -1
       END
$$;

GRANT EXECUTE ON FUNCTION call_status_stage(text), message_status_stage(text), recording_status_stage(text)
    TO "${app_role}";
