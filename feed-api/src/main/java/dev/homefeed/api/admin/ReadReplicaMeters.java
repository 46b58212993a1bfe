package dev.homefeed.api.admin;

import dev.homefeed.query.api.ReadReplicaStatus;
import dev.homefeed.query.replica.ReadReplicas;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * Reads by where they ran ({@code feed_reads_total{target}}: {@code primary} or a replica's name) and each replica's
 * replay lag behind the primary ({@code feed_read_replica_lag_ms{replica}}, -1 while it cannot be told).
 */
@Component
class ReadReplicaMeters implements MeterBinder {

    private final ReadReplicas replicas;

    ReadReplicaMeters(ReadReplicas replicas) {
        this.replicas = replicas;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("feed.reads", replicas, ReadReplicas::primaryReads).tag("target", ReadReplicas.PRIMARY)
                .description("Feed and read-marker reads, by where they ran").register(registry);
        // The replicas are configured at start: their names, so their meters, stay.
        for (ReadReplicaStatus replica : replicas.statuses()) {
            String name = replica.name();
            FunctionCounter.builder("feed.reads", replicas, r -> of(r, name).reads()).tag("target", name)
                    .description("Feed and read-marker reads, by where they ran").register(registry);
            Gauge.builder("feed.read-replica.lag.ms", replicas, r -> of(r, name).lagMillis()).tag("replica", name)
                    .description("How far the replica's replay is behind the primary; -1 while it cannot be told")
                    .register(registry);
        }
    }

    private static ReadReplicaStatus of(ReadReplicas replicas, String name) {
        return replicas.statuses().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
