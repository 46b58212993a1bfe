package dev.homefeed.command.api;

/**
 * A command's answer with the event-stream position it reached: the global index of the last event it appended, or
 * the head when it appended none. A read that asks for this position reflects the command.
 */
public record Positioned<T>(T value, long position) {
}
