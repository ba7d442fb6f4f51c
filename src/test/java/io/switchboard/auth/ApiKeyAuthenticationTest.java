package io.switchboard.auth;

import static io.restassured.RestAssured.given;
import static io.switchboard.testing.TestTenants.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.Database;
import io.switchboard.testing.TestTenants;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiKeyAuthenticationTest {

    @Test
    void aValidKeyReachesItsTenant() {
        TestTenants.Tenant tenant = TestTenants.create();
        tenant.asApp().get("/v1/settings").then().statusCode(200).body("autoRecordCalls", equalTo(false));
    }

    @Test
    void missingWrongAndMalformedKeysAreUnauthorized() {
        given().get("/v1/settings").then().statusCode(401).contentType("application/problem+json");
        given().auth()
                .oauth2(ApiKeyFormat.newKey())
                .get("/v1/settings")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2("sb_live_short").get("/v1/settings").then().statusCode(401);
        given().auth().oauth2("not-a-key-or-jwt").get("/v1/settings").then().statusCode(401);
    }

    @Test
    void keysRotateWithoutDowntimeAndRevokedKeysStopWorking() {
        TestTenants.Tenant tenant = TestTenants.create();
        var second = asOperator()
                .post("/admin/v1/tenants/" + tenant.id() + "/api-keys")
                .then()
                .statusCode(201)
                .body("apiKey", startsWith("sb_live_"))
                .body("id", notNullValue())
                .extract();
        String secondKey = second.path("apiKey");
        given().auth().oauth2(secondKey).get("/v1/settings").then().statusCode(200);
        tenant.asApp().get("/v1/settings").then().statusCode(200);

        String firstKeyId = asOperator()
                .get("/admin/v1/tenants/" + tenant.id() + "/api-keys")
                .then()
                .statusCode(200)
                .body("", hasSize(2))
                .body("[0].prefix", equalTo(tenant.apiKey().substring(0, 16)))
                .extract()
                .path("[0].id");
        asOperator()
                .delete("/admin/v1/tenants/" + tenant.id() + "/api-keys/" + firstKeyId)
                .then()
                .statusCode(204);
        tenant.asApp().get("/v1/settings").then().statusCode(401);
        given().auth().oauth2(secondKey).get("/v1/settings").then().statusCode(200);
        asOperator()
                .get("/admin/v1/tenants/" + tenant.id() + "/api-keys")
                .then()
                .body("[0].revokedAt", notNullValue());
    }

    @Test
    void lastUseIsRecorded() {
        TestTenants.Tenant tenant = TestTenants.create();
        asOperator()
                .get("/admin/v1/tenants/" + tenant.id() + "/api-keys")
                .then()
                .body("[0].lastUsedAt", equalTo(null));
        tenant.asApp().get("/v1/settings").then().statusCode(200);
        tenant.asApp().get("/v1/settings").then().statusCode(200);
        asOperator()
                .get("/admin/v1/tenants/" + tenant.id() + "/api-keys")
                .then()
                .body("[0].lastUsedAt", notNullValue());
    }

    @Test
    void aKeyOfAnotherTenantIsRefusedOnACustomDomain() {
        TestTenants.Tenant withDomain = TestTenants.create(TestTenants.randomDomain());
        TestTenants.Tenant other = TestTenants.create();
        given().header("Host", withDomain.customDomain())
                .auth()
                .oauth2(other.apiKey())
                .get("/v1/settings")
                .then()
                .statusCode(401);
        given().header("Host", withDomain.customDomain())
                .auth()
                .oauth2(withDomain.apiKey())
                .get("/v1/settings")
                .then()
                .statusCode(200);
    }

    @Test
    void aDomainRememberedAsNobodysIsTheNewTenantsAtOnce() {
        String domain = TestTenants.randomDomain();
        TestTenants.Tenant other = TestTenants.create();
        given().header("Host", domain)
                .auth()
                .oauth2(other.apiKey())
                .get("/v1/settings")
                .then()
                .statusCode(200);

        TestTenants.Tenant claimant = TestTenants.create(domain);

        given().header("Host", domain)
                .auth()
                .oauth2(other.apiKey())
                .get("/v1/settings")
                .then()
                .statusCode(401);
        given().header("Host", domain)
                .auth()
                .oauth2(claimant.apiKey())
                .get("/v1/settings")
                .then()
                .statusCode(200);
    }

    @Test
    void aHostLongerThanAnyDomainNameIsNoTenantsDomain() {
        TestTenants.Tenant tenant = TestTenants.create();
        String host = "a".repeat(60) + ".example".repeat(30) + ".com";
        given().header("Host", host)
                .auth()
                .oauth2(tenant.apiKey())
                .get("/v1/settings")
                .then()
                .statusCode(200);
        asOperator()
                .body(Map.of("customDomain", host))
                .patch("/admin/v1/tenants/" + tenant.id())
                .then()
                .statusCode(400);
    }

    @Test
    void anInactiveTenantIsForbiddenEverywhere() {
        TestTenants.Tenant tenant = TestTenants.create(TestTenants.randomDomain());
        asOperator()
                .body(Map.of("status", "inactive"))
                .patch("/admin/v1/tenants/" + tenant.id())
                .then()
                .statusCode(200);
        tenant.asApp().get("/v1/settings").then().statusCode(403).contentType("application/problem+json");
        given().header("Host", tenant.customDomain())
                .contentType("application/json")
                .body(Map.of("email", "x@example.com", "password", "whatever-long"))
                .post("/v1/auth/login")
                .then()
                .statusCode(403);
    }

    @Test
    void onlyHashesOfKeysAreStored() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        try (Connection db = Database.asSuperuser()) {
            assertThat(Database.column(db, "SELECT secret_hash FROM api_keys WHERE tenant_id = ?", tenant.id()))
                    .singleElement()
                    .isEqualTo(ApiKeyFormat.hash(tenant.apiKey()));
        }
    }
}
