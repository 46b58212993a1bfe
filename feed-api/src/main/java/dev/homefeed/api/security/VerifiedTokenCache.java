package dev.homefeed.api.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens already verified. Parsing a JWT, checking its signature and converting its claims cost more CPU
 * than the feed query the token guards, and a client sends the same token with every request. An entry lives until the
 * token's {@code exp} (never past it, so no expired token is accepted) and at most {@link #MAX_AGE}; the key is the
 * whole token, signature included, so a token that differs in any byte is verified afresh. Failures are not kept.
 */
final class VerifiedTokenCache implements JwtDecoder {

    static final Duration MAX_AGE = Duration.ofMinutes(5);
    /** About 2 KiB each: bounded well inside the heap. */
    static final int MAX_TOKENS = 10_000;

    private final JwtDecoder verifier;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokenCache(JwtDecoder verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                // Ages entries on the same clock that computes their lifetime from exp.
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> lifetime(jwt)))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        // A refusal propagates and is not stored; a token already past exp is stored for no time at all.
        return verified.get(token, verifier::decode);
    }

    private Duration lifetime(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return MAX_AGE;
        }
        Duration left = Duration.between(clock.instant(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left.compareTo(MAX_AGE) < 0 ? left : MAX_AGE;
    }
}
