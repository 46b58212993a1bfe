package bench.figures;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** Every phase's figures of a run, one record of each kind, in the order the phases recorded them. */
public final class Figures {

    private final Map<Class<? extends PhaseFigures>, PhaseFigures> byType = new LinkedHashMap<>();

    public void add(PhaseFigures figures) {
        if (byType.putIfAbsent(figures.getClass(), figures) != null) {
            throw new IllegalStateException(figures.getClass().getSimpleName() + " recorded twice");
        }
    }

    public boolean has(List<Class<?>> types) {
        return byType.keySet().containsAll(types);
    }

    /** The figures of that kind; their phase must have run. */
    public <T extends PhaseFigures> T get(Class<T> type) {
        PhaseFigures f = byType.get(type);
        if (f == null) throw new IllegalStateException("no " + type.getSimpleName() + ": the phase that measures it has not run");
        return type.cast(f);
    }

    public <T extends PhaseFigures> Optional<T> find(Class<T> type) {
        return Optional.ofNullable(byType.get(type)).map(type::cast);
    }

    /** A figure, or NaN (written as null, shown as n/a) when its phase did not run. */
    public <T extends PhaseFigures> double valueOf(Class<T> type, ToDoubleFunction<T> figure) {
        return find(type).map(f -> figure.applyAsDouble(f)).orElse(Double.NaN);
    }

    public JsonSections json() {
        JsonSections out = new JsonSections();
        for (PhaseFigures f : byType.values()) f.json(out);
        return out;
    }

    public GraphLoad graphLoad() { return get(GraphLoad.class); }
    public Publish publish() { return get(Publish.class); }
    public RawWrites rawWrites() { return get(RawWrites.class); }
    public PostVisible postVisible() { return get(PostVisible.class); }
    public Replays replays() { return get(Replays.class); }
    public CatchUp catchUp() { return get(CatchUp.class); }
    public BoundedFeeds boundedFeeds() { return get(BoundedFeeds.class); }
    public Erasure erasure() { return get(Erasure.class); }
    public WindowReplay windowReplay() { return get(WindowReplay.class); }
    public ReplicaReads replicaReads() { return get(ReplicaReads.class); }
    public Audience audience() { return get(Audience.class); }
    public Reads reads() { return get(Reads.class); }
    public LongFeeds longFeeds() { return get(LongFeeds.class); }
    public Instances instances() { return get(Instances.class); }
    public PublishWarm publishWarm() { return get(PublishWarm.class); }
    public PeerRun peer() { return get(PeerRun.class); }
    public MemoryUse memory() { return get(MemoryUse.class); }
}
