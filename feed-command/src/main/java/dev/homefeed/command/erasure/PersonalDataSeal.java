package dev.homefeed.command.erasure;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.homefeed.command.api.PersonalData;
import org.springframework.stereotype.Component;

/**
 * Encrypts and decrypts the {@link PersonalData.Personal} fields of an event's JSON. A sealed field is
 * {@code {"by": "<user id>", "sealed": "<base64 of a 12-byte nonce and the AES-GCM ciphertext with its tag>"}}, the
 * field's name and the user bound in as associated data, so a sealed value cannot be moved to another field or user.
 * A field stored before encryption (revision 1, upcast by {@link PlainPostTextUpcaster}) is {@code {"plain": "..."}}.
 * Unsealing a field whose user's key is gone yields null: that is what erasure means for an event.
 */
@Component
public class PersonalDataSeal {

    static final String BY = "by";
    static final String SEALED = "sealed";
    static final String PLAIN = "plain";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final DataKeys keys;
    private final SecureRandom random = new SecureRandom();
    private final Map<Class<?>, List<String>> personalFields = new ConcurrentHashMap<>();

    PersonalDataSeal(DataKeys keys) {
        this.keys = keys;
    }

    /** Whether events of this type are sealed. */
    public boolean seals(Class<?> type) {
        return PersonalData.class.isAssignableFrom(type);
    }

    /**
     * Replaces the event's personal fields in its JSON with their sealed form, under its data subject's key; with null
     * if the subject was erased (commands refuse erased users before this, see {@link ErasureGuard}, but an event
     * serialized again, as a dead letter, may meet an erasure).
     */
    public void seal(ObjectNode json, PersonalData event) {
        Optional<SecretKey> key = null;
        for (String field : fieldsOf(event.getClass())) {
            JsonNode value = json.get(field);
            if (value != null && value.isTextual()) {
                if (key == null) {
                    key = keys.forSealing(event.dataSubject());
                }
                long by = event.dataSubject().value();
                json.set(field, key.<JsonNode>map(k -> sealed(json, field, value.textValue(), by, k)).orElse(json.nullNode()));
            }
        }
    }

    /** Replaces sealed or plain-wrapped fields with their text, or with null where the key is gone. */
    public void unseal(ObjectNode json, Class<?> type) {
        for (String field : fieldsOf(type)) {
            JsonNode value = json.get(field);
            if (value == null || !value.isObject()) {
                continue;
            }
            if (value.has(PLAIN)) {
                json.set(field, value.get(PLAIN));
            } else if (value.has(SEALED)) {
                long by = Long.parseLong(value.get(BY).asText());
                json.put(field, keys.forUnsealing(by).flatMap(key -> open(value.get(SEALED).asText(), field, by, key)).orElse(null));
            }
        }
    }

    /** Seals a field under a given key (the one-off migration of plain events uses the author's). */
    ObjectNode sealed(ObjectNode json, String field, String text, long by, SecretKey key) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(field, by));
            byte[] sealed = cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            ObjectNode node = json.objectNode();
            node.put(BY, Long.toString(by));
            node.put(SEALED, Base64.getEncoder().encodeToString(out));
            return node;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    /** The personal fields of an event type, by their JSON names (the record components'). */
    List<String> fieldsOf(Class<?> type) {
        return personalFields.computeIfAbsent(type, t -> t.isRecord()
                ? java.util.Arrays.stream(t.getRecordComponents())
                        .filter(c -> c.isAnnotationPresent(PersonalData.Personal.class))
                        .map(java.lang.reflect.RecordComponent::getName).toList()
                : List.of());
    }

    private static Optional<String> open(String sealed, String field, long by, SecretKey key) {
        byte[] in = Base64.getDecoder().decode(sealed);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(field, by));
            return Optional.of(new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8));
        } catch (AEADBadTagException tampered) {
            // Keys are never replaced, so only a changed ciphertext fails its tag: unreadable, like an erased one.
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    private static byte[] associatedData(String field, long by) {
        return (field + ":" + by).getBytes(StandardCharsets.UTF_8);
    }
}
