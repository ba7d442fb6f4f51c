package io.switchboard.tenant;

import static io.restassured.RestAssured.given;
import static io.switchboard.testing.TestTenants.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.Fixtures;
import io.switchboard.testing.TestTenants;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TenantAdminApiTest {

    @Test
    void adminNeedsTheOperatorTokenAndNothingElse() {
        given().get("/admin/v1/tenants").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("wrong-token").get("/admin/v1/tenants").then().statusCode(401);
        TestTenants.Tenant tenant = TestTenants.create();
        tenant.asApp().get("/admin/v1/tenants").then().statusCode(401);
        String jwt = TestTenants.loginAs(tenant, "ceo");
        given().auth()
                .oauth2(jwt)
                .get("/admin/v1/tenants/" + tenant.id())
                .then()
                .statusCode(401);
        asOperator().get("/admin/v1/tenants").then().statusCode(200);
    }

    @Test
    void createdTenantIsShownWithoutSecretsAndWithItsFirstApiKey() {
        String accountSid = Fixtures.sid("AC");
        String apiKeySid = Fixtures.sid("SK");
        var created = asOperator()
                .body(Map.of(
                        "name",
                        "Acme",
                        "customDomain",
                        TestTenants.randomDomain(),
                        "twilio",
                        Map.of(
                                "accountSid",
                                accountSid,
                                "authToken",
                                "tok-SECRET-1",
                                "apiKeySid",
                                apiKeySid,
                                "apiKeySecret",
                                "key-SECRET-2",
                                "phoneNumber",
                                "+14155550123")))
                .post("/admin/v1/tenants")
                .then()
                .statusCode(201)
                .header("Location", containsString("/admin/v1/tenants/"))
                .body("name", equalTo("Acme"))
                .body("status", equalTo("active"))
                .body("authTokenSet", equalTo(true))
                .body("twilio.accountSid", equalTo(accountSid))
                .body("twilio.apiKeySid", equalTo(apiKeySid))
                .body("twilio.apiKeySecretSet", equalTo(true))
                .body("apiKey", startsWith("sb_live_"))
                .extract();
        assertThat(created.asString()).doesNotContain("SECRET");
        String id = created.path("id");
        String fetched = asOperator()
                .get("/admin/v1/tenants/" + id)
                .then()
                .statusCode(200)
                .body("authTokenSet", equalTo(true))
                .body("apiKey", nullValue())
                .extract()
                .asString();
        assertThat(fetched).doesNotContain("SECRET");
    }

    @Test
    void invalidTenantsAreRefusedNamingTheFields() {
        asOperator()
                .body(Map.of("name", "", "twilio", Map.of("accountSid", "nope", "authToken", "t")))
                .post("/admin/v1/tenants")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("twilio.accountSid"));
        asOperator()
                .body(Map.of(
                        "name",
                        "Half key",
                        "twilio",
                        Map.of("accountSid", Fixtures.sid("AC"), "authToken", "t", "apiKeySid", Fixtures.sid("SK"))))
                .post("/admin/v1/tenants")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("twilio.apiKeySecret"));
        asOperator().body("{not json").post("/admin/v1/tenants").then().statusCode(400);
    }

    @Test
    void aTwilioAccountOrDomainBelongsToOneTenant() {
        String domain = TestTenants.randomDomain();
        TestTenants.Tenant first = TestTenants.create(domain);
        asOperator()
                .body(Map.of("name", "Copycat", "twilio", Map.of("accountSid", first.accountSid(), "authToken", "t")))
                .post("/admin/v1/tenants")
                .then()
                .statusCode(409)
                .body("errors[0].field", equalTo("twilio.accountSid"));
        asOperator()
                .body(Map.of(
                        "name",
                        "Copycat",
                        "customDomain",
                        domain,
                        "twilio",
                        Map.of("accountSid", Fixtures.sid("AC"), "authToken", "t")))
                .post("/admin/v1/tenants")
                .then()
                .statusCode(409)
                .body("errors[0].field", equalTo("customDomain"));
    }

    @Test
    void listsArePaginatedByCursor() {
        TestTenants.create();
        TestTenants.create();
        var first = asOperator()
                .queryParam("limit", 1)
                .get("/admin/v1/tenants")
                .then()
                .statusCode(200)
                .body("data.size()", equalTo(1))
                .body("nextCursor", notNullValue())
                .extract();
        String cursor = first.path("nextCursor");
        String firstId = first.path("data[0].id");
        asOperator()
                .queryParam("limit", 1)
                .queryParam("cursor", cursor)
                .get("/admin/v1/tenants")
                .then()
                .statusCode(200)
                .body("data.size()", equalTo(1))
                .body("data[0].id", not(equalTo(firstId)));
        asOperator()
                .queryParam("limit", 501)
                .get("/admin/v1/tenants")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        asOperator()
                .queryParam("cursor", "garbage")
                .get("/admin/v1/tenants")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void unknownTenantsAreNotFound() {
        asOperator()
                .get("/admin/v1/tenants/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        asOperator().get("/admin/v1/tenants/not-a-uuid").then().statusCode(404);
        asOperator()
                .post("/admin/v1/tenants/" + UUID.randomUUID() + "/api-keys")
                .then()
                .statusCode(404);
    }

    @Test
    void patchChangesOnlyTheFieldsSent() {
        TestTenants.Tenant tenant = TestTenants.create(TestTenants.randomDomain());
        asOperator()
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Renamed", "twilio", Map.of("authToken", "new-SECRET")))
                .patch("/admin/v1/tenants/" + tenant.id())
                .then()
                .statusCode(200)
                .body("name", equalTo("Renamed"))
                .body("customDomain", equalTo(tenant.customDomain()))
                .body("twilio.accountSid", equalTo(tenant.accountSid()))
                .body("authTokenSet", equalTo(true));
        asOperator()
                .body("{\"customDomain\": null, \"status\": \"inactive\"}")
                .patch("/admin/v1/tenants/" + tenant.id())
                .then()
                .statusCode(200)
                .body("customDomain", nullValue())
                .body("status", equalTo("inactive"));
        asOperator()
                .body("{\"status\": \"paused\"}")
                .patch("/admin/v1/tenants/" + tenant.id())
                .then()
                .statusCode(400);
        asOperator()
                .body("{\"name\": null}")
                .patch("/admin/v1/tenants/" + tenant.id())
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void operatorsCreateDashboardUsers() {
        TestTenants.Tenant tenant = TestTenants.create();
        String email = "Boss-" + UUID.randomUUID() + "@Example.com";
        asOperator()
                .body(Map.of("email", email, "name", "Boss", "role", "ceo", "password", TestTenants.PASSWORD))
                .post("/admin/v1/tenants/" + tenant.id() + "/users")
                .then()
                .statusCode(201)
                .body("email", equalTo(email.toLowerCase()))
                .body("role", equalTo("ceo"))
                .body("passwordHash", nullValue());
        asOperator()
                .body(Map.of("email", email, "name", "Again", "role", "sales", "password", TestTenants.PASSWORD))
                .post("/admin/v1/tenants/" + tenant.id() + "/users")
                .then()
                .statusCode(409)
                .body("errors[0].field", equalTo("email"));
        asOperator()
                .body(Map.of("email", "x@example.com", "name", "X", "role", "owner", "password", TestTenants.PASSWORD))
                .post("/admin/v1/tenants/" + tenant.id() + "/users")
                .then()
                .statusCode(400);
        asOperator()
                .body(Map.of("email", "y@example.com", "name", "Y", "role", "sales", "password", "short"))
                .post("/admin/v1/tenants/" + tenant.id() + "/users")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("password")));
    }
}
