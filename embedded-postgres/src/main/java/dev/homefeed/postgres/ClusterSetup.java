package dev.homefeed.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates what a cluster needs on disk: its directory, owned by the database user, and the cluster itself, once. */
final class ClusterSetup {

    private static final Logger log = LoggerFactory.getLogger(ClusterSetup.class);

    private ClusterSetup() {
    }

    static void prepareRoot(ClusterFiles files, DatabaseUser user) throws IOException {
        FileModes.createDirectories(files.root().getParent(), FileModes.PASS_THROUGH);
        if (!Files.isDirectory(files.root())) {
            Files.createDirectory(files.root());
            FileModes.set(files.root(), FileModes.OWNER_ONLY);
            user.own(files.root());
        }
    }

    /** initdb into a side directory, then rename: a start killed during initdb leaves no half cluster to trip over. */
    static void initdbOnce(PgCtl pg, String superuser) throws IOException {
        ClusterFiles files = pg.files();
        if (Files.exists(files.cluster().resolve("PG_VERSION"))) {
            return;
        }
        if (Files.exists(files.cluster())) {
            throw new EmbeddedPostgresException(files.cluster() + " exists but is not a PostgreSQL cluster",
                    "move it out of the way so a new cluster can be created there");
        }
        FileModes.deleteTree(files.clusterInProgress());
        log.info("Creating the embedded PostgreSQL cluster in {}", files.cluster());
        pg.initdb(files.clusterInProgress(), superuser);
        Files.move(files.clusterInProgress(), files.cluster(), StandardCopyOption.ATOMIC_MOVE);
    }
}
