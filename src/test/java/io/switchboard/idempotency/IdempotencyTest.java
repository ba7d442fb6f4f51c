package io.switchboard.idempotency;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testing.FakeTwilio;
import io.switchboard.testing.TestTenants;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Idempotency-Key on the tenant API's POSTs, against the real database and a local fake Twilio: a
 * retry replays the first answer and does nothing again; another body is a 422; a key still at
 * work is a 409; keys belong to one tenant and one caller.
 */
@QuarkusTest
@WithTestResource(value = FakeTwilio.class, scope = TestResourceScope.GLOBAL)
class IdempotencyTest {

    static final String KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    @Test
    void twoIdenticalKeyedDialsPlaceOneCallAndTheSecondIsAReplay() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        String key = UUID.randomUUID().toString();
        String body = "{\"to\":\"+14155550177\"}";
        ExtractableResponse<Response> first = keyed(tenant.asApp(), key)
                .body(body)
                .post("/v1/calls/dial")
                .then()
                .statusCode(201)
                .header(REPLAYED, nullValue())
                .extract();
        long auditRows = Keys.auditRows(tenant.id());

        ExtractableResponse<Response> second = keyed(tenant.asApp(), key)
                .body(body)
                .post("/v1/calls/dial")
                .then()
                .statusCode(201)
                .header(REPLAYED, "true")
                .extract();

        assertThat(second.asString()).isEqualTo(first.asString());
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        List<FakeTwilio.Received> received = FakeTwilio.receivedFor(tenant.accountSid());
        assertThat(received).hasSize(1);
        // The claim is a query parameter, before the connection overrides' fragment.
        assertThat(received.get(0).form().get("StatusCallback"))
                .startsWith("http://localhost:8081/webhooks/twilio/call-status?claim=")
                .endsWith("#rc=5&rp=ct,rt,5xx&ct=3000&rt=6000&tt=15000")
                .matches("[^#]*\\?claim=[0-9a-f-]{36}#.*");
        assertThat(Keys.count("calls", tenant.id())).isEqualTo(1);
        assertThat(Keys.auditRows(tenant.id())).isEqualTo(auditRows);
    }

    @Test
    void twoIdenticalKeyedMessagesSendOneSms() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        String key = UUID.randomUUID().toString();
        String body = "{\"to\":\"+14155550177\",\"body\":\"Your demo is confirmed\"}";
        String first = keyed(tenant.asApp(), key)
                .body(body)
                .post("/v1/messages")
                .then()
                .statusCode(201)
                .extract()
                .asString();
        keyed(tenant.asApp(), key)
                .body(body)
                .post("/v1/messages")
                .then()
                .statusCode(201)
                .header(REPLAYED, "true")
                .body(equalTo(first));
        assertThat(FakeTwilio.receivedFor(tenant.accountSid())).hasSize(1);
        assertThat(Keys.count("messages", tenant.id())).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyOrPathIs422AndDoesNothing() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        String key = UUID.randomUUID().toString();
        keyed(tenant.asApp(), key)
                .body(Map.of("to", "+14155550177"))
                .post("/v1/calls/dial")
                .then()
                .statusCode(201);
        keyed(tenant.asApp(), key)
                .body(Map.of("to", "+14155550178"))
                .post("/v1/calls/dial")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422));
        keyed(tenant.asApp(), key)
                .body(Map.of("to", "+14155550177", "body", "hi"))
                .post("/v1/messages")
                .then()
                .statusCode(422);
        assertThat(FakeTwilio.receivedFor(tenant.accountSid())).hasSize(1);
        assertThat(Keys.count("calls", tenant.id())).isEqualTo(1);
        assertThat(Keys.count("messages", tenant.id())).isZero();
    }

    @Test
    void aKeyStillAtWorkIs409AndAHolderThatDiedIsTakenOver() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        String key = UUID.randomUUID().toString();
        String body = "{\"name\":\"Held\"}";
        Keys.insert(tenant.id(), key, "POST", "/v1/products", body, "running", "now() + interval '1 hour'", null);

        keyed(tenant.asApp(), key)
                .body(body)
                .post("/v1/products")
                .then()
                .statusCode(409)
                .header("Retry-After", notNullValue())
                .body("detail", containsString("still being processed"));
        assertThat(Keys.count("products", tenant.id())).isZero();

        // Its instance died: once the lease has run out, a retry does the work, once.
        Keys.expireLease(tenant.id(), key);
        String created = keyed(tenant.asApp(), key)
                .body(body)
                .post("/v1/products")
                .then()
                .statusCode(201)
                .header(REPLAYED, nullValue())
                .extract()
                .asString();
        keyed(tenant.asApp(), key)
                .body(body)
                .post("/v1/products")
                .then()
                .statusCode(201)
                .header(REPLAYED, "true")
                .body(equalTo(created));
        assertThat(Keys.count("products", tenant.id())).isEqualTo(1);
    }

    @Test
    void keysOfAnotherTenantOrAnotherCallerDoNotCollide() throws Exception {
        TestTenants.Tenant a = TestTenants.create();
        TestTenants.Tenant b = TestTenants.create();
        String key = "order-42";
        String body = "{\"name\":\"Starter\"}";
        String ofA = keyed(a.asApp(), key)
                .body(body)
                .post("/v1/products")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String ofB = keyed(b.asApp(), key)
                .body(body)
                .post("/v1/products")
                .then()
                .statusCode(201)
                .header(REPLAYED, nullValue())
                .extract()
                .path("id");
        String ofAdminOfA = keyed(given().auth().oauth2(TestTenants.loginAs(a, "admin")), key)
                .contentType("application/json")
                .body(body)
                .post("/v1/products")
                .then()
                .statusCode(201)
                .header(REPLAYED, nullValue())
                .extract()
                .path("id");
        assertThat(List.of(ofA, ofB, ofAdminOfA)).doesNotHaveDuplicates();
        assertThat(Keys.count("products", a.id())).isEqualTo(2);
        assertThat(Keys.count("products", b.id())).isEqualTo(1);
    }

    @Test
    void everyKeyedCreateIsReplayedWithoutASecondRowOrAuditEntry() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        String reasonBody = "{\"name\":\"Too expensive\"}";
        Map<String, String[]> creates = Map.of(
                "/v1/products",
                        new String[] {"products", "{\"name\":\"Pro\",\"priceCents\":24900,\"currency\":\"EUR\"}"},
                "/v1/content", new String[] {"content", "{\"title\":\"Hi\",\"type\":\"greeting\",\"body\":\"Hello\"}"},
                "/v1/loss-reasons", new String[] {"loss_reasons", reasonBody},
                "/v1/calls", new String[] {"calls", "{\"prospectName\":\"Ada\",\"notes\":\"keyed\"}"},
                "/v1/users",
                        new String[] {
                            "users",
                            "{\"email\":\"keyed-" + UUID.randomUUID()
                                    + "@example.com\",\"name\":\"Kay\",\"role\":\"sales\","
                                    + "\"password\":\"correct horse battery\"}"
                        });
        for (var create : creates.entrySet()) {
            String path = create.getKey();
            String table = create.getValue()[0];
            String body = create.getValue()[1];
            String key = UUID.randomUUID().toString();
            ExtractableResponse<Response> first = keyed(tenant.asApp(), key)
                    .body(body)
                    .post(path)
                    .then()
                    .statusCode(201)
                    .extract();
            long rows = Keys.count(table, tenant.id());
            long auditRows = Keys.auditRows(tenant.id());
            ExtractableResponse<Response> again = keyed(tenant.asApp(), key)
                    .body(body)
                    .post(path)
                    .then()
                    .statusCode(201)
                    .header(REPLAYED, "true")
                    .extract();
            assertThat(again.asString()).as(path).isEqualTo(first.asString());
            assertThat(again.header("Location")).as(path).isEqualTo(first.header("Location"));
            assertThat(Keys.count(table, tenant.id())).as(path).isEqualTo(rows);
            assertThat(Keys.auditRows(tenant.id())).as(path).isEqualTo(auditRows);
        }
    }

    @Test
    void aFailureThatChangedNothingGivesTheKeyBack() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        String key = UUID.randomUUID().toString();
        FakeTwilio.behave(tenant.accountSid(), FakeTwilio.Behaviour.REFUSE_INVALID_NUMBER);
        keyed(tenant.asApp(), key)
                .body(Map.of("to", "+14155550177"))
                .post("/v1/calls/dial")
                .then()
                .statusCode(502);
        FakeTwilio.behave(tenant.accountSid(), FakeTwilio.Behaviour.ACCEPT);
        keyed(tenant.asApp(), key)
                .body(Map.of("to", "+14155550177"))
                .post("/v1/calls/dial")
                .then()
                .statusCode(201)
                .header(REPLAYED, nullValue());
        assertThat(FakeTwilio.receivedFor(tenant.accountSid())).hasSize(2);

        // A conflict with stored data rolls back, and the same key may try again.
        String reasonKey = UUID.randomUUID().toString();
        tenant.asApp()
                .body(Map.of("name", "Timing"))
                .post("/v1/loss-reasons")
                .then()
                .statusCode(201);
        keyed(tenant.asApp(), reasonKey)
                .body(Map.of("name", "timing"))
                .post("/v1/loss-reasons")
                .then()
                .statusCode(409);
        keyed(tenant.asApp(), reasonKey)
                .body(Map.of("name", "timing"))
                .post("/v1/loss-reasons")
                .then()
                .statusCode(409)
                .header(REPLAYED, nullValue());
    }

    @Test
    void aKeyIsAnyStringUpTo255Characters() {
        TestTenants.Tenant tenant = TestTenants.create();
        keyed(tenant.asApp(), "k".repeat(256))
                .body(Map.of("name", "Long"))
                .post("/v1/products")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo(KEY));
        String longest = "k-".repeat(127) + "k";
        for (int attempt = 0; attempt < 2; attempt++) {
            keyed(tenant.asApp(), longest)
                    .body(Map.of("name", "Longest"))
                    .post("/v1/products")
                    .then()
                    .statusCode(201)
                    .header(REPLAYED, attempt == 0 ? nullValue() : equalTo("true"));
        }
    }

    static RequestSpecification keyed(RequestSpecification request, String key) {
        return request.header(KEY, key);
    }
}
