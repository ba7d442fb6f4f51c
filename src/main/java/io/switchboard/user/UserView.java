package io.switchboard.user;

import java.time.Instant;
import java.util.UUID;

/** A dashboard user as the API shows it: never the password hash. */
public record UserView(
        UUID id,
        String email,
        String name,
        Role role,
        boolean active,
        boolean onboardingCompleted,
        Instant lastLoginAt,
        Instant createdAt,
        Instant updatedAt) {

    public static UserView of(User user) {
        return new UserView(
                user.id,
                user.email,
                user.name,
                user.role,
                user.active,
                user.onboardingCompleted,
                user.lastLoginAt,
                user.createdAt,
                user.updatedAt);
    }
}
