package io.switchboard.common;

import io.quarkus.arc.All;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Runs every feature's {@link StartupCheck}, each stage once, in order. The stages up to the
 * database logins run just before Flyway migrates (see {@code MigrationGate}); whatever has not
 * run by the time the application starts runs then, the stored data last.
 */
@ApplicationScoped
public class StartupChecks {

    private static final Logger LOG = Logger.getLogger(StartupChecks.class);

    private final List<StartupCheck> checks;
    private final Set<StartupCheck.Stage> done = EnumSet.noneOf(StartupCheck.Stage.class);

    StartupChecks(@All List<StartupCheck> checks) {
        this.checks = checks.stream()
                .sorted(Comparator.comparing(StartupCheck::stage)
                        .thenComparing(check -> check.getClass().getName()))
                .toList();
    }

    /** Runs every stage up to and including {@code last} that has not run yet. */
    public synchronized void runThrough(StartupCheck.Stage last) {
        for (StartupCheck.Stage stage : StartupCheck.Stage.values()) {
            if (stage.compareTo(last) > 0) {
                return;
            }
            if (done.add(stage)) {
                for (StartupCheck check : checks) {
                    if (check.stage() == stage) {
                        check.check();
                    }
                }
                LOG.debugf("Start-up checks passed: %s", stage);
            }
        }
    }

    void onStart(@Observes StartupEvent event) {
        runThrough(StartupCheck.Stage.STORED_DATA);
    }
}
