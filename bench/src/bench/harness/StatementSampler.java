package bench.harness;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where PostgreSQL spends a phase, without an extension: samples the statements {@code pg_stat_activity} shows active
 * every 20 ms and counts them by their first words, so a statement's share of samples is its share of the database's
 * busy time. Also the service's rows served from each source, from its metrics.
 */
public final class StatementSampler implements AutoCloseable {

    private final Map<String, Integer> samples = new TreeMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private int ticks;

    public StatementSampler(Service service) {
        thread = new Thread(() -> {
            try (Connection c = service.connect(); Statement s = c.createStatement()) {
                while (running.get()) {
                    try (ResultSet rs = s.executeQuery("SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 90) FROM pg_stat_activity "
                            + "WHERE state = 'active' AND pid <> pg_backend_pid() AND backend_type = 'client backend'")) {
                        synchronized (samples) {
                            ticks++;
                            while (rs.next()) samples.merge(rs.getString(1), 1, Integer::sum);
                        }
                    }
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                System.out.println("  sampler stopped: " + e);
            }
        }, "statement-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join();
        Map<String, Integer> sorted = new LinkedHashMap<>();
        synchronized (samples) {
            samples.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
            System.out.println("  active statements in " + ticks + " samples:");
            sorted.forEach((q, n) -> System.out.printf("    %5d  %s%n", n, q));
        }
    }
}
