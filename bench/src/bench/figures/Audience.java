package bench.figures;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

import bench.load.Load;

/**
 * Phase 7: publish latency of the hybrid author at its largest audience against an author with about ten followers.
 *
 * @param hybridFollowsPerSecond the rate of the follows that took the hybrid author there, if it needed any
 */
public record Audience(OptionalDouble hybridFollowsPerSecond, long hybridFollowers, long smallAuthorFollowers, Load.Result hybrid,
                       Load.Result smallAuthor) implements PhaseFigures {

    @Override
    public void json(JsonSections out) {
        hybridFollowsPerSecond.ifPresent(rate -> out.service().put("hybrid_follows_per_s", rate));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hybrid_followers", hybridFollowers);
        m.put("small_author_followers", smallAuthorFollowers);
        m.put("hybrid", hybrid.json());
        m.put("small_author", smallAuthor.json());
        out.service().put("publish_by_audience", m);
        out.service().put("publish_p99_hybrid_ms", hybrid.percentileMs(99));
        out.service().put("publish_p99_small_author_ms", smallAuthor.percentileMs(99));
    }
}
