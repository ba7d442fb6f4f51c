package io.switchboard.event;

import io.switchboard.testing.TestTenants;
import java.util.List;
import java.util.Map;

/** Webhook endpoints made through the API, as a tenant app makes them. */
final class Endpoints {

    private Endpoints() {}

    /** Creates an endpoint; its signing secret, shown this once. */
    static String create(TestTenants.Tenant tenant, String url, List<String> events) {
        return tenant.asApp()
                .body(Map.of("url", url, "events", events))
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
    }

    static String idOf(TestTenants.Tenant tenant, String url) {
        List<String> ids = tenant.asApp()
                .get("/v1/webhook-endpoints")
                .then()
                .statusCode(200)
                .extract()
                .path("data.findAll { it.url == '" + url + "' }.id");
        return ids.get(0);
    }
}
