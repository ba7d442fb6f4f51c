package io.switchboard.login;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import io.switchboard.testing.TestTenants;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LoginTest {

    @Test
    void aUserLogsInUsesTheTokenAndLogsOut() {
        TestTenants.Tenant tenant = TestTenants.create();
        String email = "rep-" + UUID.randomUUID() + "@example.com";
        TestTenants.createUser(tenant, email, "sales");
        String token = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "email",
                        email.toUpperCase(),
                        "password",
                        TestTenants.PASSWORD,
                        "tenantId",
                        tenant.id().toString()))
                .post("/v1/auth/login")
                .then()
                .statusCode(200)
                .body("token", notNullValue())
                .body("expiresAt", notNullValue())
                .extract()
                .path("token");
        given().auth().oauth2(token).get("/v1/settings").then().statusCode(200);
        given().auth().oauth2(token).post("/v1/auth/logout").then().statusCode(204);
        given().auth().oauth2(token).get("/v1/settings").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aUserChangesTheirPasswordAndTheirOtherSessionsEnd() {
        TestTenants.Tenant tenant = TestTenants.create();
        String email = "rep-" + UUID.randomUUID() + "@example.com";
        TestTenants.createUser(tenant, email, "sales");
        String here = TestTenants.login(tenant, email);
        String elsewhere = TestTenants.login(tenant, email);
        String next = "a much longer passphrase 2026";
        given().auth()
                .oauth2(here)
                .contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "not it", "newPassword", next))
                .post("/v1/auth/password")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("currentPassword"));
        given().auth()
                .oauth2(here)
                .contentType(ContentType.JSON)
                .body(Map.of("currentPassword", TestTenants.PASSWORD, "newPassword", "short"))
                .post("/v1/auth/password")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("newPassword"));
        given().auth()
                .oauth2(here)
                .contentType(ContentType.JSON)
                .body(Map.of("currentPassword", TestTenants.PASSWORD, "newPassword", next))
                .post("/v1/auth/password")
                .then()
                .statusCode(204);

        given().auth().oauth2(here).get("/v1/settings").then().statusCode(200);
        given().auth().oauth2(elsewhere).get("/v1/settings").then().statusCode(401);
        login(tenant.id(), email, TestTenants.PASSWORD).then().statusCode(401);
        login(tenant.id(), email, next).then().statusCode(200);
    }

    @Test
    void wrongPasswordsAndUnknownAccountsGetTheSameAnswer() {
        TestTenants.Tenant tenant = TestTenants.create();
        String email = "rep-" + UUID.randomUUID() + "@example.com";
        TestTenants.createUser(tenant, email, "sales");
        login(tenant.id(), email, "wrong password!")
                .then()
                .statusCode(401)
                .body("detail", equalTo("Invalid email or password"));
        login(tenant.id(), "nobody@example.com", TestTenants.PASSWORD)
                .then()
                .statusCode(401)
                .body("detail", equalTo("Invalid email or password"));
        login(UUID.randomUUID(), email, TestTenants.PASSWORD).then().statusCode(401);
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", TestTenants.PASSWORD))
                .post("/v1/auth/login")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("tenantId"));
    }

    @Test
    void repeatedFailuresLockTheAccountForAWhile() {
        TestTenants.Tenant tenant = TestTenants.create();
        String email = "rep-" + UUID.randomUUID() + "@example.com";
        TestTenants.createUser(tenant, email, "admin");
        for (int attempt = 0; attempt < 5; attempt++) {
            login(tenant.id(), email, "guess number " + attempt).then().statusCode(401);
        }
        login(tenant.id(), email, TestTenants.PASSWORD)
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .contentType("application/problem+json");
    }

    @Test
    void expiredAndForgedTokensAreRefused() {
        TestTenants.Tenant tenant = TestTenants.create();
        String email = "ceo-" + UUID.randomUUID() + "@example.com";
        TestTenants.createUser(tenant, email, "ceo");
        String valid = TestTenants.login(tenant, email);
        String session = new String(Base64.getUrlDecoder().decode(valid.split("\\.")[1]));
        String sessionId = session.replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1");
        String userId = session.replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1");
        String expired = Jwt.issuer("switchboard")
                .subject(userId)
                .groups(Set.of("ceo"))
                .claim("tenant_id", tenant.id().toString())
                .claim("sid", sessionId)
                .issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600))
                .sign();
        given().auth().oauth2(expired).get("/v1/settings").then().statusCode(401);
        String tampered = valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");
        given().auth().oauth2(tampered).get("/v1/settings").then().statusCode(401);
        given().auth().oauth2(valid).get("/v1/settings").then().statusCode(200);
    }

    @Test
    void aTokenIsOnlyGoodOnItsOwnTenantsDomain() {
        TestTenants.Tenant home = TestTenants.create(TestTenants.randomDomain());
        TestTenants.Tenant elsewhere = TestTenants.create(TestTenants.randomDomain());
        String email = "admin-" + UUID.randomUUID() + "@example.com";
        TestTenants.createUser(home, email, "admin");
        String token = given().header("Host", home.customDomain())
                .contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", TestTenants.PASSWORD))
                .post("/v1/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
        given().header("Host", home.customDomain())
                .auth()
                .oauth2(token)
                .get("/v1/settings")
                .then()
                .statusCode(200);
        given().header("Host", elsewhere.customDomain())
                .auth()
                .oauth2(token)
                .get("/v1/settings")
                .then()
                .statusCode(401);
        // A fully qualified name with its trailing dot is the same domain.
        given().header("Host", elsewhere.customDomain() + ".")
                .auth()
                .oauth2(token)
                .get("/v1/settings")
                .then()
                .statusCode(401);
        given().header("Host", home.customDomain() + ".")
                .auth()
                .oauth2(token)
                .get("/v1/settings")
                .then()
                .statusCode(200);
        given().header("Host", elsewhere.customDomain())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "email",
                        email,
                        "password",
                        TestTenants.PASSWORD,
                        "tenantId",
                        home.id().toString()))
                .post("/v1/auth/login")
                .then()
                .statusCode(401);
    }

    @Test
    void aDeactivatedTenantEndsItsUsersAccess() {
        TestTenants.Tenant tenant = TestTenants.create();
        String token = TestTenants.loginAs(tenant, "ceo");
        TestTenants.asOperator()
                .body(Map.of("status", "inactive"))
                .patch("/admin/v1/tenants/" + tenant.id())
                .then()
                .statusCode(200);
        given().auth().oauth2(token).get("/v1/settings").then().statusCode(403);
    }

    private static Response login(UUID tenantId, String email, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "tenantId", tenantId.toString()))
                .post("/v1/auth/login");
    }
}
