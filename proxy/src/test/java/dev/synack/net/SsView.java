package dev.synack.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's own view of the sockets on one port, from {@code ss -tanmoie --tos}: one record per
 * socket (ss prints each on two lines; they are joined here), found as listener, accepted or client.
 */
record SsView(String listener, String accepted, String client) {

    static boolean available() {
        try {
            return new ProcessBuilder("ss", "-V").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static SsView of(int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ss", "-tanmoie", "--tos", "( sport = :" + port + " or dport = :" + port + " )")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        List<String> records = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("State")) {
                continue;
            }
            if (!line.isEmpty() && Character.isWhitespace(line.charAt(0)) && !records.isEmpty()) {
                records.set(records.size() - 1, records.get(records.size() - 1) + " " + line.trim());
            } else if (!line.isBlank()) {
                records.add(line.trim());
            }
        }
        String listener = null, accepted = null, client = null;
        Pattern addr = Pattern.compile("^(\\S+)\\s+\\d+\\s+\\d+\\s+\\S+:(\\d+)\\s+\\S+:(\\S+)");
        for (String r : records) {
            Matcher m = addr.matcher(r);
            if (!m.find()) {
                continue;
            }
            boolean local = m.group(2).equals(String.valueOf(port));
            if (m.group(1).equals("LISTEN") && local) {
                listener = r;
            } else if (m.group(1).equals("ESTAB") && local) {
                accepted = r;
            } else if (m.group(1).equals("ESTAB") && m.group(3).equals(String.valueOf(port))) {
                client = r;
            }
        }
        return new SsView(listener, accepted, client);
    }

    /** The first group of {@code regex} in a record, or null. */
    static String find(String record, String regex) {
        if (record == null) {
            return null;
        }
        Matcher m = Pattern.compile(regex).matcher(record);
        return m.find() ? m.group(1) : null;
    }

    /** Send-Q of a listener: its backlog. */
    static String sendQ(String record) {
        return find(record, "^\\S+\\s+\\d+\\s+(\\d+)");
    }
}
