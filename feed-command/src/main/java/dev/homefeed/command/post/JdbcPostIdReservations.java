package dev.homefeed.command.post;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

@Component
class JdbcPostIdReservations implements PostIdReservations {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    JdbcPostIdReservations(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        // A reservation rolled back with some caller's transaction would let a restart reissue ids.
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public long reservedUntil(int nodeId) {
        return jdbc.sql("SELECT reserved_until_millis FROM post_id_reservation WHERE node_id = :nodeId")
                   .param("nodeId", nodeId)
                   .query(Long.class)
                   .optional()
                   .orElse(0L);
    }

    @Override
    public void reserveUntil(int nodeId, long untilMillis) {
        ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                        INSERT INTO post_id_reservation (node_id, reserved_until_millis)
                        VALUES (:nodeId, :untilMillis)
                        ON CONFLICT (node_id) DO UPDATE SET reserved_until_millis =
                            GREATEST(post_id_reservation.reserved_until_millis, EXCLUDED.reserved_until_millis)""")
                .param("nodeId", nodeId)
                .param("untilMillis", untilMillis)
                .update());
    }
}
