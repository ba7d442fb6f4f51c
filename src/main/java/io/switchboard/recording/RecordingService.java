package io.switchboard.recording;

import io.switchboard.common.ApiException;
import io.switchboard.common.IdOrSid;
import io.switchboard.common.Keyset;
import io.switchboard.common.Page;
import io.switchboard.common.PageRequest;
import io.switchboard.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class RecordingService {

    private final TenantContext tenantContext;
    private final EntityManager entityManager;

    RecordingService(TenantContext tenantContext, EntityManager entityManager) {
        this.tenantContext = tenantContext;
        this.entityManager = entityManager;
    }

    public Page<RecordingView> list(
            RecordingStatus status, UUID callId, Instant since, Instant until, PageRequest page) {
        return Keyset.of(Recording.class, tenantContext.requireTenantId())
                .and("e.status = :status", "status", status)
                .and("e.callId = :callId", "callId", callId)
                .and("e.createdAt >= :since", "since", since)
                .and("e.createdAt < :until", "until", until)
                .page(entityManager, page, RecordingView::of);
    }

    public RecordingView get(String idOrSid) {
        UUID tenantId = tenantContext.requireTenantId();
        Optional<Recording> recording = IdOrSid.find(
                idOrSid,
                Recording.SID_FORMAT,
                sid -> Recording.findBySid(tenantId, sid),
                id -> Recording.findForTenant(tenantId, id));
        return RecordingView.of(recording.orElseThrow(() -> new ApiException.NotFound("Recording " + idOrSid)));
    }
}
