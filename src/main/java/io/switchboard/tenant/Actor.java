package io.switchboard.tenant;

import java.util.UUID;

/** Who is acting in a request, as the audit trail records it. */
public record Actor(ActorKind kind, UUID userId, UUID apiKeyId, String ip, String userAgent) {

    public static Actor system() {
        return new Actor(ActorKind.SYSTEM, null, null, null, null);
    }

    /** Reconciliation writing what it read back from Twilio. */
    public static Actor reconciler() {
        return new Actor(ActorKind.RECONCILER, null, null, null, null);
    }

    /** An operator working on /admin, from the given address. */
    public static Actor operator(String ip, String userAgent) {
        return new Actor(ActorKind.OPERATOR, null, null, ip, userAgent);
    }
}
