package dev.synack.config;

import java.time.Duration;
import java.util.List;

/**
 * Every "expected" text of a config error, in one table, so messages stay the same wherever a kind of
 * value appears. Tests assert these texts exactly; change them deliberately.
 */
final class Expect {
    private static final String DURATION_EXAMPLES = ", like 250ms, 2s, 10m";
    private static final String SIZE_EXAMPLES = ", like 65536, 64KiB, 4MiB (KB, MB, GB count in 1000s)";

    static final String BOOL = "true or false";
    static final String HOST_PORT = "host:port, like 127.0.0.1:8080";
    static final String LISTEN_PORT = "host:port with a port from 0 to 65535 (0 = any free port)";
    static final String UPSTREAM_PORT = "host:port with a port from 1 to 65535";
    static final String PROXIES = "a list of proxies";
    static final String NON_EMPTY_PROXIES = "a non-empty list of proxies";
    static final String NAME = "a name of 1 to 64 letters, digits, '_', '.' or '-'";
    static final String UPSTREAM = "upstream: host:port, or upstreams: a list of them";
    static final String UPSTREAMS = "a non-empty list of host:port";
    static final String ONE_UPSTREAM_FORM = "either upstream or upstreams, not both";
    static final String CONGESTION = "a congestion control name like cubic or bbr (a-z, 0-9, '_'; at most 15)";
    static final String TOS = "an integer from 0 to 255, or hex like 0x10";
    static final String FAST_OPEN_LISTENER = "a queue length from 0 to 65535, or true (= 256) or false (= 0)";
    static final String KEEPALIVE = "true, false or a mapping of enabled, idle, interval, count";
    static final String MULTIPLIER = "a number >= 1";
    static final String JITTER = "a number from 0 to 1";
    static final String USER_TIMEOUT = "a duration from 0s to 596h" + DURATION_EXAMPLES;
    static final String APART_FROM_DEFAULT_ADMIN = "an address the admin API does not use; admin.listen defaults to it";
    static final String ADMIN_LISTEN = "host:port, like 127.0.0.1:8474, or off";
    static final String ADMIN_TOKEN = "a token of 16 to 256 printable ASCII characters without spaces";
    static final String ADMIN_EXPOSED = "a loopback address like 127.0.0.1:8474; another address needs admin.token, "
            + "or admin.insecure: true on a trusted network";
    static final String SYNTAX_YAML = "valid YAML";
    static final String SYNTAX_JSON = "valid JSON";
    static final String ONE_YAML_DOCUMENT = "one YAML document per file";
    static final String ONE_JSON_VALUE = "one JSON value per file";
    static final String NO_YAML_REFERENCES = "each value written out in full: YAML anchors, aliases and merge keys are not supported";
    static final String PLAIN_KEY = "a key of plain text";
    static final String SHORT_LINES = "YAML lines of at most " + TreeParser.MAX_YAML_LINE + " characters (or a .json file)";
    static final String SHALLOW = "a config nested at most " + TreeParser.MAX_DEPTH + " levels deep";
    static final String READABLE = "a readable YAML or JSON file";
    static final String ACCESS_LOG_PATH = "- for standard output, or a file path (at most 4096 characters, no control characters)";
    static final String SEED = "an integer (any 64-bit value; leave it out for a random seed per run)";
    static final String FAULTS = "a list of faults";
    static final String FAULT_TYPE = "a fault type like latency";
    static final String TOXICITY = "a number from 0 to 1";
    static final String CLIENTS = "a non-empty list of CIDRs like 10.0.0.0/8 or ::1/128";
    static final String CIDR = "a CIDR like 10.0.0.0/8 or fd00::/8, or one address";
    static final String ONE_TRIGGER = "one of after_bytes, after and on_state, not more";
    static final String ON_STATE_SOCKET = oneOf(java.util.Arrays.stream(OnStateSpec.Socket.values())
            .map(OnStateSpec.Socket::configName).toList());
    static final String ON_STATE_STATE = oneOf(OnStateSpec.STATES);
    static final String ATTRIBUTES = "a mapping of the fault type's attributes";
    static final String UTF8 = "a YAML or JSON file in UTF-8";
    static final String SMALL_ENOUGH = "a config of at most " + Units.formatSize(ConfigText.MAX_BYTES);

    private Expect() {}

    static String integer(long min, long max) {
        return max == Long.MAX_VALUE ? "an integer >= " + min : "an integer from " + min + " to " + max;
    }

    /** For a duration, whether misspelt or out of range: the range, then how durations are written. */
    static String duration(Duration min, Duration max) {
        return "a duration from " + Units.formatDuration(min) + " to " + Units.formatDuration(max) + DURATION_EXAMPLES;
    }

    /** For a size, whether misspelt or out of range: the range, then how sizes are written. */
    static String size(long min, long max) {
        return "a size from " + Units.formatSize(min) + " to " + Units.formatSize(max) + SIZE_EXAMPLES;
    }

    static String wholeSeconds(long min, long max) {
        return "whole seconds from " + min + "s to " + max + "s";
    }

    static String oneOf(List<String> choices) {
        return "one of " + String.join(", ", choices);
    }

    static String mappingOf(List<String> keys) {
        return "a mapping of " + String.join(", ", keys);
    }

    /** For a field that must not be below another: {@code a size >= high_watermark (256KiB)}. */
    static String atLeast(String kind, String otherKey, String otherValue) {
        return "a " + kind + " >= " + otherKey + " (" + otherValue + ")";
    }

    static String atMost(String kind, String otherKey, String otherValue) {
        return "a " + kind + " <= " + otherKey + " (" + otherValue + ")";
    }

    static String unique(String what, String holderPath) {
        return "a" + (what.startsWith("a") ? "n " : " ") + what + " no other proxy has; " + holderPath + " has it";
    }

    static String uniqueFault(String holderPath) {
        return "a name no other fault of this proxy has; " + holderPath + " has it";
    }

    static String defaultFaultNameTaken(String name, String holderPath) {
        return "a name: the default " + name + " is taken by " + holderPath;
    }

    static String apartFromProxies(String proxyPath) {
        return "an address no proxy listens on; " + proxyPath + " does";
    }

    static String listenerOnly(String key) {
        return "no " + key + " here; backlog, reuse_port and defer_accept apply only to downstream";
    }
}
