package io.switchboard.bench;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Scenario (c), over the seeded million calls, each request with a random tenant's API key, at
 * bench.rate per second (bench.mode=open, the default) or with bench.users in flight in a closed loop
 * (bench.mode=closed): bench.list=first asks GET /v1/calls?limit=50; bench.list=filtered asks a
 * filtered list and follows its cursor to the second page. Each runs bench.warmupSeconds first,
 * reported apart.
 */
public class CallListSimulation extends Simulation {

    private static final List<Targets.Tenant> TENANTS = Targets.tenants();

    private static String randomKey() {
        return TENANTS.get(ThreadLocalRandom.current().nextInt(TENANTS.size())).apiKey();
    }

    /** A filtered list and its second page; both requests are reported under one name. */
    private static ScenarioBuilder filtered(String name) {
        return scenario(name)
                .exec(session -> session.set("apiKey", randomKey()))
                .exec(http(name).get("/v1/calls?status=completed&direction=inbound&limit=50")
                        .header("Authorization", "Bearer #{apiKey}")
                        .check(status().is(200), jsonPath("$.nextCursor").saveAs("cursor")))
                .exec(http(name).get("/v1/calls?status=completed&direction=inbound&limit=50&cursor=#{cursor}")
                        .header("Authorization", "Bearer #{apiKey}")
                        .check(status().is(200)));
    }

    private static ScenarioBuilder firstPage(String name) {
        return scenario(name)
                .exec(session -> session.set("apiKey", randomKey()))
                .exec(http(name).get("/v1/calls?limit=50")
                        .header("Authorization", "Bearer #{apiKey}")
                        .check(status().is(200)));
    }

    {
        HttpProtocolBuilder protocol = http.baseUrl(Targets.BASE_URL).acceptHeader("application/json").shareConnections()
                // Gatling warms up against gatling.io by default; this machine has no internet.
                .disableWarmUp();
        boolean filtered = "filtered".equals(System.getProperty("bench.list", "first"));
        String name = filtered ? "filtered list" : "first page";
        ScenarioBuilder warmUp = filtered ? filtered(Targets.WARM_UP + name) : firstPage(Targets.WARM_UP + name);
        ScenarioBuilder measured = filtered ? filtered(name) : firstPage(name);
        if ("closed".equals(System.getProperty("bench.mode", "open"))) {
            // Throughput: bench.users scenarios in flight, each starting again as soon as it ends.
            int users = Targets.intProperty("bench.users", 16);
            setUp(warmUp.injectClosed(constantConcurrentUsers(users).during(Targets.warmUp()))
                    .andThen(measured.injectClosed(constantConcurrentUsers(users).during(Targets.measured()))))
                    .protocols(protocol);
        } else {
            int rate = Targets.intProperty("bench.rate", 50);
            setUp(warmUp.injectOpen(constantUsersPerSec(rate).during(Targets.warmUp()))
                    .andThen(measured.injectOpen(constantUsersPerSec(rate).during(Targets.measured()))))
                    .protocols(protocol);
        }
    }
}
