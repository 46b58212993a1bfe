package dev.homefeed.query.api;

/**
 * What answered a page of a home feed: the projection's rows, source truth (the command side's follows and posts),
 * or both, merged under one keyset where the stored rows end.
 */
public enum ServedFrom {
    PROJECTION, SOURCE, BOTH;

    /** As the contract spells it in {@code freshness.servedFrom}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
