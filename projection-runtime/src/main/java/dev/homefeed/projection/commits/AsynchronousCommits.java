package dev.homefeed.projection.commits;

import java.time.OffsetDateTime;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A projection processor's transactions commit without waiting for PostgreSQL to flush the WAL to disk (asynchronous
 * commit, set for that transaction alone). A batch's rows and its tracking token commit in one transaction, so a
 * database crash that loses the last few commits loses them whole, token included. What it does not lose is the
 * processor's position in memory: Axon's event store reads through a producer thread that swallows the outage, so
 * a processor thread that saw no failure of its own goes on from the position of its lost commit, and its next commit
 * stores a token past events whose rows never became durable (issue 28: posts missing from feeds after a crash).
 * <p>
 * So each transaction also reads when the server started, in the same statement, and a processor thread whose last
 * transaction ran on an earlier start of the server fails this one ({@link DatabaseRestartedException}): Axon then
 * releases the segment, drops its stream and caches, and reads the stored token again, from which the lost events
 * are handled again. A thread whose transaction failed forgets the start it saw: Axon reads its stored token again
 * after any failure anyway, and failing its next transaction too would only double Axon's backoff after an outage.
 * A clean restart loses nothing but is treated alike; it costs one retry. The event store's
 * appends, and every transaction this manager only joins, keep waiting for the disk.
 */
public final class AsynchronousCommits implements TransactionManager {

    private final TransactionManager delegate;
    private final JdbcClient jdbc;
    /** Per processor thread: the server start its last transaction ran on. */
    private final ThreadLocal<OffsetDateTime> serverStartSeen = new ThreadLocal<>();

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
            OffsetDateTime serverStart = jdbc.sql("SELECT pg_postmaster_start_time() FROM set_config('synchronous_commit', 'off', true)")
                    .query(OffsetDateTime.class).single();
            OffsetDateTime seen = serverStartSeen.get();
            if (seen != null && !seen.isEqual(serverStart)) {
                throw new DatabaseRestartedException(seen, serverStart);
            }
            serverStartSeen.set(serverStart);
        } catch (RuntimeException e) {
            serverStartSeen.remove();
            transaction.rollback();
            throw e;
        }
        return new Transaction() {
            @Override
            public void commit() {
                try {
                    transaction.commit();
                } catch (RuntimeException e) {
                    serverStartSeen.remove();
                    throw e;
                }
            }

            @Override
            public void rollback() {
                serverStartSeen.remove();
                transaction.rollback();
            }
        };
    }
}
