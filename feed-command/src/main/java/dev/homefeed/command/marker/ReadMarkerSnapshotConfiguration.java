package dev.homefeed.command.marker;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A viewer moves their marker every time they scroll, so its stream grows without end; loading it reads the latest
 * snapshot and at most about a hundred events after it.
 */
@Configuration(proxyBeanMethods = false)
class ReadMarkerSnapshotConfiguration {

    static final String TRIGGER = "readMarkerSnapshotTrigger";
    static final int EVENTS_PER_SNAPSHOT = 100;

    @Bean(TRIGGER)
    SnapshotTriggerDefinition readMarkerSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, EVENTS_PER_SNAPSHOT);
    }
}
