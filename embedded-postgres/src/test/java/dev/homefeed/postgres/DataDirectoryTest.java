package dev.homefeed.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class DataDirectoryTest {

    @Test
    void defaultsToDataInTheWorkingDirectory() {
        assertThat(DataDirectory.resolve(null, false)).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(DataDirectory.resolve("  ", false)).isEqualTo(Path.of("data").toAbsolutePath());
    }

    @Test
    void defaultsToVarLibFeedForRootBecauseRootsHomeIsClosedToTheDatabaseUser() {
        assertThat(DataDirectory.resolve("", true)).isEqualTo(Path.of("/var/lib/feed"));
    }

    @Test
    void makesAConfiguredDirectoryAbsolute() {
        assertThat(DataDirectory.resolve("state/../feed-data", true)).isEqualTo(Path.of("feed-data").toAbsolutePath());
        assertThat(DataDirectory.resolve("/srv/feed/", false)).isEqualTo(Path.of("/srv/feed"));
    }
}
