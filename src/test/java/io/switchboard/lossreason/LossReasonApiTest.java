package io.switchboard.lossreason;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.TestTenants;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LossReasonApiTest {

    @Test
    void namesAreUniquePerTenantRegardlessOfCase() {
        TestTenants.Tenant tenant = TestTenants.create();
        tenant.asApp()
                .body(Map.of("name", "No budget"))
                .post("/v1/loss-reasons")
                .then()
                .statusCode(201);
        tenant.asApp()
                .body(Map.of("name", "no BUDGET"))
                .post("/v1/loss-reasons")
                .then()
                .statusCode(409)
                .body("errors[0].field", equalTo("name"));
        TestTenants.create()
                .asApp()
                .body(Map.of("name", "No budget"))
                .post("/v1/loss-reasons")
                .then()
                .statusCode(201);
    }

    @Test
    void anUnusedReasonIsDeletedAndAReasonInUseIsDeactivated() {
        TestTenants.Tenant tenant = TestTenants.create();
        String unused = tenant.asApp()
                .body(Map.of("name", "Timing"))
                .post("/v1/loss-reasons")
                .then()
                .extract()
                .path("id");
        String used = tenant.asApp()
                .body(Map.of("name", "Price"))
                .post("/v1/loss-reasons")
                .then()
                .extract()
                .path("id");
        tenant.asApp()
                .body(Map.of("outcome", "lost", "lossReasonId", used))
                .post("/v1/calls")
                .then()
                .statusCode(201);

        tenant.asApp().delete("/v1/loss-reasons/" + unused).then().statusCode(204);
        tenant.asApp().delete("/v1/loss-reasons/" + used).then().statusCode(200).body("active", equalTo(false));
        tenant.asApp().get("/v1/loss-reasons").then().body("data.id", not(hasItem(used)));
        tenant.asApp()
                .queryParam("includeInactive", true)
                .get("/v1/loss-reasons")
                .then()
                .body("data.id", hasItem(used));
        // An inactive reason can no longer be chosen.
        tenant.asApp()
                .body(Map.of("outcome", "lost", "lossReasonId", used))
                .post("/v1/calls")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("lossReasonId"));
        tenant.asApp()
                .body(Map.of("name", "Price", "active", true))
                .put("/v1/loss-reasons/" + used)
                .then()
                .statusCode(200)
                .body("active", equalTo(true));
    }
}
