package io.switchboard.admin;

import io.switchboard.tenant.TenantView;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.UUID;

/** The answer to creating a tenant: the tenant, plus its first API key, shown this once. */
public record TenantCreated(@JsonUnwrapped TenantView tenant, UUID apiKeyId, String apiKey) {
}
