package io.switchboard.login;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.notNullValue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.switchboard.testing.TestTenants;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Login throttling as an attacker would probe it: in parallel, from one address against one
 * account, against unknown and known emails, and to lock a user out of their own account. Client
 * addresses are set with X-Forwarded-For, which the test server trusts from loopback as a
 * production server trusts its ingress.
 */
@QuarkusTest
class LoginThrottleTest {

    @Inject
    MeterRegistry metrics;

    @Test
    void fortyParallelWrongPasswordsGetAtMostFivePasswordChecksAndLockOnlyThatAddress() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        String email = "ceo-" + UUID.randomUUID() + "@example.com";
        TestTenants.createUser(tenant, email, "ceo");
        String attacker = randomAddress();
        double checksBefore = passwordChecks();

        List<Integer> statuses =
                inParallel(40, attempt -> loginStatus(tenant.id(), email, "guess " + attempt, attacker));

        assertThat(statuses).containsOnly(401, 429);
        assertThat(statuses.stream().filter(status -> status == 401).count()).isLessThanOrEqualTo(5);
        assertThat(passwordChecks() - checksBefore).isLessThanOrEqualTo(5);
        // The attacker's address stays locked, even with the right password ...
        login(tenant.id(), email, TestTenants.PASSWORD, attacker)
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue());
        // ... while the user logs in from anywhere else.
        login(tenant.id(), email, TestTenants.PASSWORD, randomAddress()).then().statusCode(200);
    }

    @Test
    void unknownAndKnownEmailsGetTheSameAnswersAndTheSameWork() {
        TestTenants.Tenant tenant = TestTenants.create();
        String known = "admin-" + UUID.randomUUID() + "@example.com";
        TestTenants.createUser(tenant, known, "admin");
        String unknown = "nobody-" + UUID.randomUUID() + "@example.com";
        String fromKnown = randomAddress();
        String fromUnknown = randomAddress();
        for (int attempt = 0; attempt < 7; attempt++) {
            double before = passwordChecks();
            Response knownAnswer = login(tenant.id(), known, "wrong " + attempt, fromKnown);
            double knownChecks = passwordChecks() - before;
            before = passwordChecks();
            Response unknownAnswer = login(tenant.id(), unknown, "wrong " + attempt, fromUnknown);
            double unknownChecks = passwordChecks() - before;

            assertThat(unknownAnswer.statusCode()).as("attempt %d", attempt).isEqualTo(knownAnswer.statusCode());
            assertThat(unknownAnswer.asString()).isEqualTo(knownAnswer.asString());
            assertThat(unknownChecks).as("password checks, attempt %d", attempt).isEqualTo(knownChecks);
        }
    }

    @Test
    void aStrangersFailuresNeverStopTheUsersCorrectLoginFromAnotherAddress() {
        TestTenants.Tenant tenant = TestTenants.create();
        String email = "ceo-" + UUID.randomUUID() + "@example.com";
        TestTenants.createUser(tenant, email, "ceo");
        String stranger = randomAddress();
        String office = randomAddress();
        for (int round = 0; round < 3; round++) {
            for (int attempt = 0; attempt < 6; attempt++) {
                login(tenant.id(), email, "guess " + round + "-" + attempt, stranger);
            }
            login(tenant.id(), email, TestTenants.PASSWORD, office).then().statusCode(200);
        }
    }

    @Test
    void oneAddressTryingManyAccountsIsStoppedToo() {
        TestTenants.Tenant tenant = TestTenants.create();
        String sprayer = randomAddress();
        List<Integer> statuses = new ArrayList<>();
        for (int attempt = 0; attempt < 35; attempt++) {
            statuses.add(login(tenant.id(), "person-" + attempt + "@example.com", "Winter2026!", sprayer)
                    .statusCode());
        }
        assertThat(statuses.subList(0, 30)).containsOnly(401);
        assertThat(statuses.subList(30, 35)).containsOnly(429);
    }

    @Test
    void aCorrectPasswordStartsTheCountAfresh() {
        TestTenants.Tenant tenant = TestTenants.create();
        String email = "rep-" + UUID.randomUUID() + "@example.com";
        TestTenants.createUser(tenant, email, "sales");
        String address = randomAddress();
        for (int round = 0; round < 3; round++) {
            for (int attempt = 0; attempt < 4; attempt++) {
                login(tenant.id(), email, "typo " + attempt, address).then().statusCode(401);
            }
            login(tenant.id(), email, TestTenants.PASSWORD, address).then().statusCode(200);
        }
    }

    private double passwordChecks() {
        return metrics.get("switchboard.password.hashes")
                .tag("kind", "verify")
                .counter()
                .count();
    }

    /** An address from the benchmarking range 198.18.0.0/15, fresh per test. */
    static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198." + (18 + random.nextInt(2)) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    private static Response login(UUID tenantId, String email, String password, String clientAddress) {
        return given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", clientAddress)
                .body(Map.of("email", email, "password", password, "tenantId", tenantId.toString()))
                .post("/v1/auth/login");
    }

    private static int loginStatus(UUID tenantId, String email, String password, String clientAddress) {
        String body =
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"tenantId\":\"" + tenantId + "\"}";
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + RestAssured.port + "/v1/auth/login"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", clientAddress)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    interface Attempt {
        int run(int attempt) throws Exception;
    }

    /** Starts every attempt at the same moment and collects the statuses. */
    private static List<Integer> inParallel(int count, Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int number = i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return attempt.run(number);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
