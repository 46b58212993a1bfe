package dev.homefeed.query.ops;

import java.sql.Connection;
import java.sql.Savepoint;

import javax.sql.DataSource;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wraps the event handlers of {@link SavepointPerEvent} projectors in a JDBC savepoint on the transaction's own
 * connection (the one the projectors' JdbcClient joins). Spring's JPA transaction manager offers no nested
 * transactions with Hibernate, so the savepoint is set on the connection directly. A handler that only collects its
 * change into an {@link EventBatches} batch writes nothing, so it gets no savepoint.
 */
@Component
class SavepointHandlerEnhancer implements HandlerEnhancerDefinition {

    private final DataSource dataSource;
    private final EventBatches batches;

    SavepointHandlerEnhancer(DataSource dataSource, EventBatches batches) {
        this.dataSource = dataSource;
        this.batches = batches;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        SavepointPerEvent savepoints = original.declaringClass().getAnnotation(SavepointPerEvent.class);
        if (savepoints == null) {
            return original;
        }
        ProcessingGroup group = savepoints.unlessCollected() ? original.declaringClass().getAnnotation(ProcessingGroup.class) : null;
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (!TransactionSynchronizationManager.isActualTransactionActive()
                        || group != null && batches.collecting(group.value())) {
                    return super.handle(message, target);
                }
                Connection connection = DataSourceUtils.getConnection(dataSource);
                Savepoint savepoint = connection.setSavepoint();
                try {
                    Object result = super.handle(message, target);
                    connection.releaseSavepoint(savepoint);
                    return result;
                } catch (Exception | Error e) {
                    connection.rollback(savepoint);
                    throw e;
                }
            }
        };
    }
}
