package bench.figures;

/**
 * The service JVM's memory over the whole run: the largest heap after any collection (GC log), the largest after a
 * forced full GC between phases (the live set), and the largest RSS sampled.
 */
public record MemoryUse(double heapMaxMiB, double liveHeapMaxMiB, double rssMaxMiB) implements PhaseFigures {

    @Override
    public void json(JsonSections out) {
        out.headline().put("heap_max_mib", heapMaxMiB);
        out.headline().put("heap_live_max_mib", liveHeapMaxMiB);
        out.headline().put("rss_max_mib", rssMaxMiB);
    }
}
