package dev.homefeed.api.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import dev.homefeed.postgres.DataDirectory;
import dev.homefeed.postgres.DatabaseUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Secrets generated once and kept in the data directory, so tokens and cursors stay valid across restarts.
 * Files are created atomically with owner-only permissions.
 */
@Component
public class PersistentSecrets {

    public record Secret(String value, Path path, boolean created) {}

    private final Path directory;

    @Autowired
    public PersistentSecrets(Environment environment) {
        this(DataDirectory.resolve(environment.getProperty(DataDirectory.PROPERTY), DatabaseUser.runningAsRoot()));
    }

    public PersistentSecrets(Path directory) {
        this.directory = directory;
    }

    /** The secret kept in the data directory under this name, if there is one. */
    public Optional<String> existing(String name) {
        Path file = directory.resolve(name);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the secret " + file, e);
        }
    }

    public Secret loadOrCreate(String name) {
        Path file = directory.resolve(name);
        try {
            if (Files.exists(file)) {
                return new Secret(Files.readString(file, StandardCharsets.UTF_8).trim(), file, false);
            }
            Files.createDirectories(directory);
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Path temp = Files.createTempFile(directory, name, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, value, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file);
                return new Secret(value, file, true);
            } catch (FileAlreadyExistsException raced) {
                Files.deleteIfExists(temp);
                return loadOrCreate(name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secret " + file, e);
        }
    }
}
