package dev.homefeed.command.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An event that carries one user's personal data. Its record components marked {@link Personal} are stored encrypted
 * under the data key of {@link #dataSubject()}; once that user is erased they read back as null.
 */
public interface PersonalData {

    /** Whose personal data the event holds. */
    UserId dataSubject();

    /** A string component holding personal data. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    @interface Personal {
    }
}
