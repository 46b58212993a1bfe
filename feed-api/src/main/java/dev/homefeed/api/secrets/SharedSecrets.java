package dev.homefeed.api.secrets;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Secrets generated once for every instance on one database ({@code service_secret}), so what one instance signs
 * another accepts. The first instance to ask creates the secret; the others read it.
 */
@Component
public class SharedSecrets {

    private final JdbcClient jdbc;

    SharedSecrets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The named secret; {@code firstValue} is stored when there is none yet (an older data-directory secret, say). */
    public String loadOrCreate(String name, Supplier<String> firstValue) {
        jdbc.sql("INSERT INTO service_secret (name, value, created_at) VALUES (:name, :value, now()) ON CONFLICT (name) DO NOTHING")
                .param("name", name).param("value", firstValue.get()).update();
        return jdbc.sql("SELECT value FROM service_secret WHERE name = :name").param("name", name).query(String.class).single();
    }

    public static String random() {
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
