package dev.homefeed.command.eventstore;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * The global index of the last event committed by the commands run on this thread. The command bus handles a command
 * on its sender's thread, so the sender can read it after {@code sendAndWait} returns. It is set only once the unit of
 * work has committed: an attempt rolled back (and retried) leaves nothing behind.
 */
final class AppendedPositions {

    private static final ThreadLocal<Long> LAST = new ThreadLocal<>();

    private AppendedPositions() {
    }

    /** Called as the entries are persisted, inside the command's unit of work. */
    static void appended(long globalIndex) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> remember(globalIndex));
        } else {
            remember(globalIndex);
        }
    }

    private static void remember(long globalIndex) {
        Long before = LAST.get();
        if (before == null || before < globalIndex) {
            LAST.set(globalIndex);
        }
    }

    static void forget() {
        LAST.remove();
    }

    /** The last committed position since {@link #forget()}, or 0 when nothing was appended. */
    static long last() {
        Long last = LAST.get();
        return last == null ? 0 : last;
    }
}
