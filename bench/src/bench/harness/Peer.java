package bench.harness;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The like-for-like peer (bench/peer): the seed's design as a plain Spring Boot application, started from its jar with
 * the service's {@code -Xmx} on a database of its own ({@code peer}) in the service's PostgreSQL, accepting the
 * service's tokens. Stopped with SIGTERM.
 */
public final class Peer implements Processes.Stoppable {

    private final int port;
    private final Path logFile;
    private final Process process;

    private Peer(int port, Path logFile, Process process) {
        this.port = port;
        this.logFile = logFile;
        this.process = process;
    }

    public static Peer start(Path jar, Service service, Path results, String heap) throws Exception {
        try (Connection c = service.connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS peer");
            s.execute("CREATE DATABASE peer");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = results.resolve("peer.log");
        List<String> cmd = List.of("java", "-Xms" + heap, "-Xmx" + heap, "-jar", jar.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPRING_DATASOURCE_URL", service.jdbcUrl("peer"));
        pb.environment().put("SPRING_DATASOURCE_USERNAME", "feed");
        pb.environment().put("SPRING_DATASOURCE_PASSWORD", service.dbPassword());
        pb.environment().put("FEED_JWT_SECRET", service.jwtSecret());
        pb.environment().put("SERVER_PORT", Integer.toString(port));
        System.out.println("  starting the peer " + String.join(" ", cmd) + "  (database peer, port " + port + ")");
        return new Peer(port, log, pb.start());
    }

    @Override
    public String name() {
        return "peer";
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public boolean alive() {
        return process.isAlive();
    }

    public void awaitUp(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the peer exited with " + process.exitValue() + "; see " + logFile);
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the peer did not come up in " + timeout + "; see " + logFile);
    }

    @Override
    public void stop() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
