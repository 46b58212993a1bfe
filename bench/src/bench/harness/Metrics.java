package bench.harness;

import java.io.IOException;

/** The service's own counters, from its Prometheus scrape (admin token). */
public final class Metrics {

    private Metrics() {
    }

    /** The sum of every series of {@code metric} whose labels contain {@code labels} ("" for all). */
    public static double sum(Http http, String metric, String labels) throws IOException {
        Http.Resp r = http.get("/actuator/prometheus", http.adminAuth());
        Require.that(r.status() == 200, "metrics: " + r.status());
        double sum = 0;
        boolean found = false;
        for (String line : r.body().split("\n")) {
            if ((line.startsWith(metric + "{") || line.startsWith(metric + " ")) && line.contains(labels)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        Require.that(found, "no " + metric + " in the metrics");
        return sum;
    }
}
