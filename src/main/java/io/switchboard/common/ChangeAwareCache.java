package io.switchboard.common;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * A bounded in-memory cache of values read from the database that is told when they change (by
 * {@link TenantDataChanged}): entries live {@link #LONG_LIFE} while the {@link ChangeFeed} hears
 * other instances, and only {@link #SHORT_LIFE} while it does not.
 *
 * <p>A value read before a change but stored after the change was announced would otherwise stay
 * wrong for the long life: every forget advances a generation, and a value whose load began in an
 * older generation is returned but not kept.
 */
public final class ChangeAwareCache<K, V> {

    public static final Duration LONG_LIFE = Duration.ofMinutes(10);
    public static final Duration SHORT_LIFE = Duration.ofSeconds(10);

    private record Timed<V>(V value, long expiresAtNanos) {
        boolean fresh() {
            return System.nanoTime() - expiresAtNanos < 0;
        }
    }

    private final ChangeFeed feed;
    private final int maxEntries;
    private final Map<K, Timed<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    public ChangeAwareCache(ChangeFeed feed, int maxEntries) {
        this.feed = feed;
        this.maxEntries = maxEntries;
    }

    /** The cached value, else {@code load}'s (null is returned, never kept). */
    public V get(K key, Supplier<V> load) {
        V cached = peek(key);
        return cached != null ? cached : reload(key, load);
    }

    /** Reads again whatever is cached: for a value found to be stale (a signature that no longer matches). */
    public V reload(K key, Supplier<V> load) {
        long loadedIn = generation();
        V loaded = load.get();
        if (loaded != null) {
            keep(key, loaded, loadedIn);
        }
        return loaded;
    }

    /** The cached value if fresh, else null; for a caller that loads by itself (see {@link #keep}). */
    public V peek(K key) {
        Timed<V> cached = entries.get(key);
        return cached != null && cached.fresh() ? cached.value() : null;
    }

    /** Where the cache's changes stand: taken before a load, and given to {@link #keep} with its result. */
    public long generation() {
        return generation.get();
    }

    /**
     * Keeps {@code value}, read from the database after {@link #generation()} was {@code loadedIn},
     * unless something changed since (the value may predate that change, and is then not kept).
     */
    public void keep(K key, V value, long loadedIn) {
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        Duration life = feed.isLive() ? LONG_LIFE : SHORT_LIFE;
        entries.put(key, new Timed<>(value, System.nanoTime() + life.toNanos()));
        if (generation.get() != loadedIn) {
            // Something changed while it loaded: what was read may predate it.
            entries.remove(key);
        }
    }

    /**
     * Forgets what {@code change} may have made stale: everything when changes may have been missed
     * (no tenant named), else, when it concerns one of {@code tables}, every entry that
     * {@code tenantOf} ties to the changed tenant or to none (a remembered absence, which any change
     * to those tables may end).
     */
    public void forget(TenantDataChanged change, Set<String> tables, BiFunction<K, V, UUID> tenantOf) {
        if (change.tenantId() == null) {
            forgetAll();
        } else if (tables.stream().anyMatch(change::concerns)) {
            forgetIf((key, value) -> {
                UUID tenantId = tenantOf.apply(key, value);
                return tenantId == null || tenantId.equals(change.tenantId());
            });
        }
    }

    public void forgetIf(BiPredicate<K, V> matches) {
        generation.incrementAndGet();
        entries.entrySet()
                .removeIf(entry -> matches.test(entry.getKey(), entry.getValue().value()));
    }

    public void forgetAll() {
        generation.incrementAndGet();
        entries.clear();
    }
}
