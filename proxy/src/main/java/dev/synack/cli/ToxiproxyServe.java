package dev.synack.cli;

import dev.synack.admin.json.PopulateFileReader;
import dev.synack.admin.model.PopulateException;
import dev.synack.admin.model.ProxyCreate;
import dev.synack.app.Synack;
import dev.synack.config.AdminSpec;
import dev.synack.config.ConfigError;
import dev.synack.config.ConfigException;
import dev.synack.config.MetricsSpec;
import dev.synack.config.MirrorSpec;
import dev.synack.config.ShutdownSpec;
import dev.synack.config.SynackConfig;
import dev.synack.config.TransportKind;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code synack run} as {@code toxiproxy-server}: with no config file, an empty registry and the admin API
 * on {@code -host:-port}, {@code /metrics} only with {@code -proxy-metrics} or {@code -runtime-metrics}, as
 * Toxiproxy serves it; with {@code -c FILE}, that config with the admin API moved to the flags' address.
 * {@code -seed} seeds the faults' draws and {@code -config FILE} (a {@code /populate} array) creates its
 * proxies after synack starts and before the API listens. Unlike Toxiproxy, a {@code -config} that cannot
 * be read, or a proxy of it that cannot start, stops synack with every problem said.
 */
final class ToxiproxyServe {
    private ToxiproxyServe() {}

    /** The config these flags serve, over {@code file} (null: none given, Toxiproxy's empty start). */
    static SynackConfig config(ToxiproxyFlags flags, SynackConfig file) {
        AdminSpec admin = flags.admin();
        if (file == null) {
            return new SynackConfig(admin, TransportKind.AUTO, ShutdownSpec.DEFAULT, List.of(), flags.seed(),
                    new MetricsSpec(flags.metrics(), flags.proxyMetrics()), MirrorSpec.DEFAULT);
        }
        SynackConfig c = file.withAdmin(new AdminSpec(admin.listen(), file.admin().token(), admin.insecure() || file.admin().insecure()))
                .withMetrics(new MetricsSpec(file.metrics().enabled() || flags.metrics(), file.metrics().toxiproxy() || flags.proxyMetrics()));
        return flags.seed() == null ? c : c.withSeed(flags.seed());
    }

    /** The proxies of a {@code -config} file, every problem of the file at once; none without the flag. */
    static List<ProxyCreate> read(Path file) throws ConfigException {
        return file == null ? List.of() : PopulateFileReader.read(file);
    }

    /** Creates the proxies of the {@code -config} file, as {@code /populate} would; a failure is a config error. */
    static void populate(Synack synack, Path file, List<ProxyCreate> proxies) throws ConfigException {
        if (proxies.isEmpty()) {
            return;
        }
        try {
            synack.toxiproxy().populate(proxies);
        } catch (PopulateException e) {
            int i = e.done().size();
            throw new ConfigException(List.of(new ConfigError(file + "[" + i + "]", '"' + proxies.get(i).name() + '"',
                    "a proxy synack can start (" + e.getMessage() + ")")));
        }
    }
}
