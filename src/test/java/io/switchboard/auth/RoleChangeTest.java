package io.switchboard.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testing.TestTenants;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Roles as sequences of requests with the same token: a role change counts from the user's next
 * request, nobody changes their own role, and only a CEO, a tenant app or an operator touches a CEO.
 */
@QuarkusTest
class RoleChangeTest {

    private TestTenants.Tenant tenant;
    private UUID ceoId;
    private String ceo;
    private UUID adminId;
    private String admin;

    @BeforeEach
    void aTenantWithACeoAndAnAdmin() {
        tenant = TestTenants.create();
        String ceoEmail = "ceo-" + UUID.randomUUID() + "@example.com";
        ceoId = TestTenants.createUser(tenant, ceoEmail, "ceo");
        ceo = TestTenants.login(tenant, ceoEmail);
        String adminEmail = "admin-" + UUID.randomUUID() + "@example.com";
        adminId = TestTenants.createUser(tenant, adminEmail, "admin");
        admin = TestTenants.login(tenant, adminEmail);
    }

    @Test
    void aDemotedAdminLosesAdminRightsOnTheirNextRequestWithTheSameToken() {
        newUser(as(admin), "sales").then().statusCode(201);
        as(ceo).body(Map.of("role", "sales"))
                .patch("/v1/users/" + adminId)
                .then()
                .statusCode(200);
        newUser(as(admin), "admin").then().statusCode(403);
        as(admin).get("/v1/sessions").then().statusCode(403);
        as(admin)
                .body(Map.of("role", "admin"))
                .patch("/v1/users/" + adminId)
                .then()
                .statusCode(403);
        // Still logged in, now as what they are: a sales rep.
        as(admin).get("/v1/calls").then().statusCode(200);
    }

    @Test
    void aPromotionAlsoCountsFromTheNextRequest() {
        String repEmail = "rep-" + UUID.randomUUID() + "@example.com";
        UUID repId = TestTenants.createUser(tenant, repEmail, "sales");
        String rep = TestTenants.login(tenant, repEmail);
        as(rep).get("/v1/sessions").then().statusCode(403);
        as(admin)
                .body(Map.of("role", "admin"))
                .patch("/v1/users/" + repId)
                .then()
                .statusCode(200);
        as(rep).get("/v1/sessions").then().statusCode(200);
    }

    @Test
    void nobodyChangesTheirOwnRole() {
        as(admin)
                .body(Map.of("role", "ceo"))
                .patch("/v1/users/" + adminId)
                .then()
                .statusCode(403);
        as(admin)
                .body(Map.of("role", "sales"))
                .patch("/v1/users/" + adminId)
                .then()
                .statusCode(403);
        as(ceo).body(Map.of("role", "admin")).patch("/v1/users/" + ceoId).then().statusCode(403);
        as(ceo).get("/v1/audit-logs").then().statusCode(200);
    }

    @Test
    void anAdminCannotCreateChangeOrRemoveACeo() {
        newUser(as(admin), "ceo").then().statusCode(403);
        UUID repId = TestTenants.createUser(tenant, "sales");
        as(admin).body(Map.of("role", "ceo")).patch("/v1/users/" + repId).then().statusCode(403);
        as(admin)
                .body(Map.of("name", "Not the boss"))
                .patch("/v1/users/" + ceoId)
                .then()
                .statusCode(403);
        as(admin)
                .body(Map.of("active", false))
                .patch("/v1/users/" + ceoId)
                .then()
                .statusCode(403);
        as(admin).delete("/v1/users/" + ceoId).then().statusCode(403);
        as(ceo).get("/v1/settings").then().statusCode(200);
    }

    @Test
    void aCeoATenantAppAndAnOperatorManageCeos() {
        newUser(as(ceo), "ceo").then().statusCode(201).body("role", equalTo("ceo"));
        newUser(tenant.asApp(), "ceo").then().statusCode(201);
        TestTenants.asOperator()
                .body(Map.of(
                        "email",
                        "ceo-" + UUID.randomUUID() + "@example.com",
                        "name",
                        "Ops-made CEO",
                        "role",
                        "ceo",
                        "password",
                        TestTenants.PASSWORD))
                .post("/admin/v1/tenants/" + tenant.id() + "/users")
                .then()
                .statusCode(201);
        as(ceo).body(Map.of("role", "admin"))
                .patch("/v1/users/" + adminId)
                .then()
                .statusCode(200);
        tenant.asApp()
                .body(Map.of("role", "ceo"))
                .patch("/v1/users/" + adminId)
                .then()
                .statusCode(200);
        as(admin).get("/v1/audit-logs").then().statusCode(200);
    }

    @Test
    void aDeactivatedUsersTokenIsRefusedOnTheNextRequest() {
        as(admin).get("/v1/settings").then().statusCode(200);
        as(ceo).delete("/v1/users/" + adminId).then().statusCode(204);
        as(admin).get("/v1/settings").then().statusCode(401);
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType("application/json");
    }

    private static Response newUser(RequestSpecification as, String role) {
        return as.body(Map.of(
                        "email",
                        role + "-" + UUID.randomUUID() + "@example.com",
                        "name",
                        "New " + role,
                        "role",
                        role,
                        "password",
                        TestTenants.PASSWORD))
                .post("/v1/users");
    }
}
