package dev.homefeed.command.api;

/**
 * Source truth as SQL the read side embeds in its own set-based statements: the command side's {@code following} and
 * {@code post_by_author}, written in the commands' own transactions, and its event stream. Only this class spells
 * those tables and the aggregate identifiers, so the read side can compare against source truth or answer from it
 * without knowing how the command side stores it.
 */
public final class SourceTruth {

    private SourceTruth() {
    }

    /**
     * The rows of the feeds source truth defines, as a query for a CTE: {@code viewer_id, post_id, created_at,
     * author_id, text, expires_at} of the live posts (unexpired at {@code now()}) of each viewer in the CTE
     * {@code viewersCte} (column {@code viewer_id}) and of the authors they follow, leaving out authors with more
     * than {@code :threshold} followers (read elsewhere) and posts whose publish event lies past {@code :position}.
     */
    public static String feedRows(String viewersCte) {
        return """
                SELECT a.viewer_id, p.post_id, p.created_at, p.author_id, p.text, p.expires_at
                FROM (SELECT viewer_id, viewer_id AS author_id FROM %1$s
                      UNION
                      SELECT f.follower_id, f.followee_id FROM following f JOIN %1$s v ON f.follower_id = v.viewer_id
                      WHERE f.followee_id NOT IN (SELECT followee_id FROM following
                                                  GROUP BY followee_id HAVING count(*) > :threshold)) a
                JOIN post_by_author p ON p.author_id = a.author_id
                WHERE (p.expires_at IS NULL OR p.expires_at > now())
                  AND %2$s""".formatted(viewersCte, postPublishedBy("p.post_id"));
    }

    /**
     * One page of a viewer's feed as source truth has it now, under the feed's keyset: the live posts of the viewer
     * and of everyone they follow, newest first, with keys below {@code (:created, :post)}, at most {@code :limit};
     * columns {@code post_id, author_id, text, created_at, expires_at}. A backward range scan of each author's posts
     * ({@code post_by_author}'s author index), so its cost follows the authors followed times the page, not the history.
     */
    public static String feedPage() {
        return """
                SELECT p.post_id, p.author_id, p.text, p.created_at, p.expires_at
                FROM (SELECT CAST(:viewer AS bigint) AS author_id
                      UNION ALL
                      SELECT followee_id FROM following WHERE follower_id = :viewer) a
                CROSS JOIN LATERAL (
                    SELECT post_id, author_id, text, created_at, expires_at FROM post_by_author
                    WHERE author_id = a.author_id
                      AND (created_at, post_id) < (:created, :post)
                      AND (expires_at IS NULL OR expires_at > :now)
                    ORDER BY created_at DESC, post_id DESC
                    LIMIT :limit) p
                ORDER BY p.created_at DESC, p.post_id DESC
                LIMIT :limit""";
    }

    /** A condition: the post whose id is in {@code postIdColumn} was published at or before {@code :position}. */
    public static String postPublishedBy(String postIdColumn) {
        return """
                EXISTS (SELECT 1 FROM domain_event_entry d
                        WHERE d.aggregate_identifier = '%s' || %s AND d.sequence_number = 0
                          AND d.global_index <= :position)""".formatted(AggregateIds.POST_PREFIX, postIdColumn);
    }

    /** Everyone who posts or follows, as a query of one column {@code viewer} for ids at or above {@code :start}. */
    public static String viewersFrom() {
        return """
                (SELECT DISTINCT follower_id AS viewer FROM following WHERE follower_id >= :start ORDER BY 1 LIMIT :size)
                UNION
                (SELECT DISTINCT author_id FROM post_by_author WHERE author_id >= :start ORDER BY 1 LIMIT :size)""";
    }

    /** The lowest and highest id of anyone who posts or follows, as a query of one row {@code (lowest, highest)}. */
    public static String viewerIdRange() {
        return """
                SELECT least((SELECT min(follower_id) FROM following), (SELECT min(author_id) FROM post_by_author)),
                       greatest((SELECT max(follower_id) FROM following), (SELECT max(author_id) FROM post_by_author))""";
    }
}
