package dev.homefeed.postgres;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One server per cluster per JVM, however many application contexts ask for it (tests that boot the
 * application several times, parent and child contexts). The last context to close stops it.
 */
final class SharedEmbeddedPostgres {

    private static final Map<Path, Lease> LEASES = new HashMap<>();

    private record Lease(RunningPostgres postgres, int holders) {
    }

    private SharedEmbeddedPostgres() {
    }

    static synchronized RunningPostgres acquire(EmbeddedPostgresSettings settings) {
        Lease lease = LEASES.get(settings.dataDirectory());
        RunningPostgres postgres = lease != null ? lease.postgres() : new EmbeddedPostgresLauncher(settings).start();
        LEASES.put(settings.dataDirectory(), new Lease(postgres, lease != null ? lease.holders() + 1 : 1));
        return postgres;
    }

    static synchronized void release(Path dataDirectory) {
        Lease lease = LEASES.remove(dataDirectory);
        if (lease == null) {
            return;
        }
        if (lease.holders() > 1) {
            LEASES.put(dataDirectory, new Lease(lease.postgres(), lease.holders() - 1));
        } else {
            lease.postgres().close();
        }
    }
}
