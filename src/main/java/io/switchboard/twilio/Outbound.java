package io.switchboard.twilio;

import io.switchboard.common.ApiException;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.TenantContext;
import io.switchboard.tenant.TenantSecrets;
import io.switchboard.tenant.TwilioCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Everything a paid action needs before Twilio is called: the tenant's credentials, sender and callback domain. */
@ApplicationScoped
public class Outbound {

    /** {@code customDomain} decides where Twilio calls back (see {@link Callbacks}). */
    public record Prepared(TwilioCredentials credentials, String from, String customDomain) {}

    private final TenantContext tenantContext;
    private final TenantSecrets secrets;

    Outbound(TenantContext tenantContext, TenantSecrets secrets) {
        this.tenantContext = tenantContext;
        this.secrets = secrets;
    }

    @Transactional
    public Prepared prepare(String requestedFrom) {
        TwilioCredentials credentials = secrets.twilioCredentials();
        String from = requestedFrom != null ? requestedFrom : credentials.phoneNumber();
        if (from == null) {
            throw new ApiException.Invalid("from", "is required: this tenant has no Twilio phone number configured");
        }
        String domain = Tenant.findCurrent(tenantContext.requireTenantId())
                .map(tenant -> tenant.customDomain)
                .orElse(null);
        return new Prepared(credentials, from, domain);
    }
}
