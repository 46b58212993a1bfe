package dev.homefeed.command.post;

import dev.homefeed.command.api.InvalidPostTextException;

/**
 * The one definition of valid post text, shared by the aggregate and the HTTP layer so both refuse
 * exactly the same input.
 */
public final class PostText {

    public static final int MAX_CODE_POINTS = 500;

    private PostText() {
    }

    /**
     * Returns the text as it is stored: stripped of leading and trailing whitespace
     * ({@link String#strip()}), 1 to {@value #MAX_CODE_POINTS} code points long.
     *
     * @throws InvalidPostTextException with a message fit to show under the field name ("must not be
     *                                  empty"), if the text is null, empty after stripping, too long, or
     *                                  holds U+0000, an unpaired surrogate or a C0 control character
     *                                  other than tab, line feed and carriage return
     */
    public static String normalize(String raw) {
        if (raw == null) {
            throw new InvalidPostTextException("is required");
        }
        // Checked before stripping, so a control character at either end is refused, not silently dropped.
        rejectForbiddenCharacters(raw);
        String text = raw.strip();
        if (text.isEmpty()) {
            throw new InvalidPostTextException("must not be empty");
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_CODE_POINTS) {
            throw new InvalidPostTextException(
                    "must be at most " + MAX_CODE_POINTS + " characters, was " + length);
        }
        return text;
    }

    private static void rejectForbiddenCharacters(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\u0000') {
                throw new InvalidPostTextException("must not contain U+0000 (at index " + i + ")");
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                throw new InvalidPostTextException(
                        "must not contain control character U+%04X (at index %d)".formatted((int) c, i));
            }
            if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidPostTextException("must not contain an unpaired surrogate (at index " + i + ")");
            }
        }
    }
}
