package io.switchboard.webhook;

import io.switchboard.common.ChangeAwareCache;
import io.switchboard.common.ChangeFeed;
import io.switchboard.common.Jdbc;
import io.switchboard.common.TenantDataChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.util.Set;
import java.util.UUID;

/**
 * What a tenant's incoming call is answered with (forwarding, recording, the newest active
 * greeting, the domain its callbacks go to), kept per tenant so an incoming call's transaction is
 * the tenant context, the upsert and the commit. Forgotten on every instance when the tenant's
 * settings, content or tenant row change.
 */
@ApplicationScoped
class VoiceAnswers {

    record Answer(String forwardTo, boolean autoRecordCalls, String greeting, String customDomain) {}

    private static final Set<String> SOURCES = Set.of("tenants", "settings", "content");
    private static final int MAX_ENTRIES = 50_000;

    /** forwardTo, autoRecordCalls, the newest active greeting and the callback domain, in one round trip. */
    private static final String ANSWER = "SELECT s.forward_to, s.auto_record_calls,"
            + " (SELECT c.body FROM content c WHERE c.tenant_id = t.id AND c.type = 'greeting' AND c.active"
            + "  ORDER BY c.updated_at DESC LIMIT 1),"
            + " (SELECT tn.custom_domain FROM tenants tn WHERE tn.id = t.id)"
            + " FROM (SELECT CAST(? AS uuid) AS id) t LEFT JOIN settings s ON s.tenant_id = t.id";

    private final EntityManager entityManager;
    private final ChangeAwareCache<UUID, Answer> answers;

    VoiceAnswers(EntityManager entityManager, ChangeFeed feed) {
        this.entityManager = entityManager;
        this.answers = new ChangeAwareCache<>(feed, MAX_ENTRIES);
    }

    /** Read in the caller's transaction, where the tenant is set for row-level security. */
    Answer of(UUID tenantId) {
        return answers.get(tenantId, () -> Jdbc.first(
                        entityManager,
                        ANSWER,
                        row -> new Answer(row.getString(1), row.getBoolean(2), row.getString(3), row.getString(4)),
                        tenantId)
                .orElseThrow());
    }

    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) TenantDataChanged change) {
        answers.forget(change, SOURCES, (tenantId, answer) -> tenantId);
    }
}
