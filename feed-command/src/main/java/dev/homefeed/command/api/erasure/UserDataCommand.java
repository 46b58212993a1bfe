package dev.homefeed.command.api.erasure;

import java.util.List;

import dev.homefeed.command.api.UserId;

/** A command that stores something of these users (a post, an edit, a follow, a read marker): refused once one is erased. */
public interface UserDataCommand {

    List<UserId> dataSubjects();
}
