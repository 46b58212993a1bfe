package dev.homefeed.api.admin;

import dev.homefeed.api.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The admin API's 404 for a name or id it does not know, whichever controller met it. */
@RestControllerAdvice(basePackageClasses = AdminProblems.class)
class AdminProblems {

    @ExceptionHandler(ProjectionsController.UnknownNameException.class)
    ProblemDetail unknown(ProjectionsController.UnknownNameException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "unknown-" + e.kind.replace(' ', '-'), "Unknown " + e.kind,
                "There is no " + e.kind + " with this name or id.");
    }
}
