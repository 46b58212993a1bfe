package dev.homefeed.projection.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

/** Outside a database transaction the savepoint is skipped, so the write path's order and grouping show alone. */
class EventBatchesTest {

    static final String GROUP = "home-feed";

    final EventBatches batches = new EventBatches(new JdbcSavepoints(null));
    final List<List<String>> writes = new ArrayList<>();
    final EventBatches.Writer<String> writer = changes -> writes.add(List.copyOf(changes));

    @Test
    void aProcessorBatchIsWrittenOnceJustBeforeItCommitsInEventOrder() {
        UnitOfWork<?> batch = processorBatch(0);
        batches.add(GROUP, writer, "a");
        batches.add(GROUP, writer, "b");
        assertThat(writes).isEmpty();

        batch.commit();

        assertThat(writes).containsExactly(List.of("a", "b"));
    }

    @Test
    void theNextProcessorBatchStartsEmpty() {
        UnitOfWork<?> first = processorBatch(0);
        batches.add(GROUP, writer, "a");
        first.commit();
        UnitOfWork<?> second = processorBatch(0);
        batches.add(GROUP, writer, "b");
        second.commit();

        assertThat(writes).containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void outsideAProcessorBatchEveryChangeIsWrittenAtOnce() {
        batches.add(GROUP, writer, "retried");

        assertThat(writes).containsExactly(List.of("retried"));
    }

    @Test
    void afterAFailedBatchTheSegmentWritesEventByEventUntilABatchCommits() {
        EventBatches.Writer<String> failing = changes -> {
            writes.add(List.copyOf(changes));
            if (changes.contains("poison")) {
                throw new IllegalStateException("poison");
            }
        };
        UnitOfWork<?> first = processorBatch(1);
        batches.add(GROUP, failing, "a");
        batches.add(GROUP, failing, "poison");
        assertThatThrownBy(first::commit).hasMessage("poison");

        UnitOfWork<?> retry = processorBatch(1);
        batches.add(GROUP, failing, "a");
        assertThatThrownBy(() -> batches.add(GROUP, failing, "poison")).hasMessage("poison");
        retry.commit();

        UnitOfWork<?> batchingAgain = processorBatch(1);
        batches.add(GROUP, failing, "c");
        batches.add(GROUP, failing, "d");
        batchingAgain.commit();

        assertThat(writes).containsExactly(List.of("a", "poison"), List.of("a"), List.of("poison"), List.of("c", "d"));
    }

    private static UnitOfWork<?> processorBatch(int segment) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.resources().put("Processor[" + GROUP + "]/SegmentId", segment);
        return unitOfWork;
    }
}
