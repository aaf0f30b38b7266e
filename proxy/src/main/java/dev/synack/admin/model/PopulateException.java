package dev.synack.admin.model;

import java.util.List;

/**
 * A {@code /populate} that stopped at an entry: the error of that entry, and the proxies of the entries
 * before it, which stay created (Toxiproxy's semantics). The API answers the error's status with both.
 */
public final class PopulateException extends ApiException {
    private static final long serialVersionUID = 1L;

    private final transient List<ProxyView> done;

    public PopulateException(ApiException cause, List<ProxyView> done) {
        super(cause.error(), cause.getMessage());
        this.done = List.copyOf(done);
    }

    /** The proxies of the entries processed before the failing one, in input order. */
    public List<ProxyView> done() {
        return done;
    }
}
