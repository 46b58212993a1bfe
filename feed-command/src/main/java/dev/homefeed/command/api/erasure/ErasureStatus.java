package dev.homefeed.command.api.erasure;

import java.time.Instant;

import dev.homefeed.command.api.UserId;

/**
 * An erasure as recorded: requested (the key is gone and the command side's rows with it), and completed once every
 * projection has handled it.
 *
 * @param completedAt null while a projection has not handled it yet
 */
public record ErasureStatus(UserId userId, Instant requestedAt, Instant completedAt, int posts, int follows) {
}
