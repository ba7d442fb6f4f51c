package io.switchboard.message;

import io.switchboard.common.TrackedTenantEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** An SMS or MMS, sent through the tenant's Twilio account or received on its number. */
@Entity
@Table(name = "messages")
public class Message extends TrackedTenantEntity {

    /** Twilio's SID of a message; the schema's CHECK on {@code sid} is the same (SchemaRulesTest). */
    public static final Pattern SID_FORMAT = Pattern.compile("(SM|MM)[0-9a-fA-F]{32}");

    @Column(name = "sid")
    public String sid;

    @Column(name = "from_number")
    public String fromNumber;

    @Column(name = "to_number")
    public String toNumber;

    @Column(name = "body")
    public String body;

    @Column(name = "direction", nullable = false)
    public MessageDirection direction;

    @Column(name = "status")
    public MessageStatus status;

    @Column(name = "num_segments")
    public Integer numSegments;

    @Column(name = "num_media")
    public Integer numMedia;

    @Column(name = "error_code")
    public Integer errorCode;

    @Column(name = "error_message")
    public String errorMessage;

    public static Optional<Message> findForTenant(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }

    public static Optional<Message> findBySid(UUID tenantId, String sid) {
        return find("tenantId = ?1 and sid = ?2", tenantId, sid).firstResultOptional();
    }
}
