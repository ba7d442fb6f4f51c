package io.switchboard.tenant;

import static io.switchboard.testing.TestTenants.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.crypto.UndecryptableSecretException;
import io.switchboard.testing.AsTenant;
import io.switchboard.testing.Database;
import io.switchboard.testing.Fixtures;
import io.switchboard.testing.TestTenants;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Twilio secrets at rest: encrypted, bound to their row, and never written anywhere in clear. */
@QuarkusTest
class TenantSecretsTest {

    @Inject
    TenantSecrets secrets;

    @Test
    void storedSecretsDecryptForTheirOwnTenant() {
        TestTenants.Tenant tenant = TestTenants.create();
        TwilioCredentials credentials = AsTenant.call(tenant.id(), secrets::twilioCredentials);
        assertThat(credentials.authToken()).isEqualTo(tenant.authToken());
        assertThat(credentials.basicUser()).isEqualTo(tenant.accountSid());
        assertThat(credentials.toString()).doesNotContain(tenant.authToken());
    }

    @Test
    void aCiphertextMovedToAnotherTenantsRowDoesNotDecrypt() throws Exception {
        TestTenants.Tenant victim = TestTenants.create();
        TestTenants.Tenant thief = TestTenants.create();
        try (Connection db = Database.asSuperuser()) {
            Database.update(
                    db,
                    "UPDATE tenants SET twilio_auth_token_enc = (SELECT twilio_auth_token_enc FROM tenants WHERE id = ?)"
                            + " WHERE id = ?",
                    victim.id(),
                    thief.id());
        }
        assertThatThrownBy(() -> AsTenant.call(thief.id(), secrets::twilioCredentials))
                .isInstanceOf(UndecryptableSecretException.class)
                .hasMessageContaining(thief.id().toString())
                .hasMessageNotContaining(victim.authToken());
    }

    @Test
    void aTamperedCiphertextFailsLoudly() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        try (Connection db = Database.asSuperuser()) {
            Database.update(
                    db,
                    "UPDATE tenants SET twilio_auth_token_enc = overlay(twilio_auth_token_enc placing"
                            + " CASE WHEN substr(twilio_auth_token_enc, 30, 1) = 'A' THEN 'B' ELSE 'A' END from 30 for 1) WHERE id = ?",
                    tenant.id());
        }
        assertThatThrownBy(() -> AsTenant.call(tenant.id(), secrets::twilioCredentials))
                .isInstanceOf(UndecryptableSecretException.class)
                .hasMessageContaining("authentication failed");
    }

    @Test
    void aDatabaseDumpHoldsNoSecretApiKeyOrPassword() throws Exception {
        String authToken = "authtoken-" + Fixtures.randomHex(24);
        String apiKeySecret = "keysecret-" + Fixtures.randomHex(24);
        String accountSid = Fixtures.sid("AC");
        String apiKey = asOperator()
                .body(Map.of(
                        "name",
                        "Dumped",
                        "twilio",
                        Map.of(
                                "accountSid",
                                accountSid,
                                "authToken",
                                authToken,
                                "apiKeySid",
                                Fixtures.sid("SK"),
                                "apiKeySecret",
                                apiKeySecret)))
                .post("/admin/v1/tenants")
                .then()
                .statusCode(201)
                .extract()
                .path("apiKey");
        TestTenants.Tenant other = TestTenants.create();
        String userEmail = "dumped-" + Fixtures.randomHex(6) + "@example.com";
        TestTenants.createUser(other, userEmail, "admin");

        String dump = Database.logicalDump();

        assertThat(dump).contains(accountSid).contains(userEmail);
        assertThat(dump)
                .doesNotContain(authToken)
                .doesNotContain(apiKeySecret)
                .doesNotContain(apiKey)
                .doesNotContain(other.authToken())
                .doesNotContain(other.apiKey())
                .doesNotContain(TestTenants.PASSWORD);
    }
}
