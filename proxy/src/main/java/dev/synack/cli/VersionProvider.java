package dev.synack.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Supplies {@code synack --version} from {@code synack-version.properties}, which Maven fills at build time. */
public final class VersionProvider implements IVersionProvider {
    static final String RESOURCE = "/synack-version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"synack " + version(), "Java " + Runtime.version() + " on " + System.getProperty("os.name")
                + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")"};
    }

    /** The project version, or {@code dev} when running from classes Maven has not processed. */
    public static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
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
