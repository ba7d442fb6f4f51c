package io.switchboard.recording;

import io.switchboard.auth.Roles;
import io.switchboard.common.Page;
import io.switchboard.common.PageRequest;
import io.switchboard.common.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /v1/recordings}: the tenant's recordings (reps see their own calls' recordings on the call). */
@Path("/v1/recordings")
@RolesAllowed({Roles.APP, Roles.CEO, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recordings")
public class RecordingResource {

    private final RecordingService recordings;

    RecordingResource(RecordingService recordings) {
        this.recordings = recordings;
    }

    @GET
    @Operation(operationId = "listRecordings", summary = "List recordings, newest first (keyset-paginated)")
    public Page<RecordingView> list(
            @QueryParam("status") String status,
            @QueryParam("callId") String callId,
            @QueryParam("since") String since,
            @QueryParam("until") String until,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        var from = QueryParams.instant("since", since);
        var to = QueryParams.instant("until", until);
        QueryParams.requireOrdered(from, to);
        return recordings.list(
                QueryParams.wire("status", status, RecordingStatus.class),
                QueryParams.uuid("callId", callId),
                from,
                to,
                PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{idOrSid}")
    @Operation(operationId = "getRecording", summary = "One recording by id or Twilio RecordingSid")
    public RecordingView get(@PathParam("idOrSid") String idOrSid) {
        return recordings.get(idOrSid);
    }
}
