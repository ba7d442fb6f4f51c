package io.switchboard.bench;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.switchboard.webhook.simulator.WebhookSimulator;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Scenarios (a) and (b): signed /webhooks/twilio/voice requests, each with a fresh CallSid,
 * signed per request exactly as Twilio signs. bench.mode=closed keeps bench.users requests in
 * flight (maximum throughput); bench.mode=open sends bench.rate requests per second (latency at a
 * given load).
 */
public class VoiceWebhookSimulation extends Simulation {

    private static final List<Targets.Tenant> TENANTS = Targets.tenants();
    private static final String PATH = "/webhooks/twilio/voice";

    private static ScenarioBuilder voice(String name) {
        return scenario(name)
                .exec(session -> {
                    Targets.Tenant tenant = TENANTS.get(ThreadLocalRandom.current().nextInt(TENANTS.size()));
                    Map<String, String> params = new WebhookSimulator(Targets.BASE_URL, null, tenant.accountSid(),
                            tenant.authToken()).voice(WebhookSimulator.sid("CA"), "+14155550111", "+18005550100");
                    return session.set("body", WebhookSimulator.formEncode(params))
                            .set("signature", WebhookSimulator.signature(Targets.BASE_URL + PATH, params, tenant.authToken()));
                })
                .exec(http(name).post(PATH)
                        .header("X-Twilio-Signature", "#{signature}")
                        .body(StringBody("#{body}"))
                        .check(status().is(200)));
    }

    {
        HttpProtocolBuilder protocol = http.baseUrl(Targets.BASE_URL)
                .contentTypeHeader("application/x-www-form-urlencoded")
                .shareConnections()
                // Gatling warms up against gatling.io by default; this machine has no internet.
                .disableWarmUp();
        ScenarioBuilder warmUp = voice(Targets.WARM_UP + "voice");
        ScenarioBuilder measured = voice("voice");
        if ("open".equals(System.getProperty("bench.mode", "closed"))) {
            int rate = Targets.intProperty("bench.rate", 100);
            setUp(warmUp.injectOpen(constantUsersPerSec(rate).during(Targets.warmUp()))
                    .andThen(measured.injectOpen(constantUsersPerSec(rate).during(Targets.measured()))))
                    .protocols(protocol);
        } else {
            int users = Targets.intProperty("bench.users", 16);
            setUp(warmUp.injectClosed(constantConcurrentUsers(users).during(Targets.warmUp()))
                    .andThen(measured.injectClosed(constantConcurrentUsers(users).during(Targets.measured()))))
                    .protocols(protocol);
        }
    }
}
