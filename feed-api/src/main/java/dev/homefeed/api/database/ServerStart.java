package dev.homefeed.api.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

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
                        + ":\n" + pg.logTail());
            }
            port = PortFile.choose(pg.files().port(), false);
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
