package dev.synack.admin.model;

import java.util.List;

/**
 * What the admin API needs from synack to serve Toxiproxy's API: proxies and their toxics, read and
 * changed. Implemented over the proxy registry and the fault registry, so that proxies and faults made
 * through the API and those from config are one model.
 *
 * <p>The API calls these methods one at a time, from one thread that is neither an event loop of the relay
 * nor the API's own, so an implementation may block (to bind a listener, say) and needs no lock against
 * itself. A call that takes longer than the API's handler timeout is answered with a 503 while it goes on.
 * Each method either does all it says or, when it throws, changes nothing, unless its contract says
 * otherwise ({@link #populate}, {@link #reset}). A {@link RuntimeException} is a bug: the client gets a 500
 * with its message and the server logs a warning.
 *
 * <p>Names are compared exactly (case matters). Every {@link ProxyView} lists the proxy's toxics.
 */
public interface ToxiproxyBackend {

    /** Every proxy, in any order (the API sorts them by name). */
    List<ProxyView> proxies();

    /**
     * One proxy.
     *
     * @throws ApiException {@link ApiError#PROXY_NOT_FOUND}
     */
    ProxyView proxy(String name) throws ApiException;

    /**
     * Creates a proxy and, if {@code enabled}, binds its listener before returning (so the view shows the
     * bound address). On failure nothing is created and nothing stays bound.
     *
     * @throws ApiException {@link ApiError#PROXY_ALREADY_EXISTS}; {@link ApiError#INVALID_ADDRESS} for a
     *                      listen or upstream that is not {@code host:port}; {@link ApiError#LISTEN_FAILED}
     *                      when the bind fails (address in use, no such interface)
     */
    ProxyView create(ProxyCreate request) throws ApiException;

    /**
     * Changes a proxy as Toxiproxy does: if the new {@code listen} (compared as a resolved address, so
     * {@code localhost:7070} equals {@code 127.0.0.1:7070}) or {@code upstream} differs, the proxy stops
     * (listener and every connection closed) and takes the new values; then, if {@code enabled} differs
     * from its state, it starts or stops. Stopping closes the listener and every connection; starting binds
     * the stored address at once. Its toxics are kept.
     *
     * @throws ApiException {@link ApiError#PROXY_NOT_FOUND}; {@link ApiError#INVALID_ADDRESS};
     *                      {@link ApiError#LISTEN_FAILED}, after which the proxy is disabled with the new
     *                      values (Toxiproxy's behaviour, not all-or-nothing)
     */
    ProxyView update(String name, ProxyPatch patch) throws ApiException;

    /**
     * Stops a proxy (listener and every connection closed) and removes it with its toxics.
     *
     * @throws ApiException {@link ApiError#PROXY_NOT_FOUND}
     */
    void delete(String name) throws ApiException;

    /**
     * Adds or replaces proxies in order (Toxiproxy's {@code /populate}, and the {@code -config} file at
     * start): a proxy of the same name whose listen (resolved) and upstream are equal is kept untouched,
     * with its toxics, connections and enabled state; one that differs is stopped and replaced by a new
     * proxy without toxics; a new name is created. Every entry has a name and an upstream (the API checked).
     * Not atomic: the first failing entry stops the run and the entries before it stay done.
     *
     * @return the proxies of all entries, in input order
     * @throws PopulateException the failing entry's error ({@link ApiError#INVALID_ADDRESS},
     *                           {@link ApiError#LISTEN_FAILED}) with the proxies done before it
     */
    List<ProxyView> populate(List<ProxyCreate> proxies) throws PopulateException;

    /**
     * Adds a toxic at the end of its stream's chain, on the proxy's live connections too. Checks, in this
     * order: the type is known, no toxic of the proxy has the name (in either stream), the attributes decode
     * and are in range. Attributes not given are 0 (Toxiproxy's defaults). A disabled proxy takes toxics too.
     *
     * @throws ApiException {@link ApiError#PROXY_NOT_FOUND}, {@link ApiError#INVALID_TOXIC_TYPE},
     *                      {@link ApiError#TOXIC_ALREADY_EXISTS}, {@link ApiError#BAD_REQUEST_BODY} for an
     *                      attribute of the wrong JSON type (detail in Go's words, e.g. {@code json: cannot
     *                      unmarshal string into Go struct field .attributes.latency of type int64}),
     *                      {@link ApiError#INVALID_ATTRIBUTE} for a value out of range
     */
    ToxicView addToxic(String proxy, ToxicCreate request) throws ApiException;

    /**
     * One toxic of a proxy.
     *
     * @throws ApiException {@link ApiError#PROXY_NOT_FOUND}, {@link ApiError#TOXIC_NOT_FOUND}
     */
    ToxicView toxic(String proxy, String toxic) throws ApiException;

    /**
     * Merges attributes into a toxic (those not given keep their values) and sets its toxicity if given,
     * taking effect on live connections at once. All or nothing: a bad attribute changes nothing.
     *
     * @throws ApiException {@link ApiError#PROXY_NOT_FOUND}, {@link ApiError#TOXIC_NOT_FOUND},
     *                      {@link ApiError#BAD_REQUEST_BODY}, {@link ApiError#INVALID_ATTRIBUTE}
     */
    ToxicView updateToxic(String proxy, String toxic, ToxicPatch patch) throws ApiException;

    /**
     * Removes a toxic from a proxy and its live connections (which stay open, except as the toxic's own
     * removal semantics say, e.g. {@code timeout}).
     *
     * @throws ApiException {@link ApiError#PROXY_NOT_FOUND}, {@link ApiError#TOXIC_NOT_FOUND}
     */
    void removeToxic(String proxy, String toxic) throws ApiException;

    /**
     * Toxiproxy's {@code /reset}: every proxy enabled again on its stored address, and every toxic of every
     * proxy removed. Proxies are not deleted. Not atomic: stops at the first proxy that cannot bind.
     *
     * @throws ApiException {@link ApiError#LISTEN_FAILED}
     */
    void reset() throws ApiException;
}
