package io.switchboard.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.switchboard.testing.Database;
import io.switchboard.testing.TestTenants;
import io.switchboard.testing.WebhookReceiver;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * As in production (SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE off): an endpoint may not point at this
 * machine, a private network or the cloud metadata address, neither when it is saved nor when a
 * name resolves elsewhere by the time of a delivery.
 */
@QuarkusTest
@TestProfile(EndpointAddressesTest.PublicOnly.class)
class EndpointAddressesTest {

    public static class PublicOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.webhooks.allow-private", "false");
        }
    }

    @Test
    void privateLoopbackAndMetadataAddressesAndPlainHttpAreRefusedWhenSaved() {
        TestTenants.Tenant tenant = TestTenants.create();
        for (String url : List.of(
                "https://127.0.0.1/hook",
                "https://localhost/hook",
                "https://169.254.169.254/latest/meta-data/",
                "https://10.0.0.5/hook",
                "https://[::1]/hook",
                "https://[::ffff:192.168.0.1]/hook",
                "https://100.100.100.200/hook")) {
            tenant.asApp()
                    .body(Map.of("url", url, "events", List.of("call.logged")))
                    .post("/v1/webhook-endpoints")
                    .then()
                    .statusCode(400)
                    .body("errors.field", hasItem("url"));
        }
        tenant.asApp()
                .body(Map.of("url", "http://app.example.com/hook", "events", List.of("call.logged")))
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(400)
                .body("errors.message", hasItem(containsString("https://")));
    }

    @Test
    void aNameThatDoesNotResolveYetIsAcceptedAndIsCheckedAgainAtEveryDelivery() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        String id = tenant.asApp()
                .body(Map.of("url", "https://hooks.not-yet-there.invalid/events", "events", List.of("call.logged")))
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        try (WebhookReceiver listener = WebhookReceiver.start()) {
            // The name now leads to this machine, as a rebinding DNS server would make it.
            String rebound = listener.url("/events").replace("http://127.0.0.1", "https://localhost");
            try (Connection db = Database.asSuperuser()) {
                Database.update(db, "UPDATE webhook_endpoints SET url = ? WHERE id = ?", rebound, UUID.fromString(id));
            }
            tenant.asApp()
                    .body(Map.of("notes", "to localhost?"))
                    .post("/v1/calls")
                    .then()
                    .statusCode(201);
            String eventId = tenant.asApp()
                    .get("/v1/events")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("data[0].id");

            JsonPath delivery = EventRetryTest.awaitAttempts(tenant, eventId, 1);

            assertThat(delivery.getString("data[0].attempts[0].error"))
                    .startsWith("Refused to connect")
                    .contains("a loopback address");
            assertThat(delivery.getString("data[0].attempts[0].statusCode")).isNull();
            assertThat(listener.received()).as("nothing reached the address").isEmpty();
        }
    }
}
