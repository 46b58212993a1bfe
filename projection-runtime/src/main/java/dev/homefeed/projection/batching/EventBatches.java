package dev.homefeed.projection.batching;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one write path of every projector: handlers only hand in their change, and the changes of a whole
 * tracking-processor batch are written together just before the batch commits, so a replay or a burst of posts costs
 * round trips per batch, not per event. Changes are kept in event order, so the order per sequence (author, viewer)
 * that the processor guarantees is kept too.
 * <p>
 * A batch whose write fails rolls back as a whole, so nothing is lost, but no single event can be blamed. That
 * segment's next attempt therefore runs event by event, each event written at once inside its own
 * {@link JdbcSavepoints savepoint}: on PostgreSQL a failed statement aborts the transaction, and the savepoint undoes
 * exactly that event's writes, so the event is parked in the dead-letter queue alone and the token still commits.
 * Once such a batch has committed, the segment batches again. Outside a processor batch (a dead-letter retry) changes
 * are written at once, in a savepoint too.
 */
@Component
public class EventBatches {

    /** Writes a projector's changes, in event order, inside the current transaction. */
    @FunctionalInterface
    public interface Writer<C> {
        void write(List<C> changes);
    }

    /** One segment of one processing group. */
    private record Segment(String group, int id) {
        @Override
        public String toString() {
            return group + "/" + id;
        }
    }

    /** The unit-of-work resource names for one group, built once. */
    private record Keys(String segmentId, String batch, String recovering) {
        Keys(String group) {
            this("Processor[" + group + "]/SegmentId", "EventBatches[" + group + "]", "EventBatches[" + group + "]/recovering");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(EventBatches.class);

    private final JdbcSavepoints savepoints;
    private final Map<String, Keys> keys = new ConcurrentHashMap<>();
    private final Set<Segment> eventByEvent = ConcurrentHashMap.newKeySet();

    EventBatches(JdbcSavepoints savepoints) {
        this.savepoints = savepoints;
    }

    /**
     * Adds one event's change to the current batch of {@code group}, or writes it at once in a savepoint when it must
     * be written alone.
     */
    public <C> void add(String group, Writer<C> writer, C change) {
        Keys names = keys.computeIfAbsent(group, Keys::new);
        Segment segment = segment(names, group);
        if (segment == null || eventByEvent.contains(segment)) {
            savepoints.run(() -> writer.write(List.of(change)));
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<C> pending = root.getOrComputeResource(names.batch(), key -> {
            List<C> created = new ArrayList<>();
            root.onPrepareCommit(u -> write(writer, created, segment));
            return created;
        });
        pending.add(change);
    }

    private <C> void write(Writer<C> writer, List<C> changes, Segment segment) {
        try {
            writer.write(changes);
        } catch (RuntimeException e) {
            log.warn("Writing the batch of {} failed ({}); its next attempt runs event by event to find the failing event",
                    segment, e.getMessage());
            eventByEvent.add(segment);
            throw e;
        }
    }

    /**
     * The segment whose tracking-processor batch the current unit of work is, or null outside one. A segment running
     * event by event goes back to batching when one of its batches commits.
     */
    private Segment segment(Keys names, String group) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Integer segmentId = root.getResource(names.segmentId());
        if (segmentId == null) {
            return null;
        }
        Segment segment = new Segment(group, segmentId);
        if (eventByEvent.contains(segment)) {
            root.getOrComputeResource(names.recovering(), k -> {
                root.afterCommit(u -> {
                    if (eventByEvent.remove(segment)) {
                        log.info("{} committed a batch event by event; batching again", segment);
                    }
                });
                return Boolean.TRUE;
            });
        }
        return segment;
    }
}
