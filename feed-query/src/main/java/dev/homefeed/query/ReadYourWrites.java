package dev.homefeed.query;

import java.time.Duration;

import dev.homefeed.projection.lifecycle.ProjectionMonitor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code Feed-Min-Position}: how long a read waits for the projection it reads to pass a writer's position
 * ({@code feed.read-your-writes.max-wait}) before it is answered from source truth instead.
 */
@Component
public class ReadYourWrites {

    private final ProjectionMonitor projections;
    private final Duration maxWait;

    ReadYourWrites(ProjectionMonitor projections, @Value("${feed.read-your-writes.max-wait:PT1S}") Duration maxWait) {
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("feed.read-your-writes.max-wait must not be negative, was " + maxWait);
        }
        this.projections = projections;
        this.maxWait = maxWait;
    }

    /**
     * Whether the projection's serving processor has handled the event at {@code position}, waiting at most the max
     * wait. When it has, its status is refreshed too, so the answer's freshness does not show the lag it waited out.
     */
    public boolean awaitPassed(String projection, long position) {
        if (!projections.awaitPassed(projection, position, maxWait)) {
            return false;
        }
        projections.status(projection);
        return true;
    }
}
