package dev.synack.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synack.config.HostPort;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Keeps the fuzzer from binding ports of this machine that are not its own: a body whose {@code listen} (any
 * key the API reads as {@code listen}) names a port other than 0 (a free one) or the port the
 * fuzzer itself holds is not sent, since another program on the machine may want that port. The body is read
 * as the API reads it, so that what the API would bind is what is checked.
 */
final class ListenGuard {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ListenGuard() {}

    static boolean safe(byte[] body, int busyPort) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            return true;
        }
        return root == null || safe(root, busyPort);
    }

    /** The API reads {@code listen} of the body's object (a proxy) or of the objects of its array ({@code /populate}). */
    private static boolean safe(JsonNode root, int busyPort) {
        if (root.isArray()) {
            for (JsonNode item : root) {
                if (!safeObject(item, busyPort)) {
                    return false;
                }
            }
            return true;
        }
        return safeObject(root, busyPort);
    }

    private static boolean safeObject(JsonNode node, int busyPort) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase("listen") && e.getValue().isTextual() && !safePort(e.getValue().textValue(), busyPort)) {
                return false;
            }
        }
        return true;
    }

    private static boolean safePort(String listen, int busyPort) {
        HostPort hp = listen.isEmpty() ? null : HostPort.parse(listen.startsWith(":") ? "0.0.0.0" + listen : listen);
        return hp == null || hp.port() == 0 || hp.port() == busyPort || hp.port() < 0 || hp.port() > 65535;
    }
}
