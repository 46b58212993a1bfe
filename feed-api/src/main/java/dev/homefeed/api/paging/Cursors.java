package dev.homefeed.api.paging;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.homefeed.api.problem.InvalidRequestException;
import dev.homefeed.api.secrets.PersistentSecrets;
import dev.homefeed.api.secrets.SharedSecrets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Opaque pagination cursors: the position, the list it belongs to and the viewer, signed with HMAC-SHA256 under
 * {@code FEED_CURSOR_SECRET} (or a key kept in the database), so they survive restarts, hold on every instance and cannot be forged,
 * altered or used by another viewer.
 */
@Component
public class Cursors {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAC_BYTES = 16;

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    /**
     * Without {@code feed.cursor.secret} the key lives in the database, shared by every instance; a key an earlier
     * version kept in the data directory becomes that key, so its cursors stay valid.
     */
    Cursors(@Value("${feed.cursor.secret:}") String configured, PersistentSecrets files, ObjectProvider<SharedSecrets> shared) {
        String secret = !configured.isEmpty() ? configured : shared.getObject().loadOrCreate("cursor-secret",
                () -> files.existing("cursor-secret").orElseGet(SharedSecrets::random));
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The cursor of a position in the viewer's list; null for no position (the last page has no next cursor). */
    public <P> String encode(CursorFormat<P> format, long viewerId, P position) {
        if (position == null) {
            return null;
        }
        String body = String.join("|", prefix(format.list(), viewerId), String.join("|", format.write().apply(position)));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
    }

    /** The position in a cursor this viewer got for this list (null for no cursor: the first page), or a 400. */
    public <P> P decode(CursorFormat<P> format, long viewerId, String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            int dot = cursor.indexOf('.');
            byte[] bytes = DECODER.decode(cursor.substring(0, dot));
            byte[] signature = DECODER.decode(cursor.substring(dot + 1));
            String body = new String(bytes, StandardCharsets.UTF_8);
            String prefix = prefix(format.list(), viewerId) + "|";
            if (MessageDigest.isEqual(signature, mac(bytes)) && body.startsWith(prefix)) {
                List<String> parts = Arrays.asList(body.substring(prefix.length()).split("\\|", -1));
                if (parts.size() == format.parts()) {
                    return format.read().apply(parts);
                }
            }
        } catch (RuntimeException garbage) {
            // falls through to the same answer as a forged cursor
        }
        throw new InvalidRequestException("cursor", "is not a cursor this caller received for this list");
    }

    private static String prefix(String list, long viewerId) {
        return "v1|" + list + "|" + viewerId;
    }

    private byte[] mac(byte[] bytes) {
        return Arrays.copyOf(macs.get().doFinal(bytes), MAC_BYTES);
    }

    /** A Mac is not thread-safe, and looking one up per cursor costs more than signing it. */
    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
