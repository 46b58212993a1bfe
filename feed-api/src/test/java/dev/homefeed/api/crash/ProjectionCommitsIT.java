package dev.homefeed.api.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homefeed.api.support.FeedIntegrationTest;
import dev.homefeed.projection.Projections;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which commits wait for PostgreSQL to flush them to disk: the projections' do not (a lost tail of a derived table
 * is handled again from its token, which is lost with it), the source truth's do.
 */
@FeedIntegrationTest
class ProjectionCommitsIT {

    @Autowired
    EventProcessingConfiguration processing;

    /** The transactions of commands, event appends and everything else that is not a projection processor. */
    @Autowired
    TransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Projections projections;

    @Test
    void everyProjectionProcessorCommitsWithoutWaitingForTheDisk() {
        for (String group : projections.processingGroups()) {
            assertThat(processing.eventProcessor(group)).as(group).get()
                    .extracting("transactionManager").isSameAs(processing.transactionManager(group));
            assertThat(processing.transactionManager(group).fetchInTransaction(this::commitMode)).as(group).isEqualTo("off");
        }
    }

    @Test
    void commandsAndEventAppendsWaitForTheDisk() {
        assertThat(transactions.fetchInTransaction(this::commitMode)).isEqualTo("on");
    }

    @Test
    void theAsynchronousModeEndsWithTheProjectionsTransaction() {
        TransactionManager projection = processing.transactionManager("home-feed");
        for (int i = 0; i < 20; i++) {
            projection.executeInTransaction(() -> assertThat(commitMode()).isEqualTo("off"));
            // The pool hands this thread the connection it just returned.
            assertThat(transactions.fetchInTransaction(this::commitMode)).isEqualTo("on");
        }
    }

    @Test
    void aProjectionTransactionThatJoinsAnotherLeavesItWaitingForTheDisk() {
        TransactionManager projection = processing.transactionManager("home-feed");
        String joined = transactions.fetchInTransaction(() -> projection.fetchInTransaction(this::commitMode));
        assertThat(joined).isEqualTo("on");
    }

    private String commitMode() {
        return jdbc.sql("SELECT current_setting('synchronous_commit')").query(String.class).single();
    }
}
