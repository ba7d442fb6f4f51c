package io.switchboard.admin;

import io.switchboard.auth.ApiKeyService;
import io.switchboard.common.ApiException;
import io.switchboard.common.Cursor;
import io.switchboard.common.Page;
import io.switchboard.common.PageRequest;
import io.switchboard.common.TenantDataChanged;
import io.switchboard.crypto.SecretCipher;
import io.switchboard.crypto.SecretField;
import io.switchboard.setting.Settings;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.TenantContext;
import io.switchboard.tenant.TenantDirectory;
import io.switchboard.tenant.TenantRouting;
import io.switchboard.tenant.TenantView;
import io.switchboard.user.CreateUserRequest;
import io.switchboard.user.UserService;
import io.switchboard.user.UserView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Operators' work on tenants. Each call works on the tenant of the request's {@link TenantContext}
 * (the one in the path, or the id reserved for a tenant being created); only the listing crosses
 * tenants, through the tenant directory.
 */
@ApplicationScoped
public class TenantAdminService {

    private final TenantContext tenantContext;
    private final TenantDirectory directory;
    private final TenantRouting routing;
    private final SecretCipher cipher;
    private final ApiKeyService apiKeys;
    private final UserService users;
    private final EntityManager entityManager;
    private final Event<TenantDataChanged> changes;

    TenantAdminService(
            TenantContext tenantContext,
            TenantDirectory directory,
            TenantRouting routing,
            SecretCipher cipher,
            ApiKeyService apiKeys,
            UserService users,
            EntityManager entityManager,
            Event<TenantDataChanged> changes) {
        this.tenantContext = tenantContext;
        this.directory = directory;
        this.routing = routing;
        this.cipher = cipher;
        this.apiKeys = apiKeys;
        this.users = users;
        this.entityManager = entityManager;
        this.changes = changes;
    }

    @Transactional
    public TenantCreated create(CreateTenantRequest request) {
        UUID id = tenantContext.requireTenantId();
        CreateTenantRequest.Twilio twilio = request.twilio();
        requireWholeApiKeyPair(twilio.apiKeySid(), twilio.apiKeySecret());
        Tenant tenant = new Tenant();
        tenant.id = id;
        tenant.name = request.name().trim();
        tenant.customDomain = request.customDomain();
        tenant.twilioAccountSid = twilio.accountSid();
        tenant.twilioAuthTokenEncrypted = cipher.encrypt(twilio.authToken(), SecretField.twilioAuthToken(id));
        tenant.twilioApiKeySid = twilio.apiKeySid();
        tenant.twilioApiKeySecretEncrypted = twilio.apiKeySecret() == null
                ? null
                : cipher.encrypt(twilio.apiKeySecret(), SecretField.twilioApiKeySecret(id));
        tenant.twilioPhoneNumber = twilio.phoneNumber();
        tenant.persist();
        Settings.defaultsFor(id).persist();
        // Surface a duplicate account SID or domain now, as a 409, before a key is issued.
        entityManager.flush();
        ApiKeyService.IssuedApiKey key = apiKeys.issue(id);
        // Its domain may be remembered as nobody's (tenant.DirectoryCache).
        changes.fire(new TenantDataChanged("tenants", id));
        return new TenantCreated(TenantView.of(tenant), key.id(), key.apiKey());
    }

    public Page<TenantView> list(PageRequest page) {
        Cursor<UUID> after = page.after(UUID::fromString);
        List<TenantView> rows = directory.tenantsPage(
                after == null ? null : after.time(), after == null ? null : after.id(), page.fetchSize());
        return Page.of(rows, page, tenant -> new Cursor<>(tenant.createdAt(), tenant.id()), view -> view);
    }

    @Transactional
    public TenantView get(UUID id) {
        return TenantView.of(current(id));
    }

    /** Applies a merge patch; {@code present} names the top-level and twilio fields the body contained. */
    @Transactional
    public TenantView update(UUID id, UpdateTenantRequest patch, Set<String> present) {
        Tenant tenant = current(id);
        if (present.contains("name")) {
            tenant.name = required(patch.name(), "name").trim();
        }
        if (present.contains("brandingConfig")) {
            tenant.brandingConfig = required(patch.brandingConfig(), "brandingConfig");
        }
        UpdateTenantRequest.Twilio twilio = patch.twilio();
        if (twilio != null) {
            if (present.contains("twilio.authToken")) {
                tenant.twilioAuthTokenEncrypted = cipher.encrypt(
                        required(twilio.authToken(), "twilio.authToken"), SecretField.twilioAuthToken(id));
            }
            if (present.contains("twilio.apiKeySid") || present.contains("twilio.apiKeySecret")) {
                requireWholeApiKeyPair(twilio.apiKeySid(), twilio.apiKeySecret());
                tenant.twilioApiKeySid = twilio.apiKeySid();
                tenant.twilioApiKeySecretEncrypted = twilio.apiKeySecret() == null
                        ? null
                        : cipher.encrypt(twilio.apiKeySecret(), SecretField.twilioApiKeySecret(id));
            }
            if (present.contains("twilio.phoneNumber")) {
                tenant.twilioPhoneNumber = twilio.phoneNumber();
            }
        }
        boolean routingChanged = present.contains("status")
                || present.contains("customDomain")
                || twilio != null && present.contains("twilio.accountSid");
        if (routingChanged) {
            routing.change(
                    tenant,
                    present.contains("status") ? required(patch.status(), "status") : tenant.status,
                    present.contains("customDomain") ? patch.customDomain() : tenant.customDomain,
                    twilio != null && present.contains("twilio.accountSid")
                            ? required(twilio.accountSid(), "twilio.accountSid")
                            : tenant.twilioAccountSid);
        }
        entityManager.flush();
        changes.fire(new TenantDataChanged("tenants", id));
        return TenantView.of(tenant);
    }

    @Transactional
    public ApiKeyService.IssuedApiKey issueApiKey(UUID id) {
        return apiKeys.issue(current(id).id);
    }

    @Transactional
    public List<ApiKeyService.ApiKeyView> listApiKeys(UUID id) {
        return apiKeys.list(current(id).id);
    }

    @Transactional
    public void revokeApiKey(UUID id, UUID keyId) {
        apiKeys.revoke(current(id).id, keyId);
    }

    /** Not in a transaction: the password is hashed first, holding no connection (see UserService). */
    public UserView createUser(UUID id, CreateUserRequest request) {
        requireTenant(id);
        return users.create(request);
    }

    @Transactional
    void requireTenant(UUID id) {
        current(id);
    }

    /** Reconciliation reads Twilio with the tenant's credentials: only for a tenant in service. */
    @Transactional
    void requireActiveTenant(UUID id) {
        if (!current(id).isActive()) {
            throw new ApiException.Conflict("Tenant " + id + " is not active, so it is not reconciled");
        }
    }

    /** The tenant named in the path, which TenantResolver has made the request's tenant. */
    private Tenant current(UUID id) {
        if (!id.equals(tenantContext.requireTenantId())) {
            throw new IllegalStateException("The request works for another tenant than its path names");
        }
        return Tenant.findCurrent(id).orElseThrow(() -> new ApiException.NotFound("Tenant " + id));
    }

    private static void requireWholeApiKeyPair(String sid, String secret) {
        if ((sid == null) != (secret == null)) {
            throw new ApiException.Invalid(
                    sid == null ? "twilio.apiKeySid" : "twilio.apiKeySecret",
                    "apiKeySid and apiKeySecret go together: give both or neither");
        }
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new ApiException.Invalid(field, "may not be null");
        }
        return value;
    }
}
