package dev.homefeed.command.post;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyKeyPurgeTest {

    final JdbcClient unusedDatabase = JdbcClient.create(new DriverManagerDataSource());

    @Test
    void refusesRetentionBelowTheTwentyFourHoursTheApiPromises() {
        assertThatThrownBy(() -> new IdempotencyKeyPurge(unusedDatabase, Clock.systemUTC(), Duration.ofHours(23)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("feed.idempotency.retention must be at least PT24H, was PT23H");
    }

    @Test
    void acceptsExactlyTwentyFourHours() {
        assertThatNoException().isThrownBy(
                () -> new IdempotencyKeyPurge(unusedDatabase, Clock.systemUTC(), Duration.ofHours(24)));
    }
}
