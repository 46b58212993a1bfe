package bench.figures;

import bench.load.Load;

/** Phase 3: raw single-row inserts, and the raw per-post fan-out of the publish phase's posts. */
public record RawWrites(Load.Result inserts, Load.Result fanOut) implements PhaseFigures {

    @Override
    public void json(JsonSections out) {
        out.raw().put("inserts", inserts.json());
        out.raw().put("insert_rows_per_s", inserts.unitsPerSecond());
        out.raw().put("fanout", fanOut.json());
        out.raw().put("fanout_rows_per_s", fanOut.unitsPerSecond());
    }
}
