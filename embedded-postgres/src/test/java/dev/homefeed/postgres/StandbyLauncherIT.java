package dev.homefeed.postgres;

import static dev.homefeed.postgres.LauncherFixtures.column;
import static dev.homefeed.postgres.LauncherFixtures.execute;
import static dev.homefeed.postgres.LauncherFixtures.newDataDirectory;
import static dev.homefeed.postgres.LauncherFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class StandbyLauncherIT {

    @Test
    void aStandbyStreamsThePrimarysWritesAndRefusesItsOwn() throws Exception {
        try (RunningPostgres primary = new EmbeddedPostgresLauncher(settings(newDataDirectory())).start()) {
            execute(primary, "CREATE TABLE note (text text)");
            execute(primary, "INSERT INTO note VALUES ('before the copy')");
            try (RunningStandby standby = StandbyLauncher.start(primary, newDataDirectory(), "standby_one")) {
                assertThat(query(standby, "SELECT pg_is_in_recovery()")).isEqualTo("t");
                assertThat(query(standby, "SELECT string_agg(text, ',') FROM note")).isEqualTo("before the copy");

                execute(primary, "INSERT INTO note VALUES ('after the copy')");
                await().ignoreExceptions().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(query(standby, "SELECT string_agg(text, ',' ORDER BY text) FROM note"))
                                .isEqualTo("after the copy,before the copy"));
                assertThatThrownBy(() -> query(standby, "INSERT INTO note VALUES ('on the standby') RETURNING text"))
                        .hasMessageContaining("read-only");
                assertThat(column(primary, "SELECT active::text FROM pg_replication_slots WHERE slot_name = 'standby_one'"))
                        .containsExactly("true");
            }
            assertThat(column(primary, "SELECT slot_name FROM pg_replication_slots")).isEmpty();
        }
    }

    @Test
    void aDelayedStandbyFallsBehindAndCatchesUpWhenTheDelayIsLifted() throws Exception {
        try (RunningPostgres primary = new EmbeddedPostgresLauncher(settings(newDataDirectory())).start();
                RunningStandby standby = StandbyLauncher.start(primary, newDataDirectory(), "standby_two")) {
            execute(primary, "CREATE TABLE note (text text)");
            await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> query(standby, "SELECT to_regclass('note')::text") != null);

            standby.delayApply(Duration.ofMinutes(10));
            execute(primary, "INSERT INTO note VALUES ('held back')");
            Thread.sleep(1_000);
            assertThat(query(standby, "SELECT count(*) FROM note")).isEqualTo("0");

            standby.delayApply(Duration.ZERO);
            await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> query(standby, "SELECT count(*) FROM note").equals("1"));
        }
    }

    @Test
    void aStoppedStandbyStartsAgainAndCatchesUp() throws Exception {
        try (RunningPostgres primary = new EmbeddedPostgresLauncher(settings(newDataDirectory())).start();
                RunningStandby standby = StandbyLauncher.start(primary, newDataDirectory(), "standby_three")) {
            execute(primary, "CREATE TABLE note (text text)");
            standby.stopCleanly();
            execute(primary, "INSERT INTO note VALUES ('written while it was down')");
            standby.startAgain();
            await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> "1".equals(query(standby, "SELECT count(*) FROM note")));
        }
    }

    private static String query(RunningStandby standby, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(standby.jdbcUrl("feed"), standby.username(), standby.password());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
