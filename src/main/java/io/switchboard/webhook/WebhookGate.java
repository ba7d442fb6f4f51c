package io.switchboard.webhook;

import io.switchboard.common.ApiException;
import io.switchboard.common.ClientAddress;
import io.switchboard.tenant.Actor;
import io.switchboard.tenant.ActorKind;
import io.switchboard.tenant.DirectoryCache;
import io.switchboard.tenant.TenantContext;
import io.switchboard.tenant.TenantDirectory;
import io.switchboard.tenant.TenantSecrets;
import io.switchboard.tenant.TwilioCredentials;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Everything a Twilio webhook must pass before it may write: a body of sane size and encoding, a
 * known and active tenant (its custom domain, else its Twilio AccountSid), an AccountSid that is
 * that tenant's, and a valid X-Twilio-Signature over the URL Twilio used, with the tenant's auth
 * token. Any failure is a 403 (400/413 for a malformed or oversized body) and nothing is written.
 */
@ApplicationScoped
class WebhookGate {

    private static final Logger LOG = Logger.getLogger(WebhookGate.class);

    /** Twilio's webhook bodies are a few KiB; anything near this is not Twilio. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final DirectoryCache directory;
    private final WebhookTenants tenants;
    private final TenantContext tenantContext;
    private final TenantSecrets secrets;
    private final TwilioSignatureValidator signatures;

    WebhookGate(
            DirectoryCache directory,
            WebhookTenants tenants,
            TenantContext tenantContext,
            TenantSecrets secrets,
            TwilioSignatureValidator signatures) {
        this.directory = directory;
        this.tenants = tenants;
        this.tenantContext = tenantContext;
        this.secrets = secrets;
        this.signatures = signatures;
    }

    record Verified(FormBody form) {}

    /**
     * Whatever the body holds, a request without a valid signature is refused (403) before
     * anything else is judged: bytes that do not parse as a form cannot carry one, and an unknown
     * or malformed AccountSid finds no tenant. Size and parameters are judged only for Twilio.
     */
    Verified verify(HttpServerRequest http, byte[] body) {
        String signature = http.getHeader("X-Twilio-Signature");
        if (signature == null || signature.isBlank()) {
            throw refused();
        }
        FormBody form = FormBody.tryParse(body).orElseThrow(WebhookGate::refused);
        PublicUrl url = PublicUrl.of(http);
        String accountSid = form.get("AccountSid");
        String host = http.authority() == null ? null : http.authority().host();
        TenantDirectory.Entry tenant = directory
                .byDomain(host)
                .or(() -> directory.byAccountSid(accountSid))
                .orElseThrow(WebhookGate::refused);
        if (!tenant.active()) {
            throw refused();
        }
        String ip = ClientAddress.of(http);
        tenantContext.enter(
                tenant.tenantId(), new Actor(ActorKind.TWILIO, null, null, ip, http.getHeader("User-Agent")));
        TwilioCredentials credentials = tenants.credentials(tenant.tenantId(), secrets::twilioCredentials);
        if (!accepts(credentials, accountSid, url, form, signature)) {
            // Perhaps the auth token was rotated since it was remembered: check once more with fresh credentials.
            credentials = tenants.reload(tenant.tenantId(), secrets::twilioCredentials);
        }
        if (!accepts(credentials, accountSid, url, form, signature)) {
            LOG.debugf("Refused webhook for tenant %s: signature does not match %s", tenant.tenantId(), url.full());
            throw refused();
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new WebhookBodyTooLargeException();
        }
        return new Verified(form);
    }

    private boolean accepts(
            TwilioCredentials credentials, String accountSid, PublicUrl url, FormBody form, String signature) {
        return credentials.accountSid().equals(accountSid)
                && signatures.isValid(url.full(), form.params(), credentials.authToken(), signature);
    }

    /** One answer for every reason, so a caller learns nothing about which tenants exist. */
    private static ApiException refused() {
        return new ApiException.Forbidden("The Twilio signature is missing or invalid for this request");
    }
}
