package dev.homefeed.membership;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This instance of the service among the others on one database ({@code feed_instance}). At start it leases a
 * Snowflake node id, the lowest free one or the one {@code FEED_NODE_ID} pins; it renews the lease every
 * {@code feed.instances.lease-renewal} and releases it on stop. A lease not renewed for
 * {@code feed.instances.lease-expiry} is dead: its node id may be leased again and the others take over its work.
 * Times are the database's, so the instances' clocks need not agree.
 */
@Component
public class Instances implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Instances.class);

    public record Instance(String id, int nodeId, Instant startedAt, Instant lastSeen) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Duration expiry;
    private final Duration renewal;
    private final String id;
    private final int nodeId;
    private final Instant startedAt;
    private volatile boolean leased;

    Instances(JdbcClient jdbc, PlatformTransactionManager transactions, @Value("${feed.node-id:}") String pinned,
              @Value("${feed.instances.lease-expiry:10s}") Duration expiry,
              @Value("${feed.instances.lease-renewal:2s}") Duration renewal) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.expiry = expiry;
        this.renewal = renewal;
        this.id = hostName() + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
        Instance lease = tx.execute(status -> lease(NodeIds.parsePinned(pinned)));
        this.nodeId = lease.nodeId();
        this.startedAt = lease.startedAt();
        this.leased = true;
        log.info("Instance {} leased node id {}{}", id, nodeId, pinned.isBlank() ? "" : " (pinned by FEED_NODE_ID)");
    }

    /** This instance's id: the owner of its token claims, as {@code /admin/instances} shows it. */
    public String id() {
        return id;
    }

    public int nodeId() {
        return nodeId;
    }

    /** False once a renewal found the lease gone and the node id leased by another instance. */
    public boolean holdsLease() {
        return leased;
    }

    /** The instances whose lease is alive, this one included, oldest first. */
    public List<Instance> live() {
        return seenWithin(expiry);
    }

    /**
     * The instances that renewed their lease within the last two renewal intervals: the ones to hand work to. One that
     * missed that is likely dead, though its lease has not expired yet.
     */
    public List<Instance> responsive() {
        return seenWithin(renewal.multipliedBy(2));
    }

    private List<Instance> seenWithin(Duration window) {
        return jdbc.sql("""
                SELECT id, node_id, started_at, last_seen FROM feed_instance
                WHERE last_seen >= now() - make_interval(secs => :window) ORDER BY started_at, id""")
                .param("window", window.toMillis() / 1000.0)
                .query(Instances::instance).list();
    }

    @Scheduled(fixedDelayString = "${feed.instances.lease-renewal:2s}")
    void renew() {
        int renewed = jdbc.sql("UPDATE feed_instance SET last_seen = now() WHERE id = :id").param("id", id).update();
        if (renewed == 1 || !leased) {
            return;
        }
        // Expired (a long pause) and removed by a starting instance: take the same node id back if it is still free.
        boolean retaken = Boolean.TRUE.equals(tx.execute(status -> {
            lockAndForgetDead();
            return jdbc.sql("""
                    INSERT INTO feed_instance (id, node_id, started_at, last_seen) VALUES (:id, :node, :started, now())
                    ON CONFLICT DO NOTHING""")
                    .param("id", id).param("node", nodeId).param("started", startedAt.atOffset(ZoneOffset.UTC))
                    .update() == 1;
        }));
        if (!retaken) {
            leased = false;
            log.error("Instance {} lost its lease on node id {} to another instance: it issues no more post ids", id, nodeId);
        } else {
            log.warn("Instance {} renewed its expired lease on node id {}", id, nodeId);
        }
    }

    /**
     * Releases the lease so the node id is free at once. Best effort, for at most a couple of seconds: the database may
     * be going away too (a shutdown hook stopping the embedded one), and the lease expires by itself anyway.
     */
    @Override
    public void destroy() {
        leased = false;
        try {
            CompletableFuture.runAsync(() -> jdbc.sql("DELETE FROM feed_instance WHERE id = :id").param("id", id).update())
                    .get(2, TimeUnit.SECONDS);
            log.info("Instance {} released node id {}", id, nodeId);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Instance {} could not release node id {} ({}); its lease expires within {}", id, nodeId, e, expiry);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Instance lease(Integer pinned) {
        lockAndForgetDead();
        int node;
        if (pinned != null) {
            jdbc.sql("SELECT id, last_seen FROM feed_instance WHERE node_id = :node").param("node", pinned)
                    .query((rs, i) -> rs.getString(1) + " (last seen " + rs.getObject(2, OffsetDateTime.class) + ")")
                    .optional().ifPresent(holder -> {
                        throw new IllegalStateException("FEED_NODE_ID=" + pinned + " is leased by the live instance " + holder
                                + ": give each instance its own FEED_NODE_ID, or leave it unset to lease a free one");
                    });
            node = pinned;
        } else {
            node = jdbc.sql("""
                    SELECT min(n) FROM generate_series(0, :max) n
                    WHERE NOT EXISTS (SELECT 1 FROM feed_instance WHERE node_id = n)""")
                    .param("max", NodeIds.MAX).query(Integer.class).optional()
                    .orElseThrow(() -> new IllegalStateException("all " + (NodeIds.MAX + 1) + " node ids are leased by live instances"));
        }
        return jdbc.sql("""
                INSERT INTO feed_instance (id, node_id, started_at, last_seen) VALUES (:id, :node, now(), now())
                RETURNING id, node_id, started_at, last_seen""")
                .param("id", id).param("node", node)
                .query(Instances::instance).single();
    }

    /** Serializes leases against each other and forgets instances whose lease is dead. */
    private void lockAndForgetDead() {
        jdbc.sql("LOCK TABLE feed_instance IN SHARE ROW EXCLUSIVE MODE").update();
        jdbc.sql("DELETE FROM feed_instance WHERE last_seen < now() - make_interval(secs => :expiry)")
                .param("expiry", expiry.toMillis() / 1000.0).update();
    }

    private static Instance instance(ResultSet rs, int row) throws SQLException {
        return new Instance(rs.getString(1), rs.getInt(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                rs.getObject(4, OffsetDateTime.class).toInstant());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "instance";
        }
    }
}
