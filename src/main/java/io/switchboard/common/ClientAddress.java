package io.switchboard.common;

import io.vertx.core.http.HttpServerRequest;

/** The caller's address as the connection (or a trusted proxy's X-Forwarded-For) gives it: a literal, never looked up. */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }
}
