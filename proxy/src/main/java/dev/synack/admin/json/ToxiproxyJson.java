package dev.synack.admin.json;

import dev.synack.admin.model.ApiException;
import dev.synack.admin.model.ProxyView;
import dev.synack.admin.model.Stream;
import dev.synack.admin.model.ToxicView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Toxiproxy's response bodies, key for key in its order ({@code api.go}, {@code proxy.go},
 * {@code toxics/toxic.go}):
 * <pre>
 * proxy    {"name":…,"listen":…,"upstream":…,"enabled":true,"Logger":{},"toxics":[…]}
 * toxic    {"attributes":{…},"name":…,"type":…,"stream":…,"toxicity":1}
 * proxies  {"name":{proxy},…} sorted by name, as Go sorts map keys
 * error    {"error":…,"status":404}
 * populate {"proxies":[…]} and, on error, {"error":…,"status":N,"proxies":[…] or null}
 * version  {"version": "…"} and a newline (the space is Toxiproxy's)
 * </pre>
 * A proxy's toxics are listed upstream first, then downstream, each in insertion order. The {@code Logger}
 * key is an artefact of Toxiproxy's Go struct, kept because a drop-in answers the same bytes.
 */
public final class ToxiproxyJson {
    /** Go sorts map keys by their UTF-8 bytes, which is code point order. */
    static final Comparator<String> GO_KEY_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private ToxiproxyJson() {}

    public static String proxy(ProxyView p) {
        StringBuilder sb = new StringBuilder();
        proxy(sb, p);
        return sb.toString();
    }

    public static String proxies(List<ProxyView> proxies) {
        List<ProxyView> sorted = new ArrayList<>(proxies);
        sorted.sort(Comparator.comparing(ProxyView::name, GO_KEY_ORDER));
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < sorted.size(); i++) {
            sb.append(i == 0 ? "" : ",");
            JsonText.string(sb, sorted.get(i).name());
            sb.append(':');
            proxy(sb, sorted.get(i));
        }
        return sb.append('}').toString();
    }

    public static String toxic(ToxicView t) {
        StringBuilder sb = new StringBuilder();
        toxic(sb, t);
        return sb.toString();
    }

    /** A proxy's toxics: upstream first, then downstream, each in insertion order. */
    public static String toxics(List<ToxicView> toxics) {
        StringBuilder sb = new StringBuilder();
        toxics(sb, toxics);
        return sb.toString();
    }

    public static String error(ApiException e) {
        StringBuilder sb = new StringBuilder();
        errorFields(sb.append('{'), e);
        return sb.append('}').toString();
    }

    /** {@code {"proxies":[…]}}; on error the error's fields come first, and no proxy at all is {@code null}. */
    public static String populate(List<ProxyView> proxies, ApiException error) {
        StringBuilder sb = new StringBuilder("{");
        if (error != null) {
            errorFields(sb, error);
            sb.append(',');
        }
        sb.append("\"proxies\":");
        if (proxies.isEmpty()) {
            sb.append("null");
        } else {
            sb.append('[');
            for (int i = 0; i < proxies.size(); i++) {
                sb.append(i == 0 ? "" : ",");
                proxy(sb, proxies.get(i));
            }
            sb.append(']');
        }
        return sb.append('}').toString();
    }

    public static String version(String version) {
        StringBuilder sb = new StringBuilder("{\"version\": ");
        JsonText.string(sb, version);
        return sb.append("}\n").toString();
    }

    private static void errorFields(StringBuilder sb, ApiException e) {
        sb.append("\"error\":");
        JsonText.string(sb, e.getMessage());
        sb.append(",\"status\":").append(e.status());
    }

    private static void proxy(StringBuilder sb, ProxyView p) {
        sb.append("{\"name\":");
        JsonText.string(sb, p.name());
        sb.append(",\"listen\":");
        JsonText.string(sb, p.listen());
        sb.append(",\"upstream\":");
        JsonText.string(sb, p.upstream());
        sb.append(",\"enabled\":").append(p.enabled());
        sb.append(",\"Logger\":{},\"toxics\":");
        toxics(sb, p.toxics());
        sb.append('}');
    }

    private static void toxics(StringBuilder sb, List<ToxicView> toxics) {
        sb.append('[');
        boolean first = true;
        for (Stream direction : List.of(Stream.UPSTREAM, Stream.DOWNSTREAM)) {
            for (ToxicView t : toxics) {
                // Anything not upstream goes with downstream, so no toxic is ever left out.
                if ((t.direction() == Stream.UPSTREAM) == (direction == Stream.UPSTREAM)) {
                    sb.append(first ? "" : ",");
                    first = false;
                    toxic(sb, t);
                }
            }
        }
        sb.append(']');
    }

    private static void toxic(StringBuilder sb, ToxicView t) {
        sb.append("{\"attributes\":");
        JsonText.object(sb, t.attributes());
        sb.append(",\"name\":");
        JsonText.string(sb, t.name());
        sb.append(",\"type\":");
        JsonText.string(sb, t.type());
        sb.append(",\"stream\":");
        JsonText.string(sb, t.stream());
        sb.append(",\"toxicity\":").append(GoNumbers.float32(t.toxicity())).append('}');
    }
}
