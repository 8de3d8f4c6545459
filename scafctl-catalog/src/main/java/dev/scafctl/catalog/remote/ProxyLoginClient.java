package dev.scafctl.catalog.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicAuthCache;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.auth.BasicScheme;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.apache.hc.client5.http.impl.ChainElement;

/**
 * The registry client's HTTP for requests that go through a proxy requiring a login (settings.xml {@code <proxy>}
 * with a username and password): Apache HttpClient sends the proxy's Basic {@code Proxy-Authorization} itself, on
 * plain-HTTP requests and on {@code CONNECT} tunnels to https registries, which the JDK's client does only through
 * a process-wide {@link Authenticator} (that then also answers the registry's own 401s) and, for tunnels, only when
 * the {@code jdk.http.auth.tunneling.disabledSchemes} system property is cleared. Every other request (a direct
 * one, one to a {@code nonProxyHosts} host, one through a proxy without login) goes to the JDK's client as it is.
 *
 * <p>Registry authentication is never touched: the {@code Authorization} header the registry client sets is sent as
 * it is and a registry's 401 comes back to it unanswered. A proxy that refuses the login (407) is remembered for the
 * rest of the build ({@link ProxyRefusals}), so a wrong password is sent at most twice and the account is not locked by retries.
 */
final class ProxyLoginClient extends HttpClient {

    /** Set on a request's context once it passed the proxy (tunnel open, or plain HTTP sent): what comes back is the registry's. */
    private static final String REACHED_TARGET = "scafctl.reached-target";

    private final HttpClient direct;
    private final ProxyRoutes routes;
    private final Map<ProxyRoute, CloseableHttpClient> clients = new ConcurrentHashMap<>();
    private final SSLContext sslContext;
    private final boolean verifyHostNames;
    private final Duration connectTimeout;

    /**
     * {@code direct} for every request that needs no proxy login, Apache HttpClient for the others. (Typed as
     * {@link HttpClient} so that a build without a proxy login never loads this class or Apache's.)
     */
    static HttpClient around(HttpClient direct, ProxyRoutes routes, SSLContext sslContext, boolean verifyHostNames,
            Duration connectTimeout) {
        return new ProxyLoginClient(direct, routes, sslContext, verifyHostNames, connectTimeout);
    }

    private ProxyLoginClient(HttpClient direct, ProxyRoutes routes, SSLContext sslContext, boolean verifyHostNames,
            Duration connectTimeout) {
        this.direct = direct;
        this.routes = routes;
        this.sslContext = sslContext;
        this.verifyHostNames = verifyHostNames;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        Optional<ProxyRoute> route = routes.routeFor(request.uri()).filter(r -> r.login() != null);
        if (route.isEmpty()) {
            return direct.send(request, handler);
        }
        return sendThrough(route.get(), request, handler);
    }

    private <T> HttpResponse<T> sendThrough(ProxyRoute route, HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        if (routes.refusals().refused(route)) {
            throw new ProxyLoginRefused(refusal(route, " earlier in this build (not sent again, to keep the account"
                    + " from being locked)"));
        }
        HttpUriRequestBase outgoing = new HttpUriRequestBase(request.method(), request.uri());
        request.headers().map().forEach((name, values) -> values.forEach(value -> outgoing.addHeader(name, value)));
        request.bodyPublisher().ifPresent(body -> outgoing.setEntity(entity(body)));
        request.timeout().ifPresent(timeout -> outgoing.setConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(timeout)).build()));
        HttpClientContext context = HttpClientContext.create();
        HttpHost proxy = new HttpHost("http", route.host(), route.port());
        BasicCredentialsProvider logins = new BasicCredentialsProvider();
        UsernamePasswordCredentials login = new UsernamePasswordCredentials(route.login().username(),
                route.login().secret().toCharArray());
        logins.setCredentials(new AuthScope(proxy), login);
        context.setCredentialsProvider(logins);
        BasicScheme preemptive = new BasicScheme();
        preemptive.initPreemptive(login);
        BasicAuthCache cache = new BasicAuthCache();
        cache.put(proxy, preemptive);
        context.setAuthCache(cache);
        ClassicHttpResponse response = clientFor(route).executeOpen(null, outgoing, context);
        boolean fromProxy = context.getAttribute(REACHED_TARGET) == null;
        if (fromProxy && response.getCode() / 100 != 2) {
            // The proxy answered the CONNECT itself (tinyproxy says 401 to a wrong login, others 407).
            int status = response.getCode();
            response.close();
            if (status == 401 || status == 407) {
                routes.refusals().remember(route);
                throw new ProxyLoginRefused(refusal(route, ""));
            }
            throw new IOException("proxy " + route.address() + " refused to open a tunnel to " + request.uri().getHost()
                    + ":" + request.uri().getPort() + " (HTTP " + status + ")");
        }
        if (response.getCode() == 407) {
            response.close();
            routes.refusals().remember(route);
            throw new ProxyLoginRefused(refusal(route, ""));
        }
        return answer(request, response, handler);
    }

    private static String refusal(ProxyRoute route, String when) {
        return "proxy " + route.address() + " refused the login of " + route.login().username() + " from "
                + route.login().source() + " (407 Proxy Authentication Required)" + when
                + "; fix that proxy's <username> and <password> in settings.xml, or list the registry in its"
                + " <nonProxyHosts>";
    }

    private CloseableHttpClient clientFor(ProxyRoute route) {
        return clients.computeIfAbsent(route, r -> {
            DefaultClientTlsStrategy tls = verifyHostNames
                    ? new DefaultClientTlsStrategy(sslContext, HostnameVerificationPolicy.BUILTIN, NoopHostnameVerifier.INSTANCE)
                    : new DefaultClientTlsStrategy(sslContext, HostnameVerificationPolicy.CLIENT, NoopHostnameVerifier.INSTANCE);
            return HttpClients.custom()
                    .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                            .setTlsSocketStrategy(tls)
                            .setConnectionFactory(QuietConnection::open)
                            .setMaxConnPerRoute(16)
                            .setMaxConnTotal(32)
                            .setDefaultConnectionConfig(ConnectionConfig.custom()
                                    .setConnectTimeout(Timeout.of(connectTimeout))
                                    // a proxy may close a kept-alive connection at any time: check before reuse
                                    .setValidateAfterInactivity(TimeValue.ZERO_MILLISECONDS).build())
                            .build())
                    .setProxy(new HttpHost("http", r.host(), r.port()))
                    .addExecInterceptorAfter(ChainElement.CONNECT.name(), REACHED_TARGET, (request, scope, chain) -> {
                        scope.clientContext.setAttribute(REACHED_TARGET, Boolean.TRUE);
                        return chain.proceed(request, scope);
                    })
                    // the registry's own challenges are the registry client's to answer
                    .setTargetAuthenticationStrategy((type, challenges, context) -> List.of())
                    .disableAutomaticRetries()
                    .disableRedirectHandling()
                    .disableContentCompression()
                    .disableCookieManagement()
                    .disableConnectionState()
                    .build();
        });
    }

    /** The request body, read from the JDK publisher as the connection takes it. */
    private static HttpEntity entity(HttpRequest.BodyPublisher body) {
        long length = body.contentLength();
        if (length == 0) {
            return new ByteArrayEntity(new byte[0], null);
        }
        return new AbstractHttpEntity((ContentType) null, null, length < 0) {
            @Override
            public InputStream getContent() {
                throw new UnsupportedOperationException("a streamed request body is only written");
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                BlockingQueue<Object> items = new LinkedBlockingQueue<>();
                Object end = new Object();
                Flow.Subscription[] subscription = new Flow.Subscription[1];
                body.subscribe(new Flow.Subscriber<ByteBuffer>() {
                    @Override
                    public void onSubscribe(Flow.Subscription s) {
                        subscription[0] = s;
                        items.add(s);
                    }

                    @Override
                    public void onNext(ByteBuffer item) {
                        items.add(item);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        items.add(failure);
                    }

                    @Override
                    public void onComplete() {
                        items.add(end);
                    }
                });
                try {
                    byte[] buffer = new byte[64 << 10];
                    while (true) {
                        Object item = items.take();
                        if (item == end) {
                            return;
                        }
                        if (item instanceof Flow.Subscription s) {
                            s.request(1);
                        } else if (item instanceof ByteBuffer chunk) {
                            while (chunk.hasRemaining()) {
                                int n = Math.min(buffer.length, chunk.remaining());
                                chunk.get(buffer, 0, n);
                                out.write(buffer, 0, n);
                            }
                            subscription[0].request(1);
                        } else if (item instanceof Throwable failure) {
                            throw failure instanceof IOException io ? io : new IOException(failure);
                        }
                    }
                } catch (InterruptedException e) {
                    subscription[0].cancel();
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while sending the request body", e);
                }
            }

            @Override
            public long getContentLength() {
                return length;
            }

            @Override
            public boolean isRepeatable() {
                return false;
            }

            @Override
            public boolean isStreaming() {
                return true;
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    /** Hands the response body to the JDK body handler, reading from the connection as the handler asks. */
    private static <T> HttpResponse<T> answer(HttpRequest request, ClassicHttpResponse response,
            HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName(), n -> new ArrayList<>()).add(header.getValue());
        }
        HttpHeaders httpHeaders = HttpHeaders.of(new LinkedHashMap<>(headers), (name, value) -> true);
        int status = response.getCode();
        HttpResponse.ResponseInfo info = new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public HttpHeaders headers() {
                return httpHeaders;
            }

            @Override
            public Version version() {
                return Version.HTTP_1_1;
            }
        };
        HttpResponse.BodySubscriber<T> subscriber = handler.apply(info);
        HttpEntity entity = response.getEntity();
        InputStream content = entity == null || request.method().equals("HEAD") ? InputStream.nullInputStream()
                : entity.getContent();
        subscriber.onSubscribe(new Pull(content, response, subscriber));
        T body;
        try {
            body = subscriber.getBody().toCompletableFuture().get();
        } catch (ExecutionException e) {
            response.close();
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        return new Answer<>(request, status, httpHeaders, body);
    }

    /** A subscription that reads one chunk from the connection per item asked for, in the asking thread. */
    private static final class Pull implements Flow.Subscription {
        private final InputStream content;
        private final AutoCloseable response;
        private final Flow.Subscriber<? super List<ByteBuffer>> subscriber;
        private final AtomicBoolean done = new AtomicBoolean();
        private long demand;
        private boolean emitting;

        Pull(InputStream content, AutoCloseable response, Flow.Subscriber<? super List<ByteBuffer>> subscriber) {
            this.content = content;
            this.response = response;
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            synchronized (this) {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                if (emitting) {
                    return; // the emitting frame below serves it
                }
                emitting = true;
            }
            while (true) {
                synchronized (this) {
                    if (demand == 0 || done.get()) {
                        emitting = false;
                        return;
                    }
                    demand--;
                }
                emitOne();
            }
        }

        private void emitOne() {
            try {
                byte[] chunk = content.readNBytes(64 << 10);
                if (chunk.length == 0) {
                    finish();
                    subscriber.onComplete();
                } else {
                    subscriber.onNext(List.of(ByteBuffer.wrap(chunk)));
                }
            } catch (IOException e) {
                finish();
                subscriber.onError(e);
            }
        }

        private void finish() {
            if (done.compareAndSet(false, true)) {
                try {
                    response.close();
                } catch (Exception ignored) {
                    // the connection is dropped
                }
            }
        }

        @Override
        public void cancel() {
            finish();
        }
    }

    private record Answer<T>(HttpRequest request, int statusCode, HttpHeaders headers, T body) implements HttpResponse<T> {
        @Override
        public Optional<HttpResponse<T>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<javax.net.ssl.SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public Version version() {
            return Version.HTTP_1_1;
        }
    }

    /**
     * A connection that never logs what it sends or receives: Apache HttpClient's header and wire debug logs (on at
     * Maven's {@code -X}) would show the {@code Authorization} and {@code Proxy-Authorization} values.
     */
    private static final class QuietConnection extends DefaultManagedHttpClientConnection {
        // only numbers connection ids, as Apache HttpClient's own factory does; nothing a build could read back
        private static final AtomicLong COUNT = new AtomicLong();

        QuietConnection(String id) {
            super(id);
        }

        static ManagedHttpClientConnection open(Socket socket) throws IOException {
            QuietConnection connection = new QuietConnection("scafctl-proxied-" + COUNT.incrementAndGet());
            if (socket != null) {
                connection.bind(socket);
            }
            return connection;
        }

        @Override
        public void bind(Socket socket) throws IOException {
            bind(new SocketHolder(socket));
        }

        @Override
        public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
            bind(new SocketHolder(sslSocket, socket));
        }

        @Override
        protected void onRequestSubmitted(ClassicHttpRequest request) {
            // not logged: the headers hold credentials
        }

        @Override
        protected void onResponseReceived(ClassicHttpResponse response) {
            // not logged, like the request
        }
    }

    /** A proxy refused the login: retrying cannot help, and would risk locking the account. */
    static final class ProxyLoginRefused extends IOException {
        ProxyLoginRefused(String message) {
            super(message);
        }
    }

    // ---- the rest of HttpClient, as the direct client has it -------------------------------------------------

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return Optional.empty();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return Optional.of(connectTimeout);
    }

    @Override
    public Redirect followRedirects() {
        return Redirect.NEVER;
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return Optional.of(routes);
    }

    @Override
    public SSLContext sslContext() {
        return sslContext;
    }

    @Override
    public SSLParameters sslParameters() {
        return direct.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return Optional.empty();
    }

    @Override
    public Version version() {
        return Version.HTTP_1_1;
    }

    @Override
    public Optional<Executor> executor() {
        return Optional.empty();
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return send(request, handler);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return sendAsync(request, handler);
    }
}
