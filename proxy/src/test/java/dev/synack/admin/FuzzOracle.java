package dev.synack.admin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.synack.admin.model.ApiError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges one answer of the admin API to a fuzzed body: a status the route documents, in time; a success
 * body that is whole JSON of the route's shape; an error body that is the API's error shape —
 * {@code {"error": TEXT, "status": N}} ({@code /populate}: and {@code "proxies"}), with Toxiproxy's content
 * type, N the HTTP status and TEXT a row of the {@link ApiError} table in plain words. A 500 passes only as
 * the documented failure to bind a listener ({@code listen tcp ADDRESS: bind: WHY}, Toxiproxy's).
 */
final class FuzzOracle {
    /** Strict: the whole body must be one JSON value. */
    private static final ObjectMapper STRICT = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    /** What an error in plain words never holds: Java's class and package names, the parser's internals. */
    private static final Pattern NOT_PLAIN = Pattern.compile(
            "Exception|java\\.|javax\\.|com\\.fasterxml|jackson|Constraints|Feature|CTRL-CHAR|`|\\[Source:|@[0-9a-f]{6,}|\\bat [a-z]+\\.");
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:\\\\x[0-9a-f]{2}|\\\\.|[^']{1,2})'");
    private static final Pattern BIND_FAILED = Pattern.compile("listen tcp( \\S+)?: (bind: .+|lookup .+: no such host)");
    private static final int MAX_ERROR = 4000;

    private FuzzOracle() {}

    /** Null when the answer is right for the input, else what is wrong with it. */
    static String judge(AdminFuzzInputs.Input in, FuzzHttp.Answer a, long boundNanos) {
        RawHttp.Response r = a.response();
        if (a.nanos() > boundNanos) {
            return "answered after " + a.nanos() / 1_000_000 + " ms";
        }
        boolean tooLarge = in.body().length > AdminSettings.MAX_BODY_BYTES;
        if (tooLarge != (r.status() == 413)) {
            return "status " + r.status() + " for a body of " + in.body().length + " bytes: " + r.body();
        }
        boolean bindFailed = r.status() == 500 && in.route().listens;
        if (!in.route().statuses.contains(r.status()) && r.status() != 413 && !bindFailed) {
            return "status " + r.status() + " (expected one of " + in.route().statuses + "): " + r.body();
        }
        if (r.status() == in.route().success) {
            return success(in.route(), r);
        }
        return error(in, r);
    }

    private static String success(FuzzRoute route, RawHttp.Response r) {
        if (!Replies.JSON.equals(r.header("Content-Type"))) {
            return "a success as " + r.header("Content-Type");
        }
        JsonNode body = strict(r.body());
        if (body == null || !body.isObject()) {
            return "a success body that is no JSON object: " + r.body();
        }
        List<String> keys = keys(body);
        List<String> expected = switch (route) {
            case CREATE, UPDATE -> List.of("name", "listen", "upstream", "enabled", "Logger", "toxics");
            case POPULATE -> List.of("proxies");
            case TOXIC_CREATE, TOXIC_UPDATE -> List.of("attributes", "name", "type", "stream", "toxicity");
        };
        return keys.equals(expected) ? requestId(r) : "a success with the keys " + keys + " (expected " + expected + ")";
    }

    private static String error(AdminFuzzInputs.Input in, RawHttp.Response r) {
        boolean populateShape = in.route() == FuzzRoute.POPULATE && r.status() != 413;
        String type = populateShape ? Replies.JSON : Replies.PLAIN;
        if (!type.equals(r.header("Content-Type"))) {
            return "an error as " + r.header("Content-Type") + " (expected " + type + "): " + r.body();
        }
        JsonNode body = strict(r.body());
        if (body == null || !body.isObject()) {
            return "an error body that is no JSON object: " + r.body();
        }
        List<String> keys = keys(body);
        List<String> expected = populateShape ? List.of("error", "status", "proxies") : List.of("error", "status");
        if (!keys.equals(expected)) {
            return "an error with the keys " + keys + " (expected " + expected + "): " + r.body();
        }
        if (!body.get("status").isInt() || body.get("status").intValue() != r.status()) {
            return "an error whose status field is not the HTTP status " + r.status() + ": " + r.body();
        }
        String text = body.get("error").isTextual() ? body.get("error").textValue() : "";
        String problem = text(text, r.status(), new String(in.body(), java.nio.charset.StandardCharsets.UTF_8));
        if (problem != null) {
            return problem;
        }
        return r.status() == 413 ? null : requestId(r);
    }

    /** Null when the error text is a row of the table for its status, in plain words and of a sane length. */
    private static String text(String text, int status, String input) {
        if (text.isEmpty() || text.length() > MAX_ERROR) {
            return "an error text of " + text.length() + " characters: " + JsonBodyMutator.brief(text);
        }
        if (status == 500) {
            // The one 500 the API documents for a body: a listener that cannot bind. Any other is a bug.
            if (!BIND_FAILED.matcher(text).matches()) {
                return "a failure of the server: " + text;
            }
        } else if (!fromTable(text, status)) {
            return "an error text that is no row of the table for " + status + ": " + text;
        }
        // What the error quotes of the input ("..." or '.') is the input's, whatever escapes spelled it there.
        String own = QUOTED.matcher(text).replaceAll("");
        for (Matcher m = NOT_PLAIN.matcher(own); m.find(); ) {
            if (!input.contains(m.group())) {
                return "an error text not in plain words: " + text;
            }
        }
        return null;
    }

    private static boolean fromTable(String text, int status) {
        for (ApiError e : ApiError.values()) {
            if (e.status() == status && !e.text().isEmpty() && (text.equals(e.text()) || text.startsWith(e.text() + ": "))) {
                return true;
            }
        }
        return false;
    }

    private static String requestId(RawHttp.Response r) {
        return r.header(ApiDispatcher.REQUEST_ID) == null ? "an answer without " + ApiDispatcher.REQUEST_ID : null;
    }

    static JsonNode strict(String body) {
        try {
            return STRICT.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
