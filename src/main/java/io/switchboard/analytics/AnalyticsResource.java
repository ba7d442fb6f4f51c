package io.switchboard.analytics;

import io.switchboard.auth.Roles;
import io.switchboard.common.ApiException;
import io.switchboard.common.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /v1/analytics}: for the CEO (and apps). */
@Path("/v1/analytics")
@RolesAllowed({Roles.APP, Roles.CEO})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analytics")
public class AnalyticsResource {

    private static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    private static final Duration LONGEST_PERIOD = Duration.ofDays(3660);

    private final AnalyticsService analytics;

    AnalyticsResource(AnalyticsService analytics) {
        this.analytics = analytics;
    }

    @GET
    @Path("/summary")
    @Operation(
            operationId = "getAnalyticsSummary",
            summary = "Calls by outcome, conversion and no-show rates, loss reasons and reps for [since, until)",
            description = "Defaults: until = now, since = until - 30 days. Periods are bounded by call creation time.")
    public AnalyticsSummary summary(@QueryParam("since") String since, @QueryParam("until") String until) {
        Instant to = until == null || until.isBlank() ? Instant.now() : QueryParams.instant("until", until);
        Instant from =
                since == null || since.isBlank() ? to.minus(DEFAULT_PERIOD) : QueryParams.instant("since", since);
        QueryParams.requireOrdered(from, to);
        if (Duration.between(from, to).compareTo(LONGEST_PERIOD) > 0) {
            throw new ApiException.Invalid("since", "the period may be at most ten years");
        }
        return analytics.summary(from, to);
    }
}
