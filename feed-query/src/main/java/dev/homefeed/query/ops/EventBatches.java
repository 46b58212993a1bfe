package dev.homefeed.query.ops;

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
 * segment's next attempt therefore runs event by event, each event written at once inside its own savepoint
 * ({@link SavepointPerEvent}), which parks exactly the failing event in the dead-letter queue; once such a batch has
 * committed, the segment batches again. Outside a processor batch (a dead-letter retry) changes are written at once.
 */
@Component
public class EventBatches {

    /** A projector's pending changes for one processor batch. */
    public interface Batch {
        /** Writes every pending change, in event order, inside the batch's transaction. */
        void flush();
    }

    private static final Logger log = LoggerFactory.getLogger(EventBatches.class);

    private final Set<String> eventByEvent = ConcurrentHashMap.newKeySet();

    /**
     * Adds one event's change to the current batch of {@code group}, or, when the change must be written at once,
     * to a batch of its own that is flushed right away.
     */
    public <B extends Batch> void add(String group, Supplier<B> newBatch, Consumer<B> change) {
        String segment = segmentKey(group);
        if (segment == null || eventByEvent.contains(segment)) {
            B single = newBatch.get();
            change.accept(single);
            single.flush();
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        B batch = root.getOrComputeResource("EventBatches[" + group + "]", key -> {
            B created = newBatch.get();
            root.onPrepareCommit(u -> flush(created, segment));
            return created;
        });
        change.accept(batch);
    }

    /** Whether events of {@code group} in the current unit of work are collected (no per-event savepoint needed). */
    public boolean collecting(String group) {
        String segment = segmentKey(group);
        return segment != null && !eventByEvent.contains(segment);
    }

    private void flush(Batch batch, String segment) {
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
     * "group/segment" when the current unit of work is a batch of the group's tracking processor, else null. A segment
     * running event by event goes back to batching when one of its batches commits.
     */
    private String segmentKey(String group) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Integer segmentId = root.getResource("Processor[" + group + "]/SegmentId");
        if (segmentId == null) {
            return null;
        }
        String key = group + "/" + segmentId;
        if (eventByEvent.contains(key)) {
            root.getOrComputeResource("EventBatches[" + group + "]/recovering", k -> {
                root.afterCommit(u -> {
                    if (eventByEvent.remove(key)) {
                        log.info("{} committed a batch event by event; batching again", key);
                    }
                });
                return Boolean.TRUE;
            });
        }
        return key;
    }
}
