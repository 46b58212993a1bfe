package dev.homefeed.query.api;

/** The states of the contract's Administration section. */
public enum ProjectionState {
    RUNNING, REPLAYING, STOPPED, ERROR
}
