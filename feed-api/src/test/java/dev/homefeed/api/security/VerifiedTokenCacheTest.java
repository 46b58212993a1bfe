package dev.homefeed.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokenCacheTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    final MovableClock clock = new MovableClock(NOW);
    final List<String> verified = new ArrayList<>();
    Instant tokenExpiresAt = NOW.plusSeconds(3600);
    boolean signatureValid = true;

    final JwtDecoder verifier = token -> {
        verified.add(token);
        if (!signatureValid || clock.instant().isAfter(tokenExpiresAt)) {
            throw new BadJwtException("invalid token");
        }
        return Jwt.withTokenValue(token).header("alg", "HS256").subject("42")
                .issuedAt(NOW).expiresAt(tokenExpiresAt).build();
    };
    final VerifiedTokenCache cache = new VerifiedTokenCache(verifier, clock);

    @Test
    void aTokenSentAgainIsNotVerifiedAgain() {
        Jwt first = cache.decode("token-a");
        Jwt second = cache.decode("token-a");

        assertThat(second).isSameAs(first);
        assertThat(verified).containsExactly("token-a");
    }

    @Test
    void aTokenIsVerifiedAgainOnceItHasExpiredAndThenRefused() {
        tokenExpiresAt = NOW.plusSeconds(60);
        cache.decode("token-a");

        clock.advance(Duration.ofSeconds(61));

        assertThatThrownBy(() -> cache.decode("token-a")).isInstanceOf(BadJwtException.class);
        assertThat(verified).containsExactly("token-a", "token-a");
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterFiveMinutes() {
        cache.decode("token-a");
        clock.advance(VerifiedTokenCache.MAX_AGE.plusSeconds(1));
        cache.decode("token-a");

        assertThat(verified).containsExactly("token-a", "token-a");
    }

    @Test
    void aRefusedTokenIsNotRemembered() {
        signatureValid = false;
        assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);
        signatureValid = true;

        cache.decode("forged");

        assertThat(verified).containsExactly("forged", "forged");
    }

    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
