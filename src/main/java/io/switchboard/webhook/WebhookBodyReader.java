package io.switchboard.webhook;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads a webhook's whole body on the event loop, before the request is handed to a worker
 * thread. Without it, a blocking resource method reads its {@code byte[]} body through a stream
 * that parks the worker until the event loop hands each chunk across under a shared monitor:
 * measured with JFR under webhook load, that hand-over was a fifth of the service's CPU samples.
 * With the body already in memory, REST reads it from there ({@code RoutingContext.body()}).
 *
 * <p>Runs after {@code RequestLimits}, which refuses a declared length over the limit with problem
 * JSON; a chunked body that grows past the same limit is refused here (413) and its connection
 * closed. Twilio's own, smaller limit stays with {@link WebhookGate}. HTTP/2 is left to REST's own
 * reading (see {@link #read}).
 */
@ApplicationScoped
class WebhookBodyReader {

    private final long maxBodyBytes;

    WebhookBodyReader(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.maxBodyBytes = maxBody.asLongValue();
    }

    void install(@Observes Router router) {
        router.route("/webhooks/twilio/*")
                .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1)
                .handler(this::read);
    }

    private void read(RoutingContext context) {
        HttpServerRequest request = context.request();
        // HTTP/2 requests keep REST's own reading: REST pauses every request it takes over, which
        // HTTP/2 refuses once the request has ended. Twilio calls webhooks over HTTP/1.1.
        if (request.isEnded() || request.version() == HttpVersion.HTTP_2) {
            context.next();
            return;
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            context.response().writeContinue();
        }
        Buffer body = Buffer.buffer(initialCapacity(request.getHeader(HttpHeaders.CONTENT_LENGTH)));
        request.handler(chunk -> {
            if (context.failed() || context.response().ended()) {
                return;
            }
            if (body.length() + chunk.length() > maxBodyBytes) {
                context.response().putHeader(HttpHeaders.CONNECTION, "close");
                context.fail(413);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(context::fail);
        request.endHandler(ended -> {
            if (!context.response().ended() && !context.failed()) {
                context.setBody(body);
                context.next();
            }
        });
        request.resume();
    }

    /** The declared length, within the limit, so a typical body is copied once. */
    private int initialCapacity(String contentLength) {
        try {
            long declared = contentLength == null ? 0 : Long.parseLong(contentLength.trim());
            return (int) Math.max(0, Math.min(declared, Math.min(maxBodyBytes, WebhookGate.MAX_BODY_BYTES)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
