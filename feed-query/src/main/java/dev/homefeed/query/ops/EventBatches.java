package dev.homefeed.query.ops;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Lets a projector collect the changes of a whole tracking-processor batch and write them in a few set-based
 * statements just before the batch commits, instead of a few statements per event: a replay or a burst of posts then
 * costs round trips per batch, not per event. Changes are kept in event order, so the order per sequence (author,
 * viewer) that the processor guarantees is kept too.
 * <p>
 * A batch whose write fails rolls back as a whole, so nothing is lost, but no single event can be blamed. That
 * segment's next attempt therefore runs event by event, each event written at once inside its own
 * {@link JdbcSavepoints savepoint}, so a failing event undoes only its own writes and is parked in the dead-letter
 * queue alone; once such a batch has committed, the segment batches again. Outside a processor batch (a dead-letter
 * retry) changes are written at once, in a savepoint too.
 */
@Component
public class EventBatches {

    /** A projector's pending changes for one processor batch. */
    public interface Batch {
        /** Writes every pending change, in event order, inside the batch's transaction. */
        void flush();
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
     * Adds one event's change to the current batch of {@code group}, or, when the change must be written at once,
     * to a batch of its own that is flushed right away in a savepoint.
     */
    public <B extends Batch> void add(String group, Supplier<B> newBatch, Consumer<B> change) {
        Keys names = keys.computeIfAbsent(group, Keys::new);
        Segment segment = segment(group, names);
        if (segment == null || eventByEvent.contains(segment)) {
            B single = newBatch.get();
            change.accept(single);
            savepoints.run(single::flush);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        B batch = root.getOrComputeResource(names.batch(), key -> {
            B created = newBatch.get();
            root.onPrepareCommit(u -> flush(created, segment));
            return created;
        });
        change.accept(batch);
    }

    private void flush(Batch batch, Segment segment) {
        try {
            batch.flush();
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
    private Segment segment(String group, Keys names) {
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
