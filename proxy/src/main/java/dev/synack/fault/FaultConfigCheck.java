package dev.synack.fault;

import dev.synack.config.ConfigError;
import dev.synack.config.FaultSpec;
import dev.synack.config.OnStateSpec;
import dev.synack.config.ProxySpec;
import dev.synack.config.SynackConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the faults of a loaded config against the registry table, as {@code synack run}, {@code demo}
 * and {@code doctor} check the rest of the config: every unknown type and every unknown or out-of-range
 * attribute is an error on its path ({@code proxies[0].faults[1].attributes.rate: -5 (expected: ...)}),
 * all of them at once.
 */
public final class FaultConfigCheck {
    private FaultConfigCheck() {}

    /** Every type and attribute error of every fault of the config. */
    public static List<ConfigError> check(SynackConfig config) {
        List<ConfigError> errors = new ArrayList<>();
        each(config, (path, spec) -> {
            try {
                Fault.of(spec);
            } catch (FaultException e) {
                e.problems().forEach(p -> errors.add(new ConfigError(path + "." + p.field(), p.found(), p.expected())));
            }
        });
        return errors;
    }

    /**
     * Every fault of the config this machine cannot run (privileges, tools, transport), as an error on its
     * {@code type}: such a fault fails up front, never silently on a connection.
     */
    public static List<ConfigError> unavailable(SynackConfig config, boolean nativeTransport) {
        List<ConfigError> errors = new ArrayList<>();
        each(config, (path, spec) -> FaultRegistry.find(spec.type()).flatMap(t -> t.missing(nativeTransport))
                .ifPresent(why -> errors.add(new ConfigError(path + ".type", RawJson.of(spec.type()),
                        "a fault this machine can run; " + why))));
        return errors;
    }

    /**
     * Every fault triggered {@code on_state} while the mirror is off ({@code mirrorOn} false: the config's own
     * setting at start, the running process's at a reload), as an error on its {@code trigger.on_state}:
     * nothing would ever fire it.
     */
    public static List<ConfigError> unfollowedStates(SynackConfig config, boolean mirrorOn) {
        List<ConfigError> errors = new ArrayList<>();
        each(config, (path, spec) -> {
            OnStateSpec on = spec.trigger().onState();
            if (on != null && !mirrorOn) {
                errors.add(new ConfigError(path + ".trigger.on_state", on.json(), OnStateSpec.NEEDS_MIRROR));
            }
        });
        return errors;
    }

    /** The faults of a checked proxy, in config order. */
    public static List<Fault> faults(ProxySpec proxy) {
        List<Fault> faults = new ArrayList<>();
        for (FaultSpec spec : proxy.faults()) {
            try {
                faults.add(Fault.of(spec));
            } catch (FaultException e) {
                throw new IllegalArgumentException("unchecked config: " + e.getMessage(), e);
            }
        }
        return faults;
    }

    private interface Visitor {
        void visit(String path, FaultSpec spec);
    }

    private static void each(SynackConfig config, Visitor v) {
        for (int i = 0; i < config.proxies().size(); i++) {
            List<FaultSpec> faults = config.proxies().get(i).faults();
            for (int j = 0; j < faults.size(); j++) {
                v.visit("proxies[" + i + "].faults[" + j + "]", faults.get(j));
            }
        }
    }
}
