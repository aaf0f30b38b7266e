package dev.synack.observe;

/**
 * One socket option on one kernel socket: the value config asked for ({@code null} if none), the value the
 * kernel reports through getsockopt, and a note when they differ for a known reason (the kernel doubles
 * SO_RCVBUF, rounds TCP_DEFER_ACCEPT, ...).
 */
public record OptionReading(String name, String requested, String effective, String note) {
    public boolean requestedAndDiffers() {
        return requested != null && !requested.equals(effective);
    }

    @Override
    public String toString() {
        String s = name + "=" + effective;
        if (requested != null && !requested.equals(effective)) {
            s += " (asked " + requested + (note == null ? "" : ", " + note) + ")";
        }
        return s;
    }
}
