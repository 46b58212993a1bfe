package dev.homefeed.projection.api;

/** The states of the contract's Administration section. */
public enum ProjectionState {
    RUNNING, REPLAYING, STOPPED, ERROR
}
