package io.switchboard.user;

import jakarta.validation.constraints.Size;

/** {@code PATCH /v1/users/{id}}: admins change name, role and active; a user marks their own onboarding. */
public record UpdateUserRequest(
        @Size(min = 1, max = 200) String name, Role role, Boolean active, Boolean onboardingCompleted) {}
