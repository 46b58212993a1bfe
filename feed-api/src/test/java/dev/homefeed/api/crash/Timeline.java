package dev.homefeed.api.crash;

import java.util.ArrayList;
import java.util.List;

/**
 * What happened when in a crash test, printed as it happens and again at the end: a failed run on a slow machine is
 * read from these lines, not from the assertions alone.
 */
final class Timeline {

    private final String tag;
    private final List<String> lines = new ArrayList<>();

    Timeline(String tag) {
        this.tag = tag;
    }

    synchronized void note(String line) {
        lines.add(line);
        System.out.println("[" + tag + "] " + line);
    }

    synchronized void print() {
        System.out.println("[" + tag + "] timings:\n  " + String.join("\n  ", lines));
    }

    static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
