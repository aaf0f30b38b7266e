package dev.synack.fault.builtin;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * synack's own nftables table, whose sets hold the connections to black-hole: what synack's socket
 * sends is dropped in the output hook, what its peer sends to it in the input hook, so both kernels
 * retransmit into the void. The peer's packets are dropped on arrival, not as they leave (even when the
 * peer is on this host): its kernel then sees its transmissions succeed and counts retransmissions, as
 * with a real loss on the path. The first use in a process recreates the table (a crash leaves rules
 * behind; they go then), each connection adds and removes its own set elements, and
 * {@link #removeTable()} drops everything at shutdown. nft runs on one thread of its own, never on an
 * event loop.
 */
public final class NftBlackhole {
    private static final NftBlackhole SHARED = new NftBlackhole("synack");
    private static final String[] SEARCH = {"/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/local/sbin"};

    private final String table;
    private final ExecutorService worker;
    private boolean created;
    private volatile boolean used;

    /** A table of this name; tests use their own, so they never touch a running synack's. */
    public NftBlackhole(String table) {
        if (!table.matches("[a-z][a-z0-9_]{0,31}")) {
            throw new IllegalArgumentException("table name: " + table);
        }
        this.table = table;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "synack-nft-" + table);
            t.setDaemon(true);
            return t;
        });
    }

    /** The process's table, {@code inet synack}. */
    public static NftBlackhole shared() {
        return SHARED;
    }

    /** What this machine lacks to run nft rules: the binary, or the privilege. */
    public static Optional<String> missing() {
        if (binary().isEmpty()) {
            return Optional.of("blackhole needs the nft binary (Debian: apt-get install nftables)");
        }
        return NetAdmin.held() ? Optional.empty() : Optional.of("blackhole needs CAP_NET_ADMIN for nftables (run synack as root)");
    }

    /** Drops every packet between synack's socket at {@code local} and its peer at {@code remote}, both ways. */
    public CompletableFuture<Void> drop(InetSocketAddress local, InetSocketAddress remote) {
        return run(() -> elements("add", local, remote));
    }

    /** Lets the packets between {@code local} and {@code remote} through again. */
    public CompletableFuture<Void> restore(InetSocketAddress local, InetSocketAddress remote) {
        return run(() -> elements("delete", local, remote));
    }

    /** Deletes the table and every rule in it (at shutdown). */
    public CompletableFuture<Void> removeTable() {
        return CompletableFuture.runAsync(() -> {
            nft("add table inet " + table + "\ndelete table inet " + table + "\n");
            created = false;
        }, worker);
    }

    public String table() {
        return table;
    }

    /** Whether this process has put a rule into the table (so shutdown has one to remove). */
    public boolean used() {
        return used;
    }

    private CompletableFuture<Void> run(java.util.function.Supplier<String> command) {
        used = true;
        return CompletableFuture.runAsync(() -> {
            if (!created) {
                nft(recreate());
                created = true;
            }
            nft(command.get());
        }, worker);
    }

    private String recreate() {
        String chain = "type filter hook %s priority -300; policy accept; "
                + "ip saddr . tcp sport . ip daddr . tcp dport @%s4 drop; ip6 saddr . tcp sport . ip6 daddr . tcp dport @%s6 drop;";
        return "add table inet " + table + "\ndelete table inet " + table + "\n"
                + "table inet " + table + " {\n"
                + "  set out4 { type ipv4_addr . inet_service . ipv4_addr . inet_service; }\n"
                + "  set out6 { type ipv6_addr . inet_service . ipv6_addr . inet_service; }\n"
                + "  set in4 { type ipv4_addr . inet_service . ipv4_addr . inet_service; }\n"
                + "  set in6 { type ipv6_addr . inet_service . ipv6_addr . inet_service; }\n"
                + "  chain output { " + chain.formatted("output", "out", "out") + " }\n"
                + "  chain input { " + chain.formatted("input", "in", "in") + " }\n"
                + "}\n";
    }

    /** The nft commands that add or delete the elements of one connection: local → remote out, remote → local in. */
    String elements(String verb, InetSocketAddress local, InetSocketAddress remote) {
        InetAddress l = plain(local.getAddress());
        InetAddress r = plain(remote.getAddress());
        String family = l instanceof Inet4Address ? "4" : "6";
        String out = l.getHostAddress() + " . " + local.getPort() + " . " + r.getHostAddress() + " . " + remote.getPort();
        String in = r.getHostAddress() + " . " + remote.getPort() + " . " + l.getHostAddress() + " . " + local.getPort();
        return verb + " element inet " + table + " out" + family + " { " + out + " }\n"
                + verb + " element inet " + table + " in" + family + " { " + in + " }\n";
    }

    /** An IPv4-mapped IPv6 address as the IPv4 address its packets carry. */
    private static InetAddress plain(InetAddress a) {
        byte[] b = a.getAddress();
        boolean mapped = b.length == 16 && Arrays.equals(Arrays.copyOf(b, 10), new byte[10]) && b[10] == (byte) 0xff && b[11] == (byte) 0xff;
        try {
            return mapped ? InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)) : a;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Optional<Path> binary() {
        String path = System.getenv().getOrDefault("PATH", "");
        return java.util.stream.Stream.concat(Arrays.stream(path.split(":")), Arrays.stream(SEARCH))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "nft")).filter(Files::isExecutable).findFirst();
    }

    private static void nft(String script) {
        Path nft = binary().orElseThrow(() -> new IllegalStateException(missing().orElse("no nft")));
        try {
            Process p = new ProcessBuilder(nft.toString(), "-f", "-").redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(script.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("nft failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("nft could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while nft ran", e);
        }
    }
}
