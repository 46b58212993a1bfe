package dev.homefeed.api.security;

import java.time.Clock;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * HS256 tokens signed with {@code FEED_JWT_SECRET}. When production configures Spring's standard
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}, Boot's decoder is used instead.
 */
@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

    @Bean
    @Conditional(NoExternalIssuerCondition.class)
    JwtDecoder hs256JwtDecoder(JwtSecret secret, Clock clock) {
        // NimbusJwtDecoder validates exp (and nbf) by default, with a minute of clock skew.
        return new VerifiedTokenCache(NimbusJwtDecoder.withSecretKey(key(secret.bytes())).macAlgorithm(MacAlgorithm.HS256).build(),
                clock);
    }

    static SecretKey key(byte[] secret) {
        return new SecretKeySpec(secret, "HmacSHA256");
    }
}
