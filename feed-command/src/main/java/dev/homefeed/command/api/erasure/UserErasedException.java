package dev.homefeed.command.api.erasure;

import dev.homefeed.command.api.UserId;

/** The user was erased: they cannot act, be followed or have personal data stored any more. */
public class UserErasedException extends RuntimeException {

    private final transient UserId userId;

    public UserErasedException(UserId userId) {
        super("user " + userId + " was erased");
        this.userId = userId;
    }

    public UserId userId() {
        return userId;
    }
}
