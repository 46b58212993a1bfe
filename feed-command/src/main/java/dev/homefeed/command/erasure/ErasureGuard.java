package dev.homefeed.command.erasure;

import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.erasure.UserDataCommand;
import dev.homefeed.command.api.erasure.UserErasedException;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refuses a command that would store something of an erased user ({@link UserDataCommand}: a post, an edit, a follow
 * of or by them, a read marker). A handler interceptor on the command bus, so it runs in the command's transaction:
 * it takes each user's lock shared for the rest of it, then looks for their erasure, so a command either commits
 * before an erasure of its user starts (which then removes what it wrote) or sees it.
 */
@Component
class ErasureGuard implements MessageHandlerInterceptor<CommandMessage<?>>, SmartInitializingSingleton {

    private final JdbcClient jdbc;
    private final UserLocks locks;
    private final ObjectProvider<CommandBus> commandBus;

    ErasureGuard(JdbcClient jdbc, UserLocks locks, ObjectProvider<CommandBus> commandBus) {
        this.jdbc = jdbc;
        this.locks = locks;
        this.commandBus = commandBus;
    }

    /** Once every bean exists (asking for the bus earlier closes a cycle through Axon's configuration). */
    @Override
    public void afterSingletonsInstantiated() {
        commandBus.getObject().registerHandlerInterceptor(this);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (unitOfWork.getMessage().getPayload() instanceof UserDataCommand command) {
            command.dataSubjects().forEach(this::refuseErased);
        }
        return chain.proceed();
    }

    private void refuseErased(UserId user) {
        locks.shared(user);
        if (erased(user)) {
            throw new UserErasedException(user);
        }
    }

    /** Whether the user was erased; asked after taking their lock, in a statement of its own, so it sees a racing erasure. */
    boolean erased(UserId user) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM user_erasure WHERE user_id = :user)").param("user", user.value())
                .query(Boolean.class).single();
    }
}
