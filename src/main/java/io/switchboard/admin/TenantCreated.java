package io.switchboard.admin;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.switchboard.tenant.TenantView;
import java.util.UUID;

/** The answer to creating a tenant: the tenant, plus its first API key, shown this once. */
public record TenantCreated(@JsonUnwrapped TenantView tenant, UUID apiKeyId, String apiKey) {}
