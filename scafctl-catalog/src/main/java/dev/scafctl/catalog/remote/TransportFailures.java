package dev.scafctl.catalog.remote;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * What a failed connection to a registry means and what to do about it: which failures a retry cannot mend (a
 * proxy that refuses the login, a certificate that is not trusted or names another host, a plain-HTTP server met
 * with TLS), and the hint each failure gets.
 */
final class TransportFailures {

    private TransportFailures() {}

    /** Whether trying again might help: not for a refused proxy login, a certificate error or plain HTTP met with TLS. */
    static boolean retryable(IOException e) {
        return !(e instanceof ProxyLoginClient.ProxyLoginRefused) && certificateProblem(e).isEmpty() && !plainHttpMetWithTls(e)
                && !unknownHost(e);
    }

    /** A host name that does not resolve: a typo or a missing DNS entry, which a retry does not mend. */
    static boolean unknownHost(IOException e) {
        return causeOf(e, UnresolvedAddressException.class).isPresent()
                || causeOf(e, UnknownHostException.class).isPresent();
    }

    /** The message for {@code what} failing with {@code e} after {@code attempts} attempts; never a secret. */
    static String explain(String what, Registry registry, URI uri, ProxyRoutes proxies, IOException e, int attempts) {
        if (e instanceof ProxyLoginClient.ProxyLoginRefused) {
            return what + " failed: " + e.getMessage();
        }
        Optional<CertificateException> certificate = certificateProblem(e);
        if (certificate.isPresent()) {
            String trust = registry.caFile() == null
                    ? "the JDK's trusted roots (name the registry's CA in the catalog's caFile)"
                    : "the JDK's trusted roots and the caFile " + registry.caFile();
            return what + " failed: the TLS certificate of registry " + registry + " was refused: "
                    + certificate.get().getMessage() + "; it was checked against " + trust
                    + " (not retried: a certificate error does not mend itself)";
        }
        if (plainHttpMetWithTls(e)) {
            return what + " failed: registry " + registry + " answered the TLS handshake in plain HTTP; if it only speaks"
                    + " HTTP, write the catalog URL as http://" + registry.host() + "/...";
        }
        Optional<ProxyRoute> route = proxies == null ? Optional.empty() : proxies.routeFor(uri);
        if (unknownHost(e) && route.isEmpty()) {
            return what + " failed: cannot reach registry " + registry + ": the host name does not resolve (not retried);"
                    + " check the catalog URL, or name a configured catalog";
        }
        if (e instanceof ConnectException || e instanceof ClosedChannelException || e.getCause() instanceof ConnectException) {
            String where = route.map(r -> "the proxy " + r.address() + " (settings.xml <proxy>) refused the connection;"
                    + " check that it runs, or list " + uri.getHost() + " in its <nonProxyHosts>")
                    .orElse("nothing answers on " + uri.getHost() + ":" + port(uri) + " (connection refused); check that"
                            + " the registry runs and the catalog URL's host and port");
            return what + " failed: cannot reach registry " + registry + " after " + attempts + " attempt(s): " + where;
        }
        return what + " failed: cannot reach registry " + registry + " (" + describe(e) + ") after " + attempts
                + " attempt(s); check the catalog URL, the network and the proxy settings"
                + route.map(r -> " (requests go through the proxy " + r.address() + ")").orElse("");
    }

    /** What went wrong on the wire, in words (never an exception's class name). */
    static String describe(IOException e) {
        if (e instanceof IdleTimeout.Stalled) {
            return e.getMessage();
        }
        if (unknownHost(e)) {
            return "the host name does not resolve";
        }
        if (causeOf(e, HttpTimeoutException.class).isPresent()) {
            return "timed out";
        }
        if (causeOf(e, SSLException.class).isPresent()) {
            return "TLS failed: " + causeOf(e, SSLException.class).get().getMessage();
        }
        if (causeOf(e, ConnectException.class).isPresent()) {
            return "connection refused";
        }
        if (causeOf(e, ClosedChannelException.class).isPresent() || e instanceof EOFException) {
            return "the connection was closed";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return "the connection failed";
    }

    /** The first of {@code e}'s causes (itself included) that is a {@code type}. */
    static <E extends Throwable> Optional<E> causeOf(Throwable e, Class<E> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static Optional<CertificateException> certificateProblem(Throwable e) {
        return causeOf(e, CertificateException.class);
    }

    private static boolean plainHttpMetWithTls(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException && String.valueOf(t.getMessage()).contains("plaintext connection")) {
                return true;
            }
        }
        return false;
    }
}
