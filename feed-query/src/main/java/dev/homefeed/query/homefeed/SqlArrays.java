package dev.homefeed.query.homefeed;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.springframework.jdbc.support.SqlArrayValue;

/** Parameters of the set-based statements: one array per column, unnested in SQL, for any number of changes. */
final class SqlArrays {

    private SqlArrays() {
    }

    static <T> SqlArrayValue bigints(List<T> items, ToLongFunction<T> value) {
        Long[] values = new Long[items.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value.applyAsLong(items.get(i));
        }
        return new SqlArrayValue("bigint", (Object[]) values);
    }

    static SqlArrayValue bigints(List<Long> values) {
        return new SqlArrayValue("bigint", values.toArray());
    }

    static <T> SqlArrayValue texts(List<T> items, Function<T, String> value) {
        return new SqlArrayValue("text", items.stream().map(value).toArray());
    }

    /** Instants as RFC 3339 text, cast to timestamptz in SQL; null stays null. */
    static <T> SqlArrayValue instants(List<T> items, Function<T, Instant> value) {
        return texts(items, item -> {
            Instant instant = value.apply(item);
            return instant == null ? null : instant.toString();
        });
    }

    /** timestamptz parameters as OffsetDateTime: independent of the JVM's time zone. */
    /** A bigint array column as a list; null as an empty one. */
    static List<Long> longs(Array array) throws SQLException {
        return array == null ? List.of() : List.of((Long[]) array.getArray());
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
