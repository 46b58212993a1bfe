package dev.homefeed.command.erasure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.crypto.SecretKey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.homefeed.command.api.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one-off migration of post events stored before post text was encrypted: each revision-1 event is rewritten in
 * place, its text sealed under its author's key, as revision 2. It runs in the background, a batch per transaction,
 * rows locked with SKIP LOCKED so that instances share the work, and resumes after any stop where it left off: the
 * events left are exactly the ones a partial index still lists. docs/design.md says why rewriting these rows once is
 * acceptable for an append-only log.
 */
@Component
public class PlainPostEvents {

    /** The partial index's predicate (migration 015): post events whose text is stored plain. */
    private static final String POST_TYPES =
            "('dev.homefeed.command.api.post.PostPublishedEvent', 'dev.homefeed.command.api.post.PostEditedEvent')";
    static final String PLAIN = "payload_revision = '1' AND payload_type IN " + POST_TYPES;
    private static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(PlainPostEvents.class);

    private record Plain(long globalIndex, ObjectNode event) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final DataKeys keys;
    private final PersonalDataSeal seal;
    private long sealed;

    PlainPostEvents(JdbcClient jdbc, JdbcTemplate jdbcTemplate, PlatformTransactionManager transactions, ObjectMapper json,
                    DataKeys keys, PersonalDataSeal seal) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.transactions = new TransactionTemplate(transactions);
        this.json = json;
        this.keys = keys;
        this.seal = seal;
    }

    /**
     * Seals batch after batch while there are plain events. Where none is left (every installation after its first
     * minutes on this version), this is one lookup in an empty partial index a second.
     */
    @Scheduled(initialDelayString = "${feed.erasure.plain-events.initial-delay:PT2S}",
               fixedDelayString = "${feed.erasure.plain-events.interval:PT1S}")
    public void sealPlainEvents() {
        Integer count;
        do {
            count = transactions.execute(status -> sealBatch());
            if (count != null && count > 0) {
                sealed += count;
                if (sealed % (BATCH * 20L) < count) {
                    log.info("Sealed {} post events stored with plain text so far", sealed);
                }
            }
        } while (count != null && count == BATCH);
        if (sealed > 0 && !jdbc.sql("SELECT EXISTS (SELECT 1 FROM domain_event_entry WHERE " + PLAIN + ")").query(Boolean.class).single()) {
            log.info("Every post event stored with plain text is sealed now ({} by this instance)", sealed);
            sealed = 0;
        }
    }

    private int sealBatch() {
        List<Plain> plain = jdbc.sql("SELECT global_index, payload FROM domain_event_entry WHERE " + PLAIN
                        + " ORDER BY global_index LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED")
                .query((rs, i) -> new Plain(rs.getLong(1), read(rs.getBytes(2))))
                .list();
        List<Object[]> rows = new ArrayList<>(plain.size());
        for (Plain p : plain) {
            JsonNode text = p.event().get("text");
            if (text != null && text.isTextual()) {
                long author = p.event().get("authorId").get("value").asLong();
                Optional<SecretKey> key = keys.forSealing(new UserId(author));
                p.event().set("text", key.<JsonNode>map(k -> seal.sealed(p.event(), "text", text.textValue(), author, k))
                        .orElse(p.event().nullNode()));
            }
            rows.add(new Object[] {write(p.event()), p.globalIndex()});
        }
        jdbcTemplate.batchUpdate("UPDATE domain_event_entry SET payload = ?, payload_revision = '2' WHERE global_index = ?", rows);
        return plain.size();
    }

    /**
     * In an erasure's transaction: the user's post events still stored plain lose their text, as their sealed ones
     * lose it with the key; and so do the dead letters of their post events, whatever their revision.
     *
     * @return the events changed
     */
    int erase(UserId user) {
        String blanked = "convert_to(jsonb_set(convert_from(payload, 'UTF8')::jsonb, '{text}', 'null')::text, 'UTF8')";
        String byUser = "(convert_from(payload, 'UTF8')::jsonb -> 'authorId' ->> 'value')::bigint = :user";
        jdbc.sql("UPDATE dead_letter_entry SET payload = " + blanked + " WHERE payload_type IN " + POST_TYPES + " AND " + byUser)
                .param("user", user.value()).update();
        return jdbc.sql("UPDATE domain_event_entry SET payload = " + blanked + ", payload_revision = '2' WHERE " + PLAIN + " AND " + byUser)
                .param("user", user.value()).update();
    }

    private ObjectNode read(byte[] payload) {
        try {
            return (ObjectNode) json.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] write(JsonNode event) {
        try {
            return json.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
