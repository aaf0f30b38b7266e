package dev.synack.soak;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An echo service on 127.0.0.1 that holds thousands of connections on one thread (a selector, not a thread
 * per connection): it writes back what it reads and closes a connection at its FIN. For the scale run,
 * where the service's end of each of 9,000 connections must cost next to nothing.
 */
final class EchoSelector implements AutoCloseable {
    private final Selector selector;
    private final ServerSocketChannel server;
    private final AtomicInteger open = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    EchoSelector() throws IOException {
        selector = Selector.open();
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0), 4096);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        thread = new Thread(this::loop, "echo-selector");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.socket().getLocalPort();
    }

    /** Connections accepted and not yet closed. */
    int open() {
        return open.get();
    }

    private void loop() {
        ByteBuffer buf = ByteBuffer.allocateDirect(4096);
        try {
            while (running) {
                selector.select(200);
                for (SelectionKey k : selector.selectedKeys()) {
                    if (k.isValid() && k.isAcceptable()) {
                        for (SocketChannel ch; (ch = server.accept()) != null; ) {
                            ch.configureBlocking(false);
                            ch.register(selector, SelectionKey.OP_READ);
                            open.incrementAndGet();
                        }
                    } else if (k.isValid() && k.isReadable()) {
                        echo((SocketChannel) k.channel(), k, buf);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Writes back what arrived (a few bytes: the socket's send buffer takes them at once); closes on FIN or RST. */
    private void echo(SocketChannel ch, SelectionKey k, ByteBuffer buf) {
        buf.clear();
        try {
            int n = ch.read(buf);
            if (n < 0) {
                close(ch, k);
                return;
            }
            buf.flip();
            ch.write(buf);
        } catch (IOException e) {
            close(ch, k);
        }
    }

    private void close(SocketChannel ch, SelectionKey k) {
        k.cancel();
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
        open.decrementAndGet();
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey k : selector.keys()) {
            k.channel().close();
        }
        selector.close();
    }
}
