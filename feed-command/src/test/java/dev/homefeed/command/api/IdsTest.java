package dev.homefeed.command.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdsTest {

    @Test
    void printsAsTheRawDecimal() {
        assertThat(new UserId(Long.MAX_VALUE)).hasToString("9223372036854775807");
        assertThat(new PostId(7263518211522560L)).hasToString("7263518211522560");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void refusesIdsBelowOne(long value) {
        assertThatThrownBy(() -> new UserId(value)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PostId(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsCreatedAtFromTheTopBitsOfThePostId() {
        Instant createdAt = Instant.parse("2026-11-22T10:15:30.123Z");
        long elapsed = createdAt.toEpochMilli() - PostId.EPOCH.toEpochMilli();

        assertThat(new PostId(elapsed << 22 | 0x3F_FFFF).createdAt()).isEqualTo(createdAt);
    }

    @Test
    void prefixesAggregateIdsWithTheirType() {
        assertThat(AggregateIds.post(new PostId(42))).isEqualTo("post:42");
        assertThat(AggregateIds.follow(new UserId(1), new UserId(2))).isEqualTo("follow:1:2");
    }
}
