package dev.homefeed.projection.generation;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The DDL of generations. A generation is a schema holding a copy of every table of the projection's template schema
 * (columns, constraints and indexes, by {@code LIKE ... INCLUDING ALL}); Liquibase owns the template and changes
 * existing generations alongside it. Public views of the same names show the serving generation.
 */
@Component
public class GenerationSchemas {

    private final JdbcClient jdbc;

    GenerationSchemas(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The projection's tables, as its template holds them. */
    public List<String> tables(String projection) {
        return jdbc.sql("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = :template AND table_type = 'BASE TABLE' ORDER BY table_name""")
                .param("template", Generation.template(projection))
                .query(String.class)
                .list();
    }

    /** Creates generation {@code number}'s schema with empty tables; returns the schema. */
    public String create(String projection, int number) {
        String schema = Generation.schema(projection, number);
        String template = Generation.template(projection);
        jdbc.sql("CREATE SCHEMA " + schema).update();
        for (String table : tables(projection)) {
            jdbc.sql("CREATE TABLE %1$s.%3$s (LIKE %2$s.%3$s INCLUDING ALL)".formatted(schema, template, table)).update();
        }
        return schema;
    }

    /**
     * Points the public views at generation {@code number}; in the caller's transaction, so readers see one or the
     * other. The views are locked all at once first, so the switch waits for reads in flight and holds them back
     * for the moment it takes, instead of taking one view while a read holds the next.
     */
    public void serve(String projection, int number) {
        String schema = Generation.schema(projection, number);
        List<String> tables = tables(projection);
        jdbc.sql("LOCK TABLE " + String.join(", ", tables.stream().map(t -> "public." + t).toList())
                + " IN ACCESS EXCLUSIVE MODE").update();
        for (String table : tables) {
            jdbc.sql("CREATE OR REPLACE VIEW public.%2$s AS SELECT * FROM %1$s.%2$s".formatted(schema, table)).update();
        }
    }

    /** Creates the public views of a projection that has none yet, naming generation {@code number}. */
    void serveFirst(String projection, int number) {
        String schema = Generation.schema(projection, number);
        for (String table : tables(projection)) {
            jdbc.sql("CREATE VIEW public.%2$s AS SELECT * FROM %1$s.%2$s".formatted(schema, table)).update();
        }
    }

    public void drop(String projection, int number) {
        jdbc.sql("DROP SCHEMA IF EXISTS " + Generation.schema(projection, number) + " CASCADE").update();
    }
}
