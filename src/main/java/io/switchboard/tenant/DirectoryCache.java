package io.switchboard.tenant;

import io.switchboard.common.ChangeAwareCache;
import io.switchboard.common.ChangeFeed;
import io.switchboard.common.TenantDataChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * The tenant directory's answers that every request asks (which tenant a Host, an API key or a
 * Twilio AccountSid belongs to), remembered so that a request does not pay a database round trip
 * before its own work: measured, the API key and domain lookups were two of a list request's three
 * statements and most of its database time (docs/BENCHMARKS.md).
 *
 * <p>Correct across instances through {@link ChangeAwareCache}: a tenant's change (status, custom
 * domain, account SID) and a key's revocation are announced on commit, and every instance forgets
 * the tenant's entries at once. What is remembered:
 * <ul>
 *   <li>domains, found or not: nearly every Host is no tenant's custom domain, so the absence is
 *       what is asked most; any tenant change (a new tenant too) forgets the remembered absences,
 *       as it may have claimed the domain. Absences are kept apart, in a small cache;
 *   <li>API keys and account SIDs only when found: a key issued a moment ago must work at once,
 *       and guesses are not worth memory.
 * </ul>
 */
@ApplicationScoped
public class DirectoryCache {

    private static final int MAX_ENTRIES = 50_000;
    /**
     * Absences are keyed by whatever Host a caller sends, so an attacker can ask for many: they get
     * a small cache of their own, which such a caller only churns (each miss costs one lookup, as
     * before there was a cache) and which cannot crowd out what tenants use.
     */
    private static final int MAX_REMEMBERED_ABSENCES = 1_024;

    private static final Set<String> TENANTS = Set.of("tenants");
    private static final Set<String> TENANTS_AND_KEYS = Set.of("tenants", "api_keys");

    private final TenantDirectory directory;
    private final ChangeAwareCache<String, TenantDirectory.Entry> byDomain;
    private final ChangeAwareCache<String, Boolean> noTenantsDomain;
    private final ChangeAwareCache<String, TenantDirectory.ApiKeyEntry> byApiKeyHash;
    private final ChangeAwareCache<String, TenantDirectory.Entry> byAccountSid;

    DirectoryCache(TenantDirectory directory, ChangeFeed feed) {
        this.directory = directory;
        this.byDomain = new ChangeAwareCache<>(feed, MAX_ENTRIES);
        this.noTenantsDomain = new ChangeAwareCache<>(feed, MAX_REMEMBERED_ABSENCES);
        this.byApiKeyHash = new ChangeAwareCache<>(feed, MAX_ENTRIES);
        this.byAccountSid = new ChangeAwareCache<>(feed, MAX_ENTRIES);
    }

    /** The tenant whose custom domain {@code host} is, if any. */
    public Optional<TenantDirectory.Entry> byDomain(String host) {
        return TenantDirectory.customDomainOf(host).flatMap(this::tenantOfDomain);
    }

    private Optional<TenantDirectory.Entry> tenantOfDomain(String domain) {
        TenantDirectory.Entry known = byDomain.peek(domain);
        if (known != null) {
            return Optional.of(known);
        }
        if (noTenantsDomain.peek(domain) != null) {
            return Optional.empty();
        }
        // One lookup, its answer kept by the cache it belongs to, each under its own change guard.
        long entriesLoadedIn = byDomain.generation();
        long absencesLoadedIn = noTenantsDomain.generation();
        Optional<TenantDirectory.Entry> found = directory.byDomain(domain);
        found.ifPresentOrElse(
                entry -> byDomain.keep(domain, entry, entriesLoadedIn),
                () -> noTenantsDomain.keep(domain, Boolean.TRUE, absencesLoadedIn));
        return found;
    }

    /** The live key with this secret hash; a revoked or unknown key is empty. */
    public Optional<TenantDirectory.ApiKeyEntry> byApiKeyHash(byte[] secretHash) {
        return Optional.ofNullable(byApiKeyHash.get(
                HexFormat.of().formatHex(secretHash),
                () -> directory.byApiKeyHash(secretHash).orElse(null)));
    }

    public Optional<TenantDirectory.Entry> byAccountSid(String accountSid) {
        if (accountSid == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byAccountSid.get(
                accountSid, () -> directory.byAccountSid(accountSid).orElse(null)));
    }

    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) TenantDataChanged change) {
        byDomain.forget(change, TENANTS, (domain, entry) -> entry.tenantId());
        // Any tenant's change (a new tenant too) may have claimed a domain remembered as nobody's.
        noTenantsDomain.forget(change, TENANTS, (domain, absent) -> null);
        byApiKeyHash.forget(change, TENANTS_AND_KEYS, (hash, key) -> key.tenantId());
        byAccountSid.forget(change, TENANTS, (sid, entry) -> entry.tenantId());
    }
}
