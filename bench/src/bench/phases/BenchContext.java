package bench.phases;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import bench.baselines.PublishedPost;
import bench.figures.Figures;
import bench.harness.CpuMeter;
import bench.harness.HomeFeed;
import bench.harness.Http;
import bench.harness.Jwt;
import bench.harness.Memory;
import bench.harness.Options;
import bench.harness.Processes;
import bench.harness.Service;
import bench.load.FeedReader;
import bench.load.Graph;
import bench.load.Load;
import bench.load.Timeline;

/**
 * What the phases share: the options and the follow graph, the running service with its meters, the figures
 * recorded so far, and the one thing a phase hands to later ones besides figures, the publish phase's posts.
 */
public final class BenchContext {

    /** The publish phase's posts: the raw fan-out repeats them, the warm publish and the peer publish them again by author. */
    public record Published(long[] authors, List<PublishedPost> posts) {}

    private final Options options;
    private final Graph graph;
    private final Timeline timeline;
    private final Processes processes;
    private final Service service;
    private final Http http;
    private final HomeFeed homeFeed;
    private final Memory memory;
    private final CpuMeter cpu;
    private final Figures figures = new Figures();
    private final List<Double> liveHeap = new ArrayList<>();
    private Published published;

    public BenchContext(Options options, Graph graph, Timeline timeline, Processes processes, Service service) throws Exception {
        this.options = options;
        this.graph = graph;
        this.timeline = timeline;
        this.processes = processes;
        this.service = service;
        this.memory = new Memory(service.pid(), service.gcLog(), timeline.secondsAt(service.launchedAtNanos()));
        this.http = new Http(service.port(), new Jwt(service.jwtSecret()));
        this.homeFeed = new HomeFeed(http);
        this.cpu = new CpuMeter(service.pid(), service.dataDir().resolve("postgres/cluster/postmaster.pid"));
    }

    public Options options() { return options; }
    public Graph graph() { return graph; }
    public Timeline timeline() { return timeline; }
    public Processes processes() { return processes; }
    public Service service() { return service; }
    public Http http() { return http; }
    public HomeFeed homeFeed() { return homeFeed; }
    public Memory memory() { return memory; }
    public CpuMeter cpu() { return cpu; }
    public Figures figures() { return figures; }

    public List<Double> liveHeap() {
        return List.copyOf(liveHeap);
    }

    /** A forced full GC and the live heap after it: how the phases that change the heap most end, outside their timed windows. */
    public void recordLiveHeap() {
        liveHeap.add(memory.liveHeapMiB());
    }

    /** The usual end of a load: home-feed has applied every event it made. */
    public double awaitCaughtUp() throws Exception {
        return homeFeed.awaitCaughtUp(Duration.ofMinutes(30));
    }

    void published(Published posts) {
        this.published = posts;
    }

    Published published() {
        if (published == null) throw new IllegalStateException("the publish phase has not run");
        return published;
    }

    /** Closed-loop reads through {@code via} of random users' feeds, as every feed-read figure but the long feeds' reads them. */
    Load.WorkerFactory feedReader(Http via) {
        return FeedReader.random(via, graph.users, options.limit(), options.pagesPerViewer());
    }

    Load.WorkerFactory feedReader(long[] viewers) {
        return FeedReader.among(http, viewers, options.limit(), options.pagesPerViewer());
    }
}
