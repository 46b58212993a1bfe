package dev.homefeed.api.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import dev.homefeed.api.problem.InvalidRequestException;
import org.junit.jupiter.api.Test;

class CursorsTest {

    record Position(Instant at, long id) {
    }

    static final CursorFormat<Position> FORMAT = new CursorFormat<>("things", 2,
            p -> List.of(p.at().toString(), Long.toString(p.id())),
            parts -> new Position(Instant.parse(parts.get(0)), Long.parseLong(parts.get(1))));

    final Cursors cursors = new Cursors("a-test-secret-of-at-least-thirty-two-bytes", null, null);
    final Position position = new Position(Instant.parse("2026-12-03T10:15:30.123Z"), 42);

    @Test
    void aCursorGivesBackThePositionItWasMadeFor() {
        String cursor = cursors.encode(FORMAT, 7, position);

        assertThat(cursors.decode(FORMAT, 7, cursor)).isEqualTo(position);
    }

    @Test
    void noPositionMeansNoCursorAndNoCursorMeansTheFirstPage() {
        assertThat(cursors.encode(FORMAT, 7, null)).isNull();
        assertThat(cursors.decode(FORMAT, 7, null)).isNull();
    }

    @Test
    void aCursorIsRefusedForAnotherViewerAnotherListOrAfterTampering() {
        String cursor = cursors.encode(FORMAT, 7, position);
        String tampered = cursor.charAt(0) == 'A' ? "B" + cursor.substring(1) : "A" + cursor.substring(1);

        for (Runnable misuse : List.<Runnable>of(
                () -> cursors.decode(FORMAT, 8, cursor),
                () -> cursors.decode(FORMAT.of("other"), 7, cursor),
                () -> cursors.decode(FORMAT, 7, tampered),
                () -> cursors.decode(FORMAT, 7, "not-a-cursor"))) {
            assertThatThrownBy(misuse::run).isInstanceOf(InvalidRequestException.class);
        }
    }

    @Test
    void aSignedCursorWhosePositionDoesNotParseIsRefusedNotACrash() {
        CursorFormat<List<String>> raw = new CursorFormat<>("things", 2, p -> p, parts -> parts);
        String signed = cursors.encode(raw, 7, List.of("yesterday", "many"));

        assertThatThrownBy(() -> cursors.decode(FORMAT, 7, signed)).isInstanceOf(InvalidRequestException.class);
    }
}
