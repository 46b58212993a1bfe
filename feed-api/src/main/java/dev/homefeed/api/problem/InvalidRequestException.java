package dev.homefeed.api.problem;

import java.util.List;

/** A request the service refuses before it reaches a command: 400 with the offending fields. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRequestException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public InvalidRequestException(List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid request" : errors.get(0).field() + " " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    /** A missing body, or one that is not a JSON object. */
    public static InvalidRequestException notAnObject() {
        return new InvalidRequestException("body", "must be a JSON object");
    }

    public List<FieldError> errors() {
        return errors;
    }

    public record FieldError(String field, String message) {}
}
