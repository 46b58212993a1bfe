package bench.baselines;

import java.time.OffsetDateTime;

/** A post as the service published it (its id and timestamp from the response), for the raw fan-out to repeat. */
public record PublishedPost(long id, long author, String text, OffsetDateTime createdAt) {}
