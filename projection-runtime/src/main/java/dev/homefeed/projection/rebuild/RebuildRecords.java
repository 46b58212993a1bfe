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
import dev.homefeed.projection.api.Cutover;
import dev.homefeed.projection.api.GenerationComparison;
import dev.homefeed.projection.api.RebuildState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rebuilds in {@code projection_rebuild}, what any instance reports and what a restart resumes. It stores what
 * {@link Rebuild}'s moves return and decides nothing, except who drives a rebuild, which is a race between instances.
 */
@Repository
class RebuildRecords {

    private static final String COLUMNS = """
            id, projection, generation, serving_generation, state, cutover, started_at, start_position, reset_at,
            caught_up_at, switched_at, comparison, error, driver""";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    RebuildRecords(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long nextId() {
        return jdbc.sql("SELECT nextval('projection_rebuild_seq')").query(Long.class).single();
    }

    void create(Rebuild r) {
        jdbc.sql("""
                INSERT INTO projection_rebuild (id, projection, generation, serving_generation, state, cutover, started_at,
                                                start_position, driver)
                VALUES (:id, :projection, :generation, :serving, :state, :cutover, :startedAt, :startPosition, :driver)""")
                .param("id", r.id()).param("projection", r.projection()).param("generation", r.generation())
                .param("serving", r.servingGeneration()).param("state", r.state().name()).param("cutover", r.cutover().wire())
                .param("startedAt", ts(r.startedAt())).param("startPosition", r.startPosition()).param("driver", r.driver())
                .update();
    }

    /**
     * Stores a move from {@code from} to {@code to}, if the stored rebuild still stands where {@code from} does; false
     * when another request or instance moved it meanwhile (an abandon racing a hand-over), and nothing is written.
     */
    boolean save(Rebuild from, Rebuild to) {
        return jdbc.sql("""
                UPDATE projection_rebuild SET state = :state, reset_at = :resetAt, caught_up_at = :caughtUpAt,
                       switched_at = :switchedAt, comparison = :comparison, error = :error
                WHERE id = :id AND state = :from""")
                .param("id", to.id()).param("from", from.state().name()).param("state", to.state().name())
                .param("resetAt", ts(to.resetAt())).param("caughtUpAt", ts(to.caughtUpAt()))
                .param("switchedAt", ts(to.switchedAt())).param("comparison", write(to.comparison()))
                .param("error", to.error())
                .update() == 1;
    }

    /** Stores a move that must not race: one made under {@link #latestForUpdate}'s lock, or by the rebuild's driver. */
    void move(Rebuild from, Rebuild to) {
        if (!save(from, to)) {
            throw new IllegalStateException("rebuild " + from.id() + " of " + from.projection() + " moved on from "
                    + from.state() + " meanwhile");
        }
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

    /** The latest rebuild of every projection ever rebuilt, running or ended, in one query. */
    List<Rebuild> latestOfEach() {
        return jdbc.sql("SELECT DISTINCT ON (projection) " + COLUMNS + " FROM projection_rebuild ORDER BY projection, id DESC")
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

    private Rebuild row(ResultSet rs, int i) throws SQLException {
        return new Rebuild(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4), RebuildState.valueOf(rs.getString(5)),
                Cutover.of(rs.getString(6)), instant(rs, 7), rs.getLong(8), instant(rs, 9), instant(rs, 10), instant(rs, 11),
                read(rs.getString(12)), rs.getString(13), rs.getString(14));
    }

    private String write(GenerationComparison comparison) {
        try {
            return comparison == null ? null : json.writeValueAsString(comparison);
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
