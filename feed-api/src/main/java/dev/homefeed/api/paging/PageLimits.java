package dev.homefeed.api.paging;

import dev.homefeed.api.problem.InvalidRequestException;

/** Page {@code limit}: 1..100, default 20. */
public final class PageLimits {

    public static final int DEFAULT = 20;
    public static final int MAX = 100;

    private PageLimits() {
    }

    public static int parse(String raw) {
        if (raw == null) {
            return DEFAULT;
        }
        if (raw.matches("[1-9][0-9]{0,2}")) {
            int limit = Integer.parseInt(raw);
            if (limit <= MAX) {
                return limit;
            }
        }
        throw new InvalidRequestException("limit", "must be an integer from 1 to " + MAX);
    }
}
