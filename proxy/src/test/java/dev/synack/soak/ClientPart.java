package dev.synack.soak;

import dev.synack.testkit.Digest;
import dev.synack.testkit.Ending;
import dev.synack.testkit.Payload;
import dev.synack.testkit.Received;
import dev.synack.testkit.TestSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The client's part of each scenario, on a socket already bound (its port names the connection in synack's records). */
final class ClientPart {
    private ClientPart() {}

    static ClientView play(Header h, TestSocket s, InetSocketAddress proxy) throws Exception {
        Scenario sc = h.scenario();
        if (!sc.reachesService()) {
            return new ClientView(s.connectAndReadToEnd(proxy), null, false);
        }
        s.channel().socket().connect(proxy, 10_000);
        ByteBuffer header = h.encode();
        while (header.hasRemaining()) {
            s.channel().write(header);
        }
        Payload up = Payload.of(h.up(), h.seed());
        return switch (sc) {
            case CHURN -> {
                Digest sent = s.write(up);
                byte[] back = s.readExactly((int) h.up());
                yield new ClientView(new Received(digest(back), null, null), sent, false);
            }
            case CLIENT_FIN_FIRST -> {
                Digest sent = s.write(up);
                s.shutdownOutput();
                yield new ClientView(s.readToEnd(), sent, false);
            }
            case SERVICE_FIN_FIRST -> {
                Received r = s.readToEnd();
                Digest sent = r.ending() == Ending.EOF ? s.write(up) : null;
                s.shutdownOutput();
                yield new ClientView(r, sent, false);
            }
            case DUPLEX, LONG -> {
                CompletableFuture<Received> reader = s.readToEndAsync();
                Digest sent = s.write(up);
                s.shutdownOutput();
                yield new ClientView(reader.get(300, TimeUnit.SECONDS), sent, false);
            }
            case CLIENT_RST -> {
                Digest sent = s.write(up);
                boolean ack = s.readExactly(1).length == 1;
                s.reset();
                yield new ClientView(null, sent, ack);
            }
            case SERVICE_RST -> new ClientView(s.readToEnd(h.down(), n -> ack(s)), null, false);
            case IDLE -> new ClientView(s.readToEnd(), null, false);
            case REFUSED, BLACKHOLED -> throw new IllegalStateException("handled above");
        };
    }

    private static void ack(TestSocket s) {
        try {
            s.write("k");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Digest digest(byte[] bytes) throws Exception {
        return new Digest(bytes.length, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }
}
