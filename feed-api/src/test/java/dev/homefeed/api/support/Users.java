package dev.homefeed.api.support;

import java.util.concurrent.atomic.AtomicLong;

/** Fresh user ids, so tests sharing one application context never see each other's posts or follows. */
public final class Users {

    private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() % 1_000_000_000L * 1000 + 1);

    private Users() {
    }

    public static long next() {
        return NEXT.getAndIncrement();
    }
}
