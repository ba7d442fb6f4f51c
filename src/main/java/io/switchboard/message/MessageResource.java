package io.switchboard.message;

import io.switchboard.auth.Roles;
import io.switchboard.common.Page;
import io.switchboard.common.PageRequest;
import io.switchboard.common.QueryParams;
import io.switchboard.idempotency.Idempotent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /v1/messages}: apps, admins and the CEO read the tenant's messages; apps, admins and reps send. */
@Path("/v1/messages")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Messages")
public class MessageResource {

    private final MessageService messages;
    private final MessageSender sender;

    MessageResource(MessageService messages, MessageSender sender) {
        this.messages = messages;
        this.sender = sender;
    }

    @GET
    @RolesAllowed({Roles.APP, Roles.CEO, Roles.ADMIN})
    @Operation(operationId = "listMessages", summary = "List messages, newest first (keyset-paginated)")
    public Page<MessageView> list(
            @QueryParam("status") String status,
            @QueryParam("direction") String direction,
            @QueryParam("since") String since,
            @QueryParam("until") String until,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        var from = QueryParams.instant("since", since);
        var to = QueryParams.instant("until", until);
        QueryParams.requireOrdered(from, to);
        return messages.list(
                QueryParams.wire("status", status, MessageStatus.class),
                QueryParams.wire("direction", direction, MessageDirection.class),
                from,
                to,
                PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{idOrSid}")
    @RolesAllowed({Roles.APP, Roles.CEO, Roles.ADMIN})
    @Operation(operationId = "getMessage", summary = "One message by id or Twilio MessageSid")
    public MessageView get(@PathParam("idOrSid") String idOrSid) {
        return messages.get(idOrSid);
    }

    @POST
    @RolesAllowed({Roles.APP, Roles.ADMIN, Roles.SALES})
    @Idempotent(commitsItself = true)
    @Operation(
            operationId = "sendMessage",
            summary = "Send an SMS through the tenant's Twilio account",
            description = "from defaults to the tenant's Twilio number. 429 with Retry-After past the tenant's"
                    + " paidActionsPerMinute; 502 with twilioCode when Twilio refuses; 504 when it does not answer.")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MessageView.class)))
    public Response send(@NotNull @Valid SendMessageRequest request) {
        return sender.send(request, message -> Response.created(URI.create("/v1/messages/" + message.id()))
                .entity(message)
                .build());
    }
}
