package io.switchboard.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Tenants, users and logins made through the public API, as operators and tenant apps would. */
public final class TestTenants {

    /** sha256 of this is the dev and test SWITCHBOARD_OPS_TOKEN_SHA256. */
    public static final String OPERATOR_TOKEN = "dev-operator-token";

    public static final String PASSWORD = "correct horse battery";

    private TestTenants() {}

    public record Tenant(UUID id, String apiKey, String accountSid, String authToken, String customDomain) {

        /** A request authenticated with this tenant's API key. */
        public RequestSpecification asApp() {
            return given().auth().oauth2(apiKey).contentType(ContentType.JSON);
        }
    }

    public static RequestSpecification asOperator() {
        return given().auth().oauth2(OPERATOR_TOKEN).contentType(ContentType.JSON);
    }

    public static Tenant create() {
        return create(null);
    }

    public static Tenant create(String customDomain) {
        String accountSid = Fixtures.sid("AC");
        String authToken = "auth-" + Fixtures.randomHex(32);
        Map<String, Object> twilio = new HashMap<>();
        twilio.put("accountSid", accountSid);
        twilio.put("authToken", authToken);
        twilio.put("phoneNumber", "+14155550100");
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Tenant " + accountSid.substring(2, 10));
        body.put("twilio", twilio);
        if (customDomain != null) {
            body.put("customDomain", customDomain);
        }
        var created = asOperator()
                .body(body)
                .post("/admin/v1/tenants")
                .then()
                .statusCode(201)
                .extract();
        return new Tenant(
                UUID.fromString(created.path("id")), created.path("apiKey"), accountSid, authToken, customDomain);
    }

    public static UUID createUser(Tenant tenant, String role) {
        return createUser(tenant, role + "-" + UUID.randomUUID() + "@example.com", role);
    }

    public static UUID createUser(Tenant tenant, String email, String role) {
        String id = asOperator()
                .body(Map.of("email", email, "name", "Person " + role, "role", role, "password", PASSWORD))
                .post("/admin/v1/tenants/" + tenant.id() + "/users")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return UUID.fromString(id);
    }

    /** Logs in with the tenant named in the body and returns the JWT. */
    public static String login(Tenant tenant, String email) {
        return given().contentType(ContentType.JSON)
                .body(Map.of(
                        "email",
                        email,
                        "password",
                        PASSWORD,
                        "tenantId",
                        tenant.id().toString()))
                .post("/v1/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
    }

    /** A fresh user of the given role, logged in. */
    public static String loginAs(Tenant tenant, String role) {
        String email = role + "-" + UUID.randomUUID() + "@example.com";
        createUser(tenant, email, role);
        return login(tenant, email);
    }

    public static String randomDomain() {
        return "calls-" + Fixtures.randomHex(8) + ".example.com";
    }
}
