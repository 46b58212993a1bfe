package dev.homefeed.command.eventstore;

import java.util.function.Supplier;

import dev.homefeed.command.api.Positioned;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Positions in the event stream, for reading your own writes: the global index a command's events were appended at
 * (what a reader then asks the projections to have passed), and the store's head.
 */
@Component
public class FeedPositions {

    private final JdbcClient jdbc;

    FeedPositions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Runs a command (through its gateway) and answers its result with the global index of the last event it
     * appended; a command that appended nothing is answered with the head, so its position covers the state it saw.
     */
    public <T> Positioned<T> track(Supplier<T> command) {
        AppendedPositions.forget();
        try {
            T result = command.get();
            long appended = AppendedPositions.last();
            return new Positioned<>(result, appended > 0 ? appended : head());
        } finally {
            AppendedPositions.forget();
        }
    }

    /** {@link #track(Supplier)} for a command without an answer: the position alone. */
    public long positionAfter(Runnable command) {
        return track(() -> {
            command.run();
            return null;
        }).position();
    }

    /** The highest global index in the event store, 0 when it is empty. */
    public long head() {
        return jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
    }
}
