package io.switchboard.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.auth.Roles;
import io.switchboard.common.MergePatch;
import io.switchboard.common.Page;
import io.switchboard.common.PageRequest;
import io.switchboard.common.QueryParams;
import io.switchboard.idempotency.Idempotent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /v1/calls}: every role reads and logs calls; a sales rep only their own. */
@Path("/v1/calls")
@RolesAllowed({Roles.APP, Roles.CEO, Roles.ADMIN, Roles.SALES})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Calls")
public class CallResource {

    private final CallService calls;
    private final CallDialer dialer;
    private final ObjectMapper json;
    private final Validator validator;

    CallResource(CallService calls, CallDialer dialer, ObjectMapper json, Validator validator) {
        this.calls = calls;
        this.dialer = dialer;
        this.json = json;
        this.validator = validator;
    }

    @GET
    @Operation(
            operationId = "listCalls",
            summary = "List calls, newest first",
            description = "Keyset-paginated: pass nextCursor back as cursor."
                    + " since (inclusive) and until (exclusive) bound the creation time.")
    public Page<CallView> list(
            @Parameter(description = "Twilio CallStatus, e.g. completed") @QueryParam("status") String status,
            @Parameter(description = "inbound, outbound-api, outbound-dial, ...") @QueryParam("direction")
                    String direction,
            @Parameter(description = "ISO-8601, e.g. 2026-11-01T00:00:00Z") @QueryParam("since") String since,
            @QueryParam("until") String until,
            @Parameter(description = "the rep's user id") @QueryParam("userId") String userId,
            @Parameter(description = "won, lost or tbd") @QueryParam("outcome") String outcome,
            @Parameter(description = "1 to 500, default 50") @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        CallFilter filter = new CallFilter(
                QueryParams.wire("status", status, CallStatus.class),
                QueryParams.wire("direction", direction, CallDirection.class),
                QueryParams.instant("since", since),
                QueryParams.instant("until", until),
                QueryParams.uuid("userId", userId),
                QueryParams.wire("outcome", outcome, Outcome.class));
        QueryParams.requireOrdered(filter.since(), filter.until());
        return calls.list(filter, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{idOrSid}")
    @Operation(operationId = "getCall", summary = "One call by id or Twilio CallSid, with its recordings")
    public CallView get(@PathParam("idOrSid") String idOrSid) {
        return calls.get(idOrSid);
    }

    @POST
    @Idempotent
    @Operation(operationId = "logCall", summary = "Log a call by hand")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CallView.class)))
    public Response log(@NotNull @Valid CallLogRequest request) {
        return created(calls.log(request));
    }

    @PATCH
    @Path("/{idOrSid}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "updateCall", summary = "Annotate a call (merge patch: fields sent replace, null clears)")
    public CallView update(
            @PathParam("idOrSid") String idOrSid,
            @RequestBody(
                            required = true,
                            description = "A JSON merge patch (RFC 7396): fields sent replace, null clears",
                            content = {
                                @Content(
                                        mediaType = "application/merge-patch+json",
                                        schema = @Schema(implementation = CallLogRequest.class)),
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = CallLogRequest.class))
                            })
                    JsonNode body) {
        MergePatch<CallLogRequest> patch = MergePatch.read(body, CallLogRequest.class, json, validator);
        return calls.update(idOrSid, patch.value(), patch.present());
    }

    @POST
    @Path("/dial")
    @Idempotent(commitsItself = true)
    @Operation(
            operationId = "dialCall",
            summary = "Place a call through the tenant's Twilio account",
            description = "from defaults to the tenant's Twilio number. 429 with Retry-After past the tenant's"
                    + " paidActionsPerMinute; 502 with twilioCode when Twilio refuses; 504 when it does not answer.")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CallView.class)))
    public Response dial(@NotNull @Valid DialRequest request) {
        return dialer.dial(request, CallResource::created);
    }

    private static Response created(CallView call) {
        return Response.created(URI.create("/v1/calls/" + call.id()))
                .entity(call)
                .build();
    }
}
