package dev.homefeed.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.homefeed.postgres.testing.TestDatabaseInitializer;
import dev.homefeed.postgres.testing.TestcontainersDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.liquibase.LiquibaseAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.PlatformTransactionManager;

/** Node-id leases in {@code feed_instance}, on the real changelog: what keeps post ids unique across instances. */
@SpringBootTest(classes = InstancesIT.Database.class, properties = "spring.liquibase.change-log=classpath:db/changelog/db.changelog-master.yaml")
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import(TestcontainersDatabase.class)
class InstancesIT {

    static final Duration EXPIRY = Duration.ofSeconds(10);
    static final Duration RENEWAL = Duration.ofSeconds(2);

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
            TransactionAutoConfiguration.class, JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class,
            LiquibaseAutoConfiguration.class})
    static class Database {
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    final List<Instances> started = new ArrayList<>();

    @AfterEach
    void releaseAll() {
        started.forEach(Instances::destroy);
        jdbc.sql("DELETE FROM feed_instance").update();
    }

    @Test
    void instancesLeaseTheLowestFreeNodeIdsAndAReleasedOneIsFreeAgain() {
        Instances first = start("");
        Instances second = start("");
        assertThat(first.nodeId()).isZero();
        assertThat(second.nodeId()).isEqualTo(1);
        assertThat(first.live()).extracting(Instances.Instance::id).containsExactly(first.id(), second.id());

        first.destroy();

        assertThat(second.live()).extracting(Instances.Instance::id).containsExactly(second.id());
        assertThat(start("").nodeId()).as("the node id released on stop").isZero();
    }

    @Test
    void aPinnedNodeIdHeldByALiveInstanceRefusesTheStartNamingThatInstance() {
        Instances holder = start("7");
        assertThat(holder.nodeId()).isEqualTo(7);

        assertThatThrownBy(() -> start("7"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FEED_NODE_ID=7 is leased by the live instance " + holder.id());
        assertThat(holder.live()).hasSize(1);
        assertThatThrownBy(() -> start("1024")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 and 1023");
        assertThatThrownBy(() -> start("seven")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLeaseNotRenewedExpiresAndItsHolderIssuesNoMoreIdsOnceAnotherInstanceLeasedIt() {
        Instances stalled = start("");
        Instances other = start("");
        jdbc.sql("UPDATE feed_instance SET last_seen = now() - interval '1 minute' WHERE id = :id").param("id", stalled.id()).update();
        assertThat(other.live()).extracting(Instances.Instance::id).containsExactly(other.id());
        assertThat(other.responsive()).extracting(Instances.Instance::id).containsExactly(other.id());

        Instances successor = start(Integer.toString(stalled.nodeId()));
        stalled.renew();

        assertThat(successor.nodeId()).isEqualTo(stalled.nodeId());
        assertThat(stalled.holdsLease()).isFalse();
        assertThat(successor.holdsLease()).isTrue();
    }

    @Test
    void aLeaseThatExpiredUnnoticedIsRenewedWhenItsNodeIdIsStillFree() {
        Instances paused = start("");
        jdbc.sql("DELETE FROM feed_instance WHERE id = :id").param("id", paused.id()).update();

        paused.renew();

        assertThat(paused.holdsLease()).isTrue();
        assertThat(paused.live()).extracting(Instances.Instance::nodeId).containsExactly(paused.nodeId());
    }

    private Instances start(String pinned) {
        Instances instance = new Instances(jdbc, transactions, pinned, EXPIRY, RENEWAL);
        started.add(instance);
        return instance;
    }
}
