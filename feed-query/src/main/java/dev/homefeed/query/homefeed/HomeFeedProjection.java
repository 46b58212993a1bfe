package dev.homefeed.query.homefeed;

import java.util.List;
import java.util.Optional;

import dev.homefeed.projection.Projection;
import dev.homefeed.projection.Reconciler;
import dev.homefeed.projection.batching.EventBatches;
import dev.homefeed.query.api.ProjectionNames;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The home feed as the projection runtime runs it: ordered by author, so an author's posts, edits and deletes and
 * the follows of them apply in order; compared on what readers see, the live rows of the windows both generations
 * keep above both floors, and on the tables the hybrid pull and the windows are made from; reconciled against the
 * command side's follows and posts.
 */
@Component
class HomeFeedProjection implements Projection {

    /** A viewer's live rows as a reader sees them. Expired rows are left out: each generation purges them on its own schedule. */
    private static final String FEED_ROWS = """
            SELECT viewer_id AS owner_id, created_at AS key_at, post_id AS key_id,
                   (author_id, post_preview, expires_at) AS content
            FROM {g}.user_feed WHERE expires_at IS NULL OR expires_at > now()""";

    /** The posts a pulled author's readers merge in (live ones), the follower lists and the authors' fan-out modes. */
    private static final List<String> PULL_ROWS = List.of(
            "SELECT * FROM {g}.home_feed_post WHERE expires_at IS NULL OR expires_at > now()",
            "SELECT * FROM {g}.home_feed_follower",
            "SELECT * FROM {g}.home_feed_author");

    private final ObjectProvider<HomeFeedPipeline> pipeline;
    private final ObjectProvider<EventBatches> batches;
    private final ObjectProvider<HomeFeedReconciler> reconciler;

    HomeFeedProjection(ObjectProvider<HomeFeedPipeline> pipeline, ObjectProvider<EventBatches> batches,
                       ObjectProvider<HomeFeedReconciler> reconciler) {
        this.pipeline = pipeline;
        this.batches = batches;
        this.reconciler = reconciler;
    }

    @Override
    public String name() {
        return ProjectionNames.HOME_FEED;
    }

    @Override
    public SequencingPolicy<? super EventMessage<?>> sequencing(Configuration axon) {
        return new AuthorSequencingPolicy(axon.eventSerializer());
    }

    @Override
    public Object projector(String processingGroup) {
        return new HomeFeedProjector(processingGroup, pipeline.getObject(), batches.getObject());
    }

    /** The windows a generation keeps, with their floors; waiting ones vouch for nothing yet. */
    private static final String WINDOWS = """
            SELECT viewer_id AS owner_id, floor_at, floor_id FROM {g}.home_feed_viewer WHERE floor_at <> 'infinity'""";

    /**
     * A rebuilt generation is compared once it keeps a materialized window for every viewer the serving one keeps:
     * the hand-over leaves its windows waiting, and the window keeper writes them from its own tables.
     */
    private static final String WINDOWS_WRITTEN = """
            NOT EXISTS (SELECT 1 FROM {g}.home_feed_viewer WHERE floor_at = 'infinity')
            AND NOT EXISTS (SELECT 1 FROM public.home_feed_viewer s
                            WHERE NOT EXISTS (SELECT 1 FROM {g}.home_feed_viewer r WHERE r.viewer_id = s.viewer_id))""";

    @Override
    public ComparedRows comparedRows() {
        return new ComparedRows(FEED_ROWS, PULL_ROWS, WINDOWS, WINDOWS_WRITTEN);
    }

    @Override
    public Optional<Reconciler> reconciler() {
        return Optional.of(reconciler.getObject());
    }
}
