package dev.homefeed.postgres;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started embedded PostgreSQL. Stops on {@link #close()} or, failing that, when the JVM shuts down;
 * the stop is bounded so a wedged server cannot hang the service's shutdown.
 */
public final class RunningPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunningPostgres.class);

    private final PgCtl pg;
    private final LauncherLock lock;
    private final int port;
    private final String username;
    private final String password;
    private final String database;
    private final Thread shutdownHook = new Thread(this::close, "embedded-postgres-stop");
    private boolean stopped;

    RunningPostgres(PgCtl pg, LauncherLock lock, int port, String username, String password, String database) {
        this.pg = pg;
        this.lock = lock;
        this.port = port;
        this.username = username;
        this.password = password;
        this.database = database;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /**
     * Leaves the stop to {@link #close()} alone. For owners that close it in their own shutdown, such as a Spring
     * context: a JVM hook of ours would run alongside theirs and stop the database under a graceful shutdown.
     */
    public void stopOnlyWhenClosed() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Too late to matter.
        }
    }

    /** PGDATA, for operators and tests. */
    public Path cluster() {
        return pg.files().cluster();
    }

    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        stopOnlyWhenClosed();
        if (pg.shutdown()) {
            log.info("Embedded PostgreSQL on port {} stopped", port);
        }
        lock.close();
    }
}
