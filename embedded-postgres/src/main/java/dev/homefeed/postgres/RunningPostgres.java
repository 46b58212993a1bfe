package dev.homefeed.postgres;

import java.nio.file.Path;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started embedded PostgreSQL. Stops on {@link #close()} or, failing that, when the JVM shuts down;
 * the stop is bounded so a wedged server cannot hang the service's shutdown.
 */
public final class RunningPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunningPostgres.class);

    private final PgCtl pg;
    private final EmbeddedPostgresSettings settings;
    private final LauncherLock lock;
    private final int port;
    private final String username;
    private final String password;
    private final String database;
    private final Thread shutdownHook = new Thread(this::close, "embedded-postgres-stop");
    private boolean stopped;
    private boolean down;

    RunningPostgres(PgCtl pg, EmbeddedPostgresSettings settings, LauncherLock lock, int port, String username,
                    String password, String database) {
        this.pg = pg;
        this.settings = settings;
        this.lock = lock;
        this.port = port;
        this.username = username;
        this.password = password;
        this.database = database;
        if (lock != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /**
     * A server another process started and owns (a running service's embedded PostgreSQL), to make a standby of:
     * closing this handle leaves it running.
     */
    static RunningPostgres attached(PgCtl pg, EmbeddedPostgresSettings settings, int port, String username, String password) {
        return new RunningPostgres(pg, settings, null, port, username, password, settings.database());
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

    /** initdb and pg_ctl as this server runs them: a standby of it is made from the same binaries. */
    PgCtl pgCtl() {
        return pg;
    }

    EmbeddedPostgresSettings settings() {
        return settings;
    }

    /** PGDATA, for operators and tests. */
    public Path cluster() {
        return pg.files().cluster();
    }

    /**
     * A fault drill: {@code pg_ctl stop -m immediate}, which ends every server process at once, as a crash or a power
     * cut would, without writing out what is still in memory; the next {@link #startAgain()} runs crash recovery.
     */
    public synchronized void crash() {
        stopAs("immediate");
    }

    /** A fault drill: {@code pg_ctl stop -m fast}, a clean shutdown that rolls back open transactions. */
    public synchronized void stopCleanly() {
        stopAs("fast");
    }

    /** Starts the server a drill stopped, on the same port and with the same settings. */
    public synchronized void startAgain() {
        if (!down) {
            throw new IllegalStateException("PostgreSQL on port " + port + " is running");
        }
        HostCommand.Result result = pg.start(port, settings.serverSettings(), settings.startTimeout());
        if (!result.succeeded()) {
            throw new IllegalStateException("PostgreSQL did not start again on port " + port + ": " + result.output().trim());
        }
        down = false;
    }

    private void stopAs(String mode) {
        if (stopped || down) {
            throw new IllegalStateException("PostgreSQL on port " + port + " is not running");
        }
        HostCommand.Result result = pg.stop(mode, Duration.ofSeconds(30));
        if (!result.succeeded()) {
            throw new IllegalStateException("pg_ctl stop -m " + mode + " failed: " + result.output().trim());
        }
        down = true;
    }

    @Override
    public synchronized void close() {
        if (stopped || lock == null) {
            return;
        }
        stopped = true;
        stopOnlyWhenClosed();
        if (down) {
            lock.close();
            return;
        }
        if (pg.shutdown()) {
            log.info("Embedded PostgreSQL on port {} stopped", port);
        }
        lock.close();
    }
}
