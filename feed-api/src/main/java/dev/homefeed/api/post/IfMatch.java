package dev.homefeed.api.post;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.homefeed.api.problem.InvalidRequestException;

/** {@code If-Match} on a post: {@code "n"}, {@code W/"n"} or {@code *}; null means "any version". */
final class IfMatch {

    private static final Pattern VERSION = Pattern.compile("(?:W/)?\"([1-9][0-9]{0,17})\"");

    private IfMatch() {
    }

    static Long expectedVersion(String header) {
        if (header == null || header.trim().equals("*")) {
            return null;
        }
        Matcher m = VERSION.matcher(header.trim());
        if (!m.matches()) {
            throw new InvalidRequestException("If-Match", "must be \"<version>\", W/\"<version>\" or *");
        }
        return Long.parseLong(m.group(1));
    }
}
