package dev.homefeed.api.admin;

import java.util.List;

import dev.homefeed.api.problem.InvalidRequestException;
import dev.homefeed.api.wire.CanonicalId;
import dev.homefeed.projection.api.Reconciliation;
import dev.homefeed.projection.reconciliation.Reconciliations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Home feeds checked against source truth, and repaired on request (scope feed:admin). */
@RestController
@RequestMapping("/admin/projections/{name}/reconciliations")
@SecurityRequirement(name = "bearer")
class ReconciliationsController {

    private final Reconciliations reconciliations;

    ReconciliationsController(Reconciliations reconciliations) {
        this.reconciliations = reconciliations;
    }

    /** Either {@code viewerIds} or {@code sample}; {@code repair} defaults to false. */
    record ReconciliationRequest(@Size(max = 1000, message = "must list at most 1000 viewers")
                                 List<@CanonicalId String> viewerIds,
                                 @Positive(message = "must be a positive number") Integer sample,
                                 Boolean repair) {
    }

    @PostMapping
    @Operation(summary = "Check viewers' feeds against source truth (listed, or a random sample); repair if asked")
    Reconciliation reconcile(@PathVariable String name, @Valid @RequestBody(required = false) ReconciliationRequest body) {
        if (!reconciliations.reconcilable(name)) {
            throw new ProjectionsController.UnknownNameException("projection", name);
        }
        if (body == null) {
            throw InvalidRequestException.notAnObject();
        }
        if ((body.viewerIds() == null) == (body.sample() == null)) {
            throw new InvalidRequestException("viewerIds", "give either viewerIds or sample");
        }
        boolean repair = Boolean.TRUE.equals(body.repair());
        return body.sample() != null
                ? reconciliations.sample(name, body.sample(), repair)
                : reconciliations.reconcile(name, body.viewerIds().stream().map(Long::parseLong).toList(), repair);
    }
}
