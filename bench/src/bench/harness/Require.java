package bench.harness;

/** A failed expectation ends the run: a figure taken after an error would measure the error. */
public final class Require {

    private Require() {
    }

    public static void that(boolean condition, String message) {
        if (!condition) throw new IllegalStateException(message);
    }
}
