package io.switchboard.idempotency;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenAPI document tells tenant apps about Idempotency-Key on exactly the operations that honour it. */
@QuarkusTest
class IdempotencyContractTest {

    @Test
    void everyPostOfTheTenantApiButAuthDocumentsTheKeyAnd409And422() {
        JsonPath openApi = given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = openApi.getMap("paths");
        List<String> wrong = new ArrayList<>();
        int documented = 0;
        for (var path : paths.entrySet()) {
            for (var operation : path.getValue().entrySet()) {
                if (!(operation.getValue() instanceof Map<?, ?>)) {
                    continue;
                }
                String where = operation.getKey() + " " + path.getKey();
                boolean shouldHave = operation.getKey().equals("post")
                        && path.getKey().startsWith("/v1/")
                        && !path.getKey().startsWith("/v1/auth/");
                Map<String, Object> key = keyParameter(openApi, path.getKey(), operation.getKey());
                if (shouldHave != (key != null)) {
                    wrong.add(where + (shouldHave ? ": no Idempotency-Key" : ": Idempotency-Key where it is ignored"));
                    continue;
                }
                if (key == null) {
                    continue;
                }
                documented++;
                Map<?, ?> schema = (Map<?, ?>) key.get("schema");
                Map<?, ?> responses = (Map<?, ?>) operation.getValue().get("responses");
                if (!Integer.valueOf(255).equals(schema.get("maxLength"))
                        || !"header".equals(key.get("in"))
                        || !responses.containsKey("409")
                        || !responses.containsKey("422")) {
                    wrong.add(where + ": " + key + " " + responses.keySet());
                }
            }
        }
        assertThat(documented).isGreaterThanOrEqualTo(7);
        assertThat(wrong).isEmpty();
    }

    private static Map<String, Object> keyParameter(JsonPath openApi, String path, String method) {
        List<Map<String, Object>> parameters = openApi.getList("paths.'" + path + "'." + method + ".parameters");
        if (parameters == null) {
            return null;
        }
        return parameters.stream()
                .filter(parameter -> "Idempotency-Key".equals(parameter.get("name")))
                .findFirst()
                .orElse(null);
    }
}
