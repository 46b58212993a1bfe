package dev.homefeed.api.outage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

class DatabaseFailuresTest {

    @Test
    void theDatabaseIsAwayWhenTheChainHoldsAConnectionFailure() {
        assertThat(DatabaseFailures.isDatabaseAway(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("pool timed out", "08001", new ConnectException("refused"))))).isTrue();
        assertThat(DatabaseFailures.isDatabaseAway(new CannotCreateTransactionException("no EntityManager",
                new RuntimeException(new SQLException("An I/O error occurred while sending to the backend", "08006"))))).isTrue();
        assertThat(DatabaseFailures.isDatabaseAway(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(DatabaseFailures.isDatabaseAway(new SQLException("the database system is starting up", "57P03"))).isTrue();
    }

    @Test
    void otherDatabaseErrorsAreNotAnOutage() {
        assertThat(DatabaseFailures.isDatabaseAway(new SQLException("duplicate key value violates unique constraint", "23505"))).isFalse();
        assertThat(DatabaseFailures.isDatabaseAway(new SQLException("canceling statement due to statement timeout", "57014"))).isFalse();
        assertThat(DatabaseFailures.isDatabaseAway(new IllegalStateException("a bug"))).isFalse();
    }
}
