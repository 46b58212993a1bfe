package dev.homefeed.api.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.homefeed.api.secrets.PersistentSecrets;
import org.springframework.core.env.Environment;

/** Mints tokens the running test application accepts: signed with the secret it generated in its data directory. */
public final class Tokens {

    private final byte[] secret;

    public Tokens(Environment environment) {
        String configured = environment.getProperty("feed.jwt.secret", "");
        this.secret = (configured.isEmpty() ? new PersistentSecrets(environment).loadOrCreate("jwt-secret").value() : configured)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Tokens for services started with {@code FEED_JWT_SECRET=secret}. */
    public Tokens(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String user(long id) {
        return sign(Map.of("sub", Long.toString(id)), Duration.ofHours(1), secret);
    }

    public String admin(long id) {
        return sign(Map.of("sub", Long.toString(id), "scope", "feed:admin"), Duration.ofHours(1), secret);
    }

    /** A token with arbitrary claims, for the refusal cases. */
    public String withClaims(Map<String, Object> claims, Duration ttl) {
        return sign(claims, ttl, secret);
    }

    public static String sign(Map<String, Object> claims, Duration ttl, byte[] key) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl)));
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build());
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
