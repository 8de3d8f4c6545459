package dev.scafctl.catalog.remote;

import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.plugin.PluginFixtures;
import dev.scafctl.catalog.plugin.PluginImageBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** Builds plugins into a catalog and wires pushers and pullers the way the goals do. */
public final class RemoteFixtures {

    private RemoteFixtures() {}

    public static BuiltPlugin build(LocalCatalog catalog, Path work, String name, String version, List<Platform> platforms,
            String salt) {
        List<String> binaries = PluginFixtures.binaries(work.resolve("dist-" + name + "-" + version + salt.hashCode()),
                name, platforms, salt);
        return new PluginImageBuilder(catalog).build(PluginFixtures.request(
                dev.scafctl.catalog.artifact.ArtifactKind.PROVIDER, name, version, binaries, work, true));
    }

    /** {@code name@1.0.0} for linux/amd64, built in {@code work} and pushed to {@code prefix} of a plain registry. */
    static BuiltPlugin published(Path work, String registryHostPort, String prefix, String name,
            Function<Registry, RegistryClient> clients) {
        LocalCatalog source = LocalCatalog.open(work.resolve("publisher"));
        BuiltPlugin built = build(source, work, name, "1.0.0", List.of(Platform.parseSupported("linux/amd64")), prefix);
        pusher(source, clients, new BlobLocations()).push(built.reference(),
                RemoteCatalog.parse(prefix, "http://" + registryHostPort + "/" + prefix, false, null),
                new CatalogPusher.Options(false));
        return built;
    }

    public static Function<Registry, RegistryClient> anonymous() {
        return registry -> new RegistryClient(registry, CredentialSource.anonymous(), fastRetries());
    }

    public static Transport fastRetries() {
        return Transport.defaults().withRetries(3, Duration.ofMillis(20));
    }

    public static CatalogPusher pusher(LocalCatalog catalog, Function<Registry, RegistryClient> clients, BlobLocations locations) {
        return new CatalogPusher(catalog, clients, locations, TransferListener.NONE, line -> { });
    }

    static CatalogPuller puller(LocalCatalog catalog, Function<Registry, RegistryClient> clients) {
        return new CatalogPuller(catalog, clients, new BlobLocations(), TransferListener.NONE);
    }

    public static RemoteCatalog plain(String hostPort) {
        return RemoteCatalog.parse(null, "http://" + hostPort + "/scafctl", false, null);
    }

    static ArtifactReference reference(BuiltPlugin plugin) {
        return plugin.reference();
    }
}
