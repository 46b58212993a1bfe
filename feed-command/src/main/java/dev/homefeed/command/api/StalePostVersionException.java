package dev.homefeed.command.api;

/** An edit named a version of the post that is no longer the current one. */
public class StalePostVersionException extends RuntimeException {

    private final long expected;
    private final long actual;

    public StalePostVersionException(long expected, long actual) {
        super("expected post version " + expected + " but it is at version " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    public long expected() {
        return expected;
    }

    public long actual() {
        return actual;
    }
}
