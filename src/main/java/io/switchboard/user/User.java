package io.switchboard.user;

import io.switchboard.common.TrackedTenantEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** One of a tenant's people who logs in to the dashboard. */
@Entity
@Table(name = "users")
public class User extends TrackedTenantEntity {

    @Column(name = "email", nullable = false)
    public String email;

    @Column(name = "name", nullable = false)
    public String name;

    /** PHC-style Argon2id string; never leaves the auth package. */
    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(name = "role", nullable = false)
    public Role role;

    @Column(name = "active", nullable = false)
    public boolean active = true;

    @Column(name = "onboarding_completed", nullable = false)
    public boolean onboardingCompleted;

    @Column(name = "last_login_at")
    public Instant lastLoginAt;

    public static Optional<User> findForTenant(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }

    public static Optional<User> findByEmail(UUID tenantId, String email) {
        return find("tenantId = ?1 and email = ?2", tenantId, email.toLowerCase(Locale.ROOT))
                .firstResultOptional();
    }
}
