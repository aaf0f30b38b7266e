package dev.synack.proxy;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * Reads the socket options of a proxy's newest open connection when the admin API asks, and keeps the last
 * reading for when that connection has ended. Sessions read their options at set-up only when an observer
 * wants them (about 20 µs of getsockopt per socket); reading on request instead costs a connection nothing
 * unless someone looks, and then one hop onto its event loop.
 */
final class NewestReadings {
    private volatile SocketReadings last;

    /** The newest of {@code open} read now on its loop; with none, the last reading marked ended, or empty. */
    CompletableFuture<Optional<SocketReadings>> read(List<Session> open) {
        Session newest = open.stream().max(Comparator.comparingLong(Session::id)).orElse(null);
        if (newest == null) {
            SocketReadings l = last;
            return CompletableFuture.completedFuture(Optional.ofNullable(l == null ? null : l.ended()));
        }
        CompletableFuture<Optional<SocketReadings>> read = new CompletableFuture<>();
        try {
            newest.eventLoop().execute(() -> {
                try {
                    SocketReadings r = newest.readOptionsNow();
                    last = r;
                    read.complete(Optional.of(r));
                } catch (RuntimeException e) {
                    read.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            read.completeExceptionally(stopping);
        }
        return read;
    }
}
