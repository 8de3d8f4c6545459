package dev.scafctl.catalog.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A plain-HTTP reverse proxy in front of a real {@link RegistryServer}: it records every request it relays and can
 * answer the first N requests that match a rule with an error, for the faults a healthy registry never shows.
 * Clients talk to it as if it were the registry.
 */
public final class RegistryFrontend implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "keep-alive", "upgrade", "expect");

    private final RegistryServer registry;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile Predicate<String> failWhen = request -> false;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 500;
    private volatile Map<String, String> failureHeaders = Map.of();

    public RegistryFrontend(RegistryServer registry) {
        if (registry.tls()) {
            throw new IllegalArgumentException("the frontend relays to a plain-HTTP registry");
        }
        this.registry = registry;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::relay);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "registry-frontend");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** {@code 127.0.0.1:PORT}, to use in place of the registry's own. */
    public String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every relayed request as {@code METHOD /path?query}, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public long count(Predicate<String> which) {
        return requests.stream().filter(which).count();
    }

    /** Answers the next {@code times} requests matching {@code which} with {@code status} instead of relaying them. */
    public void failNext(int times, int status, Predicate<String> which) {
        failNext(times, status, Map.of(), which);
    }

    /** As {@link #failNext(int, int, Predicate)}, the answers carrying {@code headers} (a {@code Retry-After}, say). */
    public void failNext(int times, int status, Map<String, String> headers, Predicate<String> which) {
        failureHeaders = Map.copyOf(headers);
        failureStatus = status;
        failWhen = which;
        failuresLeft.set(times);
    }

    private void relay(HttpExchange exchange) throws IOException {
        try (exchange) {
            String request = exchange.getRequestMethod() + " " + exchange.getRequestURI();
            requests.add(request);
            if (failWhen.test(request) && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                failureHeaders.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                exchange.sendResponseHeaders(failureStatus, -1);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder forward = HttpRequest.newBuilder(registry.baseUri().resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(value -> forward.header(name, value));
                }
            });
            HttpResponse<InputStream> response = client.send(forward.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(value -> exchange.getResponseHeaders().add(name, rewrite(name, value)));
                }
            });
            boolean noBody = exchange.getRequestMethod().equals("HEAD") || response.statusCode() == 204
                    || response.statusCode() == 304;
            long length = response.headers().firstValueAsLong("Content-Length").orElse(0);
            if (noBody) {
                exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
                exchange.sendResponseHeaders(response.statusCode(), -1);
                response.body().close();
                return;
            }
            exchange.sendResponseHeaders(response.statusCode(), length == 0 ? -1 : length);
            try (InputStream in = response.body(); OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String rewrite(String header, String value) {
        if (header.equalsIgnoreCase("Location")) {
            return value.replace(registry.baseUri().toString(), "http://" + hostPort());
        }
        return value;
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
