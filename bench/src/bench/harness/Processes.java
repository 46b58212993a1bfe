package bench.harness;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The JVMs the run has started and not yet stopped: on an interrupt (Ctrl-C) the shutdown hook stops them, the
 * latest first, so that no service or peer outlives the harness with its embedded PostgreSQL.
 */
public final class Processes {

    /** A process the harness started and must stop. */
    public interface Stoppable {
        String name();

        boolean alive();

        void stop() throws Exception;
    }

    private final Deque<Stoppable> running = new ConcurrentLinkedDeque<>();

    public void started(Stoppable process) {
        running.push(process);
    }

    public void stopped(Stoppable process) {
        running.remove(process);
    }

    public void emergencyStop() {
        for (Stoppable p : running) {
            try {
                if (p.alive()) {
                    System.out.println("interrupted: stopping the " + p.name());
                    p.stop();
                }
            } catch (Exception e) {
                System.out.println("could not stop the " + p.name() + ": " + e);
            }
        }
    }
}
