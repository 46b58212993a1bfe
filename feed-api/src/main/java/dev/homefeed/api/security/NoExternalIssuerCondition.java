package dev.homefeed.api.security;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** True unless Spring's standard issuer or JWK-set properties point at an external authorization server. */
class NoExternalIssuerCondition implements Condition {

    private static final String PREFIX = "spring.security.oauth2.resourceserver.jwt.";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var env = context.getEnvironment();
        return !StringUtils.hasText(env.getProperty(PREFIX + "issuer-uri"))
                && !StringUtils.hasText(env.getProperty(PREFIX + "jwk-set-uri"));
    }
}
