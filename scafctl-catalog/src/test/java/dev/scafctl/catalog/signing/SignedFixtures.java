package dev.scafctl.catalog.signing;

import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.PluginRequirement;
import dev.scafctl.catalog.artifact.VersionConstraint;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.plugin.PluginCache;
import dev.scafctl.catalog.plugin.PluginInstaller;
import dev.scafctl.catalog.remote.BlobLocations;
import dev.scafctl.catalog.remote.CatalogPuller;
import dev.scafctl.catalog.remote.CatalogPusher;
import dev.scafctl.catalog.remote.RemoteFixtures;
import dev.scafctl.catalog.remote.RemoteReference;
import dev.scafctl.catalog.remote.TransferListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Signed artifacts in the registry and kept in local catalogs, for the tests of where signatures travel. */
final class SignedFixtures {

    private SignedFixtures() {}

    static RegistrySignatures registry(CatalogPusher.Result pushed) {
        return new RegistrySignatures(RemoteFixtures.anonymous().apply(pushed.catalog().registry()), pushed.repository());
    }

    /** {@code name@1.0.0} for two platforms, pushed to the plain registry at {@code host}, signed recursively by {@code signer}. */
    static CatalogPusher.Result publish(Path work, String host, String name, Optional<Signer> signer) {
        LocalCatalog local = LocalCatalog.open(work.resolve("publisher-" + name));
        BuiltPlugin built = RemoteFixtures.build(local, work, name, "1.0.0", SignatureInteropTest.TWO, name);
        CatalogPusher.Result pushed = RemoteFixtures.pusher(local, RemoteFixtures.anonymous(), new BlobLocations())
                .push(built.reference(), RemoteFixtures.plain(host), new CatalogPusher.Options(false));
        signer.ifPresent(key -> registry(pushed).signRecursively(pushed.digest(), key));
        return pushed;
    }

    /** A pull into {@code local} that keeps the signatures, as the pull goal does; the pulled version. */
    static ArtifactReference pull(LocalCatalog local, String host, CatalogPusher.Result pushed) {
        return pullCounting(local, host, pushed).reference();
    }

    record Pulled(ArtifactReference reference, int signedDigestsKept) {}

    static Pulled pullCounting(LocalCatalog local, String host, CatalogPusher.Result pushed) {
        CatalogPuller.Result pulled = new CatalogPuller(local, RemoteFixtures.anonymous(), new BlobLocations(),
                TransferListener.NONE).pull(RemoteReference.parse("http://" + host + "/" + pushed.repository() + "@1.0.0",
                        false, null), false);
        int kept = new LocalSignatures(local, ArtifactKind.PROVIDER, pulled.reference().name())
                .keepFrom(registry(pushed), local.walk(local.require(pulled.reference())));
        return new Pulled(pulled.reference(), kept);
    }

    /** An installer over {@code local} alone, requiring a signature by {@code trusted}; asking a registry fails. */
    static PluginInstaller withoutRegistry(LocalCatalog local, Path cache, Openssl.KeyPair trusted) {
        return new PluginInstaller(local, List.of(), registry -> {
            throw new AssertionError("no registry may be asked");
        }, new PluginCache(cache), TransferListener.NONE, line -> { },
                new SignaturePolicy(true, TrustedKeys.read(List.of(trusted.publicKey()))));
    }

    /** {@code name@^1.0.0}, installed offline for linux/amd64. */
    static PluginInstaller.Installed installOffline(PluginInstaller installer, String name) {
        return installer.install(List.of(new PluginRequirement(ArtifactName.of(name), ArtifactKind.PROVIDER,
                VersionConstraint.parse("^1.0.0"))), Optional.empty(),
                new PluginInstaller.Options(SignatureInteropTest.LINUX, true, 1)).get(0);
    }
}
