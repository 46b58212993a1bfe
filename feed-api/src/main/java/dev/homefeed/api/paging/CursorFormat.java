package dev.homefeed.api.paging;

import java.util.List;
import java.util.function.Function;

/**
 * How one list's position is written into a cursor and read back: the typed side of {@link Cursors}, one constant per
 * paged endpoint, next to it.
 *
 * @param list  the list a cursor is valid for; a cursor of another list is refused
 * @param parts how many fields the position has
 */
public record CursorFormat<P>(String list, int parts, Function<P, List<String>> write, Function<List<String>, P> read) {

    /** The same format for one list among several of its kind: {@code dead-letters:home-feed}. */
    public CursorFormat<P> of(String sublist) {
        return new CursorFormat<>(list + ":" + sublist, parts, write, read);
    }
}
