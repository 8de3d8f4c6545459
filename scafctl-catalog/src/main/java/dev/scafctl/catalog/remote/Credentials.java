package dev.scafctl.catalog.remote;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user name and secret for a registry, with where they came from. {@link #toString()} never shows the secret,
 * so a credential that slips into a log line or an exception message gives nothing away.
 */
public final class Credentials {

    private final String username;
    private final String secret;
    private final String source;

    public Credentials(String username, String secret, String source) {
        this.username = Objects.requireNonNull(username, "username");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.source = Objects.requireNonNull(source, "source");
    }

    public String username() {
        return username;
    }

    /** Where these came from, safe to log: {@code settings.xml server "host"}, {@code ~/.docker/config.json}. */
    public String source() {
        return source;
    }

    /** The secret itself, for a client library that builds its own authentication headers; never to be shown. */
    String secret() {
        return secret;
    }

    /** The {@code Authorization} header value for HTTP basic authentication. */
    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether two credentials would authenticate as the same identity (used to key token caches). */
    public boolean sameIdentity(Credentials other) {
        return other != null && username.equals(other.username) && secret.equals(other.secret);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials c && sameIdentity(c);
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, secret);
    }

    @Override
    public String toString() {
        return username + " (from " + source + ")";
    }
}
