package dev.homefeed.query.ops;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs each of the annotated projector's event handlers in a savepoint (a nested transaction). On PostgreSQL a
 * failed statement aborts the whole transaction, so without one a poison event would roll back the batch's other
 * events, the token and the dead letter itself; with one, exactly that event's writes are undone and the letter is
 * parked in the same transaction.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SavepointPerEvent {
}
