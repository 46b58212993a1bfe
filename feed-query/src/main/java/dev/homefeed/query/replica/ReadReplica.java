package dev.homefeed.query.replica;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.homefeed.projection.api.Freshness;
import dev.homefeed.projection.lifecycle.TokenPositions;
import dev.homefeed.query.api.ReadReplicaStatus;
import dev.homefeed.query.api.ReadReplicaStatus.State;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One streaming standby that feed and read-marker reads may go to: a small read-only pool, and what the last check
 * found (its state, how far its replay is behind the primary, how fresh each projection is on it).
 */
final class ReadReplica implements AutoCloseable {

    /** What the last check found. {@code lagMillis} is -1 when it could not be told. */
    record Check(State state, long lagMillis, String reason) {
    }

    private final String name;
    private final HikariDataSource pool;
    private final JdbcClient jdbc;
    private final TokenPositions tokens;
    private final LongAdder reads = new LongAdder();
    private final Map<String, Freshness> freshness = new ConcurrentHashMap<>();
    private volatile Check check = new Check(State.DOWN, -1, "not checked yet");

    ReadReplica(String url, String username, String password, int poolSize, TokenPositions primaryTokens) {
        this.name = nameOf(url);
        HikariConfig config = new HikariConfig();
        config.setPoolName("read-replica " + name);
        config.setJdbcUrl(url);
        if (!url.contains("user=")) {
            config.setUsername(username);
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setReadOnly(true);
        // As the primary's pool: a replica that does not answer is given up on within a read's time, not Hikari's 30 s.
        config.setConnectionTimeout(1_000);
        config.setValidationTimeout(500);
        config.addDataSourceProperty("connectTimeout", "2");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        // A replica down at start is reported by the checks, never a reason for the service not to start.
        config.setInitializationFailTimeout(-1);
        this.pool = new HikariDataSource(config);
        this.jdbc = JdbcClient.create(pool);
        this.tokens = primaryTokens.on(jdbc);
    }

    /** The URL without its parameters, so without credentials: host, port and database. */
    static String nameOf(String url) {
        String withoutParameters = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        return withoutParameters.replaceFirst("^jdbc:postgresql://", "");
    }

    String name() {
        return name;
    }

    State state() {
        return check.state();
    }

    ReadReplicaStatus status() {
        Check last = check;
        return new ReadReplicaStatus(name, last.state(), last.lagMillis(), reads.sum(), last.reason());
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    TokenPositions tokens() {
        return tokens;
    }

    void counted() {
        reads.increment();
    }

    Freshness freshness(String projection) {
        return freshness.getOrDefault(projection, Freshness.UNKNOWN);
    }

    void freshness(String projection, Freshness value) {
        freshness.put(projection, value);
    }

    Check check() {
        return check;
    }

    void checked(Check check) {
        this.check = check;
    }

    /**
     * Where its replay stands against the primary's WAL position {@code primaryLsn} (read just before): caught up, or
     * behind by the age of the last transaction it replayed.
     */
    Check look(String primaryLsn, Duration maxLag) {
        return jdbc.sql("""
                SELECT pg_is_in_recovery(),
                       coalesce(pg_last_wal_replay_lsn() >= CAST(:primary AS pg_lsn), false),
                       (extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::bigint""")
                .param("primary", primaryLsn)
                .query((rs, i) -> {
                    if (!rs.getBoolean(1)) {
                        return new Check(State.DOWN, -1, "not a standby (pg_is_in_recovery() is false): a primary is never"
                                + " read from as a replica");
                    }
                    long behind = rs.getLong(3);
                    boolean neverReplayed = rs.wasNull();
                    long lag = rs.getBoolean(2) ? 0 : neverReplayed ? -1 : Math.max(0, behind);
                    if (lag < 0 || lag > maxLag.toMillis()) {
                        return new Check(State.LAGGING, lag, "replay behind the primary by more than " + maxLag);
                    }
                    return new Check(State.SERVING, lag, null);
                })
                .single();
    }

    @Override
    public void close() {
        pool.close();
    }
}
