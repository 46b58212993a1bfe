package bench.harness;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The home-feed projection as its admin view shows it: what the phases wait on between their loads. */
public final class HomeFeed {

    private final Http http;

    public HomeFeed(Http http) {
        this.http = http;
    }

    public Map<String, Object> view() throws IOException {
        return http.projection("home-feed");
    }

    /** Waits until the projection has applied every event; returns the seconds waited. */
    public double awaitCaughtUp(Duration timeout) throws Exception {
        long t0 = System.nanoTime();
        while (true) {
            Map<String, Object> p = view();
            if ("RUNNING".equals(p.get("state")) && ((Number) p.get("lagEvents")).longValue() == 0) {
                return (System.nanoTime() - t0) / 1e9;
            }
            Require.that(!"ERROR".equals(p.get("state")), "home-feed projection failed: " + p);
            Require.that(System.nanoTime() - t0 < timeout.toNanos(), "home-feed did not catch up in " + timeout + ": " + p);
            Thread.sleep(100);
        }
    }

    public long headPosition() throws IOException {
        return ((Number) view().get("headPosition")).longValue();
    }

    /** Seconds until the projection's segments are owned by two instances. */
    public double awaitSegmentsSpread(Duration timeout) throws Exception {
        long t0 = System.nanoTime();
        while (true) {
            Object segments = view().get("segments");
            Set<Object> owners = new HashSet<>();
            if (segments instanceof List<?> list) {
                for (Object s : list) if (s instanceof Map<?, ?> seg && seg.get("owner") != null) owners.add(seg.get("owner"));
            }
            if (owners.size() >= 2) return (System.nanoTime() - t0) / 1e9;
            Require.that(System.nanoTime() - t0 < timeout.toNanos(), "home-feed's segments were not spread over two instances: " + segments);
            Thread.sleep(200);
        }
    }
}
