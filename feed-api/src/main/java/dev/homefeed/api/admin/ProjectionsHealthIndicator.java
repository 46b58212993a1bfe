package dev.homefeed.api.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.homefeed.projection.ProjectionOperations;
import dev.homefeed.projection.api.ProjectionState;
import dev.homefeed.projection.api.ProjectionStatus;
import dev.homefeed.projection.instances.InstanceDirectory;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code projections}, in the readiness group: UP while every projection is RUNNING or
 * REPLAYING, DOWN on ERROR or a stop nobody asked for. Dead letters are shown, not DOWN.
 */
@Component("projections")
class ProjectionsHealthIndicator extends AbstractHealthIndicator {

    private final ProjectionOperations projections;
    private final InstanceDirectory instances;

    ProjectionsHealthIndicator(ProjectionOperations projections, InstanceDirectory instances) {
        super("Projection health check failed");
        this.projections = projections;
        this.instances = instances;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        List<ProjectionStatus> statuses = projections.statuses();
        boolean healthy = statuses.stream()
                .allMatch(s -> s.state() == ProjectionState.RUNNING || s.state() == ProjectionState.REPLAYING
                        // A stop an operation asked for (a rebuild's hand-over) carries no error.
                        || (s.state() == ProjectionState.STOPPED && s.error() == null));
        builder.status(healthy ? "UP" : "DOWN");
        // Each instance answers for itself; this says which one.
        builder.withDetail("instance", instances.self());
        for (ProjectionStatus s : statuses) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("state", s.state());
            details.put("lagEvents", s.lagEvents());
            details.put("lagMillis", s.lagMillis());
            details.put("deadLetters", s.deadLetters());
            if (s.error() != null) {
                details.put("error", s.error());
            }
            builder.withDetail(s.name(), details);
        }
    }
}
