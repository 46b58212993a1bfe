package dev.homefeed.postgres;

import java.nio.file.Path;

/**
 * What the embedded PostgreSQL keeps in {@code <data dir>/postgres}: this directory belongs to the
 * database user, so everything PostgreSQL must read or write sits inside it.
 */
record ClusterFiles(Path root) {

    static ClusterFiles in(Path dataDirectory) {
        return new ClusterFiles(dataDirectory.resolve("postgres"));
    }

    /** PGDATA. */
    Path cluster() {
        return root.resolve("cluster");
    }

    /** Where initdb works before the result is renamed to {@link #cluster()}. */
    Path clusterInProgress() {
        return root.resolve("cluster.initdb");
    }

    Path password() {
        return root.resolve("password");
    }

    Path port() {
        return root.resolve("port");
    }

    Path log() {
        return root.resolve("postgres.log");
    }

    Path lock() {
        return root.resolve("launcher.lock");
    }
}
