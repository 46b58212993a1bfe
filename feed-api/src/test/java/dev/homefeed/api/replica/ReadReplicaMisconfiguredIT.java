package dev.homefeed.api.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.AdminClient;
import dev.homefeed.api.support.FeedClient;
import dev.homefeed.api.support.Http;
import dev.homefeed.api.support.ReplicatedDatabaseInitializer;
import dev.homefeed.api.support.Users;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ContextConfiguration;

/**
 * Replicas that cannot serve, configured at start: a port nobody listens on, and the primary itself (not a standby).
 * The service starts, reports both DOWN with the reason, and reads from the primary.
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "feed.test.read-replicas=misconfigured", "feed.read-replicas.check-interval=100ms"})
@ContextConfiguration(initializers = ReplicatedDatabaseInitializer.class)
class ReadReplicaMisconfiguredIT {

    @Autowired
    Environment environment;

    @Test
    void anUnreachableReplicaAndAPrimaryPosingAsOneAreReportedDownAndReadsGoToThePrimary() {
        FeedClient api = FeedClient.on(environment);
        AdminClient admin = AdminClient.on(environment);
        JsonNode[] items = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            items[0] = admin.get("/admin/read-replicas").json().get("items");
            assertThat(items[0]).hasSize(2);
            assertThat(items[0].get(0).get("reason").asText()).startsWith("unreachable");
            assertThat(items[0].get(1).get("reason").asText()).startsWith("not a standby");
        });
        for (JsonNode replica : items[0]) {
            assertThat(replica.get("state").asText()).isEqualTo("DOWN");
            assertThat(replica.get("lagMillis").isNull()).isTrue();
            assertThat(replica.get("name").asText()).doesNotContain("password").startsWith("127.0.0.1:");
        }

        long author = Users.next();
        String post = api.publish(author, "read from the primary");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(api.feedIds(author)).containsExactly(post));
        assertThat(admin.get("/admin/read-replicas").json().at("/items/0/reads").asLong()).isZero();
        assertThat(admin.get("/admin/read-replicas").json().at("/items/1/reads").asLong()).isZero();
        Http.Response health = api.http().get("/actuator/health", null);
        assertThat(health.status()).as(health.raw()).isEqualTo(200);
    }
}
