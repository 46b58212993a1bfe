package dev.homefeed.projection;

import java.util.List;
import java.util.Optional;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * A derived read model the runtime runs and operates. A Spring bean implementing this is all a read model declares:
 * the runtime gives it a tracking processor named {@link #name()} and a rebuild twin, both ordered by
 * {@link #sequencing}, batching, asynchronous commits, a dead-letter queue, generations (blue/green schemas cloned
 * from the template schema {@code <name>_template} that Liquibase owns), replay by token reset, rebuilds compared
 * before their switch, and, when it has a {@link #reconciler()}, reconciliation against source truth.
 */
public interface Projection {

    /** Its processing group, the prefix of its schemas ({@code home-feed}: {@code home_feed_g2}) and its admin path. */
    String name();

    /** Events of one sequence are handled in order by one segment; the same policy for the serving and rebuild twin. */
    SequencingPolicy<? super EventMessage<?>> sequencing(Configuration axon);

    /**
     * A new projector (an object with {@code @EventHandler}s) for one processing group: {@link #name()} or its rebuild
     * twin's. It writes the generations {@code ProjectionGenerations.writtenBy(processingGroup)} names.
     */
    Object projector(String processingGroup);

    /** What a rebuilt generation is compared on before it may serve. */
    ComparedRows comparedRows();

    /** How the projection is checked against source truth, if it can be. */
    default Optional<Reconciler> reconciler() {
        return Optional.empty();
    }

    /**
     * The rows two generations must agree on, as queries over one generation's tables ({@code {g}.table}).
     *
     * @param keyedRows   the rows readers see, with the columns {@code owner_id} (bigint: whose rows they are, such as
     *                    a viewer), {@code key_at} (timestamptz) and {@code key_id} (bigint) that key a row within its
     *                    owner, and {@code content}, the rest as one row value; differences are counted per owner
     * @param wholeRows   further queries compared row for row as a whole (tables readers reach through the keyed ones)
     * @param ownerFloors for a projection that keeps only part of each owner's rows (a cache, such as a window of the
     *                    newest): the owners it keeps rows for, with the key from which on it keeps all of them
     *                    ({@code owner_id, floor_at, floor_id}); only owners both generations keep are compared, and
     *                    only at or above the higher of their two floors. Null: every row of every owner is compared.
     * @param readyWhen   a condition over the rebuilt generation that must hold before it is compared (such as: no
     *                    owner's rows still waiting to be written), or null
     */
    record ComparedRows(String keyedRows, List<String> wholeRows, String ownerFloors, String readyWhen) {

        /** Rows kept whole for every owner, comparable at once. */
        public ComparedRows(String keyedRows, List<String> wholeRows) {
            this(keyedRows, wholeRows, null, null);
        }
    }
}
