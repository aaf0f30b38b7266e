package dev.synack.soak;

import dev.synack.testkit.Digest;
import dev.synack.testkit.Payload;
import dev.synack.testkit.Received;
import dev.synack.testkit.TestSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** The service's part of each scenario, played on one accepted socket after its header was read. */
final class ServicePart {
    private ServicePart() {}

    static ServiceView play(Header h, TestSocket peer) throws Exception {
        Payload down = Payload.of(h.down(), h.seed() + 1);
        return switch (h.scenario()) {
            case CHURN -> echo(peer);
            case CLIENT_FIN_FIRST -> {
                Received r = peer.readToEnd();
                Digest sent = peer.write(down);
                peer.shutdownOutput();
                yield new ServiceView(r, sent, null, false);
            }
            case SERVICE_FIN_FIRST -> {
                Digest sent = peer.write(down);
                peer.shutdownOutput();
                yield new ServiceView(peer.readToEnd(), sent, null, false);
            }
            case DUPLEX, LONG -> duplex(peer, down);
            case IDLE -> {
                // Some bytes, then silence: the proxy's idle timeout sends the FIN, and the service answers it.
                Digest sent = peer.write(down);
                yield new ServiceView(peer.readToEnd(), sent, null, false);
            }
            case CLIENT_RST -> {
                // Acknowledge once every byte is in, so the client resets only after they were relayed.
                Received r = peer.readToEnd(h.up(), n -> ack(peer));
                yield new ServiceView(r, null, null, false);
            }
            case SERVICE_RST -> {
                Digest sent = peer.write(down);
                boolean ack = peer.readExactly(1).length == 1;
                peer.reset();
                yield new ServiceView(new Received(Payload.EMPTY.digest(), null, null), sent, null, ack);
            }
            case REFUSED, BLACKHOLED -> throw new IllegalStateException(h.scenario() + " never reaches the service");
        };
    }

    /** Writes back what it reads until EOF, then FIN; what it received is what it echoed. */
    private static ServiceView echo(TestSocket peer) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        java.security.MessageDigest md = sha256();
        long total = 0;
        try {
            while (peer.channel().read(buf) >= 0) {
                buf.flip();
                md.update(buf.duplicate());
                total += buf.remaining();
                while (buf.hasRemaining()) {
                    peer.channel().write(buf);
                }
                buf.clear();
            }
        } catch (IOException e) {
            return new ServiceView(new Received(new Digest(total, hex(md)), dev.synack.testkit.Ending.of(e), e), null, null, false);
        }
        peer.shutdownOutput();
        Digest d = new Digest(total, hex(md));
        return new ServiceView(new Received(d, dev.synack.testkit.Ending.EOF, null), d, null, false);
    }

    /** Sends {@code down} then FIN while reading to the end, at the same time. */
    private static ServiceView duplex(TestSocket peer, Payload down) throws InterruptedException {
        CompletableFuture<Digest> writer = peer.writeAsync(down).thenApply(d -> {
            try {
                peer.shutdownOutput();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return d;
        });
        Received r = peer.readToEnd();
        try {
            return new ServiceView(r, writer.get(300, TimeUnit.SECONDS), null, false);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return new ServiceView(r, null, e.getCause() == null ? e : e.getCause(), false);
        }
    }

    private static void ack(TestSocket peer) {
        try {
            peer.write("k");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(java.security.MessageDigest md) {
        return java.util.HexFormat.of().formatHex(md.digest());
    }
}
