package dev.scafctl.catalog.plugin;

import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.artifact.PluginRequirement;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.artifact.VersionConstraint;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.remote.CredentialSource;
import dev.scafctl.catalog.remote.RegistryClient;
import dev.scafctl.catalog.remote.RemoteCatalog;
import dev.scafctl.catalog.remote.Transport;
import dev.scafctl.catalog.remote.TransferListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Another JVM installing plugins, for the multi-process tests: {@code install CATALOG CACHE CATALOG_URL NAME...}
 * installs each NAME@^1 for linux/amd64 through the chain; {@code stall CACHE} starts a download that stalls after a
 * megabyte, says "stalled" and waits to be killed.
 */
public final class InstallerProcess {

    private InstallerProcess() {}

    public static void main(String[] args) throws Exception {
        PluginCache cache = new PluginCache(Path.of(args[args[0].equals("install") ? 2 : 1]));
        if (args[0].equals("stall")) {
            cache.install(ArtifactName.of("stalled"), Version.parse("1.0.0"), Platform.parseSupported("linux/amd64"),
                    Digest.of(new byte[0]), out -> {
                        out.write(new byte[1 << 20]);
                        out.flush();
                        dev.scafctl.catalog.testing.Stall.untilKilled();
                    });
            return;
        }
        LocalCatalog local = LocalCatalog.open(Path.of(args[1]));
        RemoteCatalog remote = RemoteCatalog.parse(null, args[3], false, null);
        List<PluginRequirement> requirements = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            requirements.add(new PluginRequirement(ArtifactName.of(args[i]), ArtifactKind.PROVIDER, VersionConstraint.parse("^1")));
        }
        new PluginInstaller(local, List.of(remote), r -> new RegistryClient(r, CredentialSource.anonymous(), Transport.defaults()),
                cache, TransferListener.NONE, line -> { })
                .install(requirements, Optional.empty(), new PluginInstaller.Options(Platform.parseSupported("linux/amd64"), false, 3));
    }
}
