package dev.homefeed.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.security.auth.module.UnixSystem;

/**
 * The operating-system user that runs initdb, pg_ctl and postgres. PostgreSQL refuses to run as root,
 * so a root service hands the database to an unprivileged user; otherwise it is the service's own user.
 */
public record DatabaseUser(String name, long uid, long gid, boolean switched) {

    public static boolean runningAsRoot() {
        return new UnixSystem().getUid() == 0;
    }

    public static DatabaseUser forThisProcess(String userWhenRoot) {
        UnixSystem self = new UnixSystem();
        if (self.getUid() != 0) {
            return new DatabaseUser(self.getUsername(), self.getUid(), self.getGid(), false);
        }
        String uid = HostCommand.output(List.of("id", "-u", userWhenRoot));
        String gid = HostCommand.output(List.of("id", "-g", userWhenRoot));
        if (uid == null || gid == null) {
            throw new EmbeddedPostgresException("the service runs as root and the database user '" + userWhenRoot
                    + "' does not exist", "create it (useradd --system " + userWhenRoot
                    + ") or set feed.embedded-postgres.os-user to an existing unprivileged user");
        }
        return new DatabaseUser(userWhenRoot, Long.parseLong(uid), Long.parseLong(gid), true);
    }

    /** The command line that runs {@code command} as this user. */
    public List<String> command(List<String> command) {
        if (!switched) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Hands a file the service (root) created over to this user, so PostgreSQL may use it. */
    public void own(Path path) {
        if (!switched) {
            return;
        }
        try {
            Files.setAttribute(path, "unix:uid", (int) uid);
            Files.setAttribute(path, "unix:gid", (int) gid);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot hand " + path + " to " + name, e);
        }
    }

    /** Whether this user may search (enter) the directory; root bypasses permissions, so ask the mode bits. */
    public boolean canEnter(Path directory) throws IOException {
        if (!switched) {
            return Files.isExecutable(directory);
        }
        int mode = (Integer) Files.getAttribute(directory, "unix:mode");
        int ownerUid = (Integer) Files.getAttribute(directory, "unix:uid");
        int ownerGid = (Integer) Files.getAttribute(directory, "unix:gid");
        if (ownerUid == uid) {
            return (mode & 0100) != 0;
        }
        // setpriv --clear-groups leaves only the primary group.
        return ownerGid == gid ? (mode & 0010) != 0 : (mode & 0001) != 0;
    }
}
