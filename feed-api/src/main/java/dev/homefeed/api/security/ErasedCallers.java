package dev.homefeed.api.security;

import java.util.function.Supplier;

import dev.homefeed.command.api.UserId;
import dev.homefeed.command.erasure.ErasureGateway;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

/**
 * {@code /api/**} is closed to a token whose user was erased; {@link ProblemAuthenticationHandlers} answers such a
 * denial with its own problem type, {@code user-erased}. The erased users are read from memory (an erasure made by
 * another instance counts within a second); commands check again in their transaction.
 */
@Component
class ErasedCallers implements AuthorizationManager<RequestAuthorizationContext> {

    /** The denial of an erased user, told apart from a missing scope by its type. */
    static final class Erased extends AuthorizationDecision {
        Erased() {
            super(false);
        }
    }

    private final ErasureGateway erasures;

    ErasedCallers(ErasureGateway erasures) {
        this.erasures = erasures;
    }

    @Override
    public AuthorizationResult authorize(Supplier<Authentication> authentication, RequestAuthorizationContext request) {
        if (!(authentication.get() instanceof JwtAuthenticationToken caller) || !caller.isAuthenticated()) {
            return new AuthorizationDecision(false);
        }
        return erasures.erased(new UserId(Long.parseLong(caller.getName()))) ? new Erased() : new AuthorizationDecision(true);
    }

    @Override
    @Deprecated
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext request) {
        return (AuthorizationDecision) authorize(authentication, request);
    }

    static boolean isErasedCaller(Exception e) {
        return e instanceof AuthorizationDeniedException denied && denied.getAuthorizationResult() instanceof Erased;
    }
}
