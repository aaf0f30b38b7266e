package dev.synack.config;

import java.util.List;

/**
 * Every "expected" text of a config error, in one table, so messages stay the same wherever a kind of
 * value appears. Tests assert these texts exactly; change them deliberately.
 */
final class Expect {
    static final String BOOL = "true or false";
    static final String DURATION = "a duration like 250ms, 2s, 10m";
    static final String SIZE = "a size like 65536, 64KiB, 4MiB (KB, MB, GB count in 1000s)";
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
    static final String CONNECT_TIMEOUT = "a duration > 0, like 2s";
    static final String USER_TIMEOUT = "a duration from 0s to 596h";
    static final String APART_FROM_DEFAULT_ADMIN = "an address the admin API does not use; admin.listen defaults to it";
    static final String SYNTAX_YAML = "valid YAML";
    static final String SYNTAX_JSON = "valid JSON";
    static final String READABLE = "a readable YAML or JSON file";
    static final String SEED = "an integer (any 64-bit value; leave it out for a random seed per run)";

    private Expect() {}

    static String integer(long min, long max) {
        return max == Long.MAX_VALUE ? "an integer >= " + min : "an integer from " + min + " to " + max;
    }

    /** A value of a kind within bounds written as the config writes them: {@code a duration from 100ms to 1m}. */
    static String range(String kind, String min, String max) {
        return "a " + kind + " from " + min + " to " + max;
    }

    static String size(long min, long max) {
        return "a size from " + Units.formatSize(min) + " to " + Units.formatSize(max);
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

    static String apartFromProxies(String proxyPath) {
        return "an address no proxy listens on; " + proxyPath + " does";
    }

    static String listenerOnly(String key) {
        return "no " + key + " here; backlog, reuse_port and defer_accept apply only to downstream";
    }
}
