package dev.homefeed.projection.commits;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A projection processor's transactions commit without waiting for PostgreSQL to flush the WAL to disk (asynchronous
 * commit, set for that transaction alone). That is safe for a derived table: a batch's rows and its tracking token
 * commit in one transaction, so a database crash that loses the last few commits loses them whole, token included,
 * and the processor handles those events again. A crash of the service loses nothing. The event store's appends,
 * and every transaction this manager only joins, keep waiting for the disk.
 */
public final class AsynchronousCommits implements TransactionManager {

    private final TransactionManager delegate;
    private final JdbcClient jdbc;

    public AsynchronousCommits(TransactionManager delegate, JdbcClient jdbc) {
        this.delegate = delegate;
        this.jdbc = jdbc;
    }

    @Override
    public Transaction startTransaction() {
        boolean joining = TransactionSynchronizationManager.isActualTransactionActive();
        Transaction transaction = delegate.startTransaction();
        if (joining) {
            return transaction;
        }
        try {
            jdbc.sql("SET LOCAL synchronous_commit TO OFF").update();
        } catch (RuntimeException e) {
            transaction.rollback();
            throw e;
        }
        return transaction;
    }
}
