package dev.homefeed.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * A streaming standby made by {@link StandbyLauncher}: a server of its own, read-only, replaying the primary's WAL,
 * with the drills tests need (stop, start again, delay its replay). Closing it stops it and drops its slot on the
 * primary, so the primary stops keeping WAL for it.
 */
public final class RunningStandby implements AutoCloseable {

    private final RunningPostgres primary;
    private final RunningPostgres server;
    private final ClusterFiles files;
    private final String slot;

    RunningStandby(RunningPostgres primary, RunningPostgres server, ClusterFiles files, String slot) {
        this.primary = primary;
        this.server = server;
        this.files = files;
        this.slot = slot;
    }

    public String jdbcUrl(String database) {
        return server.jdbcUrl(database);
    }

    public int port() {
        return server.port();
    }

    public String username() {
        return server.username();
    }

    public String password() {
        return server.password();
    }

    /** As {@link RunningPostgres#stopOnlyWhenClosed()}: for owners that close it in a shutdown of their own. */
    public void stopOnlyWhenClosed() {
        server.stopOnlyWhenClosed();
    }

    public void stopCleanly() {
        server.stopCleanly();
    }

    public void startAgain() {
        server.startAgain();
    }

    /**
     * Holds each transaction back this long before applying it ({@code recovery_min_apply_delay}, a reload, no
     * restart): a standby that lags. {@link Duration#ZERO} lets it catch up.
     */
    public void delayApply(Duration delay) {
        Path conf = files.cluster().resolve("postgresql.auto.conf");
        try {
            List<String> lines = Files.readAllLines(conf, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.startsWith("recovery_min_apply_delay"))
                    .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
            lines.add("recovery_min_apply_delay = '" + delay.toMillis() + "ms'");
            Files.write(conf, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + conf, e);
        }
        try (Connection c = StandbyLauncher.connect(server); Statement s = c.createStatement()) {
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reload the standby on port " + port(), e);
        }
    }

    @Override
    public void close() {
        server.close();
        try (Connection c = StandbyLauncher.connect(primary);
                PreparedStatement drop = c.prepareStatement(
                        "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?")) {
            drop.setString(1, slot);
            drop.execute();
        } catch (SQLException primaryGone) {
            // A primary that is gone keeps no WAL for anyone.
        }
    }
}
