package io.switchboard.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document promises Idempotency-Key on every POST under /v1 but /v1/auth
 * (api.OpenApiContract, by path); this holds the code to the same rule, so a POST added later
 * cannot miss it: each is {@link Idempotent} and answers a {@link Response}, and nothing else is.
 */
class IdempotencyCoverageTest {

    private static final Path CLASSES = Path.of("target/classes");

    @Test
    void everyPostOfTheTenantApiButAuthIsIdempotentAndNothingElseIs() throws Exception {
        List<String> wrong = new ArrayList<>();
        int posts = 0;
        for (Class<?> resource : resources()) {
            String base = resource.getAnnotation(jakarta.ws.rs.Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                String path = base + (sub == null ? "" : sub.value());
                boolean shouldBe = method.isAnnotationPresent(POST.class)
                        && path.startsWith("/v1/")
                        && !path.startsWith("/v1/auth/");
                boolean is = method.isAnnotationPresent(Idempotent.class);
                posts += shouldBe ? 1 : 0;
                if (shouldBe != is || is && method.getReturnType() != Response.class) {
                    wrong.add(resource.getSimpleName() + "." + method.getName() + " (" + path + ")");
                }
            }
        }
        assertThat(posts).as("POSTs of the tenant API").isGreaterThanOrEqualTo(7);
        assertThat(wrong)
                .as("@Idempotent exactly on the tenant API's POSTs, answering a Response")
                .isEmpty();
    }

    private static List<Class<?>> resources() throws IOException, ClassNotFoundException {
        List<Class<?>> resources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name =
                        CLASSES.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, IdempotencyCoverageTest.class.getClassLoader());
                if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                    resources.add(type);
                }
            }
        }
        return resources;
    }
}
