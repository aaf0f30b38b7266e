package dev.synack.admin;

import java.util.Set;

/**
 * The routes of the admin API that read a JSON body, as {@link AdminFuzzTest} drives them: where their seeds
 * are ({@code src/test/resources/fuzz/admin/FOLDER}), the path for a target proxy and toxic, what they answer
 * on success, and every status the API documents for them besides 413 (a body over the limit) and, where a
 * {@code listen} is read, the 500 of a listener that cannot bind (Toxiproxy's, {@code listen tcp ...: bind: ...}).
 */
enum FuzzRoute {
    /** {@code POST /proxies}: 409 for a name taken. */
    CREATE("proxies", 201, Set.of(201, 400, 409), true),
    /** {@code POST /populate}: its errors carry the proxies done before the failing entry. */
    POPULATE("populate", 201, Set.of(201, 400), true),
    /** {@code POST|PATCH /proxies/{proxy}}. */
    UPDATE("proxy", 200, Set.of(200, 400), true),
    /** {@code POST /proxies/{proxy}/toxics}: 409 for a toxic name taken. */
    TOXIC_CREATE("toxics", 200, Set.of(200, 400, 409), false),
    /** {@code POST|PATCH /proxies/{proxy}/toxics/{toxic}}. */
    TOXIC_UPDATE("toxic", 200, Set.of(200, 400), false);

    final String folder;
    final int success;
    final Set<Integer> statuses;
    /** Whether the body may name a listen address, whose bind can fail. */
    final boolean listens;

    FuzzRoute(String folder, int success, Set<Integer> statuses, boolean listens) {
        this.folder = folder;
        this.success = success;
        this.statuses = statuses;
        this.listens = listens;
    }

    /** The request path against {@code proxy} and, for a toxic update, its {@code toxic}. */
    String path(String proxy, String toxic) {
        return switch (this) {
            case CREATE -> "/proxies";
            case POPULATE -> "/populate";
            case UPDATE -> "/proxies/" + proxy;
            case TOXIC_CREATE -> "/proxies/" + proxy + "/toxics";
            case TOXIC_UPDATE -> "/proxies/" + proxy + "/toxics/" + toxic;
        };
    }

    /** Whether the route changes one proxy named in its path (and so can be sent to the live proxy too). */
    boolean targetsAProxy() {
        return this == UPDATE || this == TOXIC_CREATE || this == TOXIC_UPDATE;
    }

    /** Whether POST and PATCH both reach it. */
    boolean patchable() {
        return this == UPDATE || this == TOXIC_UPDATE;
    }
}
