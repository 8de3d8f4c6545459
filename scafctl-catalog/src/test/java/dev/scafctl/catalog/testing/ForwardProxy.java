package dev.scafctl.catalog.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A forward proxy on 127.0.0.1, as corporate networks have: {@code CONNECT host:port} tunnels (for https) and
 * absolute-form requests (for http) are relayed byte for byte, and the first line of each connection is recorded,
 * so a test can tell that traffic went through it.
 */
public final class ForwardProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final List<String> firstLines = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private final String requiredLogin;

    public ForwardProxy() {
        this(null);
    }

    /**
     * A proxy that answers {@code 407} to any request without {@code Proxy-Authorization: requiredLogin} (as Squid
     * does to a wrong password, where tinyproxy answers a plain-HTTP request with a 401), and relays the rest.
     */
    public ForwardProxy(String requiredLogin) {
        this.requiredLogin = requiredLogin;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::acceptLoop, "forward-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The first request line of every connection made through the proxy. */
    public List<String> firstLines() {
        return List.copyOf(firstLines);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread handler = new Thread(() -> handle(client), "forward-proxy-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            String firstLine = head.substring(0, head.indexOf("\r\n"));
            firstLines.add(firstLine);
            String[] parts = firstLine.split(" ");
            if (requiredLogin != null && !head.contains("\r\nProxy-Authorization: " + requiredLogin + "\r\n")) {
                client.getOutputStream().write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic"
                        + " realm=\"corp\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                return;
            }
            if (parts[0].equals("CONNECT")) {
                String[] hostPort = parts[1].split(":");
                try (Socket upstream = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
                    client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    pump(in, client.getOutputStream(), upstream);
                }
            } else {
                URI target = URI.create(parts[1]);
                try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
                    // Go's HTTP server (the registry) accepts absolute-form request targets, so the head goes as it is.
                    upstream.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
                    pump(in, client.getOutputStream(), upstream);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a client or server hung up: the connection ends
        }
    }

    private static void pump(InputStream fromClient, OutputStream toClient, Socket upstream) throws IOException {
        Thread up = new Thread(() -> {
            try {
                fromClient.transferTo(upstream.getOutputStream());
                upstream.shutdownOutput();
            } catch (IOException ignored) {
                // closed
            }
        }, "forward-proxy-up");
        up.setDaemon(true);
        up.start();
        upstream.getInputStream().transferTo(toClient);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before a request head");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
