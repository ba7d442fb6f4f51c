package io.switchboard.event;

import io.switchboard.common.ApiException;
import io.switchboard.common.Ids;
import io.switchboard.common.Keyset;
import io.switchboard.common.Page;
import io.switchboard.common.PageRequest;
import io.switchboard.common.Randomness;
import io.switchboard.common.TenantDataChanged;
import io.switchboard.crypto.SecretCipher;
import io.switchboard.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's webhook endpoints: created with a fresh signing secret (shown once), changed, paused
 * or re-enabled, rotated (the old secret keeps signing for a day, so receivers can switch without
 * missing an event), deleted. The URL is judged by {@link EndpointAddresses} each time it is set.
 */
@ApplicationScoped
@Transactional
public class EndpointService {

    /** Secrets of 32 random bytes (the specification asks for 24 to 64). */
    private static final int SECRET_BYTES = 32;

    static final String SECRET_PREFIX = "whsec_";
    /** How long the previous secret signs after a rotation. */
    static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

    static final int MAX_ENDPOINTS_PER_TENANT = 20;

    private final TenantContext tenantContext;
    private final EndpointAddresses addresses;
    private final SecretCipher cipher;
    private final EntityManager entityManager;
    private final Event<TenantDataChanged> changes;

    EndpointService(
            TenantContext tenantContext,
            EndpointAddresses addresses,
            SecretCipher cipher,
            EntityManager entityManager,
            Event<TenantDataChanged> changes) {
        this.tenantContext = tenantContext;
        this.addresses = addresses;
        this.cipher = cipher;
        this.entityManager = entityManager;
        this.changes = changes;
    }

    public Page<EndpointView> list(PageRequest page) {
        return Keyset.of(WebhookEndpoint.class, tenantContext.requireTenantId())
                .page(entityManager, page, EndpointView::of);
    }

    public EndpointView get(UUID id) {
        return EndpointView.of(find(id));
    }

    public EndpointWithSecret create(EndpointRequest request) {
        UUID tenantId = tenantContext.requireTenantId();
        if (WebhookEndpoint.count("tenantId", tenantId) >= MAX_ENDPOINTS_PER_TENANT) {
            throw new ApiException.Conflict(
                    "A tenant has at most " + MAX_ENDPOINTS_PER_TENANT + " webhook endpoints; delete one first");
        }
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.tenantId = tenantId;
        endpoint.id = Ids.newId();
        endpoint.url = addresses.checkedUrl("url", required(request.url(), "url"));
        endpoint.eventTypes = wire(required(request.events(), "events"));
        endpoint.description = request.description();
        endpoint.enabled = request.enabled() == null || request.enabled();
        String secret = newSecret();
        endpoint.secretEncrypted = cipher.encrypt(secret, endpoint.secretField(WebhookEndpoint.SECRET_COLUMN));
        endpoint.persist();
        subscriptionsChanged();
        return new EndpointWithSecret(EndpointView.of(endpoint), secret);
    }

    public EndpointView update(UUID id, EndpointRequest patch, Set<String> present) {
        WebhookEndpoint endpoint = find(id);
        if (present.contains("url")) {
            endpoint.url = addresses.checkedUrl("url", required(patch.url(), "url"));
        }
        if (present.contains("events")) {
            endpoint.eventTypes = wire(required(patch.events(), "events"));
        }
        if (present.contains("description")) {
            endpoint.description = patch.description();
        }
        if (present.contains("enabled")) {
            boolean enabled = required(patch.enabled(), "enabled");
            if (enabled && !endpoint.enabled) {
                // Re-enabled by a person: its failing streak starts over.
                endpoint.failingSince = null;
                endpoint.disabledReason = null;
                endpoint.disabledAt = null;
            }
            endpoint.enabled = enabled;
        }
        entityManager.flush();
        subscriptionsChanged();
        return EndpointView.of(endpoint);
    }

    public void delete(UUID id) {
        find(id).delete();
        subscriptionsChanged();
    }

    /** Who subscribes to what is cached by every instance (TenantEvents); this one forgets on commit. */
    private void subscriptionsChanged() {
        changes.fire(new TenantDataChanged("webhook_endpoints", tenantContext.requireTenantId()));
    }

    /** A new secret; the current one becomes the previous and keeps signing for a day. */
    public EndpointWithSecret rotateSecret(UUID id) {
        // Locked: two rotations at once would otherwise both keep the same "previous" secret.
        WebhookEndpoint endpoint = WebhookEndpoint.lockForTenant(tenantContext.requireTenantId(), id)
                .orElseThrow(() -> new ApiException.NotFound("Webhook endpoint " + id));
        String current = cipher.decrypt(endpoint.secretEncrypted, endpoint.secretField(WebhookEndpoint.SECRET_COLUMN));
        String secret = newSecret();
        endpoint.previousSecretEncrypted =
                cipher.encrypt(current, endpoint.secretField(WebhookEndpoint.PREVIOUS_SECRET_COLUMN));
        endpoint.previousSecretUntil = Instant.now().plus(ROTATION_OVERLAP);
        endpoint.secretEncrypted = cipher.encrypt(secret, endpoint.secretField(WebhookEndpoint.SECRET_COLUMN));
        entityManager.flush();
        return new EndpointWithSecret(EndpointView.of(endpoint), secret);
    }

    private WebhookEndpoint find(UUID id) {
        return WebhookEndpoint.findForTenant(tenantContext.requireTenantId(), id)
                .orElseThrow(() -> new ApiException.NotFound("Webhook endpoint " + id));
    }

    private static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        Randomness.secure().nextBytes(bytes);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    private static List<String> wire(List<EventType> types) {
        if (types.stream().anyMatch(java.util.Objects::isNull)) {
            throw new ApiException.Invalid("events", "may not contain null");
        }
        return types.stream().map(EventType::wire).distinct().sorted().toList();
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new ApiException.Invalid(field, "is required");
        }
        return value;
    }
}
