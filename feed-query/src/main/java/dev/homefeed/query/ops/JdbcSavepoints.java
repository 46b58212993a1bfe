package dev.homefeed.query.ops;

import java.sql.Connection;
import java.sql.Savepoint;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

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

    /** For work that throws nothing checked: only the savepoint itself can, and that is a broken connection. */
    void run(Runnable work) {
        try {
            run(Executors.callable(work));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Could not set, release or roll back a savepoint", e);
        }
    }

    <T> T run(Callable<T> work) throws Exception {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return work.call();
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Savepoint savepoint = connection.setSavepoint();
        try {
            T result = work.call();
            connection.releaseSavepoint(savepoint);
            return result;
        } catch (Exception | Error e) {
            connection.rollback(savepoint);
            throw e;
        }
    }
}
