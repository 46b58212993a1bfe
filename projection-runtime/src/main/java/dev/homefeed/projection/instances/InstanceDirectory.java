package dev.homefeed.projection.instances;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.homefeed.membership.Instances;
import dev.homefeed.projection.Projections;
import dev.homefeed.projection.api.InstanceStatus;
import dev.homefeed.projection.api.InstanceStatus.OwnedSegment;
import dev.homefeed.projection.api.SegmentStatus;
import dev.homefeed.projection.lifecycle.TokenPositions;
import org.springframework.stereotype.Component;

/** Which live instance owns which segment, from {@code feed_instance} and the token claims: the same on every instance. */
@Component
public class InstanceDirectory {

    private final Instances instances;
    private final TokenPositions tokens;
    private final Projections projections;

    InstanceDirectory(Instances instances, TokenPositions tokens, Projections projections) {
        this.instances = instances;
        this.tokens = tokens;
        this.projections = projections;
    }

    public String self() {
        return instances.id();
    }

    public List<InstanceStatus> live() {
        Map<String, List<OwnedSegment>> owned = projections.names().stream()
                .flatMap(projection -> tokens.segments(projection).stream()
                        .filter(s -> s.owner() != null)
                        .map(s -> Map.entry(s.owner(), new OwnedSegment(projection, s.segment()))))
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return instances.live().stream().map(i -> new InstanceStatus(i.id(), i.nodeId(), i.startedAt(), i.lastSeen(),
                i.id().equals(instances.id()), owned.getOrDefault(i.id(), List.of()))).toList();
    }

    public List<SegmentStatus> segments(String projection) {
        return tokens.segments(projection).stream()
                .map(s -> new SegmentStatus(s.segment(), s.owner(), s.position())).toList();
    }
}
