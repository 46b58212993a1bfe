package bench.figures;

import java.util.LinkedHashMap;
import java.util.Map;

import bench.load.Graph;
import bench.load.Load;

/** Phase 1: the follow graph through the HTTP API, and how long home-feed took to catch up after it. */
public record GraphLoad(Load.Result follows, double drainSeconds, Graph graph) implements PhaseFigures {

    @Override
    public void json(JsonSections out) {
        out.service().put("follows", follows.json());
        out.service().put("follows_per_s", follows.opsPerSecond());
        out.info().put("graph_projection_drain_seconds", drainSeconds);
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("users", graph.users);
        shape.put("follows", graph.follows());
        shape.put("celebrity_followers", graph.followers[(int) graph.celebrity]);
        shape.put("hybrid_followers", graph.followers[(int) graph.hybrid]);
        shape.put("max_regular_followers", graph.maxRegularFollowers());
        shape.put("probe_users", Graph.PROBES);
        out.info().put("graph", shape);
    }
}
