package bench.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options: {@code --smoke}, {@code --quick} or the default sizes, each size overridable. Parsed once, read
 * through accessors afterwards. The loop lengths below the sizes are the same in {@code --quick} and the default;
 * only {@code --smoke} shortens them, so that the run takes about two minutes and checks the harness, not the service.
 */
public final class Options {

    private String mode = "default";
    private int users = 20_000;
    private int follows = 50;
    private int celebFollowers = 10_000;
    private int hybridFollowers = 100_000;
    private int posts = 100_000;
    /** Posts published while home-feed is stopped, for the catch-up figure. */
    private int catchUpPosts = 10_000;
    /** The hybrid author's followers in the publish-latency phase, and the long feeds' rows. */
    private int bigHybrid = 100_000;
    private int longFeed = 100_000;
    private double celebShare = 0.005;
    private double readSeconds = 30;
    /** Closed-loop raw reads: measured after this warm-up. */
    private double warmupSeconds = 20;
    private double insertSeconds = 20;
    private double steadySeconds = 60;
    private double steadyRate = 100;
    private double hybridRate = 0.5;
    private int concurrency = 32;
    private int rawWriteConnections = 2;
    private int limit = 20;
    private int pagesPerViewer = 3;
    /** One round of a warm-up until steady (a second instance's publish rounds are half as long). */
    private double roundSeconds = 10;
    /** The longest wait for a second JVM's compiler to go quiet after its warm-up. */
    private double quietLimitSeconds = 90;
    /** Posts by each of the two authors of the publish-by-audience figure. */
    private int audiencePosts = 400;
    private int erasureSize = 1_000;
    private double scaleWarmupSeconds = 5;
    private double scaleReadSeconds = 10;
    private long seed = 42;
    private boolean keepData;
    private boolean custom;
    private Path jar = Path.of("feed-api/target/feed-api-0.1.0-SNAPSHOT.jar");
    private Path peerJar;
    private Path results = Path.of("bench/results");
    private Path markdown = Path.of("docs/benchmark-results.md");
    private final String heap = "512m";
    private final List<String> jvmOptions = new ArrayList<>();

    public static Options parse(String[] args) {
        Options o = new Options();
        List<String> all = List.of(args);
        if (all.contains("--quick") && all.contains("--smoke")) throw new IllegalArgumentException("--quick or --smoke, not both");
        if (all.contains("--quick")) o.quick();
        if (all.contains("--smoke")) o.smoke();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick", "--smoke" -> { }
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
                case "--markdown" -> o.markdown = Path.of(args[++i]);
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

    private void smoke() {
        mode = "smoke";
        users = 200;
        follows = 5;
        celebFollowers = 100;
        hybridFollowers = 400;
        posts = 1_000;
        catchUpPosts = 500;
        bigHybrid = 1_000;
        longFeed = 1_000;
        readSeconds = 2;
        warmupSeconds = 1;
        insertSeconds = 2;
        steadySeconds = 5;
        roundSeconds = 0.5;
        quietLimitSeconds = 6;
        audiencePosts = 100;
        erasureSize = 100;
        scaleWarmupSeconds = 1;
        scaleReadSeconds = 2;
    }

    public static String usage() {
        return """
                usage: bench/run.sh [--smoke | --quick] [--jar PATH] [--peer-jar PATH] [--keep-data] [--jvm-opt OPT]...
                       size overrides: --users N --follows N --celeb-followers N --hybrid-followers N --posts N
                       --catch-up-posts N --big-hybrid N --long-feed N --read-seconds S --insert-seconds S --steady-seconds S
                       --concurrency N --seed N
                       bench/run.sh --targets   prints the targets table and exits""";
    }

    /** The sizes and loop lengths of this run, as latest.json records them under {@code sizes}. */
    public Map<String, Object> json() {
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
        m.put("erasure_posts_and_followers", erasureSize);
        m.put("read_seconds", readSeconds);
        m.put("warmup_seconds", warmupSeconds);
        m.put("insert_seconds", insertSeconds);
        m.put("steady_seconds", steadySeconds);
        m.put("steady_posts_per_s", steadyRate);
        m.put("hybrid_posts_per_s", hybridRate);
        m.put("warm_up_round_seconds", roundSeconds);
        m.put("quiet_limit_seconds", quietLimitSeconds);
        m.put("audience_posts", audiencePosts);
        m.put("scale_warmup_seconds", scaleWarmupSeconds);
        m.put("scale_read_seconds", scaleReadSeconds);
        m.put("heap", heap);
        m.put("seed", seed);
        return m;
    }

    public String mode() { return mode; }
    public boolean smokeRun() { return mode.startsWith("smoke"); }
    public int users() { return users; }
    public int follows() { return follows; }
    public int celebFollowers() { return celebFollowers; }
    public int hybridFollowers() { return hybridFollowers; }
    public int posts() { return posts; }
    public int catchUpPosts() { return catchUpPosts; }
    public int bigHybrid() { return bigHybrid; }
    public int longFeed() { return longFeed; }
    public double celebShare() { return celebShare; }
    public double readSeconds() { return readSeconds; }
    public double warmupSeconds() { return warmupSeconds; }
    public double insertSeconds() { return insertSeconds; }
    public double steadySeconds() { return steadySeconds; }
    public double steadyRate() { return steadyRate; }
    public double hybridRate() { return hybridRate; }
    public int concurrency() { return concurrency; }
    public int rawWriteConnections() { return rawWriteConnections; }
    public int limit() { return limit; }
    public int pagesPerViewer() { return pagesPerViewer; }
    public double roundSeconds() { return roundSeconds; }
    public double quietLimitSeconds() { return quietLimitSeconds; }
    public int audiencePosts() { return audiencePosts; }
    public int erasureSize() { return erasureSize; }
    public double scaleWarmupSeconds() { return scaleWarmupSeconds; }
    public double scaleReadSeconds() { return scaleReadSeconds; }
    public long seed() { return seed; }
    public boolean keepData() { return keepData; }
    public Path jar() { return jar; }
    public Path peerJar() { return peerJar; }
    public Path results() { return results; }
    public Path markdown() { return markdown; }
    public String heap() { return heap; }
    public List<String> jvmOptions() { return List.copyOf(jvmOptions); }

    /** The -Xmx of the service and the peer, MiB. */
    public double heapMiB() {
        double n = Double.parseDouble(heap.substring(0, heap.length() - 1));
        return Character.toLowerCase(heap.charAt(heap.length() - 1)) == 'g' ? n * 1024 : n;
    }
}
