package dev.homefeed.command.post;

import dev.homefeed.command.api.InvalidPostTextException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostTextTest {

    static final String ASTRAL = "\uD83D\uDE00"; // U+1F600, two UTF-16 chars, one code point

    @Test
    void trimsLeadingAndTrailingWhitespace() {
        assertThat(PostText.normalize(" \t\r\n hello  world \u2003\n")).isEqualTo("hello  world");
    }

    @Test
    void keepsTabLineFeedAndCarriageReturnInside() {
        assertThat(PostText.normalize("a\tb\nc\r\nd")).isEqualTo("a\tb\nc\r\nd");
    }

    @Test
    void acceptsFiveHundredAstralCodePoints() {
        String text = ASTRAL.repeat(500);

        assertThat(PostText.normalize(text)).isEqualTo(text).hasSize(1000);
    }

    @Test
    void rejectsFiveHundredAndOneAstralCodePoints() {
        assertThatThrownBy(() -> PostText.normalize(ASTRAL.repeat(501)))
                .isInstanceOf(InvalidPostTextException.class)
                .hasMessage("must be at most 500 characters, was 501");
    }

    @Test
    void countsLengthAfterTrimming() {
        assertThat(PostText.normalize("  " + "a".repeat(500) + "  ")).hasSize(500);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> PostText.normalize(null)).isInstanceOf(InvalidPostTextException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n\r ", "\u2003"})
    void rejectsTextThatIsEmptyAfterTrimming(String text) {
        assertThatThrownBy(() -> PostText.normalize(text))
                .isInstanceOf(InvalidPostTextException.class)
                .hasMessage("must not be empty");
    }

    @Test
    void rejectsNulCharacter() {
        assertThatThrownBy(() -> PostText.normalize("a\u0000b"))
                .isInstanceOf(InvalidPostTextException.class)
                .hasMessage("must not contain U+0000 (at index 1)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0001", "\u0007", "\u0008", "\u000B", "\u000C", "\u001B", "\u001F"})
    void rejectsC0ControlCharacters(String control) {
        assertThatThrownBy(() -> PostText.normalize("a" + control + "b"))
                .isInstanceOf(InvalidPostTextException.class)
                .hasMessageStartingWith("must not contain control character U+00");
    }

    @Test
    void rejectsControlCharacterAtTheEdgeInsteadOfTrimmingIt() {
        assertThatThrownBy(() -> PostText.normalize("hello\u0001"))
                .isInstanceOf(InvalidPostTextException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD83D", "\uDE00", "\uDE00\uD83D", "a\uD83Db"})
    void rejectsUnpairedSurrogates(String text) {
        assertThatThrownBy(() -> PostText.normalize(text))
                .isInstanceOf(InvalidPostTextException.class)
                .hasMessageStartingWith("must not contain an unpaired surrogate");
    }

    @Test
    void acceptsDeleteAndNonC0Characters() {
        assertThat(PostText.normalize("a\u007Fb\u0085c\u200Bd")).isEqualTo("a\u007Fb\u0085c\u200Bd");
    }
}
