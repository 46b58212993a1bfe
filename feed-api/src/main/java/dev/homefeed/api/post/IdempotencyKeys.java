package dev.homefeed.api.post;

import dev.homefeed.api.problem.InvalidRequestException;

/** {@code Idempotency-Key}: 1..100 printable ASCII characters. */
final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    static String validate(String header) {
        if (header == null) {
            return null;
        }
        if (header.isEmpty() || header.length() > 100 || !header.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new InvalidRequestException("Idempotency-Key", "must be 1 to 100 printable ASCII characters");
        }
        return header;
    }
}
