package io.switchboard.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer token shaped like a tenant API key, to be checked against the stored hashes. */
final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }
}
