package dev.homefeed.projection.batching;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs work in a JDBC savepoint on the transaction's own connection (the one the projectors' JdbcClient joins), so a
 * failed statement undoes exactly that work and leaves the transaction usable. Spring's JPA transaction manager offers
 * no nested transactions with Hibernate, so the savepoint is set on the connection directly. Outside a transaction
 * the work simply runs.
 */
@Component
class JdbcSavepoints {

    private final DataSource dataSource;

    JdbcSavepoints(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void run(Runnable work) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            work.run();
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Savepoint savepoint = set(connection);
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            rollBack(connection, savepoint, e);
            throw e;
        }
        release(connection, savepoint);
    }

    private static Savepoint set(Connection connection) {
        try {
            return connection.setSavepoint();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set a savepoint", e);
        }
    }

    private static void rollBack(Connection connection, Savepoint savepoint, Throwable failure) {
        try {
            connection.rollback(savepoint);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static void release(Connection connection, Savepoint savepoint) {
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not release a savepoint", e);
        }
    }
}
