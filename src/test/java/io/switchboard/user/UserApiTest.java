package io.switchboard.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.TestTenants;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UserApiTest {

    @Test
    void adminsCreateChangeAndDeactivateUsers() {
        TestTenants.Tenant tenant = TestTenants.create();
        String admin = TestTenants.loginAs(tenant, "admin");
        String email = "new-" + UUID.randomUUID() + "@example.com";
        String id = given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("email", email, "name", "New Rep", "role", "sales", "password", TestTenants.PASSWORD))
                .post("/v1/users")
                .then()
                .statusCode(201)
                .body("role", equalTo("sales"))
                .extract()
                .path("id");
        String repToken = TestTenants.login(tenant, email);
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("role", "admin"))
                .patch("/v1/users/" + id)
                .then()
                .statusCode(200)
                .body("role", equalTo("admin"));
        given().auth().oauth2(admin).get("/v1/users").then().statusCode(200).body("data.email", hasItem(email));

        given().auth().oauth2(repToken).get("/v1/settings").then().statusCode(200);
        given().auth().oauth2(admin).delete("/v1/users/" + id).then().statusCode(204);
        given().auth().oauth2(repToken).get("/v1/settings").then().statusCode(401);
        given().contentType("application/json")
                .body(Map.of(
                        "email",
                        email,
                        "password",
                        TestTenants.PASSWORD,
                        "tenantId",
                        tenant.id().toString()))
                .post("/v1/auth/login")
                .then()
                .statusCode(401);
    }

    @Test
    void aUserMarksTheirOwnOnboardingButChangesNothingElse() {
        TestTenants.Tenant tenant = TestTenants.create();
        String email = "rep-" + UUID.randomUUID() + "@example.com";
        UUID rep = TestTenants.createUser(tenant, email, "sales");
        UUID colleague = TestTenants.createUser(tenant, "sales");
        String token = TestTenants.login(tenant, email);
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("onboardingCompleted", true))
                .patch("/v1/users/" + rep)
                .then()
                .statusCode(200)
                .body("onboardingCompleted", equalTo(true));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("role", "admin"))
                .patch("/v1/users/" + rep)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("onboardingCompleted", true))
                .patch("/v1/users/" + colleague)
                .then()
                .statusCode(403);
    }

    @Test
    void adminsSeeOpenSessionsAndEndThem() {
        TestTenants.Tenant tenant = TestTenants.create();
        String admin = TestTenants.loginAs(tenant, "admin");
        String rep = TestTenants.loginAs(tenant, "sales");
        String repSession = new String(Base64.getUrlDecoder().decode(rep.split("\\.")[1]))
                .replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1");
        given().auth().oauth2(admin).get("/v1/sessions").then().statusCode(200).body("data.id", hasItem(repSession));
        given().auth().oauth2(admin).delete("/v1/sessions/" + repSession).then().statusCode(204);
        given().auth().oauth2(rep).get("/v1/settings").then().statusCode(401);
        given().auth().oauth2(admin).get("/v1/settings").then().statusCode(200);
    }

    @Test
    void brandingIsTheAdminsToChange() {
        TestTenants.Tenant tenant = TestTenants.create();
        String admin = TestTenants.loginAs(tenant, "admin");
        String rep = TestTenants.loginAs(tenant, "sales");
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("primaryColor", "#0a84ff"))
                .put("/v1/branding")
                .then()
                .statusCode(200)
                .body("primaryColor", equalTo("#0a84ff"));
        given().auth().oauth2(rep).get("/v1/branding").then().statusCode(200).body("primaryColor", equalTo("#0a84ff"));
        TestTenants.asOperator()
                .get("/admin/v1/tenants/" + tenant.id())
                .then()
                .body("brandingConfig.primaryColor", equalTo("#0a84ff"));
    }
}
