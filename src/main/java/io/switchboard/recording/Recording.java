package io.switchboard.recording;

import io.switchboard.common.TrackedTenantEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** A call recording reported by Twilio. The URL is stored as data and never fetched by the service. */
@Entity
@Table(name = "recordings")
public class Recording extends TrackedTenantEntity {

    /** Twilio's SID of a recording; the schema's CHECK on {@code sid} is the same (SchemaRulesTest). */
    public static final Pattern SID_FORMAT = Pattern.compile("RE[0-9a-fA-F]{32}");

    @Column(name = "sid", nullable = false, updatable = false)
    public String sid;

    @Column(name = "call_id")
    public UUID callId;

    @Column(name = "call_sid")
    public String callSid;

    @Column(name = "url")
    public String url;

    @Column(name = "status")
    public RecordingStatus status;

    @Column(name = "duration_seconds")
    public Integer durationSeconds;

    @Column(name = "channels")
    public Integer channels;

    @Column(name = "source")
    public String source;

    public static Optional<Recording> findForTenant(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }

    public static Optional<Recording> findBySid(UUID tenantId, String sid) {
        return find("tenantId = ?1 and sid = ?2", tenantId, sid).firstResultOptional();
    }

    public static List<Recording> listForCall(UUID tenantId, UUID callId) {
        return list("tenantId = ?1 and callId = ?2 order by createdAt, id", tenantId, callId);
    }
}
