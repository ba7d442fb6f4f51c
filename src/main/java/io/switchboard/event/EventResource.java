package io.switchboard.event;

import io.switchboard.auth.Roles;
import io.switchboard.common.Page;
import io.switchboard.common.PageRequest;
import io.switchboard.common.QueryParams;
import io.switchboard.idempotency.Idempotent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /v1/events}: the tenant's event log and what became of each event. Admins and tenant apps only. */
@Path("/v1/events")
@RolesAllowed({Roles.APP, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class EventResource {

    private final EventService events;

    EventResource(EventService events) {
        this.events = events;
    }

    @GET
    @Operation(
            operationId = "listEvents",
            summary = "Events sent to the tenant's endpoints, newest first",
            description = "type, since, until; keyset-paginated. An event is recorded when an enabled endpoint"
                    + " subscribes to its type, and kept 30 days.")
    public Page<EventView> list(
            @QueryParam("type") String type,
            @QueryParam("since") String since,
            @QueryParam("until") String until,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        var from = QueryParams.instant("since", since);
        var to = QueryParams.instant("until", until);
        QueryParams.requireOrdered(from, to);
        return events.list(
                new EventService.Filter(QueryParams.wire("type", type, EventType.class), from, to),
                PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getEvent")
    public EventView get(@PathParam("id") UUID id) {
        return events.get(id);
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(
            operationId = "listEventDeliveries",
            summary = "The event's deliveries, newest first, each with its attempts")
    public Page<DeliveryView> deliveries(
            @PathParam("id") UUID id, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return events.deliveries(id, PageRequest.of(limit, cursor));
    }

    @POST
    @Idempotent
    @Path("/{id}/redeliver")
    @Consumes(MediaType.WILDCARD)
    @Operation(
            operationId = "redeliverEvent",
            summary = "Send the event again, with the same webhook-id, to every endpoint subscribed to it now",
            description = "409 when no enabled endpoint subscribes to the event's type.")
    @APIResponse(
            responseCode = "202",
            description = "The new deliveries, sent within seconds",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(type = SchemaType.ARRAY, implementation = DeliveryView.class)))
    public Response redeliver(@PathParam("id") UUID id) {
        List<DeliveryView> deliveries = events.redeliver(id);
        return Response.accepted(deliveries).build();
    }
}
