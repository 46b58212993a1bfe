package dev.homefeed.projection.rebuild;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homefeed.projection.api.GenerationComparison;
import dev.homefeed.projection.api.RebuildState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rebuilds in {@code projection_rebuild}: what any instance reports, and what a restart resumes. */
@Repository
class RebuildRecords {

    /** One row; {@code startPosition} is the head when the rebuild started, for its rate. */
    record Rebuild(long id, String projection, int generation, int servingGeneration, RebuildState state, String cutover,
                   Instant startedAt, long startPosition, Instant resetAt, Instant caughtUpAt, Instant switchedAt,
                   GenerationComparison comparison, String error, String driver) {
    }

    private static final String COLUMNS = """
            id, projection, generation, serving_generation, state, cutover, started_at, start_position, reset_at,
            caught_up_at, switched_at, comparison, error, driver""";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    RebuildRecords(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Rebuild create(String projection, int generation, int serving, String cutover, Instant now, long head, String driver) {
        long id = jdbc.sql("SELECT nextval('projection_rebuild_seq')").query(Long.class).single();
        jdbc.sql("""
                INSERT INTO projection_rebuild (id, projection, generation, serving_generation, state, cutover, started_at,
                                                start_position, driver)
                VALUES (:id, :projection, :generation, :serving, 'BUILDING', :cutover, :now, :head, :driver)""")
                .param("id", id).param("projection", projection).param("generation", generation).param("driver", driver)
                .param("serving", serving).param("cutover", cutover).param("now", ts(now)).param("head", head)
                .update();
        return latest(projection).orElseThrow();
    }

    Optional<Rebuild> latest(String projection) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM projection_rebuild WHERE projection = :projection ORDER BY id DESC LIMIT 1")
                .param("projection", projection).query(this::row).optional();
    }

    /** The latest rebuild, locked until the caller's transaction ends, so two requests never move it at once. */
    Optional<Rebuild> latestForUpdate(String projection) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM projection_rebuild WHERE projection = :projection ORDER BY id DESC LIMIT 1 FOR UPDATE")
                .param("projection", projection).query(this::row).optional();
    }

    List<Rebuild> running() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM projection_rebuild WHERE state IN ('BUILDING', 'COMPARING', 'READY') ORDER BY id")
                .query(this::row).list();
    }

    /**
     * Makes {@code me} the rebuild's driver unless a live instance drives it already; true when {@code me} drives it
     * now. The update is conditional, so two instances taking over from a dead one never both win.
     */
    boolean drive(Rebuild rebuild, String me, List<String> live) {
        if (me.equals(rebuild.driver())) {
            return true;
        }
        if (rebuild.driver() != null && live.contains(rebuild.driver())) {
            return false;
        }
        return jdbc.sql("UPDATE projection_rebuild SET driver = :me WHERE id = :id AND driver IS NOT DISTINCT FROM CAST(:was AS VARCHAR)")
                .param("me", me).param("id", rebuild.id()).param("was", rebuild.driver()).update() == 1;
    }

    void reset(long id, Instant at) {
        jdbc.sql("UPDATE projection_rebuild SET reset_at = :at WHERE id = :id").param("id", id).param("at", ts(at)).update();
    }

    void caughtUp(long id, Instant at) {
        jdbc.sql("UPDATE projection_rebuild SET state = 'COMPARING', caught_up_at = :at WHERE id = :id")
                .param("id", id).param("at", ts(at)).update();
    }

    void compared(long id, GenerationComparison comparison) {
        jdbc.sql("UPDATE projection_rebuild SET state = 'READY', comparison = :comparison WHERE id = :id")
                .param("id", id).param("comparison", write(comparison)).update();
    }

    void switched(long id, Instant at) {
        jdbc.sql("UPDATE projection_rebuild SET state = 'SWITCHED', switched_at = :at WHERE id = :id")
                .param("id", id).param("at", ts(at)).update();
    }

    void ended(long id, RebuildState state, String error) {
        jdbc.sql("UPDATE projection_rebuild SET state = :state, error = :error WHERE id = :id")
                .param("id", id).param("state", state.name()).param("error", error).update();
    }

    private Rebuild row(ResultSet rs, int i) throws SQLException {
        return new Rebuild(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4), RebuildState.valueOf(rs.getString(5)),
                rs.getString(6), instant(rs, 7), rs.getLong(8), instant(rs, 9), instant(rs, 10), instant(rs, 11),
                read(rs.getString(12)), rs.getString(13), rs.getString(14));
    }

    private String write(GenerationComparison comparison) {
        try {
            return json.writeValueAsString(comparison);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a comparison is plain data", e);
        }
    }

    private GenerationComparison read(String stored) {
        try {
            return stored == null ? null : json.readValue(stored, GenerationComparison.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored comparison", e);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
