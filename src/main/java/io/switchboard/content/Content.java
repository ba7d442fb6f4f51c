package io.switchboard.content;

import io.switchboard.common.TrackedTenantEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.Optional;
import java.util.UUID;

/** A tenant's text: greetings spoken to callers, SMS templates, call scripts. */
@Entity
@Table(name = "content")
public class Content extends TrackedTenantEntity {

    @Column(name = "title", nullable = false)
    public String title;

    @Column(name = "type", nullable = false)
    public ContentType type;

    @Column(name = "body", nullable = false)
    public String body;

    @Column(name = "active", nullable = false)
    public boolean active = true;

    @Column(name = "created_by")
    public UUID createdBy;

    public static Optional<Content> findForTenant(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }
}
