package dev.homefeed.query.cursor;

import dev.homefeed.command.api.erasure.UserErasedEvent;
import dev.homefeed.command.api.marker.ReadMarkerMovedEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * Orders the read-marker events by viewer: one viewer's moves meet in order on one segment, different viewers'
 * spread over segments should the group ever get more than one.
 */
enum ViewerSequencingPolicy implements SequencingPolicy<EventMessage<?>> {
    INSTANCE;

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        if (event.getPayload() instanceof ReadMarkerMovedEvent e) {
            return String.valueOf(e.viewerId().value());
        }
        if (event.getPayload() instanceof UserErasedEvent e) {
            return String.valueOf(e.userId().value());
        }
        return event.getIdentifier();
    }
}
