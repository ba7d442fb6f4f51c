package io.switchboard.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.reconciliation.Reconciler.Outcome;
import io.switchboard.testing.Database;
import io.switchboard.testing.FakeTwilio;
import io.switchboard.testing.FakeTwilioAccounts;
import io.switchboard.testing.FakeTwilioAccounts.Call;
import io.switchboard.testing.TestTenants;
import io.switchboard.webhook.simulator.WebhookSimulator;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Runs as operators meet them: two instances on one tenant, an instance that died holding it,
 * Twilio asking to slow down, a tenant whose credentials Twilio refuses among others.
 */
@QuarkusTest
@WithTestResource(value = FakeTwilio.class, scope = TestResourceScope.GLOBAL)
class ReconcileRunsTest {

    @Inject
    Reconciler reconciler;

    @Inject
    ReconcileJob job;

    @Test
    void twoInstancesReconcilingOneTenantAtOnceDoTheWorkOnce() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        List<String> sids = callsKnownToTwilio(tenant, 3);
        // Each page takes a while, so the first run still holds the tenant when the second tries.
        FakeTwilio.delayLists(tenant.accountSid(), 300);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        List<Future<Reconciler.Result>> runs = new ArrayList<>();
        for (String instance : List.of("instance-a", "instance-b")) {
            runs.add(instances.submit(() -> {
                start.await();
                return reconciler.reconcile(tenant.id(), instance);
            }));
        }
        start.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Reconciler.Result> run : runs) {
            outcomes.add(run.get().outcome());
        }
        instances.shutdown();

        assertThat(outcomes).containsExactlyInAnyOrder(Outcome.COMPLETED, Outcome.BUSY);
        assertThat(FakeTwilio.receivedFor(tenant.accountSid()))
                .as("two pages of calls, one of recordings, one of messages: read once")
                .hasSize(4);
        try (Connection db = Database.asSuperuser()) {
            assertThat(Database.column(
                            db,
                            "SELECT count(*) || ' ' || count(DISTINCT sid) FROM calls WHERE tenant_id = ?",
                            tenant.id()))
                    .containsExactly(sids.size() + " " + sids.size());
            assertThat(Database.column(
                            db, "SELECT lease_owner IS NULL FROM tenant_sync WHERE tenant_id = ?", tenant.id()))
                    .as("the lease is let go")
                    .containsExactly(true);
        }
    }

    @Test
    void aLeaseHeldByALiveInstanceKeepsOthersOffAndADeadInstancesLeaseRunsOut() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        callsKnownToTwilio(tenant, 1);
        holdLease(tenant, "instance-that-died", "now() + interval '1 minute'");
        assertThat(reconciler.reconcile(tenant.id()).outcome()).isEqualTo(Outcome.BUSY);
        assertThat(FakeTwilio.receivedFor(tenant.accountSid())).isEmpty();

        holdLease(tenant, "instance-that-died", "now() - interval '1 second'");
        assertThat(reconciler.reconcile(tenant.id()).outcome()).isEqualTo(Outcome.COMPLETED);
    }

    @Test
    void aRateLimitIsWaitedOutAsTwilioAsksAndTheRunGoesOn() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        callsKnownToTwilio(tenant, 1);
        FakeTwilio.rateLimitNext(tenant.accountSid(), 2);
        long started = System.nanoTime();

        assertThat(reconciler.reconcile(tenant.id()).outcome()).isEqualTo(Outcome.COMPLETED);

        assertThat((System.nanoTime() - started) / 1_000_000)
                .as("waited Retry-After (1 s) twice")
                .isGreaterThanOrEqualTo(2000);
        assertThat(FakeTwilio.receivedFor(tenant.accountSid())).hasSize(3 + 2);
        assertThat(callCount(tenant)).isEqualTo(1);
    }

    @Test
    void aRetryAfterLongerThanARunMayWaitEndsTheRunAndTheNextCarriesOn() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        callsKnownToTwilio(tenant, 1);
        FakeTwilio.rateLimitNext(tenant.accountSid(), 1, 120);

        assertThat(reconciler.reconcile(tenant.id()).outcome()).isEqualTo(Outcome.RATE_LIMITED);
        assertThat(lastError(tenant)).contains("asked to wait");
        assertThat(callCount(tenant)).isZero();

        assertThat(reconciler.reconcile(tenant.id()).outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(callCount(tenant)).isEqualTo(1);
        assertThat(lastError(tenant)).isNull();
    }

    @Test
    void aTenantWhoseCredentialsTwilioRefusesRecordsTheErrorAndTheOthersAreReconciled() throws Exception {
        TestTenants.Tenant refused = TestTenants.create();
        TestTenants.Tenant fine = TestTenants.create();
        callsKnownToTwilio(refused, 1);
        callsKnownToTwilio(fine, 2);
        FakeTwilio.behave(refused.accountSid(), FakeTwilio.Behaviour.REFUSE_CREDENTIALS);
        onlyTheseAreDue(refused, fine);

        ReconcileJob.Summary summary = job.reconcileDue();

        assertThat(summary.outcomes()).containsEntry(Outcome.FAILED, 1).containsEntry(Outcome.COMPLETED, 1);
        assertThat(lastError(refused)).contains("20003");
        assertThat(callCount(refused)).isZero();
        assertThat(callCount(fine)).isEqualTo(2);
        assertThat(lastError(fine)).isNull();
    }

    private static List<String> callsKnownToTwilio(TestTenants.Tenant tenant, int count) {
        List<String> sids = new ArrayList<>();
        Instant started = Instant.now().minusSeconds(300);
        for (int i = 0; i < count; i++) {
            String sid = WebhookSimulator.sid("CA");
            FakeTwilioAccounts.call(
                    tenant.accountSid(),
                    new Call(
                            sid,
                            "+14155550111",
                            "+14155550100",
                            "inbound",
                            "completed",
                            10,
                            started,
                            started.plusSeconds(10)));
            sids.add(sid);
        }
        return sids;
    }

    private static void holdLease(TestTenants.Tenant tenant, String owner, String until) throws Exception {
        try (Connection db = Database.asSuperuser()) {
            Database.update(
                    db,
                    "INSERT INTO tenant_sync (tenant_id, lease_owner, lease_until) VALUES (?, ?, " + until + ")"
                            + " ON CONFLICT (tenant_id) DO UPDATE SET lease_owner = EXCLUDED.lease_owner,"
                            + " lease_until = EXCLUDED.lease_until",
                    tenant.id(),
                    owner);
        }
    }

    /** Every other tenant of the test database was reconciled a moment ago, so only these are due. */
    private static void onlyTheseAreDue(TestTenants.Tenant... due) throws Exception {
        try (Connection db = Database.asSuperuser()) {
            Database.update(
                    db,
                    "INSERT INTO tenant_sync (tenant_id, last_started_at) SELECT id, now() FROM tenants"
                            + " ON CONFLICT (tenant_id) DO UPDATE SET last_started_at = now(), requested_at = NULL,"
                            + " pass_from = NULL, pass_to = NULL, pass_resource = NULL, pass_page_url = NULL");
            for (TestTenants.Tenant tenant : due) {
                Database.update(db, "DELETE FROM tenant_sync WHERE tenant_id = ?", tenant.id());
            }
        }
    }

    private static long callCount(TestTenants.Tenant tenant) throws Exception {
        try (Connection db = Database.asSuperuser()) {
            return (Long) Database.column(db, "SELECT count(*) FROM calls WHERE tenant_id = ?", tenant.id())
                    .get(0);
        }
    }

    private static String lastError(TestTenants.Tenant tenant) throws Exception {
        try (Connection db = Database.asSuperuser()) {
            return (String) Database.column(db, "SELECT last_error FROM tenant_sync WHERE tenant_id = ?", tenant.id())
                    .get(0);
        }
    }
}
