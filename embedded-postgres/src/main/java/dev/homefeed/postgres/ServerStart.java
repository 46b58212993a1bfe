package dev.homefeed.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * One {@code pg_ctl start}, on the remembered port when it is free. The port is checked before the
 * start but can still be taken in between, so a start that failed on a now-busy port tries a new one.
 */
final class ServerStart {

    private static final int ATTEMPTS = 3;
    private static final long LOG_ROTATE_BYTES = 10L * 1024 * 1024;

    private final PgCtl pg;
    private final EmbeddedPostgresSettings settings;

    ServerStart(PgCtl pg, EmbeddedPostgresSettings settings) {
        this.pg = pg;
        this.settings = settings;
    }

    /** Starts the server and returns its port. */
    int run() throws IOException {
        rotateLog();
        int port = PortFile.choose(pg.files().port(), true);
        for (int attempt = 1; ; attempt++) {
            HostCommand.Result result = pg.start(port, settings.serverSettings(), settings.startTimeout());
            if (result.succeeded()) {
                return port;
            }
            // A start that timed out may still be coming up; it must not linger behind our back.
            pg.stop("immediate", Duration.ofSeconds(10));
            if (attempt == ATTEMPTS || PortFile.isFree(port)) {
                throw new IllegalStateException("PostgreSQL did not start on port " + port + " (data in "
                        + pg.files().cluster() + "):\n" + result.output().trim() + "\nServer log " + pg.files().log()
                        + ":\n" + logTail());
            }
            port = PortFile.choose(pg.files().port(), false);
        }
    }

    /** The end of the server log, for error messages: pg_ctl itself only says "examine the log output". */
    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(pg.files().log(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no server log at " + pg.files().log() + ")";
        }
    }

    /** pg_ctl -l only ever appends; keep one previous log so the file cannot grow without bound. */
    private void rotateLog() throws IOException {
        if (Files.exists(pg.files().log()) && Files.size(pg.files().log()) > LOG_ROTATE_BYTES) {
            Files.move(pg.files().log(), pg.files().log().resolveSibling("postgres.log.1"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
