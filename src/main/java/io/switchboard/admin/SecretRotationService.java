package io.switchboard.admin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.crypto.Keyring;
import io.switchboard.crypto.SecretCipher;
import io.switchboard.crypto.SecretField;
import io.switchboard.crypto.UndecryptableSecretException;
import io.switchboard.event.WebhookEndpoint;
import io.switchboard.tenant.Actor;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.TenantContext;
import io.switchboard.tenant.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

/**
 * Moves every tenant's secrets to the active key of {@code SWITCHBOARD_CRYPTO_KEYS}. Idempotent
 * (values already under the active key are left alone) and resumable (each tenant commits on its
 * own, in its own row-level security context, so an interrupted run is finished by running it
 * again). A value that does not decrypt is reported and left untouched, never overwritten.
 */
@ApplicationScoped
public class SecretRotationService {

    private static final Logger LOG = Logger.getLogger(SecretRotationService.class);
    private static final int BATCH = 200;

    @Schema(name = "RotationFailure")
    public record Failure(UUID tenantId, String detail) {}

    @Schema(name = "RotationReport")
    public record Report(
            String activeKeyId, int tenants, int reencrypted, int alreadyCurrent, List<Failure> failures) {}

    private final EntityManager entityManager;
    private final TenantDirectory directory;
    private final TenantContext tenantContext;
    private final SecretCipher cipher;
    private final Keyring keyring;

    SecretRotationService(
            EntityManager entityManager,
            TenantDirectory directory,
            TenantContext tenantContext,
            SecretCipher cipher,
            Keyring keyring) {
        this.entityManager = entityManager;
        this.directory = directory;
        this.tenantContext = tenantContext;
        this.cipher = cipher;
        this.keyring = keyring;
    }

    public Report rotateAll(Actor operator) {
        int tenants = 0;
        int[] counts = new int[2];
        List<Failure> failures = new ArrayList<>();
        // PostgreSQL orders uuids as unsigned bytes: the nil uuid sorts first.
        UUID after = new UUID(0L, 0L);
        for (List<UUID> batch = tenantIdsAfter(after); !batch.isEmpty(); batch = tenantIdsAfter(after)) {
            for (UUID tenantId : batch) {
                tenants++;
                try {
                    int[] result = tenantContext.runAs(tenantId, operator, () -> QuarkusTransaction.requiringNew()
                            .call(() -> rotate(tenantId)));
                    counts[0] += result[0];
                    counts[1] += result[1];
                } catch (UndecryptableSecretException e) {
                    LOG.error(e.getMessage());
                    failures.add(new Failure(tenantId, e.getMessage()));
                }
            }
            after = batch.get(batch.size() - 1);
        }
        LOG.infof(
                "Secret rotation to key '%s': %d tenants, %d values re-encrypted, %d already current, %d failed",
                keyring.activeKeyId(), tenants, counts[0], counts[1], failures.size());
        return new Report(keyring.activeKeyId(), tenants, counts[0], counts[1], failures);
    }

    /** Returns {re-encrypted, already current} for one tenant. */
    private int[] rotate(UUID tenantId) {
        Tenant tenant = entityManager.find(Tenant.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
        if (tenant == null) {
            return new int[2];
        }
        int[] counts = new int[2];
        tenant.twilioAuthTokenEncrypted =
                reencrypt(tenant.twilioAuthTokenEncrypted, SecretField.twilioAuthToken(tenantId), counts);
        tenant.twilioApiKeySecretEncrypted =
                reencrypt(tenant.twilioApiKeySecretEncrypted, SecretField.twilioApiKeySecret(tenantId), counts);
        // Locked, as a secret rotation by the tenant locks its endpoint: neither overwrites the other.
        for (WebhookEndpoint endpoint : WebhookEndpoint.lockAllForTenant(tenantId)) {
            endpoint.secretEncrypted =
                    reencrypt(endpoint.secretEncrypted, endpoint.secretField(WebhookEndpoint.SECRET_COLUMN), counts);
            endpoint.previousSecretEncrypted = reencrypt(
                    endpoint.previousSecretEncrypted,
                    endpoint.secretField(WebhookEndpoint.PREVIOUS_SECRET_COLUMN),
                    counts);
        }
        return counts;
    }

    private String reencrypt(String stored, SecretField field, int[] counts) {
        if (stored == null) {
            return null;
        }
        if (cipher.isUnderActiveKey(stored)) {
            counts[1]++;
            return stored;
        }
        counts[0]++;
        return cipher.encrypt(cipher.decrypt(stored, field), field);
    }

    private List<UUID> tenantIdsAfter(UUID after) {
        return directory.tenantIdsAfter(after, BATCH);
    }
}
