package bench.figures;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import bench.load.Load;

/**
 * Phase 11: one instance against two on the same PostgreSQL. The same posts and reads through the first instance
 * alone ({@code one…}), through the first while the second runs beside it ({@code first…}: the coordination's price),
 * and spread over both ({@code two…}).
 *
 * @param warmUpPosts the second instance's warm-up rounds, posts/s, until it served alone about as fast as the first
 * @param idleOne     CPU seconds per second of the JVMs and PostgreSQL with one instance and no requests
 */
public record Instances(double segmentsSpreadSeconds, List<Double> warmUpPosts, List<Double> warmUpPages, double quietSeconds,
                        double idleOne, double idleTwo, Load.Result onePublish, Load.Result firstPublish, Load.Result twoPublish,
                        Load.Result oneRead, Load.Result firstRead, Load.Result twoRead) implements PhaseFigures {

    public double publishCoordinationVsOne() {
        return firstPublish.opsPerSecond() / onePublish.opsPerSecond();
    }

    public double readCoordinationVsOne() {
        return firstRead.opsPerSecond() / oneRead.opsPerSecond();
    }

    public double publishTwoVsOne() {
        return twoPublish.opsPerSecond() / onePublish.opsPerSecond();
    }

    public double readTwoVsOne() {
        return twoRead.opsPerSecond() / oneRead.opsPerSecond();
    }

    @Override
    public void json(JsonSections out) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("segments_spread_seconds_after_up", segmentsSpreadSeconds);
        m.put("warm_up_posts_per_s", warmUpPosts);
        m.put("warm_up_pages_per_s", warmUpPages);
        m.put("quiet_after_warm_up_s", quietSeconds);
        m.put("idle_cpu_one_instance_per_s", idleOne);
        m.put("idle_cpu_two_instances_per_s", idleTwo);
        m.put("one_publish_posts_per_s", onePublish.opsPerSecond());
        m.put("first_serves_publish_posts_per_s", firstPublish.opsPerSecond());
        m.put("two_publish_posts_per_s", twoPublish.opsPerSecond());
        m.put("one_feed_pages_per_s", oneRead.opsPerSecond());
        m.put("first_serves_feed_pages_per_s", firstRead.opsPerSecond());
        m.put("two_feed_pages_per_s", twoRead.opsPerSecond());
        m.put("publish_coordination_vs_one", publishCoordinationVsOne());
        m.put("read_coordination_vs_one", readCoordinationVsOne());
        m.put("publish_two_vs_one", publishTwoVsOne());
        m.put("read_two_vs_one", readTwoVsOne());
        m.put("one_read_p99_ms", oneRead.percentileMs(99));
        m.put("two_read_p99_ms", twoRead.percentileMs(99));
        out.service().put("instances", m);
    }
}
