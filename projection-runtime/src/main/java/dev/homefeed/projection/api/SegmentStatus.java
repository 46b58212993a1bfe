package dev.homefeed.projection.api;

/**
 * One segment of a projection's serving processor.
 *
 * @param owner the id of the instance whose claim on it is alive; null while unclaimed
 */
public record SegmentStatus(int segment, String owner, long position) {
}
