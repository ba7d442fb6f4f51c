-- Paid actions (calls placed and SMS sent through a tenant's Twilio account) are capped per
-- tenant and minute. The counters live here rather than in memory so that every instance of the
-- service behind a load balancer shares one cap.
CREATE TABLE paid_action_windows (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    window_start timestamptz NOT NULL,
    actions      integer     NOT NULL CHECK (actions >= 0),
    PRIMARY KEY (tenant_id, window_start)
);

ALTER TABLE paid_action_windows ENABLE ROW LEVEL SECURITY;
ALTER TABLE paid_action_windows FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON paid_action_windows
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON paid_action_windows TO "${app_role}";
