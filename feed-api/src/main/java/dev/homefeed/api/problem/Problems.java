package dev.homefeed.api.problem;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds the service's RFC 9457 problem details: a stable {@code type} per kind of failure. */
public final class Problems {

    private static final String TYPE_BASE = "https://feed.example/problems/";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }
}
