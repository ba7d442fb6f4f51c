package io.switchboard.idempotency;

import io.switchboard.common.ApiException;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Reads {@code Idempotency-Key} on the tenant API's POSTs (all but /v1/auth) and the fingerprint
 * of the request it stands for: method, path and the body's exact bytes, which are read here and
 * handed on unchanged to the resource (bodies are at most 1 MiB, see RequestLimits).
 */
class IdempotencyKeyFilter {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 255;

    private final IdempotentRequest request;

    IdempotencyKeyFilter(IdempotentRequest request) {
        this.request = request;
    }

    @ServerRequestFilter(priority = Priorities.USER)
    void read(ContainerRequestContext context) throws IOException {
        List<String> values = context.getHeaders().get(HEADER);
        String path = context.getUriInfo().getPath();
        if (values == null
                || values.isEmpty()
                || !HttpMethod.POST.equals(context.getMethod())
                || !path.startsWith("/v1/")
                || path.startsWith("/v1/auth/")) {
            return;
        }
        if (values.size() > 1) {
            throw new ApiException.Invalid(HEADER, "must be sent once");
        }
        String key = values.get(0);
        int length = key.codePointCount(0, key.length());
        if (length == 0 || length > MAX_KEY_LENGTH) {
            throw new ApiException.Invalid(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        if (key.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
            throw new ApiException.Invalid(HEADER, "must not contain control characters");
        }
        byte[] body = context.hasEntity() ? context.getEntityStream().readAllBytes() : new byte[0];
        context.setEntityStream(new ByteArrayInputStream(body));
        URI uri = context.getUriInfo().getRequestUri();
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        request.prepare(key, fingerprint(context.getMethod(), target, body));
    }

    /** SHA-256 of "METHOD target\n" and the body's bytes. */
    static byte[] fingerprint(String method, String target, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + target + "\n").getBytes(StandardCharsets.UTF_8));
            return digest.digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
