package dev.homefeed.projection.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import dev.homefeed.projection.api.Cutover;
import dev.homefeed.projection.api.GenerationComparison;
import dev.homefeed.projection.api.GenerationComparison.ViewerDifference;
import dev.homefeed.projection.api.RebuildState;
import org.junit.jupiter.api.Test;

class RebuildTest {

    static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    static final GenerationComparison CLEAN = new GenerationComparison(42, 3, 0, 0, 0, 0, List.of(), 0);
    static final GenerationComparison DIFFERING = new GenerationComparison(42, 3, 1, 1, 0, 0,
            List.of(new ViewerDifference("7", 1, 0, 0)), 0);

    static Rebuild started(Cutover cutover) {
        return Rebuild.started(1, "home-feed", 2, 1, cutover, T0, 100, "instance-a");
    }

    @Test
    void aRebuildGoesFromBuildingThroughComparingAndReadyToSwitched() {
        Rebuild ready = started(Cutover.MANUAL).reset(T0.plusSeconds(1)).caughtUp(T0.plusSeconds(5)).compared(CLEAN);

        Rebuild switched = ready.switched(T0.plusSeconds(9));

        assertThat(ready.state()).isEqualTo(RebuildState.READY);
        assertThat(switched.state()).isEqualTo(RebuildState.SWITCHED);
        assertThat(switched.resetAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(switched.caughtUpAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(switched.switchedAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(switched.comparison()).isEqualTo(CLEAN);
    }

    @Test
    void aRebuildThatWasNeverComparedCannotSwitch() {
        Rebuild comparing = started(Cutover.AUTO).caughtUp(T0);

        assertThatThrownBy(() -> comparing.switched(T0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("COMPARING and cannot switch");
        assertThatThrownBy(() -> started(Cutover.AUTO).compared(CLEAN)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEndedRebuildMakesNoFurtherMove() {
        Rebuild switched = started(Cutover.AUTO).caughtUp(T0).compared(CLEAN).switched(T0);
        Rebuild abandoned = started(Cutover.AUTO).abandoned();

        assertThatThrownBy(switched::abandoned).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> switched.failed("late")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> abandoned.caughtUp(T0)).isInstanceOf(IllegalStateException.class);
        assertThat(started(Cutover.AUTO).failed("disk full").error()).isEqualTo("disk full");
    }

    @Test
    void onlyAnAutomaticRebuildThatComparedCleanSwitchesItself() {
        assertThat(started(Cutover.AUTO).caughtUp(T0).compared(CLEAN).switchesItself()).isTrue();
        assertThat(started(Cutover.AUTO).caughtUp(T0).compared(DIFFERING).switchesItself()).isFalse();
        assertThat(started(Cutover.MANUAL).caughtUp(T0).compared(CLEAN).switchesItself()).isFalse();
        assertThat(started(Cutover.AUTO).caughtUp(T0).switchesItself()).isFalse();
    }

    @Test
    void cutoversAreSpelledAsTheApiAndTheDatabaseSpellThem() {
        assertThat(Cutover.of("auto")).isEqualTo(Cutover.AUTO);
        assertThat(Cutover.MANUAL.wire()).isEqualTo("manual");
        assertThatThrownBy(() -> Cutover.of("AUTO")).isInstanceOf(IllegalArgumentException.class);
    }
}
