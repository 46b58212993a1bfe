package dev.homefeed.command;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a command that lost an append race, and nothing else. Two instances handling commands on one aggregate at
 * once both load it and both append the same sequence number; the event store's unique key refuses the second
 * ({@link ConcurrencyException}), and the retry loads the aggregate again. Every other failure (a refusal by the
 * aggregate, a stale {@code If-Match}) would fail the same way again and is answered at once. Axon's own
 * {@code IntervalRetryScheduler} cannot say this: it judges every exception in the cause chain, and the race's cause,
 * the driver's unique violation, is no {@code ConcurrencyException}.
 */
final class AppendRaceRetry implements RetryScheduler {

    private static final Logger log = LoggerFactory.getLogger(AppendRaceRetry.class);
    static final int MAX_RETRIES = 5;
    static final long INTERVAL_MILLIS = 20;

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "command-retry");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable dispatchTask) {
        if (!lostAnAppendRace(lastFailure) || failures.size() > MAX_RETRIES) {
            return false;
        }
        log.debug("{} lost an append race ({} so far); retrying", commandMessage.getCommandName(), failures.size());
        executor.schedule(dispatchTask, INTERVAL_MILLIS * failures.size(), TimeUnit.MILLISECONDS);
        return true;
    }

    static boolean lostAnAppendRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
