package io.switchboard.user;

import io.switchboard.auth.Caller;
import io.switchboard.auth.PasswordHasher;
import io.switchboard.common.ApiException;
import io.switchboard.common.Keyset;
import io.switchboard.common.Page;
import io.switchboard.common.PageRequest;
import io.switchboard.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** A tenant's dashboard users. Users are deactivated, never deleted: their calls and audit rows keep them. */
@ApplicationScoped
@Transactional
public class UserService {

    private final PasswordHasher passwords;
    private final TenantContext tenantContext;
    private final Caller caller;
    private final EntityManager entityManager;

    UserService(PasswordHasher passwords, TenantContext tenantContext, Caller caller, EntityManager entityManager) {
        this.passwords = passwords;
        this.tenantContext = tenantContext;
        this.caller = caller;
        this.entityManager = entityManager;
    }

    public UserView create(UUID tenantId, CreateUserRequest request) {
        User user = new User();
        user.tenantId = tenantId;
        user.email = request.email().trim().toLowerCase(Locale.ROOT);
        user.name = request.name().trim();
        user.role = request.role();
        user.passwordHash = passwords.hash(request.password());
        user.persistAndFlush();
        return UserView.of(user);
    }

    public UserView create(CreateUserRequest request) {
        return create(tenantContext.requireTenantId(), request);
    }

    public Page<UserView> list(Role role, Boolean active, PageRequest page) {
        return Keyset.of(User.class, tenantContext.requireTenantId())
                .and("e.role = :role", "role", role)
                .and("e.active = :active", "active", active)
                .page(entityManager, page, UserView::of);
    }

    /**
     * {@code manager} callers (admins, apps) may change name, role and active; anyone may mark their
     * own onboarding complete, and nothing else of theirs.
     */
    public UserView update(UUID id, UpdateUserRequest patch, Set<String> present, boolean manager) {
        User user = find(id);
        boolean self = caller.userId().map(id::equals).orElse(false);
        boolean onlyOnboarding = present.equals(Set.of("onboardingCompleted"));
        if (!manager && !(self && onlyOnboarding)) {
            throw new ApiException.Forbidden("Only admins change users; you may mark your own onboarding complete");
        }
        if (present.contains("name")) {
            user.name = required(patch.name(), "name").trim();
        }
        if (present.contains("role")) {
            user.role = required(patch.role(), "role");
        }
        if (present.contains("onboardingCompleted")) {
            user.onboardingCompleted = required(patch.onboardingCompleted(), "onboardingCompleted");
        }
        if (present.contains("active")) {
            setActive(user, required(patch.active(), "active"));
        }
        entityManager.flush();
        return UserView.of(user);
    }

    public void deactivate(UUID id) {
        setActive(find(id), false);
    }

    private void setActive(User user, boolean active) {
        if (user.active && !active) {
            // A deactivated user's open logins end now, not when their tokens expire.
            entityManager.createQuery("update LoginSession s set s.endedAt = :now, s.endReason = 'user_deactivated'"
                            + " where s.tenantId = :tenant and s.userId = :user and s.endedAt is null")
                    .setParameter("now", Instant.now()).setParameter("tenant", user.tenantId).setParameter("user", user.id)
                    .executeUpdate();
        }
        user.active = active;
    }

    private User find(UUID id) {
        return User.findForTenant(tenantContext.requireTenantId(), id)
                .orElseThrow(() -> new ApiException.NotFound("User " + id));
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new ApiException.Invalid(field, "may not be null");
        }
        return value;
    }
}
