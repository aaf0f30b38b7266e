package dev.synack.app;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the directory of the config file (inotify on Linux) and calls back on the events that may have
 * changed what the file holds: events of the file's own name, and of Kubernetes' {@code ..data} entries.
 * The directory, not the file: editors save by writing a new file and renaming it over the old one, and
 * Kubernetes updates a mounted ConfigMap by swapping the {@code ..data} symlink beside the file; either way
 * the file's own inode may never see an event. Other files of the directory (an access log written next
 * to the config) are no reason to look. The callback decides whether the file's config changed.
 */
final class ConfigWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConfigWatch.class);

    private final WatchService service;
    private final Thread thread;

    private final Path name;

    private ConfigWatch(WatchService service, Path name, Runnable onEvent) {
        this.service = service;
        this.name = name;
        this.thread = new Thread(() -> loop(onEvent), "synack-config-watch");
        this.thread.setDaemon(true);
    }

    static ConfigWatch start(Path file, Runnable onEvent) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        WatchService service = FileSystems.getDefault().newWatchService();
        try {
            dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
        ConfigWatch w = new ConfigWatch(service, file.getFileName(), onEvent);
        w.thread.start();
        return w;
    }

    private void loop(Runnable onEvent) {
        try {
            while (true) {
                WatchKey key = service.take();
                if (key.pollEvents().stream().anyMatch(this::concernsTheFile)) {
                    onEvent.run();
                }
                if (!key.reset()) {
                    log.warn("the config file's directory is gone: changes to it are no longer seen (SIGHUP still reloads)");
                    return;
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: synack is stopping
        }
    }

    /** An event of the file's name, of a {@code ..data} entry, or an overflow (events were lost: look). */
    private boolean concernsTheFile(WatchEvent<?> e) {
        return e.kind() == StandardWatchEventKinds.OVERFLOW
                || e.context() instanceof Path p && (p.equals(name) || p.toString().startsWith(".."));
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            log.debug("closing the config watch: {}", e.toString());
        }
    }
}
