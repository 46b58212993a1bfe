package bench.figures;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Phase 16: a replay of {@code events} events with a window of {@code window} rows against the same replay without a
 * window, each until every reader's window is written: seconds, and the rows {@code user_feed} then holds.
 */
public record WindowReplay(int window, long events, double windowedSeconds, long windowedRows, long readers,
                           double unboundedSeconds, long unboundedRows) implements PhaseFigures {

    public double rowsVsUnbounded() {
        return (double) windowedRows / unboundedRows;
    }

    public double secondsVsUnbounded() {
        return windowedSeconds / unboundedSeconds;
    }

    @Override
    public void json(JsonSections out) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("window", window);
        m.put("events", events);
        m.put("readers", readers);
        m.put("windowed_seconds", windowedSeconds);
        m.put("windowed_rows", windowedRows);
        m.put("unbounded_seconds", unboundedSeconds);
        m.put("unbounded_rows", unboundedRows);
        m.put("rows_vs_unbounded", rowsVsUnbounded());
        m.put("seconds_vs_unbounded", secondsVsUnbounded());
        out.service().put("window_replay", m);
    }
}
