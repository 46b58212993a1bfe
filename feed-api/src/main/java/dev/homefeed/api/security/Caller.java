package dev.homefeed.api.security;

import dev.homefeed.command.api.UserId;

/** The authenticated user making the request: always the token's {@code sub}, never a parameter. */
public record Caller(UserId id) {
}
