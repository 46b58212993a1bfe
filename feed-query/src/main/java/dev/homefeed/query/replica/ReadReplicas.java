package dev.homefeed.query.replica;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import dev.homefeed.projection.api.Freshness;
import dev.homefeed.projection.lifecycle.ProjectionMonitor;
import dev.homefeed.projection.lifecycle.TokenPositions;
import dev.homefeed.query.api.ProjectionNames;
import dev.homefeed.query.api.ReadReplicaStatus;
import dev.homefeed.query.api.ReadReplicaStatus.State;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Where feed and read-marker reads run: a serving read replica, in turn, or the primary when none serves. Each replica
 * is looked at in the background ({@code feed.read-replicas.check-interval}), never per read: whether it is a standby
 * at all, how far its replay is behind the primary, and how fresh each projection is on it, from its own tokens. A
 * read that fails on a replica (a broken connection, a query cancelled by the standby's replay) is asked once more,
 * on another replica or the primary, so a replica going away never fails a read. Commands, source-truth reads,
 * operations and the fallbacks never come here: they read the primary.
 */
@Component
public class ReadReplicas {

    private static final Logger log = LoggerFactory.getLogger(ReadReplicas.class);
    /** The target name of reads the primary served. */
    public static final String PRIMARY = "primary";
    private static final List<String> PROJECTIONS = List.of(ProjectionNames.HOME_FEED, ProjectionNames.READ_MARKER);

    private final List<ReadReplica> replicas;
    private final ReadReplicaSettings settings;
    private final JdbcClient primary;
    private final ProjectionMonitor monitor;
    private final LongAdder primaryReads = new LongAdder();
    private final AtomicInteger turn = new AtomicInteger();

    ReadReplicas(ReadReplicaSettings settings, JdbcClient primary, ProjectionMonitor monitor, TokenPositions tokens,
                 Environment environment) {
        this.settings = settings;
        this.primary = primary;
        this.monitor = monitor;
        String username = environment.getProperty("spring.datasource.username");
        String password = environment.getProperty("spring.datasource.password");
        this.replicas = settings.urls().stream()
                .map(url -> new ReadReplica(url, username, password, settings.poolSize(), tokens))
                .toList();
        replicas.forEach(replica -> log.info("Read replica {} configured: feed and read-marker reads go there once it is"
                + " checked and within {} of the primary", replica.name(), settings.maxLag()));
    }

    /** Where a read ran: its name for metrics and logs, its connection, and how fresh each projection is there. */
    public interface Target {
        String name();

        JdbcClient jdbc();

        /** The freshness of {@code projection} as this target holds it, sampled before the read. */
        Freshness freshness(String projection);
    }

    /** Every configured replica as its last check found it, in the order configured. */
    public List<ReadReplicaStatus> statuses() {
        return replicas.stream().map(ReadReplica::status).toList();
    }

    public long primaryReads() {
        return primaryReads.sum();
    }

    /** Runs a read on a serving replica, or on the primary; a failure on a replica is asked once more elsewhere. */
    public <T> T read(Function<Target, T> read) {
        return read(null, 0, read);
    }

    /**
     * As {@link #read(Function)}; with a {@code minPosition} above 0 (a writer's {@code Feed-Min-Position}), only on a
     * replica whose copy of {@code projection} has handled that event, else on the primary: the caller has waited for
     * the primary's to have.
     */
    public <T> T read(String projection, long minPosition, Function<Target, T> read) {
        if (replicas.isEmpty()) {
            return onPrimary(read);
        }
        ReadReplica first = pick(null, projection, minPosition);
        if (first == null) {
            return onPrimary(read);
        }
        try {
            return onReplica(first, read);
        } catch (DataAccessException failed) {
            failedRead(first, failed);
            ReadReplica second = pick(first, projection, minPosition);
            return second == null ? onPrimary(read) : onReplica(second, read);
        }
    }

    private <T> T onPrimary(Function<Target, T> read) {
        T result = read.apply(new On(PRIMARY, primary, monitor::freshness));
        primaryReads.increment();
        return result;
    }

    private static <T> T onReplica(ReadReplica replica, Function<Target, T> read) {
        T result = read.apply(new On(replica.name(), replica.jdbc(), replica::freshness));
        replica.counted();
        return result;
    }

    private record On(String name, JdbcClient jdbc, Function<String, Freshness> freshnessOf) implements Target {
        @Override
        public Freshness freshness(String projection) {
            return freshnessOf.apply(projection);
        }
    }

    /** The next serving replica in turn but {@code not}, one that has handled {@code minPosition} if above 0; or null. */
    private ReadReplica pick(ReadReplica not, String projection, long minPosition) {
        List<ReadReplica> serving = new ArrayList<>(replicas.size());
        for (ReadReplica replica : replicas) {
            if (replica != not && replica.state() == State.SERVING) {
                serving.add(replica);
            }
        }
        int start = Math.floorMod(turn.getAndIncrement(), Math.max(1, serving.size()));
        for (int i = 0; i < serving.size(); i++) {
            ReadReplica replica = serving.get((start + i) % serving.size());
            if (minPosition <= 0 || covers(replica, projection, minPosition)) {
                return replica;
            }
        }
        return null;
    }

    private static boolean covers(ReadReplica replica, String projection, long minPosition) {
        try {
            return replica.tokens().covers(projection, minPosition);
        } catch (DataAccessException unreachable) {
            return false;
        }
    }

    /** A read failed on the replica: it serves nothing more until the next check finds it well. */
    private void failedRead(ReadReplica replica, DataAccessException failed) {
        // The first line only: a PostgreSQL detail line may quote row data.
        String cause = String.valueOf(failed.getMostSpecificCause().getMessage()).lines().findFirst().orElse("");
        replica.checked(new ReadReplica.Check(State.DOWN, -1, "a read failed: " + cause));
        log.warn("A read on replica {} failed ({}); it is asked again elsewhere, and the replica serves again once a check"
                + " finds it well", replica.name(), cause);
    }

    @Scheduled(fixedDelayString = "${feed.read-replicas.check-interval:250ms}")
    void check() {
        if (replicas.isEmpty()) {
            return;
        }
        String primaryLsn;
        try {
            primaryLsn = primary.sql("SELECT CAST(pg_current_wal_lsn() AS text)").query(String.class).single();
        } catch (DataAccessException primaryAway) {
            return; // no lag can be told without the primary; the replicas keep what the last check found
        }
        for (ReadReplica replica : replicas) {
            check(replica, primaryLsn);
        }
    }

    private void check(ReadReplica replica, String primaryLsn) {
        ReadReplica.Check before = replica.check();
        ReadReplica.Check now;
        try {
            now = replica.look(primaryLsn, settings.maxLag());
            if (now.state() == State.SERVING) {
                // Sampled before any read it serves from here on, so a read never claims more than the replica held.
                for (String projection : PROJECTIONS) {
                    replica.freshness(projection, monitor.freshnessOn(replica.tokens(), projection));
                }
            }
        } catch (DataAccessException unreachable) {
            String cause = String.valueOf(unreachable.getMostSpecificCause().getMessage()).lines().findFirst().orElse("");
            now = new ReadReplica.Check(State.DOWN, -1, "unreachable: " + cause);
        }
        replica.checked(now);
        if (now.state() != before.state()) {
            if (now.state() == State.SERVING) {
                log.info("Read replica {} serves reads (replay {} ms behind the primary)", replica.name(), now.lagMillis());
            } else if (now.reason() != null && now.reason().startsWith("not a standby")) {
                log.error("Read replica {} refused: {}. Reads go to the primary and the other replicas", replica.name(), now.reason());
            } else {
                log.warn("Read replica {} is {}: {}. Reads go elsewhere until it is well", replica.name(), now.state(), now.reason());
            }
        }
    }

    @PreDestroy
    void close() {
        replicas.forEach(ReadReplica::close);
    }
}
