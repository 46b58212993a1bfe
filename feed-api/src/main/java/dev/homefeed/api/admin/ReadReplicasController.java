package dev.homefeed.api.admin;

import java.util.List;

import dev.homefeed.query.replica.ReadReplicas;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The read replicas this instance reads from, as its last check found them (scope {@code feed:admin}). */
@RestController
@SecurityRequirement(name = "bearer")
class ReadReplicasController {

    /** {@code lagMillis} is null when it cannot be told (the replica is down); {@code reason} says why one is not serving. */
    record ReadReplicaView(String name, String state, Long lagMillis, long reads, String reason) {
    }

    record ReadReplicaList(List<ReadReplicaView> items) {
    }

    private final ReadReplicas replicas;

    ReadReplicasController(ReadReplicas replicas) {
        this.replicas = replicas;
    }

    @GetMapping("/admin/read-replicas")
    @Operation(summary = "The configured read replicas: SERVING, LAGGING or DOWN, replay lag and reads served")
    ReadReplicaList list() {
        return new ReadReplicaList(replicas.statuses().stream()
                .map(r -> new ReadReplicaView(r.name(), r.state().name(), r.lagMillis() < 0 ? null : r.lagMillis(), r.reads(),
                        r.reason()))
                .toList());
    }
}
