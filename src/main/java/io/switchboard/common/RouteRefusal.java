package io.switchboard.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * A problem JSON answer written by a Vert.x route, before any REST error mapper could run: the
 * request limits' refusals, and a webhook body that cannot be read. With {@code close}, the
 * connection is closed once the answer is out, so a body still arriving is never read on.
 */
public final class RouteRefusal {

    private RouteRefusal() {}

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
        var response = context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (close) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
            response.endHandler(ignored -> context.request().connection().close());
        }
        response.end(body);
    }
}
