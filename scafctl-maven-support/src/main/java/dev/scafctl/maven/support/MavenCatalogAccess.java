package dev.scafctl.maven.support;

import dev.scafctl.catalog.DefaultLocations;
import dev.scafctl.catalog.access.CatalogAccess;
import dev.scafctl.catalog.remote.ConfiguredCatalogs;
import dev.scafctl.catalog.remote.CredentialSource;
import dev.scafctl.catalog.remote.ProxyRefusals;
import dev.scafctl.catalog.remote.Transport;
import dev.scafctl.catalog.InvalidInputException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Builds the one {@link CatalogAccess} of a project, for the goals and for the lock extension alike, from the
 * scafctl plugin's parameters ({@link ScafctlParameters}: the pom's configuration, {@code -D}, the project's
 * properties), settings.xml (credentials and proxies), scafctl's {@code config.yaml}, Maven's offline mode and the
 * signature policy ({@link SigningAccess#policy}), so every goal and the lock extension refuse the same artifacts.
 */
public final class MavenCatalogAccess {

    private MavenCatalogAccess() {}

    /**
     * @param warn hears settings.xml problems (never a secret) and, once a build, what of scafctl's config.yaml is
     *     read differently (an authProvider, an http:// URL)
     * @param debug hears every request line; null for none
     */
    public static CatalogAccess of(ScafctlParameters parameters, MavenSession session, SettingsDecrypter decrypter,
            Consumer<String> warn, Consumer<String> debug) {
        DefaultLocations defaults = DefaultLocations.ofCurrentUser();
        ConfiguredCatalogs configured = ConfiguredCatalogs.of(parameters.catalogs(), RegistryAccess.scafctlConfig());
        configured.warnings().stream().filter(line -> SessionScoped.firstTime(session, line)).forEach(warn);
        CatalogAccess.TlsOverride tls = new CatalogAccess.TlsOverride(parameters.flag("insecure", "scafctl.insecure"),
                parameters.path("caFile", "scafctl.caFile").orElse(null));
        CredentialSource credentials = RegistryAccess.credentials(session.getSettings(), decrypter, warn);
        Transport transport = RegistryAccess.transport(session.getSettings(), decrypter, warn, debug,
                SessionScoped.get(session, ProxyRefusals.class, ProxyRefusals::new)).withTimeout(timeout(parameters));
        return new CatalogAccess(
                parameters.path("catalogDir", "scafctl.catalogDir").orElse(defaults.catalogDir()),
                parameters.path("cacheDir", "scafctl.cacheDir").orElse(defaults.pluginCacheDir()),
                configured, parameters.value("catalog", "scafctl.catalog"), tls, credentials, transport,
                session.isOffline(), SigningAccess.policy(parameters));
    }

    /** {@code timeout} ({@code scafctl.timeout}): whole seconds a registry request may go without progress. */
    public static Duration timeout(ScafctlParameters parameters) {
        Optional<String> value = parameters.value("timeout", "scafctl.timeout");
        if (value.isEmpty()) {
            return Transport.DEFAULT_TIMEOUT;
        }
        long seconds;
        try {
            seconds = Long.parseLong(value.get());
        } catch (NumberFormatException e) {
            seconds = 0;
        }
        if (seconds < 1 || seconds > 86_400) {
            throw new InvalidInputException("Invalid <timeout> (scafctl.timeout): \"" + value.get() + "\" is not a whole"
                    + " number of seconds from 1 to 86400; it is how long a registry request may go without progress"
                    + " (default " + Transport.DEFAULT_TIMEOUT.toSeconds() + ")");
        }
        return Duration.ofSeconds(seconds);
    }
}
