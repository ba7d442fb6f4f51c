package io.switchboard.common;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
        Timed<V> cached = entries.get(key);
        return cached != null && cached.fresh() ? cached.value() : reload(key, load);
    }

    /** Reads again whatever is cached: for a value found to be stale (a signature that no longer matches). */
    public V reload(K key, Supplier<V> load) {
        long loadedIn = generation.get();
        V loaded = load.get();
        if (loaded != null) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            Duration life = feed.isLive() ? LONG_LIFE : SHORT_LIFE;
            entries.put(key, new Timed<>(loaded, System.nanoTime() + life.toNanos()));
            if (generation.get() != loadedIn) {
                // Something changed while it loaded: what was read may predate it.
                entries.remove(key);
            }
        }
        return loaded;
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
