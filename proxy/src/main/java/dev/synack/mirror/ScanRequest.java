package dev.synack.mirror;

import dev.synack.net.ProcNetTcp;
import java.net.InetSocketAddress;

/**
 * What one poll needs from /proc: the tables that list the sockets it must look up, and their port pairs.
 * A poll with nothing to look up reads nothing; a poll for a few sockets skips every other row of a
 * host's tables without making an object of it (a busy proxy leaves tens of thousands of TIME_WAITs).
 * Filled on the poller's thread, then read by the scan: not thread-safe, and not shared.
 */
public final class ScanRequest implements ProcNetTcp.PortFilter {
    /** Table bits: /proc/net/tcp lists AF_INET sockets, /proc/net/tcp6 AF_INET6 (dual-stack) ones. */
    public static final int TCP = 1;
    public static final int TCP6 = 2;
    public static final int BOTH = TCP | TCP6;

    private int tables;
    private int size;
    /** Open addressing of {@code localPort << 16 | remotePort}, 0 for an empty slot (port 0 is never connected). */
    private int[] slots = new int[64];

    /** Asks for the row of the socket at {@code local} ↔ {@code remote}, listed in {@code tables}. */
    void add(InetSocketAddress local, InetSocketAddress remote, int tables) {
        add(local.getPort(), remote.getPort(), tables);
    }

    /** Asks for the row of the socket between these ports, listed in {@code tables}. */
    void add(int localPort, int remotePort, int tables) {
        this.tables |= tables;
        int key = localPort << 16 | remotePort;
        if (key == 0) {
            return;
        }
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        if (insert(slots, key)) {
            size++;
        }
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public boolean tcp() {
        return (tables & TCP) != 0;
    }

    public boolean tcp6() {
        return (tables & TCP6) != 0;
    }

    @Override
    public boolean wants(int localPort, int remotePort) {
        int key = localPort << 16 | remotePort;
        for (int i = mix(key) & (slots.length - 1); slots[i] != 0; i = (i + 1) & (slots.length - 1)) {
            if (slots[i] == key) {
                return true;
            }
        }
        return false;
    }

    /** Whether a scan for this request has the row of {@code local} ↔ {@code remote}, if the kernel has one. */
    boolean covers(InetSocketAddress local, InetSocketAddress remote) {
        return wants(local.getPort(), remote.getPort());
    }

    private void grow() {
        int[] bigger = new int[slots.length * 2];
        for (int key : slots) {
            if (key != 0) {
                insert(bigger, key);
            }
        }
        slots = bigger;
    }

    private static boolean insert(int[] table, int key) {
        int i = mix(key) & (table.length - 1);
        while (table[i] != 0) {
            if (table[i] == key) {
                return false;
            }
            i = (i + 1) & (table.length - 1);
        }
        table[i] = key;
        return true;
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ h >>> 16;
    }

    @Override
    public String toString() {
        return "ScanRequest[" + size + " port pairs" + (tcp() ? ", tcp" : "") + (tcp6() ? ", tcp6" : "") + "]";
    }
}
