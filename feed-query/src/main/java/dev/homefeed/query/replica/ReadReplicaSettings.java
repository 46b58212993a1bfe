package dev.homefeed.query.replica;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

/**
 * The read replicas: {@code feed.read-replicas.urls} ({@code FEED_READ_REPLICA_URLS}, comma-separated JDBC URLs of
 * streaming standbys of the primary), how far behind one may be and still serve ({@code max-lag}), how often each is
 * looked at, and each one's pool. Credentials come from a URL's own {@code user} and {@code password} parameters, else
 * from the primary's.
 */
@Component
public class ReadReplicaSettings {

    private final List<String> urls;
    private final Duration maxLag;
    private final Duration checkInterval;
    private final int poolSize;

    ReadReplicaSettings(@Value("${feed.read-replicas.urls:}") String urls,
                        @Value("${feed.read-replicas.max-lag:PT5S}") String maxLag,
                        @Value("${feed.read-replicas.check-interval:250ms}") String checkInterval,
                        @Value("${feed.read-replicas.pool-size:8}") int poolSize) {
        this.urls = Arrays.stream(urls.split(",")).map(String::strip).filter(url -> !url.isEmpty()).distinct().toList();
        for (String url : this.urls) {
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("feed.read-replicas.urls (FEED_READ_REPLICA_URLS) takes PostgreSQL JDBC URLs"
                        + " (jdbc:postgresql://host:port/database), was '" + ReadReplica.nameOf(url) + "'");
            }
        }
        this.maxLag = positive("feed.read-replicas.max-lag (FEED_READ_REPLICAS_MAX_LAG)", maxLag);
        this.checkInterval = positive("feed.read-replicas.check-interval", checkInterval);
        if (poolSize < 1) {
            throw new IllegalArgumentException("feed.read-replicas.pool-size must be at least 1, was " + poolSize);
        }
        this.poolSize = poolSize;
    }

    public List<String> urls() {
        return urls;
    }

    /** A replica whose replay is further behind the primary than this serves no reads until it has caught up. */
    public Duration maxLag() {
        return maxLag;
    }

    public Duration checkInterval() {
        return checkInterval;
    }

    public int poolSize() {
        return poolSize;
    }

    private static Duration positive(String property, String raw) {
        try {
            Duration duration = DurationStyle.detectAndParse(raw.strip());
            if (!duration.isNegative() && !duration.isZero()) {
                return duration;
            }
        } catch (IllegalArgumentException unparsable) {
            // refused below, with the property's name
        }
        throw new IllegalArgumentException(property + " must be a positive duration such as PT5S, was '" + raw + "'");
    }
}
