package io.switchboard.call;

import io.switchboard.common.TrackedTenantEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A phone call: Twilio's half (sid, numbers, status, timing) and the sales log's half (rep,
 * prospect, meeting status, outcome). Either half may be empty.
 */
@Entity
@Table(name = "calls")
public class Call extends TrackedTenantEntity {

    /** Twilio's SID of a call; the schema's CHECK on {@code sid} is the same (SchemaRulesTest). */
    public static final Pattern SID_FORMAT = Pattern.compile("CA[0-9a-fA-F]{32}");

    @Column(name = "sid")
    public String sid;

    @Column(name = "from_number")
    public String fromNumber;

    @Column(name = "to_number")
    public String toNumber;

    @Column(name = "direction")
    public CallDirection direction;

    @Column(name = "status")
    public CallStatus status;

    @Column(name = "status_sequence")
    public Integer statusSequence;

    @Column(name = "duration_seconds")
    public Integer durationSeconds;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "prospect_name")
    public String prospectName;

    @Column(name = "prospect_email")
    public String prospectEmail;

    @Column(name = "prospect_phone")
    public String prospectPhone;

    @Column(name = "call_type")
    public CallType callType;

    @Column(name = "meeting_status")
    public MeetingStatus meetingStatus;

    @Column(name = "outcome")
    public Outcome outcome;

    @Column(name = "loss_reason_id")
    public UUID lossReasonId;

    @Column(name = "notes")
    public String notes;

    @Column(name = "scheduled_at")
    public Instant scheduledAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    public static Optional<Call> findForTenant(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }

    public static Optional<Call> findBySid(UUID tenantId, String sid) {
        return find("tenantId = ?1 and sid = ?2", tenantId, sid).firstResultOptional();
    }
}
