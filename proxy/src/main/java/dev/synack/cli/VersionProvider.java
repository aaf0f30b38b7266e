package dev.synack.cli;

import picocli.CommandLine.IVersionProvider;

/** Supplies {@code synack --version} from {@code synack-version.properties}, which Maven fills at build time. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"synack " + version(), "Java " + Runtime.version() + " on " + System.getProperty("os.name")
                + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")"};
    }

    /** The project version, or {@code dev} when running from classes Maven has not processed. */
    public static String version() {
        return dev.synack.app.SynackVersion.get();
    }
}
