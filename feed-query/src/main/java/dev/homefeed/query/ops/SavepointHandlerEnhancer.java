package dev.homefeed.query.ops;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.stereotype.Component;

/** Wraps the event handlers of {@link SavepointPerEvent} projectors in a {@link JdbcSavepoints savepoint}. */
@Component
class SavepointHandlerEnhancer implements HandlerEnhancerDefinition {

    private final JdbcSavepoints savepoints;

    SavepointHandlerEnhancer(JdbcSavepoints savepoints) {
        this.savepoints = savepoints;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.declaringClass().isAnnotationPresent(SavepointPerEvent.class)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                return savepoints.run(() -> super.handle(message, target));
            }
        };
    }
}
