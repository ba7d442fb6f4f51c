package io.switchboard.content;

import io.switchboard.auth.Caller;
import io.switchboard.common.ApiException;
import io.switchboard.common.Keyset;
import io.switchboard.common.Page;
import io.switchboard.common.PageRequest;
import io.switchboard.common.TenantDataChanged;
import io.switchboard.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class ContentService {

    private final TenantContext tenantContext;
    private final Caller caller;
    private final EntityManager entityManager;
    private final Event<TenantDataChanged> changes;

    ContentService(
            TenantContext tenantContext, Caller caller, EntityManager entityManager, Event<TenantDataChanged> changes) {
        this.tenantContext = tenantContext;
        this.caller = caller;
        this.entityManager = entityManager;
        this.changes = changes;
    }

    public Page<ContentView> list(ContentType type, PageRequest page) {
        return Keyset.of(Content.class, tenantContext.requireTenantId())
                .and("e.type = :type", "type", type)
                .page(entityManager, page, ContentView::of);
    }

    public ContentView create(ContentRequest request) {
        Content content = new Content();
        content.tenantId = tenantContext.requireTenantId();
        content.createdBy = caller.userId().orElse(null);
        apply(content, request);
        content.persist();
        changed();
        return ContentView.of(content);
    }

    public ContentView replace(UUID id, ContentRequest request) {
        Content content = find(id);
        apply(content, request);
        entityManager.flush();
        changed();
        return ContentView.of(content);
    }

    public void delete(UUID id) {
        find(id).delete();
        changed();
    }

    /** Greetings are part of the voice answer every instance caches. */
    private void changed() {
        changes.fire(new TenantDataChanged("content", tenantContext.requireTenantId()));
    }

    private Content find(UUID id) {
        return Content.findForTenant(tenantContext.requireTenantId(), id)
                .orElseThrow(() -> new ApiException.NotFound("Content " + id));
    }

    private static void apply(Content content, ContentRequest request) {
        content.title = request.title().trim();
        content.type = request.type();
        content.body = request.body();
        content.active = request.active() == null || request.active();
    }
}
