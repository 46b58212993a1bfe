package bench.harness;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's HTTP API over plain HTTP/1.1 keep-alive sockets, one connection per calling thread (so N workers are N
 * connections), with a bearer token per user minted on first use.
 * <p>
 * A hand-written client rather than java.net.http: on a 2-core machine the load generator shares the CPUs with the
 * service and its database, and java.net.http spent about as much CPU per request as the service did; this one
 * spends a few microseconds, as the JDBC driver does on the raw side.
 */
public final class Http {

    public record Resp(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private static final long MAX_IDLE_NANOS = 5_000_000_000L;

    private final String host;
    private final int port;
    private final Jwt jwt;
    private final ConcurrentHashMap<Long, String> bearer = new ConcurrentHashMap<>();
    private final String admin;
    private final ThreadLocal<Conn> conn = new ThreadLocal<>();

    public Http(int port, Jwt jwt) {
        this.host = "127.0.0.1";
        this.port = port;
        this.jwt = jwt;
        this.admin = "Bearer " + jwt.mint(1, true);
    }

    public String auth(long user) {
        return bearer.computeIfAbsent(user, u -> "Bearer " + jwt.mint(u, false));
    }

    public String adminAuth() {
        return admin;
    }

    public Resp get(String path, String auth) throws IOException {
        return send("GET", path, auth, null);
    }

    public Resp post(String path, String auth, String json) throws IOException {
        return send("POST", path, auth, json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8));
    }

    public Resp put(String path, String auth) throws IOException {
        return send("PUT", path, auth, new byte[0]);
    }

    public Resp delete(String path, String auth) throws IOException {
        return send("DELETE", path, auth, new byte[0]);
    }

    /** The projection's admin view, e.g. {@code home-feed}. */
    public Map<String, Object> projection(String name) throws IOException {
        Resp r = get("/admin/projections/" + name, admin);
        if (!r.ok()) throw new IOException("GET /admin/projections/" + name + ": " + r.status() + " " + r.body());
        return Json.object(r.body());
    }

    private Resp send(String method, String path, String auth, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                .append(host).append(':').append(port).append("\r\n");
        if (auth != null) head.append("Authorization: ").append(auth).append("\r\n");
        if (body != null) {
            if (body.length > 0) head.append("Content-Type: application/json\r\n");
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        byte[] request = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        Conn c = conn.get();
        boolean reused = c != null && System.nanoTime() - c.lastUsed < MAX_IDLE_NANOS;
        if (c != null && !reused) close(c);
        if (!reused) c = open();
        try {
            return exchange(c, request, body);
        } catch (StaleConnection e) {
            // The server closed a kept-alive connection before reading this request: safe to send it again once.
            close(c);
            return exchange(open(), request, body);
        } catch (IOException e) {
            close(c);
            throw e;
        }
    }

    private Resp exchange(Conn c, byte[] request, byte[] body) throws IOException {
        try {
            c.out.write(request);
            if (body != null && body.length > 0) c.out.write(body);
            c.out.flush();
        } catch (IOException e) {
            throw c.requests > 0 ? new StaleConnection() : e;
        }
        String status = readLine(c.in);
        if (status == null) {
            if (c.requests > 0) throw new StaleConnection();
            throw new EOFException("connection closed before a response");
        }
        c.requests++;
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false, closeAfter = false;
        String line;
        while ((line = readLine(c.in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) length = Long.parseLong(value);
            else if (name.equalsIgnoreCase("Transfer-Encoding")) chunked = value.toLowerCase().contains("chunked");
            else if (name.equalsIgnoreCase("Connection")) closeAfter = value.equalsIgnoreCase("close");
        }
        byte[] content;
        if (chunked) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            while (true) {
                String size = readLine(c.in);
                if (size == null) throw new EOFException("truncated chunked body");
                int semi = size.indexOf(';');
                int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (n == 0) {
                    while ((line = readLine(c.in)) != null && !line.isEmpty()) {
                        // trailers
                    }
                    break;
                }
                b.write(c.in.readNBytes(n));
                readLine(c.in);
            }
            content = b.toByteArray();
        } else if (length >= 0) {
            content = c.in.readNBytes((int) length);
        } else if (code == 204 || code == 304) {
            content = new byte[0];
        } else {
            content = c.in.readAllBytes();
            closeAfter = true;
        }
        if (closeAfter) close(c);
        else c.lastUsed = System.nanoTime();
        return new Resp(code, new String(content, StandardCharsets.UTF_8));
    }

    private Conn open() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(300_000);
        s.connect(new InetSocketAddress(host, port), 10_000);
        Conn c = new Conn(s);
        conn.set(c);
        return c;
    }

    private void close(Conn c) {
        try {
            c.socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        if (conn.get() == c) conn.remove();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder(64);
        int ch;
        while ((ch = in.read()) >= 0) {
            if (ch == '\n') {
                int n = b.length();
                if (n > 0 && b.charAt(n - 1) == '\r') b.setLength(n - 1);
                return b.toString();
            }
            b.append((char) ch);
        }
        return b.length() == 0 ? null : b.toString();
    }

    private static final class Conn {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        long lastUsed = System.nanoTime();
        int requests;

        Conn(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 16384);
            this.out = socket.getOutputStream();
        }
    }

    private static final class StaleConnection extends IOException {
        private static final long serialVersionUID = 1L;

        StaleConnection() {
            super("stale keep-alive connection");
        }
    }
}
