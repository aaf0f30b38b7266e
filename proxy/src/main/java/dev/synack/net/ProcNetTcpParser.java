package dev.synack.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Parses the rows of /proc/net/tcp or /proc/net/tcp6 straight from the bytes the kernel printed, with
 * no regex and no String per field: a scan may parse tens of thousands of rows. Addresses are printed
 * as 32-bit words in the kernel's byte order (127.0.0.1 is {@code 0100007F} on x86), ports in hex.
 * One parser reads one scan's files in turn, reusing its buffer.
 */
final class ProcNetTcpParser {
    private static final int READ_SIZE = 64 * 1024;

    private final ByteOrder order;
    private byte[] buf = new byte[READ_SIZE];
    private int end;
    private int pos;
    private String source;

    ProcNetTcpParser(ByteOrder order) {
        this.order = order;
    }

    /** Appends every row of one table to {@code rows}; {@code source} names it in errors. */
    void parse(InputStream in, boolean tcp6, String source, List<ProcNetTcp.Row> rows) throws IOException {
        parse(in, tcp6, source, ProcNetTcp.PortFilter.ALL, rows);
    }

    /**
     * Appends the rows whose port pair {@code ports} wants. A row it does not want costs its ports' hex
     * digits and nothing else: no address, no object.
     */
    void parse(InputStream in, boolean tcp6, String source, ProcNetTcp.PortFilter ports, List<ProcNetTcp.Row> rows)
            throws IOException {
        readAll(in);
        this.source = source;
        pos = 0;
        skipLine(); // the header
        while (true) {
            skipSpaces();
            if (pos >= end) {
                return;
            }
            if (buf[pos] != '\n') {
                ProcNetTcp.Row row = row(tcp6, ports);
                if (row != null) {
                    rows.add(row);
                }
            }
            skipLine();
        }
    }

    private void readAll(InputStream in) throws IOException {
        end = 0;
        // The kernel fills each read as far as it goes, so large reads keep the number of calls down.
        for (int n; (n = in.read(buf, end, buf.length - end)) > 0; ) {
            end += n;
            if (end == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
        }
    }

    /**
     * {@code sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...}; the rest of the line is skipped.
     * Null for a row whose ports {@code ports} does not want: the ports are read first, the addresses only then.
     */
    private ProcNetTcp.Row row(boolean tcp6, ProcNetTcp.PortFilter ports) throws IOException {
        decimal();
        expect(':');
        int localAt = skipAddress(tcp6);
        int localPort = (int) hex();
        int remoteAt = skipAddress(tcp6);
        int remotePort = (int) hex();
        if (!ports.wants(localPort, remotePort)) {
            return null;
        }
        int after = pos;
        pos = localAt;
        InetSocketAddress local = address(tcp6);
        pos = remoteAt;
        InetSocketAddress remote = address(tcp6);
        pos = after;
        int state = (int) hex();
        int txQueue = (int) hex();
        expect(':');
        int rxQueue = (int) hex();
        int timer = (int) hex();
        expect(':');
        long timerTicks = hex();
        hex(); // retrnsmt
        decimal(); // uid
        decimal(); // timeout
        long inode = decimal();
        return new ProcNetTcp.Row(tcp6, local, remote, state, txQueue, rxQueue, timer, timerTicks, inode);
    }

    /** Steps over an address and its ':' (checked), returning where it starts; the port comes next. */
    private int skipAddress(boolean tcp6) throws IOException {
        skipSpaces();
        int at = pos;
        pos = Math.min(end, pos + (tcp6 ? 32 : 8));
        expect(':');
        return at;
    }

    private InetSocketAddress address(boolean tcp6) throws IOException {
        skipSpaces();
        byte[] bytes = new byte[tcp6 ? 16 : 4];
        for (int word = 0; word < bytes.length; word += 4) {
            int value = 0;
            for (int i = 0; i < 8; i++) {
                value = value << 4 | digit(pos < end ? buf[pos++] : -1);
            }
            for (int i = 0; i < 4; i++) {
                int shift = order == ByteOrder.LITTLE_ENDIAN ? 8 * i : 8 * (3 - i);
                bytes[word + i] = (byte) (value >>> shift);
            }
        }
        expect(':');
        int port = (int) hex();
        try {
            // Gives an Inet4Address for a v4-mapped IPv6 one, as Java reports a dual-stack socket's addresses.
            return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are an IP address", e);
        }
    }

    static boolean isV4Mapped(byte[] a) {
        if (a.length != 16 || a[10] != (byte) 0xff || a[11] != (byte) 0xff) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private long hex() throws IOException {
        skipSpaces();
        int start = pos;
        long value = 0;
        for (int d; pos < end && (d = hexDigit(buf[pos])) >= 0; pos++) {
            value = value << 4 | d;
        }
        if (pos == start) {
            throw malformed("a hex number");
        }
        return value;
    }

    private long decimal() throws IOException {
        skipSpaces();
        boolean negative = pos < end && buf[pos] == '-';
        int start = negative ? ++pos : pos;
        long value = 0;
        for (; pos < end && buf[pos] >= '0' && buf[pos] <= '9'; pos++) {
            value = value * 10 + (buf[pos] - '0');
        }
        if (pos == start) {
            throw malformed("a number");
        }
        return negative ? -value : value;
    }

    private int digit(int c) throws IOException {
        int d = hexDigit(c);
        if (d < 0) {
            throw malformed("an address of hex words");
        }
        return d;
    }

    private static int hexDigit(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    private void expect(char c) throws IOException {
        if (pos >= end || buf[pos] != c) {
            throw malformed("'" + c + "'");
        }
        pos++;
    }

    private void skipSpaces() {
        while (pos < end && buf[pos] == ' ') {
            pos++;
        }
    }

    private void skipLine() {
        while (pos < end && buf[pos++] != '\n') {
            // to the start of the next line
        }
    }

    private IOException malformed(String expected) {
        int lineStart = pos;
        while (lineStart > 0 && buf[lineStart - 1] != '\n') {
            lineStart--;
        }
        int lineEnd = lineStart;
        while (lineEnd < end && buf[lineEnd] != '\n') {
            lineEnd++;
        }
        String line = new String(buf, lineStart, lineEnd - lineStart, StandardCharsets.US_ASCII).stripTrailing();
        return new IOException(source + ": expected " + expected + " at column " + (pos - lineStart + 1) + " of: " + line);
    }
}
