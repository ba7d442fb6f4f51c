package io.switchboard.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.assertj.core.api.Assertions;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsEndpointsTest {

    /** The management interface's port in tests (quarkus.management.test-port, default 9001). */
    private static int management() {
        return ConfigProvider.getConfig()
                .getOptionalValue("quarkus.management.test-port", Integer.class)
                .orElse(9001);
    }

    @Test
    void readinessChecksTheDatabase() {
        given().port(management())
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
    }

    @Test
    void healthAndMetricsAreOnTheManagementPortOnlyAndOpenApiOnThePublicOne() {
        given().port(management()).get("/q/health/live").then().statusCode(200);
        given().port(management()).get("/q/health/started").then().statusCode(200);
        given().port(management())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
    }

    @Test
    void theOpenApiDocumentCoversTheContractWithSchemesAndExamples() {
        var openApi = given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        for (String path : new String[] {
            "/admin/v1/tenants",
            "/admin/v1/tenants/{id}/api-keys",
            "/v1/auth/login",
            "/v1/calls",
            "/v1/calls/{idOrSid}",
            "/v1/calls/dial",
            "/v1/messages",
            "/v1/recordings",
            "/v1/settings",
            "/v1/products/{id}",
            "/v1/users",
            "/v1/loss-reasons",
            "/v1/content",
            "/v1/analytics/summary",
            "/v1/audit-logs",
            "/webhooks/twilio/voice",
            "/webhooks/twilio/message-status"
        }) {
            Assertions.assertThat(openApi.getMap("paths"))
                    .as("documented paths")
                    .containsKey(path);
        }
        Assertions.assertThat(openApi.getMap("components.securitySchemes"))
                .containsKeys("apiKey", "dashboardJwt", "operatorToken");
        Assertions.assertThat(openApi.getString("components.schemas.DialRequest.properties.to.example"))
                .isEqualTo("+14155550177");
    }

    @Test
    void anUnknownPathIsAProblemDocument() {
        given().get("/v1/does-not-exist")
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("instance", equalTo("/v1/does-not-exist"));
    }
}
