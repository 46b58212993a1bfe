package dev.homefeed.projection;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

/**
 * Every {@link Projection} bean of the application, by name: the runtime's one list of what it runs. (Its bean name
 * leaves "projections" to the health indicator that readiness names.)
 */
@Component("projectionCatalog")
public class Projections {

    /** The processing group of a projection's rebuild twin: {@code home-feed-rebuild}. */
    public static String rebuildGroup(String projection) {
        return projection + REBUILD_SUFFIX;
    }

    /** The projection a processing group belongs to, serving or rebuild twin. */
    public static String projectionOf(String processingGroup) {
        return processingGroup.endsWith(REBUILD_SUFFIX)
                ? processingGroup.substring(0, processingGroup.length() - REBUILD_SUFFIX.length())
                : processingGroup;
    }

    public static boolean isRebuildGroup(String processingGroup) {
        return processingGroup.endsWith(REBUILD_SUFFIX);
    }

    private static final String REBUILD_SUFFIX = "-rebuild";

    private final Map<String, Projection> byName;

    Projections(List<Projection> projections) {
        this.byName = projections.stream().collect(Collectors.toMap(Projection::name, Function.identity(), (a, b) -> {
            throw new IllegalStateException("two projections are named " + a.name());
        }, TreeMap::new));
    }

    /** Every projection's name, in alphabetical order, so every listing is the same on every instance. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    public Optional<Projection> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Projection get(String name) {
        Projection projection = byName.get(name);
        if (projection == null) {
            throw new IllegalArgumentException("no projection named " + name);
        }
        return projection;
    }

    public List<Projection> all() {
        return List.copyOf(byName.values());
    }

    /** Every projection's processing group and its rebuild twin's. */
    public List<String> processingGroups() {
        return byName.keySet().stream().flatMap(p -> Stream.of(p, rebuildGroup(p))).toList();
    }
}
