package dev.homefeed.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.AdminClient;
import dev.homefeed.api.support.FeedClient;
import dev.homefeed.api.support.FeedIntegrationTest;
import dev.homefeed.api.support.Http;
import dev.homefeed.api.support.Users;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A poison event fails at the SQL level (a constraint the test adds to a projection table): it is parked in the
 * dead-letter queue while the projection goes on, later events of the same author wait behind it, a retry after the
 * cause is removed applies it, and one that can never apply can be evicted.
 */
@FeedIntegrationTest(properties = "feed.projections.dead-letter-retry-interval=1h")
class DeadLetterIT {

    @Autowired
    Environment environment;
    @Autowired
    JdbcClient jdbc;

    FeedClient api;
    AdminClient admin;

    @BeforeEach
    void setUp() {
        api = FeedClient.on(environment);
        admin = AdminClient.on(environment);
        jdbc.sql("""
                ALTER TABLE home_feed_g1.user_feed ADD CONSTRAINT no_poison
                CHECK (post_preview IS NULL OR post_preview NOT LIKE '%poison%') NOT VALID""").update();
    }

    @AfterEach
    void dropConstraint() {
        jdbc.sql("ALTER TABLE home_feed_g1.user_feed DROP CONSTRAINT IF EXISTS no_poison").update();
    }

    @Test
    void parksAPoisonEventAndItsAuthorsLaterEventsWhileOthersGoOn() {
        long poisoner = Users.next();
        long bystander = Users.next();
        api.awaitWindow(poisoner);
        api.awaitWindow(bystander);
        String poisonPost = api.publish(poisoner, "poison pill");
        String laterPost = api.publish(poisoner, "a harmless later post");
        String otherPost = api.publish(bystander, "unrelated");

        await().atMost(Duration.ofSeconds(20)).until(() -> feed(bystander).contains(otherPost));
        await().atMost(Duration.ofSeconds(20)).until(() -> projection().get("deadLetters").asLong() == 2);
        JsonNode homeFeed = projection();
        assertThat(homeFeed.get("state").asText()).isEqualTo("RUNNING");
        assertThat(feed(poisoner)).doesNotContain(poisonPost, laterPost);

        JsonNode letters = admin.deadLetters("home-feed");
        assertThat(letters).hasSize(2);
        JsonNode first = letters.get(0);
        assertThat(first.get("sequenceId").asText()).isEqualTo(Long.toString(poisoner));
        assertThat(first.get("eventType").asText()).isEqualTo("PostPublishedEvent");
        assertThat(first.get("attempts").asInt()).isEqualTo(1);
        assertThat(first.get("cause").asText()).contains("no_poison").doesNotContain("INSERT", "SELECT");
        assertThat(Long.parseLong(first.get("globalIndex").asText())).isPositive();

        Http.Response stillFailing = admin.retryDeadLetters("home-feed");
        assertThat(stillFailing.status()).isEqualTo(202);
        assertThat(stillFailing.json().get("succeeded").asInt()).isZero();
        assertThat(stillFailing.json().get("remaining").asInt()).isEqualTo(2);

        dropConstraint();
        Http.Response retried = admin.retryDeadLetters("home-feed");
        assertThat(retried.json().get("attempted").asInt()).isEqualTo(1);
        assertThat(retried.json().get("succeeded").asInt()).isEqualTo(1);
        assertThat(retried.json().get("remaining").asInt()).isZero();
        assertThat(feed(poisoner)).containsExactly(laterPost, poisonPost);
        assertThat(projection().get("deadLetters").asLong()).isZero();
    }

    @Test
    void evictsALetterThatCanNeverApply() {
        long poisoner = Users.next();
        api.awaitWindow(poisoner);
        api.publish(poisoner, "poison forever");
        await().atMost(Duration.ofSeconds(20)).until(() -> projection().get("deadLetters").asLong() == 1);
        String id = admin.deadLetters("home-feed").get(0).get("id").asText();

        assertThat(admin.evict("home-feed", id).status()).isEqualTo(204);
        assertThat(admin.deadLetters("home-feed")).isEmpty();
        assertThat(admin.evict("home-feed", id).status()).isEqualTo(404);

        String next = api.publish(poisoner, "after the eviction");
        await().atMost(Duration.ofSeconds(20)).until(() -> feed(poisoner).contains(next));
    }

    @Test
    void deadLetterCallsNeedAKnownProjectionAndTheAdminScope() {
        assertThat(admin.get("/admin/projections/nope/dead-letters").status()).isEqualTo(404);
        assertThat(admin.retryDeadLetters("nope").status()).isEqualTo(404);
        assertThat(api.http().get("/admin/projections/home-feed/dead-letters", api.token(Users.next())).status()).isEqualTo(403);
    }

    private JsonNode projection() {
        return admin.projection("home-feed");
    }

    /** The first page, as a reader opening the app sees it. */
    private List<String> feed(long viewer) {
        return FeedClient.ids(api.page(viewer, 20, null).get("items"));
    }
}
