package dev.homefeed.command.post;

import dev.homefeed.command.api.PostId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostIdGeneratorTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:15:30.123Z");

    SettableClock clock = new SettableClock(NOW);
    InMemoryPostIdReservations reservations = new InMemoryPostIdReservations();

    @Test
    void embedsTheMillisecondAsCreatedAt() {
        PostId id = new PostIdGenerator(5, reservations, clock).next();

        assertThat(id.createdAt()).isEqualTo(NOW);
    }

    @Test
    void embedsTheNodeId() {
        PostId id = new PostIdGenerator(1023, reservations, clock).next();

        assertThat((id.value() >>> 12) & 1023).isEqualTo(1023);
    }

    @Test
    void increasesWithinOneMillisecondAndBorrowsTheNextOneWhenTheSequenceRunsOut() {
        PostIdGenerator generator = new PostIdGenerator(0, reservations, clock);

        List<PostId> ids = issue(generator, PostIdGenerator.MAX_SEQUENCE + 2);

        assertStrictlyIncreasing(ids);
        assertThat(ids.get(PostIdGenerator.MAX_SEQUENCE).createdAt()).isEqualTo(NOW);
        assertThat(ids.get(PostIdGenerator.MAX_SEQUENCE + 1).createdAt()).isEqualTo(NOW.plusMillis(1));
    }

    @Test
    void keepsIncreasingWhenTheClockMovesBack() {
        PostIdGenerator generator = new PostIdGenerator(0, reservations, clock);
        PostId before = generator.next();

        clock.set(NOW.minus(Duration.ofMinutes(5)));
        PostId after = generator.next();

        assertThat(after.value()).isGreaterThan(before.value());
        assertThat(after.createdAt()).isEqualTo(before.createdAt());
    }

    @Test
    void continuesAboveEarlierIdsAfterARestartWithTheClockBehind() {
        List<PostId> firstRun = issue(new PostIdGenerator(3, reservations, clock), 10_000);

        clock.set(NOW.minus(Duration.ofHours(1)));
        PostId afterRestart = new PostIdGenerator(3, reservations, clock).next();

        assertThat(afterRestart.value()).isGreaterThan(firstRun.get(firstRun.size() - 1).value());
    }

    @Test
    void writesOneReservationPerLeaseNotPerId() {
        PostIdGenerator generator = new PostIdGenerator(0, reservations, clock);

        for (int second = 0; second < 30; second++) {
            issue(generator, 100);
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(reservations.writes).isEqualTo(3);
    }

    @Test
    void issuesNoIdWhoseTimeCouldNotBeReserved() {
        PostIdGenerator generator = new PostIdGenerator(0, reservations, clock);
        PostId reserved = generator.next();
        reservations.failWrites = true;
        clock.advance(Duration.ofMillis(PostIdGenerator.LEASE_MILLIS));

        assertThatThrownBy(generator::next).isInstanceOf(IllegalStateException.class);

        reservations.failWrites = false;
        assertThat(generator.next().value()).isGreaterThan(reserved.value());
    }

    @Test
    void issuesUniqueIdsAcrossThreads() throws Exception {
        PostIdGenerator generator = new PostIdGenerator(0, reservations, clock);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                work.add(pool.submit(() -> issue(generator, 5_000).forEach(id -> seen.add(id.value()))));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(seen).hasSize(20_000);
    }

    @Test
    void issuesNoIdOnceTheInstanceLostItsLeaseOnTheNodeId() {
        AtomicBoolean leased = new AtomicBoolean(true);
        PostIdGenerator generator = new PostIdGenerator(4, leased::get, reservations, clock);
        generator.next();

        leased.set(false);

        assertThatThrownBy(generator::next).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no longer holds the lease on node id 4");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1024})
    void rejectsNodeIdOutsideTenBits(int nodeId) {
        assertThatThrownBy(() -> new PostIdGenerator(nodeId, reservations, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("feed.node-id must be between 0 and 1023, was " + nodeId);
    }

    private static List<PostId> issue(PostIdGenerator generator, int count) {
        List<PostId> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(generator.next());
        }
        return ids;
    }

    private static void assertStrictlyIncreasing(List<PostId> ids) {
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i).value()).isGreaterThan(ids.get(i - 1).value());
        }
    }
}
