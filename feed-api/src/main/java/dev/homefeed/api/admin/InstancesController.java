package dev.homefeed.api.admin;

import java.util.List;

import dev.homefeed.api.wire.Timestamps;
import dev.homefeed.projection.api.InstanceStatus;
import dev.homefeed.projection.instances.InstanceDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The live instances on this database and which segments each owns (scope {@code feed:admin}). */
@RestController
@SecurityRequirement(name = "bearer")
class InstancesController {

    record InstanceView(String id, int nodeId, String startedAt, String lastSeen, boolean self,
                        List<InstanceStatus.OwnedSegment> segments) {
    }

    record InstanceList(List<InstanceView> items) {
    }

    private final InstanceDirectory instances;

    InstancesController(InstanceDirectory instances) {
        this.instances = instances;
    }

    @GetMapping("/admin/instances")
    @Operation(summary = "The live instances, their leased node ids and the projection segments each owns")
    InstanceList list() {
        return new InstanceList(instances.live().stream().map(i -> new InstanceView(i.id(), i.nodeId(),
                Timestamps.format(i.startedAt()), Timestamps.format(i.lastSeen()), i.self(), i.segments())).toList());
    }
}
