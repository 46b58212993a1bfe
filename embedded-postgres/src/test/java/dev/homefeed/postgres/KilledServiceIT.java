package dev.homefeed.postgres;

import static dev.homefeed.postgres.LauncherFixtures.column;
import static dev.homefeed.postgres.LauncherFixtures.execute;
import static dev.homefeed.postgres.LauncherFixtures.newDataDirectory;
import static dev.homefeed.postgres.LauncherFixtures.postmasterPid;
import static dev.homefeed.postgres.LauncherFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A service killed with SIGKILL leaves its PostgreSQL running; the next start must cope. */
class KilledServiceIT {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void nextStartStopsThePostgresAKilledServiceLeftRunningAndKeepsItsData() throws Exception {
        Path dataDirectory = newDataDirectory();
        Process service = startServiceInOwnJvm(dataDirectory);
        try {
            awaitReady(service);
        } finally {
            service.destroyForcibly().waitFor();
        }
        long orphanPid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postgres/cluster/postmaster.pid")).get(0));
        Optional<ProcessHandle> orphan = ProcessHandle.of(orphanPid);
        assertThat(orphan).get().matches(ProcessHandle::isAlive, "left running by the killed service");

        try (RunningPostgres postgres = new EmbeddedPostgresLauncher(settings(dataDirectory)).start()) {
            execute(postgres, "CREATE TABLE survived (id int)");
            assertThat(column(postgres, "SELECT count(*) FROM survived")).containsExactly("0");
            assertThat(postmasterPid(postgres)).isNotEqualTo(orphanPid);
            assertThat(orphan.get().isAlive()).isFalse();
        }
    }

    private static Process startServiceInOwnJvm(Path dataDirectory) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                AbandoningService.class.getName(), dataDirectory.toString()))
                .redirectErrorStream(true).start();
    }

    private static void awaitReady(Process service) throws Exception {
        BufferedReader output = new BufferedReader(new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith("READY ")) {
                return;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("The service JVM exited before it was ready:\n" + seen);
    }
}
