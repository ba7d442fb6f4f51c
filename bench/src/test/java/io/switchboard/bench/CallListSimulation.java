package io.switchboard.bench;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Scenario (c), over the seeded million calls, each request with a random tenant's API key, at
 * bench.rate per second: bench.list=first asks GET /v1/calls?limit=50; bench.list=filtered asks a
 * filtered list and follows its cursor to the second page.
 */
public class CallListSimulation extends Simulation {

    private static final List<Targets.Tenant> TENANTS = Targets.tenants();

    private static String randomKey() {
        return TENANTS.get(ThreadLocalRandom.current().nextInt(TENANTS.size())).apiKey();
    }

    {
        HttpProtocolBuilder protocol = http.baseUrl(Targets.BASE_URL).acceptHeader("application/json").shareConnections()
                // Gatling warms up against gatling.io by default; this machine has no internet.
                .disableWarmUp();
        ScenarioBuilder lists = "filtered".equals(System.getProperty("bench.list", "first"))
                ? scenario("filtered call list, two pages")
                        .exec(session -> session.set("apiKey", randomKey()))
                        .exec(http("filtered page 1").get("/v1/calls?status=completed&direction=inbound&limit=50")
                                .header("Authorization", "Bearer #{apiKey}")
                                .check(status().is(200), jsonPath("$.nextCursor").saveAs("cursor")))
                        .exec(http("filtered page 2").get("/v1/calls?status=completed&direction=inbound&limit=50&cursor=#{cursor}")
                                .header("Authorization", "Bearer #{apiKey}")
                                .check(status().is(200)))
                : scenario("first page of calls")
                        .exec(session -> session.set("apiKey", randomKey()))
                        .exec(http("first page").get("/v1/calls?limit=50")
                                .header("Authorization", "Bearer #{apiKey}")
                                .check(status().is(200)));
        setUp(lists.injectOpen(constantUsersPerSec(Targets.intProperty("bench.rate", 50))
                .during(Duration.ofSeconds(Targets.intProperty("bench.seconds", 30))))).protocols(protocol);
    }
}
