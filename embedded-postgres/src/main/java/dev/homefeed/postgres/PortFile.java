package dev.homefeed.postgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The TCP port on 127.0.0.1, remembered in the data directory so a restart keeps the same address
 * (handy for psql and for anything that cached it) unless something else has taken it meanwhile.
 */
final class PortFile {

    // Literal, not getLoopbackAddress(): that turns into ::1 when the JVM prefers IPv6.
    private static final InetAddress LOOPBACK = loopback();

    private PortFile() {
    }

    static int choose(Path file, boolean reuse) throws IOException {
        if (reuse && Files.exists(file)) {
            try {
                int previous = Integer.parseInt(Files.readString(file, StandardCharsets.UTF_8).trim());
                if (isFree(previous)) {
                    return previous;
                }
            } catch (NumberFormatException ignored) {
                // A damaged port file only costs us the old port number.
            }
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            port = socket.getLocalPort();
        }
        Files.writeString(file, Integer.toString(port), StandardCharsets.UTF_8);
        return port;
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(LOOPBACK, port), 1);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
