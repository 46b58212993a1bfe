package dev.homefeed.api.outage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * How a failed scheduled task is logged. The status refresh, the rebuild driver, the lease renewal and the other
 * background tasks run every few hundred milliseconds and each is tried again at its next run; while the database is
 * away they would log a stack trace each, several a second. Those failures are reported once per ten seconds
 * instead; any other failure keeps its full stack trace.
 */
@Component
class ScheduledTaskFailures implements ThreadPoolTaskSchedulerCustomizer {

    private static final Logger log = LoggerFactory.getLogger(ScheduledTaskFailures.class);

    private final DatabaseFailures databaseAway = new DatabaseFailures(log, "scheduled tasks wait for their next run");

    @Override
    public void customize(ThreadPoolTaskScheduler scheduler) {
        scheduler.setErrorHandler(failure -> {
            if (DatabaseFailures.isDatabaseAway(failure)) {
                databaseAway.report(failure);
            } else {
                log.error("Unexpected error occurred in scheduled task", failure);
            }
        });
    }
}
