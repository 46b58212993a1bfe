package dev.homefeed.api.security;

import java.nio.charset.StandardCharsets;

import dev.homefeed.api.secrets.PersistentSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The HS256 secret: {@code FEED_JWT_SECRET}, or one generated once and kept in the data directory. */
@Component
public class JwtSecret {

    static final int MIN_BYTES = 32;
    private static final String FILE = "jwt-secret";
    private static final Logger log = LoggerFactory.getLogger(JwtSecret.class);

    private final byte[] bytes;

    JwtSecret(@Value("${feed.jwt.secret:}") String configured, PersistentSecrets secrets) {
        if (configured.isEmpty()) {
            PersistentSecrets.Secret secret = secrets.loadOrCreate(FILE);
            log.info("No FEED_JWT_SECRET configured: {} the secret in {} (mint local tokens with "
                    + "'java -jar feed-api.jar token --user <id>')", secret.created() ? "generated" : "using", secret.path());
            this.bytes = secret.value().getBytes(StandardCharsets.UTF_8);
        } else {
            this.bytes = configured(configured);
        }
    }

    /** The same secret the service uses, for the token command; logs nothing, so stdout holds only the token. */
    static byte[] resolveQuietly(String configured, PersistentSecrets secrets) {
        return configured.isEmpty() ? secrets.loadOrCreate(FILE).value().getBytes(StandardCharsets.UTF_8)
                : configured(configured);
    }

    private static byte[] configured(String secret) {
        byte[] b = secret.getBytes(StandardCharsets.UTF_8);
        if (b.length < MIN_BYTES) {
            throw new IllegalStateException("FEED_JWT_SECRET must be at least " + MIN_BYTES + " bytes, it has " + b.length);
        }
        return b;
    }

    byte[] bytes() {
        return bytes.clone();
    }
}
