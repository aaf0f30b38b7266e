package dev.synack.doctor;

import dev.synack.config.HostPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.List;

/**
 * Checks that a proxy can listen where its config says: binds a real socket to the address (with
 * SO_REUSEPORT when the config asks for it, as synack's listener would) and closes it at once. A port
 * another process holds, an address this machine does not have, or a port below 1024 without the
 * privilege would stop synack at start, so each is a finding that will not take effect, with the fix.
 */
final class ListenAddressCheck implements Check {
    /** Why a bind failed, in plain words, and what fixes it. */
    private record Refusal(String why, String fix) {}

    @Override
    public void check(Side side, List<DoctorFinding> out) {
        if (!side.listener()) {
            return;
        }
        HostPort listen = side.proxy().listen();
        String path = side.proxyPath() + ".listen";
        Resolver.Outcome host = Resolver.resolve(List.of(listen.host()), Resolver.BOUND).get(listen.host());
        if (!host.resolved()) {
            out.add(new DoctorFinding(path, listen.toString(), DoctorStatus.WONT_APPLY, "the host name " + listen.host()
                    + " does not resolve here (" + host.failure() + "), so synack cannot listen on it",
                    "listen on an address of this machine (ip -br addr lists them)"));
            return;
        }
        InetSocketAddress address = new InetSocketAddress(host.addresses().get(0), listen.port());
        Refusal refusal = bind(address, Boolean.TRUE.equals(side.spec().reusePort()));
        if (refusal != null) {
            out.add(new DoctorFinding(path, listen.toString(), DoctorStatus.WONT_APPLY, refusal.why(), refusal.fix()));
        } else {
            out.add(new DoctorFinding(path, listen.toString(), DoctorStatus.OK, listen.port() == 0
                    ? "any free port: the kernel picks one when synack starts"
                    : "a test listener bound it and closed at once: nothing else listens there now", ""));
        }
    }

    /** Null when a listener can bind {@code address}; otherwise why not. */
    private static Refusal bind(InetSocketAddress address, boolean reusePort) {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            if (reusePort && probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                probe.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            probe.bind(address, 1);
            return null;
        } catch (IOException | SecurityException e) {
            return refusal(e, address);
        }
    }

    private static Refusal refusal(Exception e, InetSocketAddress address) {
        String msg = String.valueOf(e.getMessage());
        int port = address.getPort();
        if (msg.contains("Address already in use")) {
            return new Refusal("address already in use: another process listens on it (a synack already running"
                    + " with this config, say), so synack could not start",
                    "stop what listens there (ss -ltnp 'sport = :" + port + "' shows it), or choose another port");
        }
        if (msg.contains("Cannot assign requested address")) {
            return new Refusal("not an address of this machine, so synack could not start",
                    "listen on an address of this machine (ip -br addr lists them), or on 0.0.0.0");
        }
        if (msg.contains("Permission denied")) {
            return new Refusal("permission denied: ports below 1024 need CAP_NET_BIND_SERVICE, so synack could not start",
                    "choose a port from 1024 up, or grant synack CAP_NET_BIND_SERVICE");
        }
        return new Refusal("a test listener could not bind it (" + msg + "), so synack could not start either", "");
    }
}
