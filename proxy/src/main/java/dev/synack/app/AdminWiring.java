package dev.synack.app;

import dev.synack.admin.AdminAccess;
import dev.synack.admin.AdminServer;
import dev.synack.admin.AdminSettings;
import dev.synack.admin.SynackSources;
import dev.synack.admin.model.ToxiproxyBackend;
import dev.synack.config.AdminSpec;
import dev.synack.config.ConfigError;
import dev.synack.config.ConfigException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Starts the admin API of a running synack: Toxiproxy's routes over the live registry and synack's own,
 * on {@code admin.listen}. What would stop it is a config error of {@code admin.listen}, said before any
 * proxy binds where it can be (an address other machines reach without a token), else as the bind fails.
 */
final class AdminWiring {
    private AdminWiring() {}

    /** Refuses, before anything binds, an admin API that would be open to other machines without a token. */
    static void check(AdminSpec spec) throws ConfigException {
        if (!spec.enabled()) {
            return;
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(spec.listen().host());
        } catch (UnknownHostException e) {
            throw error(spec, "an address of this machine (the host name does not resolve)");
        }
        if (AdminAccess.decide(address, spec.token(), spec.insecure()) == AdminAccess.Decision.REFUSED) {
            throw error(spec, "a loopback address, or a token (admin.token), or admin.insecure: true on a trusted "
                    + "network: the admin API would be reachable from other machines without one");
        }
    }

    /** Binds the admin API; {@code metrics} is the Prometheus text, or null when metrics are off. */
    static AdminServer start(AdminSpec spec, ToxiproxyBackend backend, SynackSources sources, Supplier<String> metrics)
            throws ConfigException {
        AdminSettings settings = AdminSettings.from(spec, SynackVersion.get()).withMetrics(metrics);
        try {
            return AdminServer.start(settings, backend, sources);
        } catch (IOException | IllegalStateException e) {
            throw error(spec, "an address synack can bind (" + why(e) + ")");
        }
    }

    private static String why(Exception e) {
        String m = String.valueOf(e.getMessage());
        int bind = m.lastIndexOf("bind: ");
        String why = bind < 0 ? m : m.substring(bind + "bind: ".length());
        // The JDK says "Address already in use"; every other message of synack's is in lower case.
        return why.isEmpty() ? why : Character.toLowerCase(why.charAt(0)) + why.substring(1);
    }

    private static ConfigException error(AdminSpec spec, String expected) {
        return new ConfigException(List.of(new ConfigError("admin.listen", '"' + spec.listen().toString() + '"', expected)));
    }
}
