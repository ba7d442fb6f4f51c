package io.switchboard.webhook;

import io.vertx.core.http.HttpServerRequest;

/**
 * The URL Twilio called, as Twilio signed it: scheme and host from the request (Quarkus has
 * already applied X-Forwarded-Proto/Host from trusted proxies), then the raw path and query
 * exactly as received.
 */
record PublicUrl(String full) {

    static PublicUrl of(HttpServerRequest request) {
        String authority = request.authority() != null ? request.authority().toString() : request.getHeader("Host");
        String base = request.scheme() + "://" + authority;
        return new PublicUrl(base + request.uri());
    }
}
