package io.switchboard.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Credential settings: API-key bookkeeping and how much password hashing may run at once. */
@ConfigMapping(prefix = "switchboard.auth")
public interface AuthConfig {

    /** API keys record their last use at most this often, so requests do not each write. */
    @WithDefault("1M")
    Duration apiKeyUsageResolution();

    /**
     * Password hashes (Argon2id, 19 MiB and about 30 ms of one core each) computed at once. A burst
     * of logins beyond it waits its turn, holding no database connection, so it cannot starve other
     * requests of connections or memory.
     */
    @WithDefault("2")
    int concurrentPasswordHashes();

    /** How long a login waits for its turn to hash before it is answered 503 with Retry-After. */
    @WithDefault("10S")
    Duration passwordHashQueueTimeout();
}
