package dev.homefeed.postgres;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** initdb and pg_ctl for one cluster, always run as the database user. */
record PgCtl(Path home, ClusterFiles files, DatabaseUser user) {

    private static final Logger log = LoggerFactory.getLogger(PgCtl.class);
    private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z0-9_.:/+-]*");

    void initdb(Path target, String superuser) {
        run(List.of(bin("initdb"), "-D", target.toString(), "-U", superuser, "--auth=scram-sha-256",
                "--pwfile=" + files.password(), "--encoding=UTF8", "--locale=C",
                // PostgreSQL 17's own UTF-8 semantics: the same on every host, no OS locale needed.
                "--locale-provider=builtin", "--builtin-locale=C.UTF-8"), Duration.ofMinutes(5), true);
    }

    HostCommand.Result start(int port, Map<String, String> settings, Duration timeout) {
        // No unix socket at all: no path-length limit, no /tmp permissions; pg_ctl -w waits on postmaster.pid.
        StringBuilder options = new StringBuilder("-p " + port
                + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''");
        settings.forEach((name, value) -> {
            if (!PLAIN_VALUE.matcher(name + value).matches()) {
                throw new IllegalArgumentException("Unsupported PostgreSQL setting " + name + "=" + value);
            }
            options.append(" -c ").append(name).append('=').append(value);
        });
        return run(List.of(bin("pg_ctl"), "start", "-D", files.cluster().toString(), "-l", files.log().toString(),
                "-w", "-t", Long.toString(timeout.toSeconds()), "-o", options.toString()), timeout.plusSeconds(30), false);
    }

    HostCommand.Result stop(String mode, Duration timeout) {
        return run(List.of(bin("pg_ctl"), "stop", "-D", files.cluster().toString(), "-m", mode,
                "-w", "-t", Long.toString(timeout.toSeconds())), timeout.plusSeconds(10), false);
    }

    /** Fast rolls back open transactions and checkpoints; immediate is the bounded fallback (crash recovery next start). */
    boolean shutdown() {
        return stopReporting("fast", Duration.ofSeconds(15)) || stopReporting("immediate", Duration.ofSeconds(5));
    }

    private boolean stopReporting(String mode, Duration timeout) {
        try {
            HostCommand.Result result = stop(mode, timeout);
            if (!result.succeeded()) {
                log.warn("pg_ctl stop -m {} failed: {}", mode, result.output().trim());
            }
            return result.succeeded();
        } catch (RuntimeException e) {
            log.warn("pg_ctl stop -m {} failed", mode, e);
            return false;
        }
    }

    private HostCommand.Result run(List<String> command, Duration timeout, boolean required) {
        HostCommand.Result result = new HostCommand(user.command(command), files.root(), timeout).run();
        if (required && !result.succeeded()) {
            throw new IllegalStateException(Path.of(command.get(0)).getFileName() + " failed (exit "
                    + result.exitCode() + "):\n" + result.output());
        }
        return result;
    }

    private String bin(String program) {
        return home.resolve("bin").resolve(program).toString();
    }
}
