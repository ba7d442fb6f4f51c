package io.switchboard.common;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Empties the pool of connections a database restart has killed. Agroal discards only the
 * connection that failed; after a restart every idle connection in the pool is dead, and without
 * this each of them would fail one more request (a lost webhook each) before the pool refilled.
 * One failed request instead makes the pool validate all its idle connections and drop the dead.
 */
@ApplicationScoped
public class DeadConnectionSweeper {

    private static final Logger LOG = Logger.getLogger(DeadConnectionSweeper.class);
    /** During an outage every request fails; one sweep a second is enough. */
    private static final long MIN_NANOS_BETWEEN_SWEEPS = 1_000_000_000L;

    private final AgroalDataSource dataSource;
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime() - MIN_NANOS_BETWEEN_SWEEPS);

    DeadConnectionSweeper(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A request failed because the database was unreachable or dropped its connection. */
    public void connectionFailed() {
        long now = System.nanoTime();
        long last = lastSweep.get();
        if (now - last < MIN_NANOS_BETWEEN_SWEEPS || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        try {
            // INVALID validates the idle connections and closes the ones that fail; connections
            // in use are left to their own request.
            dataSource.flush(AgroalDataSource.FlushMode.INVALID);
        } catch (RuntimeException e) {
            LOG.warnf("Could not sweep the connection pool: %s", e.getMessage());
        }
    }
}
