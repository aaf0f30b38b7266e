package dev.synack.doctor;

/**
 * The kernel's rounding of TCP_DEFER_ACCEPT: it stores the seconds as a count of SYN-ACK retransmissions
 * (the first after 1 s, each later one after twice the previous wait, at most 120 s) and reads back the
 * time those retransmissions take. Measured here: 5 reads back 7, 8 reads back 15, 200 reads back 247.
 */
final class DeferAccept {
    private static final int INITIAL_TIMEOUT = 1;
    private static final int MAX_TIMEOUT = 120;
    private static final int MAX_RETRANS = 255;

    private DeferAccept() {}

    /** The seconds the kernel reports for a requested number of seconds (the kernel's secs_to_retrans, then back). */
    static long rounded(long seconds) {
        return retransToSeconds(secondsToRetrans(seconds));
    }

    static int secondsToRetrans(long seconds) {
        if (seconds <= 0) {
            return 0;
        }
        int retrans = 1;
        long timeout = INITIAL_TIMEOUT;
        long period = timeout;
        while (seconds > period && retrans < MAX_RETRANS) {
            retrans++;
            timeout = Math.min(timeout * 2, MAX_TIMEOUT);
            period += timeout;
        }
        return retrans;
    }

    static long retransToSeconds(int retrans) {
        if (retrans <= 0) {
            return 0;
        }
        long timeout = INITIAL_TIMEOUT;
        long period = timeout;
        for (int i = 1; i < retrans; i++) {
            timeout = Math.min(timeout * 2, MAX_TIMEOUT);
            period += timeout;
        }
        return period;
    }
}
