package dev.homefeed.api.security;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.homefeed.postgres.DataDirectory;
import dev.homefeed.postgres.DatabaseUser;
import dev.homefeed.api.wire.Ids;
import dev.homefeed.api.secrets.PersistentSecrets;
import org.springframework.core.env.StandardEnvironment;

/**
 * {@code java -jar feed-api.jar token --user 42 [--admin] [--ttl PT24H]}: mints a local HS256 token with the same
 * secret the service uses ({@code FEED_JWT_SECRET}, else the one kept in the data directory), without starting it.
 */
public final class TokenCommand {

    private TokenCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String user = null;
        boolean admin = false;
        Duration ttl = Duration.ofHours(24);
        try {
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--user" -> user = args[++i];
                    case "--admin" -> admin = true;
                    case "--ttl" -> ttl = Duration.parse(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (user == null || !Ids.isCanonical(user)) {
                throw new IllegalArgumentException("--user must be a user id (1..9223372036854775807)");
            }
            out.println(mint(user, admin, ttl, secret()));
            return 0;
        } catch (RuntimeException | JOSEException e) {
            err.println("token: " + e.getMessage());
            err.println("usage: java -jar feed-api.jar token --user <id> [--admin] [--ttl PT24H]");
            return 2;
        }
    }

    static String mint(String user, boolean admin, Duration ttl, byte[] secret) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(user).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)));
        if (admin) {
            claims.claim("scope", "feed:admin");
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private static byte[] secret() {
        StandardEnvironment environment = new StandardEnvironment();
        String configured = environment.getProperty("FEED_JWT_SECRET", "");
        return JwtSecret.resolveQuietly(configured, new PersistentSecrets(
                DataDirectory.resolve(environment.getProperty(DataDirectory.PROPERTY), DatabaseUser.runningAsRoot())));
    }
}
