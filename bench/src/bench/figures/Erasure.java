package bench.figures;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Phase 11: erasing a user with {@code size} posts and {@code size} followers who read: milliseconds to the
 * {@code 204} (key and command-side rows gone) and to {@code completedAt} (every projection has handled it).
 */
public record Erasure(int size, double acknowledgedMs, double completedMs) implements PhaseFigures {

    @Override
    public void json(JsonSections out) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("posts", size);
        m.put("followers", size);
        m.put("acknowledged_ms", acknowledgedMs);
        m.put("completed_ms", completedMs);
        out.service().put("erasure", m);
    }
}
