package dev.synack.cli;

import dev.synack.app.ConfigReloader;
import dev.synack.app.Synack;
import dev.synack.admin.model.ProxyCreate;
import dev.synack.proxy.HostResolver;
import dev.synack.proxy.ProxyServer;
import dev.synack.config.SynackConfig;
import dev.synack.config.Units;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.ArrayList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code synack run}: loads the config, starts every proxy and the admin API, logs what it bound and with
 * which effective options, then serves until SIGINT or SIGTERM and drains gracefully; meanwhile a change
 * to the config file, or SIGHUP, reloads it ({@link ConfigReloader}). With {@code toxiproxy-server}'s flags
 * it serves as Toxiproxy does ({@link ToxiproxyServe}).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the proxies of a config and serve until SIGINT or SIGTERM (then drain and exit 0). "
                + "The config reloads when its file changes and on SIGHUP.")
final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    private ConfigOption config;

    @Option(names = "--no-watch", description = "Do not watch the config file: reload it only on SIGHUP.")
    private boolean noWatch;

    // --- toxiproxy-server's flags (-host=0.0.0.0 -port=8474 -config=FILE -seed=N ...), see ToxiproxyMode.
    @Unmatched
    private List<String> toxiproxyArgs = new ArrayList<>();

    @Spec
    private CommandSpec spec;

    /** The toxiproxy-server flags given, or null. */
    ToxiproxyFlags toxiproxyFlags() {
        return ToxiproxyMode.read(spec.commandLine(), toxiproxyArgs);
    }
    // --- end of toxiproxy-server's flags

    @Override
    public Integer call() throws Exception {
        ToxiproxyFlags flags = toxiproxyFlags();
        if (flags != null && flags.version()) {
            spec.commandLine().getOut().println("synack " + VersionProvider.version());
            return Main.OK;
        }
        SynackConfig cfg = flags == null ? config.load()
                : ToxiproxyServe.config(flags, spec.commandLine().getParseResult().hasMatchedOption("--config") ? config.load() : null);
        List<ProxyCreate> populate = flags == null ? List.of() : ToxiproxyServe.read(flags.config());
        ShutdownSignal signal = ShutdownSignal.install();
        // Synack.start logs the transport with the reason for it and each listener with its effective options.
        Synack synack = Synack.start(cfg, List.of(), HostResolver.system(),
                s -> ToxiproxyServe.populate(s, flags == null ? null : flags.config(), populate));
        for (ProxyServer p : synack.registry().list()) {
            Object upstreams = p.spec().upstreams().size() == 1 ? p.spec().upstreams().get(0) : p.spec().upstreams();
            log.info("[{}] {} -> {}", p.name(), p.address() == null ? "(disabled)" : hostPort(p.address()), upstreams);
        }
        int proxies = synack.registry().list().size();
        log.info("synack {} serving {} prox{} on {}{}; SIGINT or SIGTERM drains for up to {} and stops",
                VersionProvider.version(), proxies, proxies == 1 ? "y" : "ies", synack.transport().transport().configName(),
                synack.adminAddress().map(a -> ", admin API on http://" + hostPort(a)).orElse(""),
                Units.formatDuration(cfg.shutdown().drain()));
        signal.onSecond(synack::hurry);
        ConfigReloader reloader = ConfigReloader.start(config.file, synack, !noWatch);
        ReloadSignal.install(() -> reloader.reload("SIGHUP"));
        log.info("{} reloads on SIGHUP{}", config.file, noWatch ? "" : " and when it changes");
        String sig = signal.await();
        reloader.close();
        java.time.Duration drain = reloader.current().shutdown().drain();
        log.info("{}: stopping; open connections get up to {} to finish", sig, Units.formatDuration(drain));
        synack.shutdown(drain);
        log.info("stopped");
        return Main.OK;
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
