package dev.synack.mirror;

import static dev.synack.observe.Side.UPSTREAM;
import static dev.synack.testkit.RecordingObserver.Kind.FIN_READ;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.SocketSpec;
import dev.synack.net.Transport;
import dev.synack.testkit.Digest;
import dev.synack.testkit.Ending;
import dev.synack.testkit.Payload;
import dev.synack.testkit.Received;
import dev.synack.testkit.ScriptedUpstream;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.net.StandardSocketOptions;
import java.util.concurrent.TimeUnit;

/**
 * A client that stops reading while the service sends and closes: synack cannot pass the service's FIN on,
 * because it waits behind data the client does not take. Where the FIN then sits differs by transport:
 * epoll and io_uring read a socket to its end when its FIN arrives, so synack holds the upstream socket in
 * CLOSE_WAIT (close_wait_held); NIO reads only when asked, so the FIN waits unread in the kernel behind the
 * data (fin_behind_unread_data).
 */
final class StallScenarios {
    /**
     * More than synack reads before backpressure stops it (high_watermark + read_size = 384 KiB), less than
     * that plus the upstream socket's receive buffer: the service's FIN reaches the upstream socket.
     */
    private static final Payload PAYLOAD = Payload.of(512 * 1024, 7);

    private StallScenarios() {}

    static void clientStopsReading(Transport t) throws Exception {
        SocketSpec smallSendBuffer = new SocketSpec(true, null, null, null, 4096, null, null, null, null, null, null, null, null,
                null, null, null);
        SocketSpec bigReceiveBuffer = new SocketSpec(true, null, null, 1 << 20, null, null, null, null, null, null, null, null,
                null, null, null, null);
        try (ScriptedUpstream service = ScriptedUpstream.start();
             MirrorRun run = MirrorRun.start("CLOSE_WAIT while the client stops reading",
                     TestConfigs.proxy(t, service.hostPort()).withDownstream(smallSendBuffer)
                             .withUpstreamSocket(bigReceiveBuffer))) {
            TestSocket client = TestSocket.bound("127.0.0.1");
            client.channel().setOption(StandardSocketOptions.SO_RCVBUF, 4096);
            client.channel().socket().connect(run.proxy().address(), 10_000);
            TestSocket svc = service.nextConnection();
            long id = run.onlyConnection();
            Digest sent = svc.writeAsync(PAYLOAD).get(30, TimeUnit.SECONDS);
            svc.shutdownOutput();
            DivergenceKind expected;
            if (t.isNative()) {
                run.awaitEvent(FIN_READ, id, UPSTREAM);
                run.checkpoint(id, "service's FIN read, not passed on");
                expected = DivergenceKind.CLOSE_WAIT_HELD;
            } else {
                run.awaitKernel(id, UPSTREAM, "CLOSE_WAIT", MirrorRun.SETTLE);
                expected = DivergenceKind.FIN_BEHIND_UNREAD_DATA;
            }
            Divergence d = run.awaitDivergence(id, UPSTREAM, expected);
            assertThat(d.explanation()).contains("service's FIN");
            Received got = client.readToEnd();
            assertThat(got.ending()).isEqualTo(Ending.EOF);
            assertThat(got.digest()).isEqualTo(sent);
            client.close();
            svc.close();
            run.awaitClosed(id);
            client.close();
        }
    }
}
