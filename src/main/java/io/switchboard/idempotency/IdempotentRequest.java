package io.switchboard.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.common.ApiException;
import io.switchboard.tenant.Actor;
import io.switchboard.tenant.ActorKind;
import io.switchboard.tenant.TenantContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The Idempotency-Key of the current request and where its claim stands. Without a key every
 * method here does what the request would do anyway, so features call them unconditionally.
 *
 * <p>A paid action uses three of them: {@link #earlierRemoteSid()} (a retry after a crash takes
 * what Twilio reported instead of calling again), {@link #claimId()} (tags Twilio's status
 * callback), {@link #remoteStarts()} right before Twilio is called, and {@link #commit} around the
 * transaction that records the result.
 */
@RequestScoped
public class IdempotentRequest {

    private static final Logger LOG = Logger.getLogger(IdempotentRequest.class);

    private enum Phase {
        NONE,
        RUNNING,
        REMOTE,
        COMMITTED
    }

    private final IdempotencyKeys keys;
    private final TenantContext tenantContext;
    private final EntityManager entityManager;
    private final ObjectMapper json;

    private String key;
    private byte[] fingerprint;
    private IdempotencyKeys.Scope scope;
    private UUID claimId;
    private String earlierRemoteSid;
    private Phase phase = Phase.NONE;

    IdempotentRequest(
            IdempotencyKeys keys, TenantContext tenantContext, EntityManager entityManager, ObjectMapper json) {
        this.keys = keys;
        this.tenantContext = tenantContext;
        this.entityManager = entityManager;
        this.json = json;
    }

    /** Set by {@link IdempotencyKeyFilter} when the request carries a key. */
    void prepare(String key, byte[] fingerprint) {
        this.key = key;
        this.fingerprint = fingerprint;
    }

    boolean keyed() {
        return key != null;
    }

    /**
     * Claims the key. Answers the stored response when this is a replay; refuses with 409 (still
     * running, or its outcome at Twilio not known yet) or 422 (the key was used for another request).
     */
    Optional<Response> begin() {
        scope = scopeOf(tenantContext.requireTenantId(), tenantContext.actor());
        IdempotencyKeys.Claim claim = keys.claim(scope, key, fingerprint);
        switch (claim.verdict()) {
            case OWNED -> phase = Phase.RUNNING;
            case RECOVERING -> {
                phase = Phase.REMOTE;
                earlierRemoteSid = claim.remoteSid();
            }
            default -> {
                return Optional.of(answer(claim));
            }
        }
        claimId = claim.id();
        return Optional.empty();
    }

    /** The answer for a claim that was lost on the way (taken over): the work's result, or 409. */
    Response afterLosingClaim() {
        phase = Phase.NONE;
        return answer(keys.after(scope, key, fingerprint));
    }

    private static Response answer(IdempotencyKeys.Claim claim) {
        return switch (claim.verdict()) {
            case REPLAY -> claim.stored().replay();
            case ANOTHER_REQUEST -> throw new ApiException.UnprocessableContent(
                    "This Idempotency-Key was used with another request (method, path or body);"
                            + " a key stands for one request only");
            case OUTCOME_UNKNOWN -> throw new ApiException.Conflict(
                    "A request with this Idempotency-Key may have reached Twilio, and Twilio has not yet reported"
                            + " what it did. It will not be sent again: retry with the same key later, and the"
                            + " first outcome is answered once Twilio reports it (usually within seconds).",
                    Duration.ofSeconds(claim.retryAfterSeconds()));
            default -> throw new ApiException.Conflict(
                    "A request with this Idempotency-Key is still being processed; retry with the same key later",
                    Duration.ofSeconds(claim.retryAfterSeconds()));
        };
    }

    /** The id that tags Twilio's status callbacks for this request's claim; empty without a key. */
    public Optional<UUID> claimId() {
        return Optional.ofNullable(claimId);
    }

    /**
     * The SID Twilio reported for an earlier attempt with this key that reached Twilio and ended
     * before it recorded the answer: this request records that one instead of calling Twilio.
     */
    public Optional<String> earlierRemoteSid() {
        return Optional.ofNullable(earlierRemoteSid);
    }

    /**
     * Commits that Twilio is about to be called. From here, a failure or a crash never makes the
     * key run the work again: the outcome is whatever Twilio did (docs/RELIABILITY.md).
     */
    public void remoteStarts() {
        if (phase != Phase.RUNNING) {
            return;
        }
        if (!keys.remoteStarts(scope.tenantId(), claimId)) {
            throw new ClaimLostException();
        }
        phase = Phase.REMOTE;
    }

    /**
     * Runs {@code work} in one transaction that also stores its answer for replay, so the work and
     * the remembered answer commit together or not at all. Without a key it just runs the work.
     */
    public Response commit(Supplier<Response> work) {
        if (phase != Phase.RUNNING && phase != Phase.REMOTE) {
            return work.get();
        }
        Response response = QuarkusTransaction.requiringNew().call(() -> {
            Response answer = work.get();
            entityManager.flush();
            if (!keys.complete(scope.tenantId(), claimId, StoredResponse.of(answer, json))) {
                throw new ClaimLostException();
            }
            return answer;
        });
        phase = Phase.COMMITTED;
        // Recording what an earlier attempt did at Twilio is that attempt's answer, not a new action.
        return earlierRemoteSid == null
                ? response
                : Response.fromResponse(response)
                        .header(StoredResponse.REPLAYED, "true")
                        .build();
    }

    /** For methods that commit themselves: a keyed request must have stored its answer by now. */
    void requireCommitted() {
        if (phase == Phase.RUNNING || phase == Phase.REMOTE) {
            throw new IllegalStateException("An @Idempotent(commitsItself = true) method returned without"
                    + " committing its answer through IdempotentRequest.commit");
        }
    }

    /**
     * After the work failed: gives the key back when nothing can have happened (the transaction
     * rolled back, or Twilio certainly did not act), else leaves the outcome to Twilio's report.
     */
    void failed(Throwable failure) {
        Phase was = phase;
        phase = Phase.NONE;
        try {
            if (was == Phase.RUNNING) {
                keys.release(scope.tenantId(), claimId);
            } else if (was == Phase.REMOTE) {
                if (earlierRemoteSid == null && certainlyDidNotAct(failure)) {
                    keys.release(scope.tenantId(), claimId);
                } else {
                    keys.awaitRemoteOutcome(scope.tenantId(), claimId);
                }
            }
        } catch (RuntimeException e) {
            // The database is likely down too; the claim's lease runs out on its own.
            LOG.warnf("Could not settle Idempotency-Key claim %s after a failure: %s", claimId, e.getMessage());
        }
    }

    private static boolean certainlyDidNotAct(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RemoteFailure remote) {
                return !remote.mayHaveActed();
            }
        }
        return false;
    }

    private static IdempotencyKeys.Scope scopeOf(UUID tenantId, Actor actor) {
        if (actor.kind() == ActorKind.API_KEY && actor.apiKeyId() != null) {
            return new IdempotencyKeys.Scope(tenantId, ActorKind.API_KEY.wire(), actor.apiKeyId());
        }
        if (actor.kind() == ActorKind.USER && actor.userId() != null) {
            return new IdempotencyKeys.Scope(tenantId, ActorKind.USER.wire(), actor.userId());
        }
        throw new IllegalStateException("Idempotency-Key needs an API key or a dashboard user as caller");
    }

    /** The claim was taken over while this request worked: its work must not commit. */
    static final class ClaimLostException extends RuntimeException {
        ClaimLostException() {
            super("This request's Idempotency-Key claim was taken over", null, false, false);
        }
    }
}
