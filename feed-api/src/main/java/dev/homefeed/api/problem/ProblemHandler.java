package dev.homefeed.api.problem;

import java.util.List;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.homefeed.api.feed.ReadMarkerNotSetException;
import dev.homefeed.api.http.BodySizeLimitFilter.PayloadTooLargeException;
import dev.homefeed.api.outage.DatabaseFailures;
import dev.homefeed.command.api.CannotFollowYourselfException;
import dev.homefeed.command.api.ExpiryNotInFutureException;
import dev.homefeed.command.api.IdempotencyKeyReusedException;
import dev.homefeed.command.api.InvalidPostTextException;
import dev.homefeed.command.api.NotPostAuthorException;
import dev.homefeed.command.api.PostNotFoundException;
import dev.homefeed.command.api.StalePostVersionException;
import dev.homefeed.command.api.erasure.UserErasedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every failure as an RFC 9457 problem; never a stack trace, SQL or class name in the body. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException e) {
        return validation(e.getMessage(), e.errors());
    }

    @ExceptionHandler(InvalidPostTextException.class)
    ProblemDetail invalidText(InvalidPostTextException e) {
        return validation("text " + e.getMessage(), List.of(new InvalidRequestException.FieldError("text", e.getMessage())));
    }

    @ExceptionHandler(ExpiryNotInFutureException.class)
    ProblemDetail pastExpiry(ExpiryNotInFutureException e) {
        return validation("expiresAt must be in the future",
                List.of(new InvalidRequestException.FieldError("expiresAt", "must be in the future")));
    }

    @ExceptionHandler(CannotFollowYourselfException.class)
    ProblemDetail followSelf(CannotFollowYourselfException e) {
        return validation("Nobody follows themselves.",
                List.of(new InvalidRequestException.FieldError("followeeId", "must not be the caller")));
    }

    @ExceptionHandler({PostNotFoundException.class, AggregateNotFoundException.class})
    ProblemDetail notFound(Exception e) {
        return Problems.of(HttpStatus.NOT_FOUND, "post-not-found", "Post not found",
                "No post with this id exists for this call: it never existed, or it was deleted or has expired.");
    }

    /** The caller was erased (an erasure made elsewhere a moment ago): 403; someone they named was: 404. */
    @ExceptionHandler(UserErasedException.class)
    ProblemDetail userErased(UserErasedException e) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller != null && e.userId().toString().equals(caller.getName())) {
            return Problems.of(HttpStatus.FORBIDDEN, "user-erased", "User erased",
                    "The token's user was erased; their data is gone and they can no longer use the service.");
        }
        return Problems.of(HttpStatus.NOT_FOUND, "user-erased", "User erased",
                "User " + e.userId() + " was erased and can no longer be followed.");
    }

    @ExceptionHandler(ReadMarkerNotSetException.class)
    ProblemDetail markerNotSet(ReadMarkerNotSetException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "marker-not-set", "Read marker not set",
                "You have not set a read marker yet; PUT /api/v1/feed/cursor sets one.");
    }

    @ExceptionHandler(NotPostAuthorException.class)
    ProblemDetail notAuthor(NotPostAuthorException e) {
        return Problems.of(HttpStatus.FORBIDDEN, "not-post-author", "Not the author", "Only the author may change or delete a post.");
    }

    @ExceptionHandler(StalePostVersionException.class)
    ProblemDetail stale(StalePostVersionException e) {
        return Problems.of(HttpStatus.PRECONDITION_FAILED, "stale-version", "Stale version",
                "The post has changed since the version in If-Match: " + e.getMessage());
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ProblemDetail keyReused(IdempotencyKeyReusedException e) {
        return Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused", "Idempotency-Key reused",
                "This Idempotency-Key was already used for a request with a different body.");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseFailures.isDatabaseAway(e)) {
            return DatabaseUnavailable.answer(e);
        }
        log.error("Unhandled failure", e);
        return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Internal error", "The service failed to handle this request; nothing is wrong with the request itself."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (causedByOversizedBody(e)) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(PayloadTooLargeException.problem());
        }
        if (e.getCause() instanceof MismatchedInputException mismatch) {
            return ResponseEntity.badRequest().body(invalid(wrongShape(mismatch)));
        }
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed request body",
                "The request body is not valid JSON.");
        return ResponseEntity.badRequest().body(problem);
    }

    /** Valid JSON of the wrong shape: a body that is not an object, or a field that is not a string. */
    private static InvalidRequestException wrongShape(MismatchedInputException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.isEmpty()) {
            return InvalidRequestException.notAnObject();
        }
        String field = path.get(path.size() - 1).getFieldName();
        return new InvalidRequestException(field == null ? "body" : field,
                e.getTargetType() == String.class ? "must be a JSON string" : "has the wrong JSON type");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<InvalidRequestException.FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new InvalidRequestException.FieldError(error.getField(), error.getDefaultMessage()))
                .toList();
        return ResponseEntity.badRequest().body(invalid(new InvalidRequestException(errors)));
    }

    private static boolean causedByOversizedBody(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException) {
                return true;
            }
        }
        return false;
    }

    private static ProblemDetail validation(String detail, List<InvalidRequestException.FieldError> errors) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
        problem.setProperty("errors", errors);
        return problem;
    }
}
