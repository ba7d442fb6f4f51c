package io.switchboard.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a body over the size limit (413) and a URL over the length limit (414) with problem JSON
 * like every other error. Vert.x would answer both with an empty body before any error mapper
 * runs, so this route runs first: it refuses by the declared Content-Length, and by a URL limit
 * below Vert.x's own line limit (quarkus.http.limits.max-initial-line-length). A chunked body
 * without a length that grows past the limit still gets Vert.x's bare 413.
 */
@ApplicationScoped
class RequestLimits {

    /** Longest request target accepted, in characters; Vert.x's line limit is set above it. */
    static final int MAX_URI_LENGTH = 8192;

    private final long maxBodyBytes;
    private final ObjectMapper json;

    RequestLimits(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody, ObjectMapper json) {
        this.maxBodyBytes = maxBody.asLongValue();
        this.json = json;
    }

    void install(@Observes Router router) {
        // Before anything acts on a request, authentication included.
        router.route().order(RouteConstants.ROUTE_ORDER_BODY_HANDLER).handler(RequestLimits::nothingAfterARefusal);
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::enforce);
    }

    /** A request the client queued behind a refused one on the same connection is not served. */
    private static void nothingAfterARefusal(RoutingContext context) {
        if (LingeringClose.followsARefusal(context.request())) {
            LingeringClose.drop(context.request());
            return;
        }
        context.next();
    }

    private void enforce(RoutingContext context) {
        String uri = context.request().uri();
        if (uri.length() > MAX_URI_LENGTH) {
            refuse(
                    context,
                    414,
                    "URI Too Long",
                    "The request URL is longer than " + MAX_URI_LENGTH + " characters",
                    false);
            return;
        }
        if (RouteRefusal.declaredLength(context.request()) > maxBodyBytes) {
            // Refused unread: the rest of the body is discarded and the connection closed (LingeringClose).
            refuse(
                    context,
                    413,
                    "Content Too Large",
                    "The request body is larger than " + maxBodyBytes + " bytes",
                    true);
            return;
        }
        context.next();
    }

    private void refuse(RoutingContext context, int status, String title, String detail, boolean close) {
        RouteRefusal.refuse(context, json, status, title, detail, close);
    }
}
