package dev.homefeed.api.support;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import java.util.function.Supplier;

import dev.homefeed.command.api.Positioned;
import dev.homefeed.command.eventstore.FeedPositions;

/** For controller slices with mocked gateways: a mocked {@link FeedPositions} that runs each command, at one position. */
public final class PassThroughPositions {

    private PassThroughPositions() {
    }

    public static void stub(FeedPositions positions, long position) {
        when(positions.track(any(Supplier.class))).thenAnswer(call -> new Positioned<>(((Supplier<?>) call.getArgument(0)).get(), position));
        when(positions.positionAfter(any(Runnable.class))).thenAnswer(call -> {
            ((Runnable) call.getArgument(0)).run();
            return position;
        });
        when(positions.head()).thenReturn(position);
    }
}
