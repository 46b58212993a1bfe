package bench.figures;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parts of latest.json that the phases' figures go into, each in the order the phases fill it: the headline
 * figures at the top level, then {@code raw}, {@code service}, {@code info} and {@code info.cpu_per_operation}.
 */
public record JsonSections(Map<String, Object> headline, Map<String, Object> raw, Map<String, Object> service, Map<String, Object> info,
                           Map<String, Object> cpuPerOperation) {

    public JsonSections() {
        this(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
    }
}
