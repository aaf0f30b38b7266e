package dev.synack.soak;

/**
 * synack's record of one ended connection as the soak target prints it:
 * {@code closed PROXY CLIENT_PORT REASON C2S S2C}.
 */
record Record(String proxy, int clientPort, String reason, long clientToService, long serviceToClient) {
    static final String PREFIX = "closed ";

    String line() {
        return PREFIX + proxy + " " + clientPort + " " + reason + " " + clientToService + " " + serviceToClient;
    }

    static Record parse(String line) {
        String[] f = line.substring(PREFIX.length()).split(" ");
        return new Record(f[0], Integer.parseInt(f[1]), f[2], Long.parseLong(f[3]), Long.parseLong(f[4]));
    }
}
