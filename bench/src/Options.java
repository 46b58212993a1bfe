import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command-line options: {@code --quick} or the default sizes, each size overridable for smoke runs. */
final class Options {

    String mode = "default";
    int users = 20_000;
    int follows = 50;
    int celebFollowers = 10_000;
    int hybridFollowers = 100_000;
    int posts = 100_000;
    /** Posts published while home-feed is stopped, for the catch-up figure. */
    int catchUpPosts = 10_000;
    /** The hybrid author's followers in the publish-latency phase, and the long feeds' rows. */
    int bigHybrid = 100_000;
    int longFeed = 100_000;
    double celebShare = 0.005;
    double readSeconds = 30;
    /** Closed-loop read phases: the service's JIT needs tens of seconds of load on a 2-core machine. */
    double warmupSeconds = 20;
    double insertSeconds = 20;
    double steadySeconds = 60;
    double steadyRate = 100;
    double hybridRate = 0.5;
    int concurrency = 32;
    int rawWriteConnections = 2;
    int limit = 20;
    int pagesPerViewer = 3;
    long seed = 42;
    boolean keepData;
    boolean custom;
    Path jar = Path.of("feed-api/target/feed-api-0.1.0-SNAPSHOT.jar");
    Path peerJar;
    Path results = Path.of("bench/results");
    String heap = "512m";
    List<String> jvmOptions = new ArrayList<>();

    static Options parse(String[] args) {
        Options o = new Options();
        for (String a : args) {
            if (a.equals("--quick")) o.quick();
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> { }
                case "--users" -> { o.users = Integer.parseInt(args[++i]); o.custom = true; }
                case "--follows" -> { o.follows = Integer.parseInt(args[++i]); o.custom = true; }
                case "--celeb-followers" -> { o.celebFollowers = Integer.parseInt(args[++i]); o.custom = true; }
                case "--hybrid-followers" -> { o.hybridFollowers = Integer.parseInt(args[++i]); o.custom = true; }
                case "--posts" -> { o.posts = Integer.parseInt(args[++i]); o.custom = true; }
                case "--catch-up-posts" -> { o.catchUpPosts = Integer.parseInt(args[++i]); o.custom = true; }
                case "--big-hybrid" -> { o.bigHybrid = Integer.parseInt(args[++i]); o.custom = true; }
                case "--long-feed" -> { o.longFeed = Integer.parseInt(args[++i]); o.custom = true; }
                case "--read-seconds" -> { o.readSeconds = Double.parseDouble(args[++i]); o.custom = true; }
                case "--insert-seconds" -> { o.insertSeconds = Double.parseDouble(args[++i]); o.custom = true; }
                case "--steady-seconds" -> { o.steadySeconds = Double.parseDouble(args[++i]); o.custom = true; }
                case "--concurrency" -> { o.concurrency = Integer.parseInt(args[++i]); o.custom = true; }
                case "--seed" -> o.seed = Long.parseLong(args[++i]);
                case "--jar" -> o.jar = Path.of(args[++i]);
                case "--peer-jar" -> o.peerJar = Path.of(args[++i]);
                case "--results" -> o.results = Path.of(args[++i]);
                case "--jvm-opt" -> o.jvmOptions.add(args[++i]);
                case "--keep-data" -> o.keepData = true;
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
            }
        }
        if (o.custom) o.mode += "+custom";
        return o;
    }

    private void quick() {
        mode = "quick";
        users = 2_000;
        follows = 20;
        celebFollowers = 2_000;
        hybridFollowers = 20_000;
        posts = 10_000;
        readSeconds = 20;
        insertSeconds = 10;
        steadySeconds = 30;
    }

    static String usage() {
        return """
                usage: bench/run.sh [--quick] [--jar PATH] [--peer-jar PATH] [--keep-data] [--jvm-opt OPT]...
                       size overrides (smoke runs): --users N --follows N --celeb-followers N --hybrid-followers N
                       --posts N --catch-up-posts N --big-hybrid N --long-feed N --read-seconds S --insert-seconds S --steady-seconds S --concurrency N --seed N""";
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("users", users);
        m.put("follows_per_user", follows);
        m.put("celebrity_followers", celebFollowers);
        m.put("hybrid_followers", hybridFollowers);
        m.put("posts", posts);
        m.put("catch_up_posts", catchUpPosts);
        m.put("big_hybrid_followers", bigHybrid);
        m.put("long_feed_rows", longFeed);
        m.put("celebrity_post_share", celebShare);
        m.put("concurrency", concurrency);
        m.put("raw_write_connections", rawWriteConnections);
        m.put("page_limit", limit);
        m.put("pages_per_viewer", pagesPerViewer);
        m.put("read_seconds", readSeconds);
        m.put("warmup_seconds", warmupSeconds);
        m.put("insert_seconds", insertSeconds);
        m.put("steady_seconds", steadySeconds);
        m.put("steady_posts_per_s", steadyRate);
        m.put("hybrid_posts_per_s", hybridRate);
        m.put("heap", heap);
        m.put("seed", seed);
        return m;
    }
}
