package dev.synack.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** synack's version, from {@code synack-version.properties}, which Maven fills at build time. */
public final class SynackVersion {
    static final String RESOURCE = "/synack-version.properties";

    private SynackVersion() {}

    /** The project version, or {@code dev} when running from classes Maven has not processed. */
    public static String get() {
        try (InputStream in = SynackVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            // An unfiltered resource still holds the Maven placeholder.
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
