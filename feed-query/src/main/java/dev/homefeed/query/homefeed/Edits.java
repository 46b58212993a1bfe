package dev.homefeed.query.homefeed;

import static dev.homefeed.query.homefeed.SqlArrays.bigints;
import static dev.homefeed.query.homefeed.SqlArrays.texts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.homefeed.projection.generation.GenerationSql;
import dev.homefeed.query.homefeed.HomeFeedChange.Edit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Edits: the post's copy and every feed row of it take the new text; an older version never overwrites a newer. */
@Repository
class Edits {

    private static final String EDIT_SQL = """
            WITH edit AS (SELECT * FROM unnest(:posts, :texts, :versions) AS t(post_id, text, version)),
                 changed AS (
                     UPDATE {g}.home_feed_post p SET text = edit.text, version = edit.version
                     FROM edit
                     WHERE p.post_id = edit.post_id AND p.version < edit.version AND NOT p.deleted
                     RETURNING p.post_id, p.author_id, p.created_at, p.text),
                 %s
            UPDATE {g}.user_feed u SET post_preview = changed.text
            FROM holders h JOIN changed USING (post_id)
            WHERE u.viewer_id = h.viewer_id AND u.created_at = h.created_at AND u.post_id = h.post_id"""
            .formatted(PostHolders.of("changed"));

    private final JdbcClient jdbc;

    Edits(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    int apply(String schema, List<Edit> edits) {
        List<Edit> latest = latestPerPost(edits);
        return jdbc.sql(GenerationSql.in(schema, EDIT_SQL))
                .param("posts", bigints(latest, Edit::postId))
                .param("texts", texts(latest, Edit::text))
                .param("versions", bigints(latest, Edit::version))
                .update();
    }

    /** One update per post: a statement can change a row once, and the highest version wins anyway. */
    static List<Edit> latestPerPost(List<Edit> edits) {
        Map<Long, Edit> latest = new LinkedHashMap<>();
        for (Edit e : edits) {
            latest.merge(e.postId(), e, (a, b) -> b.version() > a.version() ? b : a);
        }
        return new ArrayList<>(latest.values());
    }
}
