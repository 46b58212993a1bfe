package dev.homefeed.projection.generation;

import java.time.Instant;

/**
 * One generation of a projection's tables: a schema cloned from the projection's template.
 *
 * @param retainedUntil for the previous generation after a switch, when it is dropped; else null
 */
public record Generation(String projection, int number, Role role, Instant createdAt, Instant retainedUntil) {

    /**
     * SERVING: the public views name it. REBUILDING: filled from the first event by the rebuild processor. SHADOW:
     * written in lockstep with the serving one by the serving processor (a rebuilt generation before the switch, the
     * previous one after it).
     */
    public enum Role { SERVING, REBUILDING, SHADOW }

    public String schema() {
        return schema(projection, number);
    }

    /** The schema of generation {@code number} of a projection: {@code home_feed_g2} for home-feed's second. */
    public static String schema(String projection, int number) {
        return prefix(projection) + "_g" + number;
    }

    static String template(String projection) {
        return prefix(projection) + "_template";
    }

    private static String prefix(String projection) {
        return projection.replace('-', '_');
    }
}
