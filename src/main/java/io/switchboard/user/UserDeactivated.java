package io.switchboard.user;

import java.util.UUID;

/** Fired inside the transaction that deactivates a user, so their open logins end with it. */
public record UserDeactivated(UUID tenantId, UUID userId) {}
