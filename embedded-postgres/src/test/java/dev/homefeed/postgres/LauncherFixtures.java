package dev.homefeed.postgres;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.homefeed.postgres.testing.TestPostgres;
import dev.homefeed.postgres.testing.TestRun;

/** Data directories and SQL helpers for the launcher tests. */
final class LauncherFixtures {

    private static final AtomicInteger DIRECTORIES = new AtomicInteger();

    private LauncherFixtures() {
    }

    static Path newDataDirectory() {
        return TestRun.directory().resolve("launcher-" + DIRECTORIES.incrementAndGet());
    }

    static EmbeddedPostgresSettings settings(Path dataDirectory) {
        return EmbeddedPostgresSettings.forDataDirectory(dataDirectory).withBinariesDirectory(TestPostgres.binariesCache());
    }

    static void execute(RunningPostgres postgres, String sql) throws SQLException {
        try (Connection connection = connect(postgres); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static List<String> column(RunningPostgres postgres, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = connect(postgres); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    static long postmasterPid(RunningPostgres postgres) throws java.io.IOException {
        return Long.parseLong(Files.readAllLines(postgres.cluster().resolve("postmaster.pid"), StandardCharsets.UTF_8).get(0));
    }

    private static Connection connect(RunningPostgres postgres) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }
}
