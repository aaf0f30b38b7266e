package dev.synack.testkit;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** Writes back every byte it reads; on the client's FIN it sends its own FIN, then closes. */
public final class EchoServer extends LoopbackServer {
    private EchoServer() {
        super("echo");
    }

    public static EchoServer start() {
        EchoServer s = new EchoServer();
        s.startAccepting();
        return s;
    }

    @Override
    protected void serve(TestSocket peer) throws Exception {
        SocketChannel ch = peer.channel();
        ByteBuffer buf = ByteBuffer.allocateDirect(Payload.CHUNK);
        try (peer) {
            while (ch.read(buf) >= 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                buf.clear();
            }
            ch.shutdownOutput();
        }
    }
}
