package dev.synack.soak;

/** The soak's synack config: one proxy per kind of upstream, as YAML (the child loads it as a user's file). */
final class SoakConfig {
    private SoakConfig() {}

    static String yaml(String transport, int servicePort, int refusedPort, int blackHolePort) {
        return """
                admin: {listen: off}
                transport: %s
                shutdown: {drain: 5s}
                seed: 1
                proxies:
                  - name: %s
                    listen: 127.0.0.1:0
                    upstream: 127.0.0.1:%d
                    connect: {timeout: 5s, attempts: 1}
                    limits: {max_connections: 0, idle_timeout: 2m}
                  - name: %s
                    listen: 127.0.0.1:0
                    upstream: 127.0.0.1:%d
                    connect: {timeout: 5s, attempts: 1}
                    limits: {max_connections: 0, idle_timeout: 1s}
                  - name: %s
                    listen: 127.0.0.1:0
                    upstream: 127.0.0.1:%d
                    connect: {timeout: 1s, attempts: 2, backoff: {initial: 10ms, max: 10ms, jitter: 0}}
                  - name: %s
                    listen: 127.0.0.1:0
                    upstream: 127.0.0.1:%d
                    connect: {timeout: 250ms, attempts: 1}
                """.formatted(transport, Scenario.Proxies.RELAY, servicePort, Scenario.Proxies.IDLE, servicePort,
                Scenario.Proxies.REFUSED, refusedPort, Scenario.Proxies.BLACKHOLED, blackHolePort);
    }
}
