package dev.homefeed.query.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ReadReplicaSettingsTest {

    @Test
    void noUrlsMeansEveryReadGoesToThePrimary() {
        assertThat(new ReadReplicaSettings("", "PT5S", "250ms", 8).urls()).isEmpty();
        assertThat(new ReadReplicaSettings(" , ", "PT5S", "250ms", 8).urls()).isEmpty();
    }

    @Test
    void urlsAreCommaSeparatedAndTheMaxLagAnIsoDuration() {
        ReadReplicaSettings settings = new ReadReplicaSettings(
                "jdbc:postgresql://standby-1:5432/feed, jdbc:postgresql://standby-2:5432/feed", "PT2S", "250ms", 4);
        assertThat(settings.urls()).containsExactly("jdbc:postgresql://standby-1:5432/feed", "jdbc:postgresql://standby-2:5432/feed");
        assertThat(settings.maxLag()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aUrlThatIsNotPostgresRefusesTheStartNamingThePropertyButNotTheCredentials() {
        assertThatThrownBy(() -> new ReadReplicaSettings("mysql://standby/feed?password=secret", "PT5S", "250ms", 8))
                .hasMessageContaining("FEED_READ_REPLICA_URLS")
                .hasMessageNotContaining("secret");
    }

    @Test
    void aMaxLagThatIsNotAPositiveDurationRefusesTheStart() {
        for (String bad : new String[] {"abc", "PT0S", "-PT1S"}) {
            assertThatThrownBy(() -> new ReadReplicaSettings("", bad, "250ms", 8))
                    .as(bad).hasMessageContaining("FEED_READ_REPLICAS_MAX_LAG").hasMessageContaining(bad);
        }
    }

    @Test
    void aReplicaIsNamedByHostPortAndDatabaseWithoutItsParameters() {
        assertThat(ReadReplica.nameOf("jdbc:postgresql://10.0.0.7:5433/feed?user=feed&password=secret"))
                .isEqualTo("10.0.0.7:5433/feed");
    }
}
