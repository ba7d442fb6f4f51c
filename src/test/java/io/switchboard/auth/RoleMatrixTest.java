package io.switchboard.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testing.TestTenants;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every tenant endpoint against every kind of caller: which may use it (any answer but 403) and
 * which are refused (403). The bodies are valid where it matters, so an allowed call succeeds or
 * fails on its merits, never on its role.
 */
@QuarkusTest
class RoleMatrixTest {

    private static final String APP = "app";
    private static final List<String> CALLERS = List.of(APP, "ceo", "admin", "sales");

    private record Endpoint(String method, String path, Object body, List<String> allowed) {}

    private TestTenants.Tenant tenant;
    private Map<String, String> tokens;

    @BeforeEach
    void oneTenantWithEveryRole() {
        tenant = TestTenants.create();
        tokens = Map.of(
                "ceo",
                TestTenants.loginAs(tenant, "ceo"),
                "admin",
                TestTenants.loginAs(tenant, "admin"),
                "sales",
                TestTenants.loginAs(tenant, "sales"));
    }

    @Test
    void eachRoleReachesExactlyItsEndpoints() {
        String missing = UUID.randomUUID().toString();
        List<String> all = CALLERS;
        List<String> readAll = List.of(APP, "ceo", "admin");
        List<String> manage = List.of(APP, "admin");
        List<String> ceoView = List.of(APP, "ceo");
        List<String> people = List.of(APP, "ceo", "admin");
        List<Endpoint> endpoints = List.of(
                new Endpoint("GET", "/v1/calls", null, all),
                new Endpoint("POST", "/v1/calls", Map.of("notes", "matrix"), all),
                new Endpoint("GET", "/v1/calls/" + missing, null, all),
                new Endpoint("PATCH", "/v1/calls/" + missing, Map.of("notes", "x"), all),
                new Endpoint("POST", "/v1/calls/dial", Map.of("to", "bad"), all),
                new Endpoint("GET", "/v1/messages", null, readAll),
                new Endpoint("GET", "/v1/messages/" + missing, null, readAll),
                new Endpoint("POST", "/v1/messages", Map.of("to", "bad", "body", "x"), List.of(APP, "admin", "sales")),
                new Endpoint("GET", "/v1/recordings", null, readAll),
                new Endpoint("GET", "/v1/recordings/" + missing, null, readAll),
                new Endpoint("GET", "/v1/recordings/" + missing + "/media", null, all),
                new Endpoint("GET", "/v1/settings", null, all),
                new Endpoint("PUT", "/v1/settings", Map.of("autoRecordCalls", false), manage),
                new Endpoint("GET", "/v1/branding", null, all),
                new Endpoint("PUT", "/v1/branding", Map.of("color", "#123456"), manage),
                new Endpoint("GET", "/v1/products", null, all),
                new Endpoint("GET", "/v1/products/" + missing, null, all),
                new Endpoint("POST", "/v1/products", Map.of("name", "Matrix"), manage),
                new Endpoint("PUT", "/v1/products/" + missing, Map.of("name", "Matrix"), manage),
                new Endpoint("DELETE", "/v1/products/" + missing, null, manage),
                new Endpoint("GET", "/v1/content", null, all),
                new Endpoint("POST", "/v1/content", Map.of("title", "t", "type", "note", "body", "b"), manage),
                new Endpoint(
                        "PUT", "/v1/content/" + missing, Map.of("title", "t", "type", "note", "body", "b"), manage),
                new Endpoint("DELETE", "/v1/content/" + missing, null, manage),
                new Endpoint("GET", "/v1/loss-reasons", null, all),
                new Endpoint("POST", "/v1/loss-reasons", Map.of("name", "Matrix " + UUID.randomUUID()), manage),
                new Endpoint("PUT", "/v1/loss-reasons/" + missing, Map.of("name", "x"), manage),
                new Endpoint("DELETE", "/v1/loss-reasons/" + missing, null, manage),
                new Endpoint("GET", "/v1/users", null, readAll),
                new Endpoint("POST", "/v1/users", Map.of("email", "bad"), people),
                new Endpoint("DELETE", "/v1/users/" + missing, null, people),
                new Endpoint(
                        "POST",
                        "/v1/auth/password",
                        Map.of("currentPassword", "not the password", "newPassword", "a new passphrase"),
                        all),
                new Endpoint("GET", "/v1/sessions", null, manage),
                new Endpoint("DELETE", "/v1/sessions/" + missing, null, manage),
                new Endpoint("GET", "/v1/analytics/summary", null, ceoView),
                new Endpoint("GET", "/v1/audit-logs", null, ceoView));

        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            for (String caller : CALLERS) {
                int status = send(as(caller), endpoint).statusCode();
                boolean allowed = endpoint.allowed().contains(caller);
                if (allowed == (status == 403) || status == 401 || status >= 500) {
                    wrong.add(endpoint.method() + " " + endpoint.path() + " as " + caller + ": " + status
                            + (allowed ? " (should be allowed)" : " (should be 403)"));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private RequestSpecification as(String caller) {
        return (APP.equals(caller)
                        ? given().auth().oauth2(tenant.apiKey())
                        : given().auth().oauth2(tokens.get(caller)))
                .contentType("application/json");
    }

    private static Response send(RequestSpecification request, Endpoint endpoint) {
        if (endpoint.body() != null) {
            request.body(endpoint.body());
        }
        return request.request(endpoint.method(), endpoint.path());
    }
}
