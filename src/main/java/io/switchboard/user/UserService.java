package io.switchboard.user;

import io.switchboard.auth.PasswordHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Locale;
import java.util.UUID;

/** A tenant's dashboard users. */
@ApplicationScoped
@Transactional
public class UserService {

    private final PasswordHasher passwords;

    UserService(PasswordHasher passwords) {
        this.passwords = passwords;
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
}
