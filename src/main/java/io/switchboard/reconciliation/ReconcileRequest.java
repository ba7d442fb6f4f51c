package io.switchboard.reconciliation;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /admin/v1/tenants/{id}/reconcile}: the body is optional. */
public record ReconcileRequest(
        @Schema(
                        example = "2026-11-20T00:00:00Z",
                        description = "read Twilio's records from this instant (at most 400 days back by"
                                + " default); omitted: from the last complete pass, less the overlap (the"
                                + " last 24 hours the first time)")
                Instant since) {}
