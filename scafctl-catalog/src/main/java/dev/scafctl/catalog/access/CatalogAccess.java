package dev.scafctl.catalog.access;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.plugin.PluginCache;
import dev.scafctl.catalog.plugin.PluginInstaller;
import dev.scafctl.catalog.remote.ConfiguredCatalogs;
import dev.scafctl.catalog.remote.CredentialSource;
import dev.scafctl.catalog.remote.Registry;
import dev.scafctl.catalog.remote.RegistryClient;
import dev.scafctl.catalog.remote.RemoteCatalog;
import dev.scafctl.catalog.remote.TransferListener;
import dev.scafctl.catalog.remote.Transport;
import dev.scafctl.catalog.signing.SignaturePolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How one build reaches its catalogs: the local catalog and the plugin cache, the remote catalogs in chain order
 * with the TLS settings of each, the credentials and the transport (proxies), and whether the network may be used.
 * The goals and the lock extension build it from the same inputs (see scafctl-maven-support), so the lock and the
 * install of one build resolve through the same chain.
 *
 * @param catalog the catalog named or given as a URL for this run ({@code scafctl.catalog}), asked first
 * @param tls TLS settings given for a catalog given as a URL ({@code scafctl.insecure}, {@code scafctl.caFile})
 * @param signatures whether artifacts must be signed before use, and by which keys ({@code scafctl.requireSignature},
 *     {@code scafctl.trustedKeys})
 */
public record CatalogAccess(Path catalogDir, Path cacheDir, ConfiguredCatalogs configured, Optional<String> catalog,
        TlsOverride tls, CredentialSource credentials, Transport transport, boolean offline, SignaturePolicy signatures) {

    public CatalogAccess {
        signatures = signatures == null ? SignaturePolicy.NONE : signatures;
    }

    /** Without a signature policy: signatures are not looked at. */
    public CatalogAccess(Path catalogDir, Path cacheDir, ConfiguredCatalogs configured, Optional<String> catalog,
            TlsOverride tls, CredentialSource credentials, Transport transport, boolean offline) {
        this(catalogDir, cacheDir, configured, catalog, tls, credentials, transport, offline, SignaturePolicy.NONE);
    }

    /**
     * TLS settings given for this run beside the catalogs' own: {@code insecure} turns checks off, {@code caFile} is
     * trusted beside the JDK's roots. {@link #NONE} keeps each catalog's configured settings.
     */
    public record TlsOverride(boolean insecure, Path caFile) {
        public static final TlsOverride NONE = new TlsOverride(false, null);

        public boolean isNone() {
            return !insecure && caFile == null;
        }

        Registry applyTo(Registry registry) {
            return isNone() ? registry : new Registry(registry.host(), registry.plainHttp(), insecure || registry.insecure(),
                    caFile != null ? caFile : registry.caFile());
        }
    }

    public LocalCatalog localCatalog() {
        return LocalCatalog.open(catalogDir);
    }

    public PluginCache pluginCache() {
        return new PluginCache(cacheDir);
    }

    /** The remote part of the chain: {@link #catalog} first when given, then the configured catalogs in order. */
    public List<RemoteCatalog> chain() {
        List<RemoteCatalog> chain = new ArrayList<>();
        catalog.ifPresent(c -> chain.add(remote(c)));
        chain.addAll(configured.chain());
        return chain;
    }

    /**
     * The catalog named {@code nameOrUrl}, or the URL itself with the TLS settings of the configured catalog on the
     * same registry; this run's TLS settings apply on top.
     */
    public RemoteCatalog remote(String nameOrUrl) {
        if (nameOrUrl == null || nameOrUrl.isBlank()) {
            throw new InvalidInputException("name a configured catalog or give a URL such as oci://registry.example.com/scafctl");
        }
        RemoteCatalog resolved = configured.resolve(nameOrUrl);
        return tls.isNone() ? resolved
                : new RemoteCatalog(resolved.name(), tls.applyTo(resolved.registry()), resolved.prefix(), resolved.pushTo());
    }

    /**
     * The registry of an artifact address given in full (a pull): this run's TLS settings when given, else those of
     * the configured catalog on that registry.
     */
    public Registry registry(Registry parsed) {
        return tls.isNone() ? configured.withConfiguredTls(parsed) : tls.applyTo(parsed);
    }

    /** Registry clients with this build's credentials and transport, one per registry. */
    public Function<Registry, RegistryClient> clients() {
        return registry -> new RegistryClient(registry, credentials, transport);
    }

    /** An installer over the local catalog, the chain and the plugin cache, applying the signature policy. */
    public PluginInstaller installer(TransferListener listener, Consumer<String> log) {
        return new PluginInstaller(localCatalog(), chain(), clients(), pluginCache(), listener, log, signatures);
    }

    /** The whole chain for a log line: {@code local (folder), company (oci://host/prefix, CA file …), …}. */
    public String describeChain() {
        List<String> parts = new ArrayList<>();
        parts.add(LocalCatalog.NAME + " (" + catalogDir + ")");
        if (offline) {
            return parts.get(0) + "; offline, so no remote catalog";
        }
        for (RemoteCatalog remote : chain()) {
            Registry registry = remote.registry();
            String tlsNote = registry.plainHttp() ? "" : registry.insecure() ? ", TLS checks off"
                    : registry.caFile() != null ? ", CA file " + registry.caFile() : "";
            parts.add(remote.name() + " (" + remote.url() + tlsNote + ")");
        }
        return parts.stream().collect(Collectors.joining(", "));
    }
}
