package bench.figures;

/** Phase 5: the first in-place replay, the blue/green rebuild under load, and the raw bulk rebuild. */
public record Replays(Replay first, Rebuild rebuild, RawRebuild raw) implements PhaseFigures {

    @Override
    public void json(JsonSections out) {
        out.service().put("replay", first.json());
        out.service().put("replay_seconds", first.seconds());
        out.service().put("rebuild_under_load", rebuild.json());
        out.service().put("rebuild_seconds", rebuild.seconds());
        out.service().put("post_visible_during_rebuild_p99_ms", rebuild.outcome().visibleP99Ms());
        out.headline().put("post_visible_during_rebuild_p99_ms", rebuild.outcome().visibleP99Ms());
        out.raw().put("rebuild", raw.json());
        out.raw().put("rebuild_seconds", raw.result().seconds());
    }
}
