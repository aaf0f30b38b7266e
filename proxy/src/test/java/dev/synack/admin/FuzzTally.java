package dev.synack.admin;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** What {@link AdminFuzzTest} counts while it runs, for the line it prints at the end: answers by route and status, and where the time went. */
final class FuzzTally {
    private final Map<String, Integer> statuses = new TreeMap<>();
    private final long started = System.nanoTime();
    long inputs;
    long mirrored;
    long slowest;
    long making;
    long answering;
    long keeping;

    void answered(FuzzRoute route, FuzzHttp.Answer a) {
        statuses.merge(route + " " + a.response().status(), 1, Integer::sum);
        slowest = Math.max(slowest, a.nanos());
        answering += a.nanos();
    }

    String summary(long connections, long bytesThroughLive) {
        return String.format("%d inputs (%d refusals also sent to live) in %d ms (%d ms making them, %d ms waiting for answers, "
                + "%d ms checking and restoring the state) on %d connections, the slowest answer %d ms, %d bytes through live; %s",
                inputs, mirrored, ms(System.nanoTime() - started), ms(making), ms(answering), ms(keeping), connections, ms(slowest),
                bytesThroughLive, statuses);
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
