package dev.homefeed.api.security;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homefeed.api.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/** 401 and 403 as RFC 9457 problem details, like every other error of the service. */
@Component
class ProblemAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ObjectMapper json;

    ProblemAuthenticationHandlers(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        boolean tokenSent = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer");
        write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                tokenSent ? "The bearer token is missing, malformed, expired or wrongly signed, or its sub is not a user id."
                        : "This call needs an Authorization: Bearer <JWT> header."));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        if (ErasedCallers.isErasedCaller(e)) {
            write(request, response, Problems.of(HttpStatus.FORBIDDEN, "user-erased", "User erased",
                    "The token's user was erased; their data is gone and they can no longer use the service."));
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
        write(request, response, Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "The token lacks the scope this call needs."));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException {
        problem.setInstance(java.net.URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
