package io.switchboard.user;

import io.switchboard.auth.Caller;
import io.switchboard.auth.PasswordHasher;
import io.switchboard.common.ApiException;
import io.switchboard.common.Keyset;
import io.switchboard.common.Page;
import io.switchboard.common.PageRequest;
import io.switchboard.idempotency.IdempotentRequest;
import io.switchboard.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * A tenant's dashboard users. Users are deactivated, never deleted: their calls and audit rows keep
 * them. Nobody changes their own role, and only a CEO, a tenant app or an operator creates, changes
 * or removes a CEO, so an admin can neither promote themselves nor remove the people above them.
 */
@ApplicationScoped
public class UserService {

    private final PasswordHasher passwords;
    private final TenantContext tenantContext;
    private final Caller caller;
    private final EntityManager entityManager;
    private final Event<UserDeactivated> deactivations;
    private final IdempotentRequest idempotency;

    UserService(
            PasswordHasher passwords,
            TenantContext tenantContext,
            Caller caller,
            EntityManager entityManager,
            Event<UserDeactivated> deactivations,
            IdempotentRequest idempotency) {
        this.passwords = passwords;
        this.tenantContext = tenantContext;
        this.caller = caller;
        this.entityManager = entityManager;
        this.deactivations = deactivations;
        this.idempotency = idempotency;
    }

    /** Hashes first, outside any transaction (see PasswordHasher), then stores. */
    public UserView create(CreateUserRequest request) {
        return store(request, hash(request));
    }

    /**
     * As {@link #create(CreateUserRequest)}, for the tenant API: {@code answer} is the HTTP answer,
     * which commits with the user's row (kept for replay when the request has an Idempotency-Key).
     */
    public Response create(CreateUserRequest request, Function<UserView, Response> answer) {
        String passwordHash = hash(request);
        return idempotency.commit(() -> answer.apply(store(request, passwordHash)));
    }

    private String hash(CreateUserRequest request) {
        if (request.role() == Role.CEO) {
            requireCeoManager();
        }
        return passwords.hash(request.password());
    }

    @Transactional
    UserView store(CreateUserRequest request, String passwordHash) {
        User user = new User();
        user.tenantId = tenantContext.requireTenantId();
        user.email = request.email().trim().toLowerCase(Locale.ROOT);
        user.name = request.name().trim();
        user.role = request.role();
        user.passwordHash = passwordHash;
        user.persistAndFlush();
        return UserView.of(user);
    }

    @Transactional
    public Page<UserView> list(Role role, Boolean active, PageRequest page) {
        return Keyset.of(User.class, tenantContext.requireTenantId())
                .and("e.role = :role", "role", role)
                .and("e.active = :active", "active", active)
                .page(entityManager, page, UserView::of);
    }

    /**
     * Managers (admins, the CEO, apps) may change name, role and active; anyone may mark their own
     * onboarding complete, and nothing else of theirs.
     */
    @Transactional
    public UserView update(UUID id, UpdateUserRequest patch, Set<String> present) {
        User user = find(id);
        boolean self = caller.userId().map(id::equals).orElse(false);
        boolean onlyOnboarding = present.equals(Set.of("onboardingCompleted"));
        if (!caller.managesUsers() && !(self && onlyOnboarding)) {
            throw new ApiException.Forbidden("Only admins change users; you may mark your own onboarding complete");
        }
        if (present.contains("role") && self) {
            throw new ApiException.Forbidden("Nobody changes their own role");
        }
        if (user.role == Role.CEO && !onlyOnboarding || present.contains("role") && patch.role() == Role.CEO) {
            requireCeoManager();
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

    @Transactional
    public void deactivate(UUID id) {
        User user = find(id);
        if (user.role == Role.CEO) {
            requireCeoManager();
        }
        setActive(user, false);
    }

    private void setActive(User user, boolean active) {
        if (user.active && !active) {
            deactivations.fire(new UserDeactivated(user.tenantId, user.id));
        }
        user.active = active;
    }

    private void requireCeoManager() {
        if (!caller.managesCeos()) {
            throw new ApiException.Forbidden(
                    "Only a CEO, a tenant app or an operator creates, changes or removes a CEO");
        }
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
