package dev.homefeed.projection.generation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.homefeed.projection.Projections;
import dev.homefeed.projection.generation.Generation.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The generations of every projection, from {@code projection_generation}. A processor asks which generations it
 * writes inside its batch's transaction and holds a share lock on their rows until the batch commits, so a switch,
 * an abandon or the end of a retention (which update those rows first) never drops a schema under a running batch.
 */
@Component
public class ProjectionGenerations {

    private final JdbcClient jdbc;

    ProjectionGenerations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The schemas a processing group writes: for a projection's own group its serving generation and any shadow, for
     * its rebuild group the generation being rebuilt (none when no rebuild runs).
     */
    public List<String> writtenBy(String processingGroup) {
        boolean rebuild = Projections.isRebuildGroup(processingGroup);
        String projection = Projections.projectionOf(processingGroup);
        return jdbc.sql("""
                SELECT generation FROM projection_generation
                WHERE projection = :projection AND role IN (:roles)
                ORDER BY role = 'SERVING' DESC, generation
                FOR SHARE""")
                .param("projection", projection)
                .param("roles", rebuild ? List.of(Role.REBUILDING.name()) : List.of(Role.SERVING.name(), Role.SHADOW.name()))
                .query(Integer.class)
                .list()
                .stream()
                .map(n -> Generation.schema(projection, n))
                .toList();
    }

    /** Every generation of a projection, oldest first. */
    public List<Generation> of(String projection) {
        return jdbc.sql("""
                SELECT projection, generation, role, created_at, retained_until FROM projection_generation
                WHERE projection = :projection ORDER BY generation""")
                .param("projection", projection)
                .query((rs, i) -> new Generation(rs.getString(1), rs.getInt(2), Role.valueOf(rs.getString(3)),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), instant(rs.getObject(5, OffsetDateTime.class))))
                .list();
    }

    /** Every projection's serving generation number, in one query. */
    public Map<String, Integer> servingOfEach() {
        return jdbc.sql("SELECT projection, generation FROM projection_generation WHERE role = 'SERVING'")
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getInt(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public Generation serving(String projection) {
        return of(projection).stream().filter(g -> g.role() == Role.SERVING).findFirst()
                .orElseThrow(() -> new IllegalStateException("no serving generation of " + projection));
    }

    /**
     * True while a rebuild owns a generation besides the serving one: one being rebuilt, or a shadow compared before
     * its switch. A retained previous generation does not count: it is kept in lockstep and a replay refills it too.
     */
    public boolean rebuilding(String projection) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM projection_generation WHERE projection = :projection
                               AND (role = 'REBUILDING' OR (role = 'SHADOW' AND retained_until IS NULL)))""")
                .param("projection", projection).query(Boolean.class).single();
    }

    /** True while a generation of the projection is being filled by its rebuild processor. */
    public boolean rebuildingNow(String projection) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM projection_generation WHERE projection = :projection AND role = 'REBUILDING')")
                .param("projection", projection).query(Boolean.class).single();
    }

    /** The next generation's number: never one used before, even by a generation since dropped. */
    public int next(String projection) {
        return jdbc.sql("""
                SELECT greatest(
                    (SELECT coalesce(max(generation), 0) FROM projection_generation WHERE projection = :projection),
                    (SELECT coalesce(max(generation), 0) FROM projection_rebuild WHERE projection = :projection)) + 1""")
                .param("projection", projection).query(Integer.class).single();
    }

    public void add(String projection, int number, Role role, Instant now) {
        jdbc.sql("""
                INSERT INTO projection_generation (projection, generation, role, created_at)
                VALUES (:projection, :generation, :role, :now)""")
                .param("projection", projection).param("generation", number).param("role", role.name())
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update();
    }

    /**
     * Locks the projection's generation rows until the caller's transaction ends. Batches hold share locks on the rows
     * they write, so this waits for them, and no batch starts on a generation the caller is about to change or drop.
     */
    public void lock(String projection) {
        jdbc.sql("SELECT generation FROM projection_generation WHERE projection = :projection FOR UPDATE")
                .param("projection", projection).query(Integer.class).list();
    }

    public void setRole(String projection, int number, Role role, Instant retainedUntil) {
        jdbc.sql("""
                UPDATE projection_generation SET role = :role, retained_until = :until
                WHERE projection = :projection AND generation = :generation""")
                .param("projection", projection).param("generation", number).param("role", role.name())
                .param("until", retainedUntil == null ? null : OffsetDateTime.ofInstant(retainedUntil, ZoneOffset.UTC))
                .update();
    }

    public void remove(String projection, int number) {
        jdbc.sql("DELETE FROM projection_generation WHERE projection = :projection AND generation = :generation")
                .param("projection", projection).param("generation", number).update();
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
