package dev.synack.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns an upstream's host name into an address without blocking the event loop that asks: a slow or
 * dead DNS server must not stall every connection on that loop. Literal addresses never get here.
 */
@FunctionalInterface
public interface HostResolver {

    /** Completes with the host's address, or exceptionally (an {@link UnknownHostException}). */
    CompletableFuture<InetAddress> resolve(String host);

    /**
     * The JVM's resolver (hosts file, DNS, its cache: {@code networkaddress.cache.ttl}) on a few daemon
     * threads of its own, shared by every proxy of the process.
     */
    static HostResolver system() {
        return SystemResolver.INSTANCE;
    }

    /** The pool behind {@link #system()}: four threads, idle ones gone after a minute. */
    final class SystemResolver implements HostResolver {
        static final SystemResolver INSTANCE = new SystemResolver();
        private static final int THREADS = 4;

        private final ExecutorService pool;

        private SystemResolver() {
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor p = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "synack-resolver-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            p.allowCoreThreadTimeOut(true);
            this.pool = p;
        }

        @Override
        public CompletableFuture<InetAddress> resolve(String host) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return InetAddress.getByName(host);
                } catch (UnknownHostException e) {
                    throw new CompletionException(e);
                }
            }, pool);
        }
    }
}
