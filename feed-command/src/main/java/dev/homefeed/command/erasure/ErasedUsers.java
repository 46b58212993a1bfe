package dev.homefeed.command.erasure;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.homefeed.command.api.UserId;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The erased users, in memory, for the check every request makes: an erasure made by this instance counts at once,
 * one made by another within {@code feed.erasure.poll-interval} (1 s). Commands do not rely on it: they check the
 * table under the user's lock ({@link ErasureGuard}).
 */
@Component
public class ErasedUsers {

    private record Erased(long userId, long seq) {
    }

    private final JdbcClient jdbc;
    private final DataKeys keys;
    private final Set<Long> erased = ConcurrentHashMap.newKeySet();
    private volatile long seenThrough = -1;

    ErasedUsers(JdbcClient jdbc, DataKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    public boolean contains(UserId user) {
        if (seenThrough < 0) {
            try {
                poll();
            } catch (DataAccessException databaseAway) {
                // The scheduled poll tries again; meanwhile every command fails on the database anyway.
            }
        }
        return erased.contains(user.value());
    }

    /** An erasure this instance just committed. */
    void add(UserId user) {
        erased.add(user.value());
        keys.forget(List.of(user.value()));
    }

    @Scheduled(fixedDelayString = "${feed.erasure.poll-interval:PT1S}")
    public synchronized void poll() {
        // A sequence number is taken at insert, not at commit: the last minute is read again for late commits.
        List<Erased> fresh = jdbc.sql("""
                        SELECT user_id, seq FROM user_erasure
                        WHERE seq > :seen OR requested_at > now() - interval '1 minute' ORDER BY seq""")
                .param("seen", seenThrough)
                .query((rs, i) -> new Erased(rs.getLong(1), rs.getLong(2)))
                .list();
        if (fresh.isEmpty()) {
            seenThrough = Math.max(seenThrough, 0);
            return;
        }
        List<Long> users = fresh.stream().map(Erased::userId).toList();
        keys.forget(users);
        erased.addAll(users);
        seenThrough = Math.max(seenThrough, fresh.get(fresh.size() - 1).seq());
    }
}
