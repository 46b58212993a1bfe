package dev.homefeed.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.homefeed.api.support.FeedIntegrationTest;
import dev.homefeed.api.support.Http;
import dev.homefeed.api.support.Tokens;
import dev.homefeed.api.support.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

/** The contract's "Identity" section: who may call what, with which token. */
@FeedIntegrationTest
class IdentityIT {

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;

    Http http;
    Tokens tokens;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        tokens = new Tokens(environment);
    }

    @Test
    void callsWithoutATokenAre401ProblemsWithABearerChallenge() {
        for (String path : new String[] {"/api/v1/feed", "/api/v1/following", "/api/v1/posts/1", "/admin/projections"}) {
            Http.Response response = http.get(path, null);
            assertThat(response.status()).as(path).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }
    }

    @Test
    void malformedExpiredOrWronglySignedTokensAre401() {
        String sub = Long.toString(Users.next());
        String expired = tokens.withClaims(Map.of("sub", sub), Duration.ofMinutes(-5));
        String wrongKey = Tokens.sign(Map.of("sub", sub), Duration.ofHours(1),
                "another secret that is long enough for HS256!".getBytes(StandardCharsets.UTF_8));
        String valid = tokens.user(Long.parseLong(sub));
        String tampered = valid.substring(0, valid.length() - 2) + (valid.endsWith("A") ? "BB" : "AA");

        for (String token : new String[] {"garbage", "a.b.c", expired, wrongKey, tampered}) {
            assertThat(http.get("/api/v1/feed", token).status()).as(token).isEqualTo(401);
        }
        assertThat(http.get("/api/v1/feed", valid).status()).isEqualTo(200);
    }

    @Test
    void aSubThatIsNotAUserIdIs401() {
        for (String sub : new String[] {"alice", "0", "-3", "007", "9223372036854775808"}) {
            String token = tokens.withClaims(Map.of("sub", sub), Duration.ofHours(1));
            assertThat(http.get("/api/v1/feed", token).status()).as(sub).isEqualTo(401);
        }
        assertThat(http.get("/api/v1/feed", tokens.withClaims(Map.of("scope", "feed:admin"), Duration.ofHours(1))).status())
                .isEqualTo(401);
    }

    @Test
    void adminCallsNeedTheAdminScope() {
        long user = Users.next();
        Http.Response withoutScope = http.get("/actuator/prometheus", tokens.user(user));
        assertThat(withoutScope.status()).isEqualTo(403);
        assertThat(withoutScope.contentType()).startsWith("application/problem+json");

        String otherScopes = tokens.withClaims(Map.of("sub", Long.toString(user), "scope", "feed:read profile"), Duration.ofHours(1));
        assertThat(http.get("/actuator/prometheus", otherScopes).status()).isEqualTo(403);

        assertThat(http.get("/actuator/prometheus", tokens.admin(user)).status()).isEqualTo(200);
    }

    @Test
    void healthAndTheApiDocumentationArePublic() {
        assertThat(http.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(http.get("/actuator/health", null).json().get("status").asText()).isEqualTo("UP");

        Http.Response docs = http.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/v1/posts")).isTrue();
        assertThat(docs.json().get("paths").has("/api/v1/feed")).isTrue();
        assertThat(docs.json().get("components").get("securitySchemes").get("bearer").get("scheme").asText()).isEqualTo("bearer");

        assertThat(http.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }

    @Test
    void crossOriginCallsAreOffByDefault() {
        Http.Response preflight = http.request("OPTIONS", "/api/v1/feed")
                .header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "GET").send();
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theTokenCommandMintsTokensTheServiceAccepts() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        // Same secret source as the running service: its data directory.
        String token;
        String previous = System.getProperty("feed.data-dir");
        System.setProperty("feed.data-dir", environment.getProperty("feed.data-dir"));
        try {
            int status = TokenCommand.run(new String[] {"token", "--user", "4242", "--admin"},
                    new java.io.PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            assertThat(status).isZero();
            token = out.toString(StandardCharsets.UTF_8).trim();
        } finally {
            if (previous == null) {
                System.clearProperty("feed.data-dir");
            } else {
                System.setProperty("feed.data-dir", previous);
            }
        }
        assertThat(http.get("/api/v1/feed", token).status()).isEqualTo(200);
        assertThat(http.get("/actuator/prometheus", token).status()).isEqualTo(200);
    }
}
