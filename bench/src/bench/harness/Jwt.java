package bench.harness;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HS256 tokens minted with the service's own secret ({@code <data dir>/jwt-secret}), as the {@code token} command does. */
public final class Jwt {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final SecretKeySpec key;

    public Jwt(String secret) {
        this.key = new SecretKeySpec(secret.trim().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String mint(long user, boolean admin) {
        long now = System.currentTimeMillis() / 1000;
        String claims = "{\"sub\":\"" + user + "\",\"iat\":" + now + ",\"exp\":" + (now + 24 * 3600)
                + (admin ? ",\"scope\":\"feed:admin\"" : "") + "}";
        String signingInput = HEADER + "." + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
