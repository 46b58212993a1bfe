package dev.homefeed.projection.api;

import java.util.List;

/** A page of a projection's dead letters; {@code next} is null on the last page. */
public record DeadLetterPage(List<DeadLetterView> items, DeadLetterPosition next) {
}
