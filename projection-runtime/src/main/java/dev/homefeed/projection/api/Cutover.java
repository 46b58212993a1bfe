package dev.homefeed.projection.api;

import java.util.Locale;

/** How a rebuild that compared clean switches: AUTO at once, MANUAL when an operator asks. */
public enum Cutover {
    AUTO, MANUAL;

    /** As the API and the database spell it: {@code auto}, {@code manual}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Cutover of(String wire) {
        for (Cutover cutover : values()) {
            if (cutover.wire().equals(wire)) {
                return cutover;
            }
        }
        throw new IllegalArgumentException("a cutover is auto or manual, was " + wire);
    }
}
