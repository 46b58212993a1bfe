package dev.homefeed.postgres;

/**
 * A failure to run the embedded PostgreSQL, worded for the operator: the message is one line that
 * names the problem and then says what to change.
 */
public class EmbeddedPostgresException extends RuntimeException {

    private final String problem;
    private final String action;

    public EmbeddedPostgresException(String problem, String action) {
        this(problem, action, null);
    }

    public EmbeddedPostgresException(String problem, String action, Throwable cause) {
        super(problem + "; " + action, cause);
        this.problem = problem;
        this.action = action;
    }

    public String problem() {
        return problem;
    }

    public String action() {
        return action;
    }
}
