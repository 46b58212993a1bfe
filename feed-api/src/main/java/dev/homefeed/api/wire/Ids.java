package dev.homefeed.api.wire;

import java.util.regex.Pattern;

import dev.homefeed.api.problem.InvalidRequestException;

/** Ids on the wire: an integer 1..9223372036854775807 in canonical decimal, nothing else. */
public final class Ids {

    static final String MESSAGE = "must be an integer id from 1 to 9223372036854775807 in canonical decimal";

    private static final Pattern CANONICAL = Pattern.compile("[1-9][0-9]{0,18}");

    private Ids() {
    }

    public static boolean isCanonical(String raw) {
        if (raw == null || !CANONICAL.matcher(raw).matches()) {
            return false;
        }
        try {
            Long.parseLong(raw);
            return true;
        } catch (NumberFormatException overflow) {
            return false;
        }
    }

    /** The id, or a 400 naming the field. */
    public static long parse(String field, String raw) {
        if (!isCanonical(raw)) {
            throw new InvalidRequestException(field, MESSAGE);
        }
        return Long.parseLong(raw);
    }
}
