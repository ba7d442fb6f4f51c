package io.switchboard.event;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.crypto.SecretCipher;
import io.switchboard.crypto.UndecryptableSecretException;
import io.switchboard.event.DeliveryLedger.Outcome;
import io.switchboard.event.DeliveryLedger.Prepared;
import io.switchboard.tenant.Actor;
import io.switchboard.tenant.TenantContext;
import io.switchboard.tenant.TenantDirectory.ClaimedDelivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One claimed attempt, start to end, in the tenant's row-level security context: read the event
 * and the endpoint, sign, send (outside any transaction: no connection is held while the
 * endpoint thinks), then record the outcome, fenced by the claim.
 */
@ApplicationScoped
class DeliveryAttempts {

    private static final Logger LOG = Logger.getLogger(DeliveryAttempts.class);

    private final TenantContext tenantContext;
    private final DeliveryLedger ledger;
    private final DeliverySender sender;
    private final SecretCipher cipher;
    private final EventMetrics metrics;
    private final Duration disableAfter;

    DeliveryAttempts(
            TenantContext tenantContext,
            DeliveryLedger ledger,
            DeliverySender sender,
            SecretCipher cipher,
            EventMetrics metrics,
            EventsConfig config) {
        this.tenantContext = tenantContext;
        this.ledger = ledger;
        this.sender = sender;
        this.cipher = cipher;
        this.metrics = metrics;
        this.disableAfter = config.disableAfter();
    }

    @ActivateRequestContext
    void run(ClaimedDelivery claim, String owner) {
        tenantContext.runAs(claim.tenantId(), Actor.system(), () -> {
            attempt(claim, owner);
            return null;
        });
    }

    private void attempt(ClaimedDelivery claim, String owner) {
        Optional<Prepared> found =
                inTransaction(() -> ledger.prepare(claim.tenantId(), claim.deliveryId(), owner, claim.attempt()));
        if (found.isEmpty()) {
            // Taken over, or the delivery ended meanwhile (its endpoint was deleted).
            return;
        }
        Prepared prepared = found.get();
        if (!prepared.endpointEnabled()) {
            inTransaction(() -> {
                ledger.dropped(
                        claim.tenantId(), claim.deliveryId(), owner, claim.attempt(), "the endpoint is disabled");
                return null;
            });
            metrics.attempt("dropped", Duration.ZERO);
            return;
        }
        Outcome outcome = send(claim, prepared);
        boolean delivered = outcome.error() == null && outcome.statusCode() != null && outcome.statusCode() / 100 == 2;
        if (delivered) {
            inTransaction(() -> ledger.delivered(
                    claim.tenantId(), claim.deliveryId(), prepared.endpointId(), owner, claim.attempt(), outcome));
            metrics.attempt("delivered", outcome.took());
            return;
        }
        Instant retryAt = RetrySchedule.next(claim.attempt(), Instant.now());
        boolean disabled = inTransaction(() -> ledger.failed(
                claim.tenantId(),
                claim.deliveryId(),
                prepared.endpointId(),
                owner,
                claim.attempt(),
                outcome,
                retryAt,
                disableAfter));
        metrics.attempt(retryAt == null ? "failed" : "retrying", outcome.took());
        if (disabled) {
            metrics.endpointDisabled();
            LOG.warnf(
                    "Disabled webhook endpoint %s of tenant %s: failing for over %s",
                    prepared.endpointId(), claim.tenantId(), disableAfter);
        }
    }

    private Outcome send(ClaimedDelivery claim, Prepared prepared) {
        List<String> secrets = new ArrayList<>(2);
        try {
            secrets.add(cipher.decrypt(
                    prepared.secretEncrypted(),
                    io.switchboard.crypto.SecretField.webhookSigningSecret(
                            claim.tenantId(), prepared.endpointId(), WebhookEndpoint.SECRET_COLUMN)));
            if (prepared.previousSecretEncrypted() != null
                    && prepared.previousSecretUntil().isAfter(Instant.now())) {
                secrets.add(cipher.decrypt(
                        prepared.previousSecretEncrypted(),
                        io.switchboard.crypto.SecretField.webhookSigningSecret(
                                claim.tenantId(), prepared.endpointId(), WebhookEndpoint.PREVIOUS_SECRET_COLUMN)));
            }
        } catch (UndecryptableSecretException e) {
            return new Outcome(
                    null,
                    "The endpoint's signing secret does not decrypt with the configured keys",
                    null,
                    Duration.ZERO);
        }
        long timestamp = Instant.now().getEpochSecond();
        String eventId = prepared.eventId().toString();
        String signature = Signatures.header(eventId, timestamp, prepared.payload(), secrets);
        return sender.send(
                prepared.url(), prepared.payload(), new DeliverySender.Signed(eventId, timestamp, signature));
    }

    private static <T> T inTransaction(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }
}
