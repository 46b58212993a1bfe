package dev.homefeed.projection.generation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Projector SQL names its tables {@code {g}.user_feed}; here {@code {g}} becomes a generation's schema. Each
 * statement is rewritten once per schema.
 */
public final class GenerationSql {

    private record Key(String schema, String sql) {
    }

    private static final Map<Key, String> CACHE = new ConcurrentHashMap<>();

    private GenerationSql() {
    }

    public static String in(String schema, String sql) {
        return CACHE.computeIfAbsent(new Key(schema, sql), k -> k.sql().replace("{g}.", k.schema() + "."));
    }
}
