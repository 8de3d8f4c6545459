package dev.scafctl.catalog.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A plain-HTTP relay on raw sockets in front of a real registry, for faults at the byte level: it relays a request
 * as it is (one request per connection), or forwards the answer's head and only part of its body and then goes
 * silent with the connection open (or closes it), or reads part of an upload and then goes silent, or answers with a redirect
 * whose connection it watches until the client closes it. Which, a rule decides from {@code METHOD /path?query}.
 */
public final class FaultRelay implements AutoCloseable {

    /** What the relay does with one request. */
    public sealed interface Action permits Relay, StallAnswer, BreakAnswer, StallUpload, Redirect {}

    /** Relays the request, to {@code path} instead of its own when that is not null. */
    public record Relay(String path) implements Action {}

    /** Relays the request, then forwards the answer's head and {@code bodyBytes} of its body, then goes silent. */
    public record StallAnswer(int bodyBytes) implements Action {}

    /** Relays the request, then forwards the answer's head and {@code bodyBytes} of its body, then closes. */
    public record BreakAnswer(int bodyBytes) implements Action {}

    /** Reads the request's head and {@code bodyBytes} of its body, then goes silent. */
    public record StallUpload(int bodyBytes) implements Action {}

    /** Answers with {@code status} to {@code location}, with a 1 MiB body, and waits for the client to close. */
    public record Redirect(int status, String location) implements Action {}

    public static final Action RELAY = new Relay(null);

    private final String target;
    private final ServerSocket server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<CountDownLatch> redirectsClosed = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Function<String, Action> rule = request -> RELAY;
    private volatile CountDownLatch stalls = new CountDownLatch(1);

    /** @param target the registry's {@code host:port} */
    public FaultRelay(String target) {
        this.target = target;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "fault-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String hostPort() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    public void rule(Function<String, Action> rule) {
        this.rule = rule;
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Whether an exchange went silent within {@code seconds}. */
    public boolean awaitStall(long seconds) throws InterruptedException {
        return stalls.await(seconds, TimeUnit.SECONDS);
    }

    /** Whether the client closed every redirect connection within {@code seconds}. */
    public boolean awaitRedirectsClosed(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (CountDownLatch latch : redirectsClosed) {
            if (!latch.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }

    public int redirects() {
        return redirectsClosed.size();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                Thread worker = new Thread(() -> serve(client), "fault-relay-connection");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream fromClient = new BufferedInputStream(client.getInputStream());
            OutputStream toClient = client.getOutputStream();
            String head = readHead(fromClient);
            if (head == null) {
                return;
            }
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            String request = requestLine[0] + " " + requestLine[1];
            requests.add(request);
            long length = contentLength(lines);
            Action action = rule.apply(request);
            if (action instanceof Redirect redirect) {
                fromClient.readNBytes((int) length);
                CountDownLatch closed = new CountDownLatch(1);
                redirectsClosed.add(closed);
                byte[] body = new byte[1 << 20]; // more than a client reads ahead: unread, it holds the connection
                toClient.write(("HTTP/1.1 " + redirect.status() + " Redirect\r\nLocation: " + redirect.location()
                        + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                toClient.write(body);
                toClient.flush();
                while (fromClient.read() >= 0) {
                    // wait for the client to close its end
                }
                closed.countDown();
                return;
            }
            if (action instanceof StallUpload stall) {
                fromClient.readNBytes(stall.bodyBytes());
                stalls.countDown();
                closing.await();
                return;
            }
            String path = action instanceof Relay relay && relay.path() != null ? relay.path() : requestLine[1];
            String[] host = target.split(":");
            try (Socket registry = new Socket(host[0], Integer.parseInt(host[1]))) {
                open.add(registry);
                OutputStream toRegistry = registry.getOutputStream();
                toRegistry.write(forwardedHead(lines, requestLine[0] + " " + path + " " + requestLine[2])
                        .getBytes(StandardCharsets.ISO_8859_1));
                copy(fromClient, toRegistry, length);
                toRegistry.flush();
                InputStream fromRegistry = new BufferedInputStream(registry.getInputStream());
                String answer = readHead(fromRegistry);
                if (answer == null) {
                    return;
                }
                toClient.write(forwardedHead(answer.split("\r\n"), null).getBytes(StandardCharsets.ISO_8859_1));
                if (action instanceof StallAnswer stall) {
                    toClient.write(fromRegistry.readNBytes(stall.bodyBytes()));
                    toClient.flush();
                    stalls.countDown();
                    closing.await();
                    return;
                }
                if (action instanceof BreakAnswer broken) {
                    toClient.write(fromRegistry.readNBytes(broken.bodyBytes()));
                    toClient.flush();
                    return;
                }
                fromRegistry.transferTo(toClient);
                toClient.flush();
            }
        } catch (IOException e) {
            // the client or the registry went away: nothing to relay
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The head with {@code Connection: close} instead of the client's connection headers, first line replaced. */
    private static String forwardedHead(String[] lines, String firstLine) {
        StringBuilder head = new StringBuilder(firstLine == null ? lines[0] : firstLine).append("\r\n");
        for (int i = 1; i < lines.length; i++) {
            String name = lines[i].substring(0, Math.max(0, lines[i].indexOf(':'))).strip().toLowerCase(Locale.ROOT);
            if (!List.of("connection", "upgrade", "http2-settings", "keep-alive").contains(name)) {
                head.append(lines[i]).append("\r\n");
            }
        }
        return head.append("Connection: close\r\n\r\n").toString();
    }

    private static long contentLength(String[] lines) {
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return 0;
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[64 << 10];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("the request body ended early");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    /** The head up to the empty line, without it; null when the connection ends first. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : b == '\r' ? 1 : 0;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }

    @Override
    public void close() {
        closing.countDown();
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        List<Socket> sockets = new ArrayList<>(open);
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
