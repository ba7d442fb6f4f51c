package io.switchboard.tenant;

import static io.switchboard.testing.TestTenants.asOperator;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.crypto.Keyring;
import io.switchboard.crypto.SecretCipher;
import io.switchboard.crypto.SecretField;
import io.switchboard.testing.AsTenant;
import io.switchboard.testing.Database;
import io.switchboard.testing.TestTenants;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** After a new key is put first in SWITCHBOARD_CRYPTO_KEYS, rotation moves every secret to it. */
@QuarkusTest
@TestProfile(SecretRotationTest.NewKeyFirst.class)
class SecretRotationTest {

    static final String DEV_KEY = "dev-2026:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final String NEW_KEY = "next:"
            + Base64.getEncoder().encodeToString(new byte[] {
                9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 9, 8
            });

    public static class NewKeyFirst implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.crypto.keys", NEW_KEY + "," + DEV_KEY);
        }
    }

    @Inject
    TenantSecrets secrets;

    @Test
    void rotationMovesEverySecretToTheActiveKeyAndIsIdempotent() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        // Put the tenant back as it was before the key change: its token under the old dev key.
        SecretCipher oldCipher = new SecretCipher(Keyring.parse(DEV_KEY));
        String legacy = oldCipher.encrypt(tenant.authToken(), SecretField.twilioAuthToken(tenant.id()));
        try (Connection db = Database.asSuperuser()) {
            Database.update(db, "UPDATE tenants SET twilio_auth_token_enc = ? WHERE id = ?", legacy, tenant.id());
        }
        assertThat(AsTenant.call(tenant.id(), secrets::twilioCredentials).authToken())
                .isEqualTo(tenant.authToken());

        var first = asOperator()
                .post("/admin/v1/crypto/rotate")
                .then()
                .statusCode(200)
                .extract();
        assertThat((String) first.path("activeKeyId")).isEqualTo("next");
        assertThat((Integer) first.path("reencrypted")).isGreaterThanOrEqualTo(1);
        List<String> failedTenants = first.path("failures.tenantId");
        assertThat(failedTenants).doesNotContain(tenant.id().toString());

        try (Connection db = Database.asSuperuser()) {
            assertThat(Database.column(db, "SELECT twilio_auth_token_enc FROM tenants WHERE id = ?", tenant.id()))
                    .singleElement()
                    .asString()
                    .startsWith("sb1:next:");
        }
        assertThat(AsTenant.call(tenant.id(), secrets::twilioCredentials).authToken())
                .isEqualTo(tenant.authToken());

        var second = asOperator()
                .post("/admin/v1/crypto/rotate")
                .then()
                .statusCode(200)
                .extract();
        assertThat((Integer) second.path("reencrypted")).isZero();
        assertThat((Integer) second.path("alreadyCurrent")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void rotationAlsoMovesWebhookEndpointSecretsAndTheyStillSign() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        String secret = tenant.asApp()
                .body(Map.of("url", "http://127.0.0.1:9/events", "events", List.of("call.logged")))
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
        String endpointId =
                tenant.asApp().get("/v1/webhook-endpoints").then().extract().path("data[0].id");
        SecretField field =
                SecretField.webhookSigningSecret(tenant.id(), java.util.UUID.fromString(endpointId), "secret_enc");
        try (Connection db = Database.asSuperuser()) {
            Database.update(
                    db,
                    "UPDATE webhook_endpoints SET secret_enc = ? WHERE id = ?",
                    new SecretCipher(Keyring.parse(DEV_KEY)).encrypt(secret, field),
                    java.util.UUID.fromString(endpointId));
        }

        asOperator().post("/admin/v1/crypto/rotate").then().statusCode(200);

        try (Connection db = Database.asSuperuser()) {
            String stored = (String) Database.column(
                            db,
                            "SELECT secret_enc FROM webhook_endpoints WHERE id = ?",
                            java.util.UUID.fromString(endpointId))
                    .get(0);
            assertThat(stored).startsWith("sb1:next:");
            assertThat(new SecretCipher(Keyring.parse(NEW_KEY)).decrypt(stored, field))
                    .isEqualTo(secret);
        }
    }
}
