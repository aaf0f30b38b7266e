package dev.synack.admin;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the {@code X-Toxiproxy-Request-Id} of each request in the form Toxiproxy uses (an xid: 12 bytes of
 * seconds, machine, process and counter, written as 20 characters of lower-case base32hex), unique and
 * sortable by time.
 */
final class RequestIds {
    private static final char[] BASE32HEX = "0123456789abcdefghijklmnopqrstuv".toCharArray();
    private static final byte[] MACHINE = new byte[3];
    private static final AtomicInteger COUNTER;

    static {
        SecureRandom random = new SecureRandom();
        random.nextBytes(MACHINE);
        COUNTER = new AtomicInteger(random.nextInt());
    }

    private RequestIds() {}

    static String next() {
        byte[] id = new byte[12];
        int seconds = (int) (System.currentTimeMillis() / 1000);
        int pid = (int) ProcessHandle.current().pid();
        int count = COUNTER.getAndIncrement();
        id[0] = (byte) (seconds >>> 24);
        id[1] = (byte) (seconds >>> 16);
        id[2] = (byte) (seconds >>> 8);
        id[3] = (byte) seconds;
        System.arraycopy(MACHINE, 0, id, 4, 3);
        id[7] = (byte) (pid >>> 8);
        id[8] = (byte) pid;
        id[9] = (byte) (count >>> 16);
        id[10] = (byte) (count >>> 8);
        id[11] = (byte) count;
        return encode(id);
    }

    /** Base32hex without padding: 96 bits give 20 characters (the last one carries 1 bit). */
    private static String encode(byte[] id) {
        StringBuilder sb = new StringBuilder(20);
        int buffer = 0;
        int bits = 0;
        for (byte b : id) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(BASE32HEX[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            sb.append(BASE32HEX[(buffer << (5 - bits)) & 31]);
        }
        return sb.toString();
    }
}
