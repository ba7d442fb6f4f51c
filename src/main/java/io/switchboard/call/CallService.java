package io.switchboard.call;

import io.switchboard.auth.Caller;
import io.switchboard.common.ApiException;
import io.switchboard.common.IdOrSid;
import io.switchboard.common.Keyset;
import io.switchboard.common.Page;
import io.switchboard.common.PageRequest;
import io.switchboard.common.WireValue;
import io.switchboard.event.EventType;
import io.switchboard.event.TenantEvents;
import io.switchboard.lossreason.LossReason;
import io.switchboard.tenant.TenantContext;
import io.switchboard.twilio.TwilioGateway;
import io.switchboard.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The call log: reading calls (a sales rep only their own), logging calls by hand and annotating
 * Twilio's calls with the sales outcome.
 */
@ApplicationScoped
@Transactional
public class CallService {

    private static final List<String> TWILIO_FIELDS = List.of("from", "to", "duration");
    private static final Set<String> ALL_FIELDS = Set.of(
            "from",
            "to",
            "userId",
            "prospectName",
            "prospectEmail",
            "prospectPhone",
            "callType",
            "meetingStatus",
            "outcome",
            "lossReasonId",
            "notes",
            "duration",
            "scheduledAt",
            "completedAt");

    private final TenantContext tenantContext;
    private final Caller caller;
    private final CallUpdates updates;
    private final EntityManager entityManager;
    private final TenantEvents events;

    CallService(
            TenantContext tenantContext,
            Caller caller,
            CallUpdates updates,
            EntityManager entityManager,
            TenantEvents events) {
        this.tenantContext = tenantContext;
        this.caller = caller;
        this.updates = updates;
        this.entityManager = entityManager;
        this.events = events;
    }

    public Page<CallView> list(CallFilter filter, PageRequest page) {
        UUID tenantId = tenantContext.requireTenantId();
        UUID userId = caller.seesOnlyOwnCalls() ? ownUserId() : filter.userId();
        if (caller.seesOnlyOwnCalls()
                && filter.userId() != null
                && !filter.userId().equals(userId)) {
            return new Page<>(List.of(), null);
        }
        return Keyset.of(Call.class, tenantId)
                .and("e.status = :status", "status", filter.status())
                .and("e.direction = :direction", "direction", filter.direction())
                .and("e.userId = :userId", "userId", userId)
                .and("e.outcome = :outcome", "outcome", filter.outcome())
                .and("e.createdAt >= :since", "since", filter.since())
                .and("e.createdAt < :until", "until", filter.until())
                .page(entityManager, page, CallView::of);
    }

    public CallView get(String idOrSid) {
        return CallView.withRecordings(find(idOrSid));
    }

    public CallView log(CallLogRequest request) {
        Call call = new Call();
        call.tenantId = tenantContext.requireTenantId();
        call.userId = caller.seesOnlyOwnCalls() ? ownUserId() : caller.userId().orElse(null);
        // A new call takes every field of the request; only an absent rep keeps the default above.
        Set<String> fields = new HashSet<>(ALL_FIELDS);
        if (request.userId() == null) {
            fields.remove("userId");
        }
        apply(call, request, fields);
        call.persist();
        events.record(call.tenantId, EventType.CALL_LOGGED, () -> CallView.withRecordings(call));
        return CallView.of(call);
    }

    public CallView update(String id, CallLogRequest patch, Set<String> present) {
        Call call = find(id);
        apply(call, patch, present);
        entityManager.flush();
        events.record(call.tenantId, EventType.CALL_LOGGED, () -> CallView.withRecordings(call));
        return CallView.of(call);
    }

    /** Stores a call Twilio has just placed for this tenant (the status callback may have stored it first). */
    public CallView recordPlaced(TwilioGateway.PlacedCall placed) {
        UUID tenantId = tenantContext.requireTenantId();
        CallStatus status = placed.status() == null
                ? CallStatus.QUEUED
                : WireValue.parse(CallStatus.class, placed.status()).orElse(CallStatus.QUEUED);
        UUID id = updates.applyPlaced(
                        tenantId,
                        new TwilioCallUpdate(
                                placed.sid(),
                                placed.from(),
                                placed.to(),
                                CallDirection.OUTBOUND_API,
                                status,
                                null,
                                null,
                                null,
                                null),
                        caller.userId().orElse(null))
                .id();
        Call call = Call.findForTenant(tenantId, id).orElseThrow();
        return CallView.of(call);
    }

    private Call find(String idOrSid) {
        UUID tenantId = tenantContext.requireTenantId();
        Optional<Call> call = IdOrSid.find(
                idOrSid, Call.SID_FORMAT, sid -> Call.findBySid(tenantId, sid), id -> Call.findForTenant(tenantId, id));
        // Another rep's call is as invisible to a sales rep as another tenant's.
        return call.filter(found -> !caller.seesOnlyOwnCalls() || ownUserId().equals(found.userId))
                .orElseThrow(() -> new ApiException.NotFound("Call " + idOrSid));
    }

    private void apply(Call call, CallLogRequest log, Set<String> present) {
        if (call.sid != null) {
            // Twilio's half of a call is Twilio's record: only its webhooks and reconciliation set it.
            for (String field : TWILIO_FIELDS) {
                if (present.contains(field)) {
                    throw new ApiException.Invalid(field, "is Twilio's record of this call and cannot be changed");
                }
            }
        }
        if (present.contains("from")) {
            call.fromNumber = log.from();
        }
        if (present.contains("to")) {
            call.toNumber = log.to();
        }
        if (present.contains("userId")) {
            call.userId = log.userId();
        }
        if (present.contains("prospectName")) {
            call.prospectName = log.prospectName();
        }
        if (present.contains("prospectEmail")) {
            call.prospectEmail = log.prospectEmail();
        }
        if (present.contains("prospectPhone")) {
            call.prospectPhone = log.prospectPhone();
        }
        if (present.contains("callType")) {
            call.callType = log.callType();
        }
        if (present.contains("meetingStatus")) {
            call.meetingStatus = log.meetingStatus();
        }
        if (present.contains("outcome")) {
            call.outcome = log.outcome();
        }
        if (present.contains("lossReasonId")) {
            call.lossReasonId = log.lossReasonId();
        }
        if (present.contains("notes")) {
            call.notes = log.notes();
        }
        if (present.contains("duration")) {
            call.durationSeconds = log.duration();
        }
        if (present.contains("scheduledAt")) {
            call.scheduledAt = log.scheduledAt();
        }
        if (present.contains("completedAt")) {
            call.completedAt = log.completedAt();
        }
        checkRep(call);
        checkOutcome(call, present.contains("lossReasonId"));
    }

    private void checkRep(Call call) {
        if (caller.seesOnlyOwnCalls() && !ownUserId().equals(call.userId)) {
            throw new ApiException.Invalid("userId", "a sales rep logs calls as themselves");
        }
        if (call.userId != null
                && User.findForTenant(call.tenantId, call.userId)
                        .filter(user -> user.active)
                        .isEmpty()) {
            throw new ApiException.Invalid("userId", "is not an active user of this tenant");
        }
    }

    private static void checkOutcome(Call call, boolean reasonChanged) {
        if (call.outcome == Outcome.LOST && call.lossReasonId == null) {
            throw new ApiException.Invalid("lossReasonId", "is required when the outcome is lost");
        }
        if (call.outcome != Outcome.LOST && call.lossReasonId != null) {
            throw new ApiException.Invalid("lossReasonId", "only goes with the outcome lost");
        }
        if (call.lossReasonId != null
                && reasonChanged
                && LossReason.findForTenant(call.tenantId, call.lossReasonId)
                        .filter(reason -> reason.active)
                        .isEmpty()) {
            throw new ApiException.Invalid("lossReasonId", "is not an active loss reason of this tenant");
        }
    }

    private UUID ownUserId() {
        return caller.userId()
                .orElseThrow(() -> new ApiException.Forbidden("Only dashboard users have their own calls"));
    }
}
