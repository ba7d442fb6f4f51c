package io.switchboard.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * A problem JSON answer written by a Vert.x route, before any REST error mapper could run: the
 * request limits' refusals, and a webhook body that cannot be read.
 *
 * <p>With {@code close}, the rest of the request's body is not kept and nothing more is served on
 * its connection: over HTTP/1 the connection ends with a {@link LingeringClose}; over HTTP/2 only the
 * request's own stream ends, as other requests share the connection.
 */
public final class RouteRefusal {

    /** RST_STREAM's code for "stop sending, nothing went wrong". */
    private static final long HTTP2_NO_ERROR = 0;

    private RouteRefusal() {}

    /**
     * The body length a request declares, or -1 when it declares none or not a number (the HTTP
     * server refuses a malformed {@code Content-Length} itself).
     */
    public static long declaredLength(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static void refuse(
            RoutingContext context, ObjectMapper json, int status, String title, String detail, boolean close) {
        Problem problem = new Problem(
                "about:blank", title, status, detail, context.request().path(), null, null);
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + status + "}";
        }
        HttpServerResponse response =
                context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (!close) {
            response.end(body);
        } else if (context.request().version() == HttpVersion.HTTP_2) {
            endStream(context, body);
        } else {
            LingeringClose.answerThenClose(context, body);
        }
    }

    /** RST_STREAM with NO_ERROR after a complete answer: stop sending, keep the answer (RFC 9113, 8.1). */
    private static void endStream(RoutingContext context, String body) {
        HttpServerResponse response = context.response();
        response.end(body).onSuccess(written -> {
            if (!context.request().isEnded()) {
                response.reset(HTTP2_NO_ERROR);
            }
        });
    }
}
