package dev.homefeed.api.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may call what: health and the API documentation are public, {@code /admin/**} and the Prometheus scrape need
 * the {@code feed:admin} scope, everything else a valid bearer token whose {@code sub} is a user id, and {@code /api/**}
 * one of a user who was not erased. The operations
 * page's own files are public: the page holds no data, and every call it makes is an admin call with the operator's
 * token.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String ADMIN = "SCOPE_feed:admin";

    /** The page runs only its own script and style and talks only to this origin; nothing may frame it. */
    static final String OPS_PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /**
     * No observation around every security filter, authentication and authorization: measured, they took a quarter
     * of the request threads' CPU (meter lookups per filter per request). Requests are still timed as a whole by
     * {@code http.server.requests}.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain opsPage(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/admin", "/admin/", "/admin/index.html", "/admin/assets/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(OPS_PAGE_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frame -> frame.deny()))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, CallerAuthenticationConverter callers, ErasedCallers erased,
                            ProblemAuthenticationHandlers problems) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .cors(Customizer.withDefaults()) // the corsConfigurationSource bean: empty unless origins are configured
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                        .requestMatchers("/admin/**", "/actuator/prometheus").hasAuthority(ADMIN)
                        .requestMatchers("/actuator/**").hasAuthority(ADMIN)
                        // Erasing oneself again answers 204, as any repeated DELETE; every other call of an erased user: 403.
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/users/me").authenticated()
                        .requestMatchers("/api/**").access(erased)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(callers))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .build();
    }
}
