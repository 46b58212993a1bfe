package dev.homefeed.api.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import dev.homefeed.api.wire.Ids;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/** Turns a verified JWT into the caller: {@code sub} must be a user id (else 401), {@code scope} becomes authorities. */
@Component
class CallerAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String subject = jwt.getSubject();
        if (subject == null || !Ids.isCanonical(subject)) {
            throw new InvalidBearerTokenException("The token's sub is not a user id");
        }
        return new JwtAuthenticationToken(jwt, authorities(jwt), subject);
    }

    private static Collection<GrantedAuthority> authorities(Jwt jwt) {
        Object scope = jwt.getClaims().get("scope");
        List<String> scopes = scope instanceof String s ? Arrays.asList(s.trim().split("\\s+"))
                : scope instanceof Collection<?> c ? c.stream().map(String::valueOf).toList()
                : List.of();
        return scopes.stream().filter(s -> !s.isBlank())
                .<GrantedAuthority>map(s -> new SimpleGrantedAuthority("SCOPE_" + s))
                .toList();
    }
}
