package io.switchboard.audit;

import io.switchboard.auth.Roles;
import io.switchboard.common.Page;
import io.switchboard.common.PageRequest;
import io.switchboard.common.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /v1/audit-logs}: the tenant's trail of changes, for its CEO (and its apps). */
@Path("/v1/audit-logs")
@RolesAllowed({Roles.APP, Roles.CEO})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {

    private final AuditService audit;

    AuditResource(AuditService audit) {
        this.audit = audit;
    }

    @GET
    @Operation(
            operationId = "listAuditLogs",
            summary = "Changes to tenant data, newest first",
            description = "table (e.g. calls), recordId, userId (the acting user), since, until; keyset-paginated.")
    public Page<AuditView> list(
            @QueryParam("table") String table,
            @QueryParam("recordId") String recordId,
            @QueryParam("userId") String userId,
            @QueryParam("since") String since,
            @QueryParam("until") String until,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        var from = QueryParams.instant("since", since);
        var to = QueryParams.instant("until", until);
        QueryParams.requireOrdered(from, to);
        return audit.list(
                new AuditService.Filter(
                        table == null || table.isBlank() ? null : table.trim(),
                        QueryParams.uuid("recordId", recordId),
                        QueryParams.uuid("userId", userId),
                        from,
                        to),
                PageRequest.of(limit, cursor));
    }
}
