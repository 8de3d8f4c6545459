package dev.scafctl.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.ImageIndex;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.plugin.PluginFixtures;
import dev.scafctl.catalog.plugin.PluginImageBuilder;
import dev.scafctl.catalog.testing.RegistryServer;
import dev.scafctl.catalog.testing.Skopeo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skopeo, an independent OCI client, reads what build-plugin writes: from the catalog folder and from registries. */
class InteropTest {

    @TempDir
    Path dir;

    private LocalCatalog catalog;
    private BuiltPlugin built;
    private Skopeo skopeo;

    @BeforeEach
    void buildAFivePlatformPlugin() {
        catalog = LocalCatalog.open(dir.resolve("catalog"));
        List<String> binaries = PluginFixtures.binaries(dir.resolve("dist"), "my-provider", Platform.SUPPORTED);
        built = new PluginImageBuilder(catalog).build(PluginFixtures.provider("my-provider", "1.0.0", binaries, dir));
        skopeo = new Skopeo(dir.resolve("skopeo"));
    }

    @Test
    void skopeoReadsTheIndexStraightFromTheLocalCatalog() {
        byte[] raw = skopeo.inspectRaw("oci:" + catalog.root() + ":provider/my-provider:1.0.0");
        assertEquals(built.index().digest(), Digest.of(raw));
        assertEquals(Platform.SUPPORTED,
                ImageIndex.parse(raw, "skopeo output").manifests().stream().map(Descriptor::platform).toList());
    }

    @Test
    void skopeoCopiesAllPlatformsToAPlainHttpRegistryWithDigestsUnchanged() {
        try (RegistryServer registry = RegistryServer.startPlain(dir.resolve("registry"))) {
            assertCopiedIntact(registry);
        }
    }

    @Test
    void skopeoCopiesAllPlatformsToATlsRegistryWithBasicAuth() {
        try (RegistryServer registry = RegistryServer.startTls(dir.resolve("registry"))) {
            assertCopiedIntact(registry);
        }
    }

    private void assertCopiedIntact(RegistryServer registry) {
        String remote = "docker://" + registry.hostPort() + "/scafctl/providers/my-provider:1.0.0";
        List<String> copy = new ArrayList<>(List.of("copy", "--all", "--preserve-digests"));
        copy.addAll(Skopeo.destinationOptions(registry));
        copy.add("oci:" + catalog.root() + ":provider/my-provider:1.0.0");
        copy.add(remote);
        skopeo.run(copy.toArray(String[]::new));

        byte[] remoteIndex = skopeo.inspectRaw(remote, Skopeo.sourceOptions(registry).toArray(String[]::new));
        assertArrayEquals(catalog.readBlob(built.index().digest()), remoteIndex);
        for (BuiltPlugin.PlatformImage image : built.platforms()) {
            String byDigest = "docker://" + registry.hostPort() + "/scafctl/providers/my-provider@" + image.manifest().digest();
            assertEquals(image.manifest().digest(),
                    Digest.of(skopeo.inspectRaw(byDigest, Skopeo.sourceOptions(registry).toArray(String[]::new))));
        }
    }
}
