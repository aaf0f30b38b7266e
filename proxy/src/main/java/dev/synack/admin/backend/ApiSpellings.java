package dev.synack.admin.backend;

import dev.synack.config.FaultStream;
import dev.synack.fault.Fault;
import dev.synack.proxy.ProxyServer;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The text a client sent, for answers that echo it as Toxiproxy does: a proxy's {@code upstream} verbatim,
 * the {@code listen} of a proxy created disabled (until it binds), a toxic's {@code stream} as spelled
 * ({@code UpStream}). Kept per proxy object, weakly, so that a proxy removed by any door (the API, a reload)
 * takes its spellings with it; a proxy that never came through the API has none and is shown from its spec.
 */
final class ApiSpellings {
    /** What one proxy's API client wrote. */
    private static final class Texts {
        String listen;
        String upstream;
        final Map<String, String> streams = new HashMap<>();
    }

    private final Map<ProxyServer, Texts> byProxy = Collections.synchronizedMap(new WeakHashMap<>());

    void proxy(ProxyServer p, String listen, String upstream) {
        Texts t = texts(p);
        t.listen = listen;
        t.upstream = upstream;
    }

    void stream(ProxyServer p, String fault, String spelling) {
        texts(p).streams.put(fault, spelling);
    }

    /** The listen text sent, or null when the API never set one. */
    String listen(ProxyServer p) {
        Texts t = byProxy.get(p);
        return t == null ? null : t.listen;
    }

    String upstream(ProxyServer p) {
        Texts t = byProxy.get(p);
        return t == null ? null : t.upstream;
    }

    /** The stream as the client spelled it, when it still names the fault's stream; else its config name. */
    String stream(ProxyServer p, Fault f) {
        Texts t = byProxy.get(p);
        String spelled = t == null ? null : t.streams.get(f.name());
        return spelled != null && FaultStream.parse(spelled) == f.stream() ? spelled : f.stream().configName();
    }

    private Texts texts(ProxyServer p) {
        return byProxy.computeIfAbsent(p, k -> new Texts());
    }
}
