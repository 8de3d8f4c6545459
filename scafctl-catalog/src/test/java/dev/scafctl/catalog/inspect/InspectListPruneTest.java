package dev.scafctl.catalog.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.artifact.Alias;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.plugin.PluginBuildRequest;
import dev.scafctl.catalog.plugin.PluginFixtures;
import dev.scafctl.catalog.plugin.PluginImageBuilder;
import dev.scafctl.catalog.protocol.PluginMetadata;
import dev.scafctl.catalog.remote.BlobLocations;
import dev.scafctl.catalog.remote.CatalogPusher;
import dev.scafctl.catalog.remote.CredentialSource;
import dev.scafctl.catalog.remote.RegistryClient;
import dev.scafctl.catalog.remote.RemoteCatalog;
import dev.scafctl.catalog.remote.TransferListener;
import dev.scafctl.catalog.remote.Transport;
import dev.scafctl.catalog.tag.ArtifactTagger;
import dev.scafctl.catalog.testing.RegistryFrontend;
import dev.scafctl.catalog.testing.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectListPruneTest {

    @TempDir
    Path work;

    private LocalCatalog catalog;
    private BuiltPlugin first;
    private BuiltPlugin second;

    @BeforeEach
    void build() {
        catalog = LocalCatalog.open(work.resolve("catalog"));
        first = new PluginImageBuilder(catalog).build(PluginFixtures.provider("listed", "1.0.0",
                PluginFixtures.binaries(work.resolve("a"), "listed", Platform.SUPPORTED.subList(0, 2)), work));
        PluginBuildRequest newest = PluginFixtures.provider("listed", "1.10.0",
                PluginFixtures.binaries(work.resolve("b"), "listed", Platform.SUPPORTED.subList(0, 2), " v1.10"), work);
        second = new PluginImageBuilder(catalog).build(new PluginBuildRequest(newest.reference(), newest.binaries(),
                newest.created(), false, Optional.of(new PluginMetadata(ArtifactKind.PROVIDER, List.of("http", "echo")))));
        ArtifactTagger.tagLocal(catalog, second.reference(), new Alias("stable"));
    }

    @Test
    void inspectShowsPlatformsSizesAndAnnotations() {
        ArtifactDescription description = ArtifactInspector.local(catalog, first.reference());
        assertEquals(first.index().digest().toString(), description.digest());
        assertEquals(List.of("linux/amd64", "linux/arm64"), description.platforms().stream()
                .map(ArtifactDescription.PlatformBinary::platform).toList());
        assertEquals(first.platforms().get(0).source().size(), description.platforms().get(0).size());
        assertEquals("provider", description.annotations().get("dev.scafctl.artifact.type"));
        assertTrue(Output.JSON.render(description.toTree()).contains("\"platform\":\"linux/arm64\""));
        assertTrue(Output.YAML.render(description.toTree()).contains("kind: \"provider\"")
                || Output.YAML.render(description.toTree()).contains("kind: provider"));
        assertTrue(description.toText().get(0).startsWith("provider listed@1.0.0"));
        assertFalse(String.join("\n", description.toText()).contains("provides:"), "1.0.0 was built without the check");
        assertTrue(ArtifactInspector.local(catalog, second.reference()).toText().contains("  provides:  echo,http"));
    }

    @Test
    void listShowsVersionsNewestFirstAndAliases() {
        CatalogListing listing = CatalogListing.local(catalog, Optional.of(ArtifactKind.PROVIDER));
        assertEquals(1, listing.artifacts().size());
        assertEquals(List.of("1.10.0", "1.0.0"), listing.artifacts().get(0).versions());
        assertEquals(List.of("stable"), listing.artifacts().get(0).aliases());
        assertEquals(List.of("echo", "http"), listing.artifacts().get(0).provides(), "from the newest version");
        assertTrue(listing.toText().get(1).endsWith("[stable]  provides: echo, http"), listing.toText().get(1));
        assertEquals(List.of(), CatalogListing.local(catalog, Optional.of(ArtifactKind.SOLUTION)).artifacts());
    }

    @Test
    void deleteUntagsAndPruneFreesWhatNothingReaches() throws Exception {
        long sizeBefore = blobBytes();
        assertTrue(catalog.untag(first.reference().localRefName()).isPresent());
        assertFalse(catalog.resolve(first.reference().localRefName()).isPresent());
        assertEquals(sizeBefore, blobBytes(), "untagging keeps the blobs");

        LocalCatalog.Pruned kept = catalog.prune(Duration.ofHours(1));
        assertEquals(0, kept.blobs(), "blobs younger than the grace period stay");
        assertTrue(kept.keptAsRecent() > 0);

        LocalCatalog.Pruned pruned = catalog.prune(Duration.ZERO);
        assertEquals(1 + 2 * 3, pruned.blobs(), "the index, two manifests, two configs, two binaries");
        assertEquals(sizeBefore - blobBytes(), pruned.bytes());
        // everything the other version needs is still there, and readable
        assertEquals(second.index().digest().toString(), ArtifactInspector.local(catalog, second.reference()).digest());
    }

    @Test
    void remoteListingAndInspectionUseTheRegistryApis() {
        try (RegistryServer registry = RegistryServer.startPlain(work.resolve("registry"));
                RegistryFrontend frontend = new RegistryFrontend(registry)) {
            RemoteCatalog remote = RemoteCatalog.parse(null, "http://" + frontend.hostPort() + "/acme", false, null);
            RegistryClient client = new RegistryClient(remote.registry(), CredentialSource.anonymous(),
                    Transport.defaults().withRetries(1, Duration.ofMillis(1)));
            CatalogPusher pusher = new CatalogPusher(catalog, r -> client, new BlobLocations(), TransferListener.NONE, l -> { });
            pusher.push(first.reference(), remote, new CatalogPusher.Options(false));
            pusher.push(second.reference(), remote, new CatalogPusher.Options(false));

            CatalogListing listing = CatalogListing.remote(client, remote, Optional.empty(), List.of());
            assertEquals(List.of("1.10.0", "1.0.0"), listing.artifacts().get(0).versions());
            assertEquals(List.of("echo", "http"), listing.artifacts().get(0).provides());
            assertEquals(Optional.empty(), listing.note());
            int blobDownloads = (int) frontend.count(r -> r.startsWith("GET") && r.contains("/blobs/"));
            ArtifactDescription description = ArtifactInspector.remote(client, remote, second.reference());
            assertEquals(second.index().digest().toString(), description.digest());
            assertEquals(blobDownloads, frontend.count(r -> r.startsWith("GET") && r.contains("/blobs/")),
                    "inspect downloads no layer");

            frontend.failNext(1, 404, r -> r.contains("/v2/_catalog"));
            CatalogListing refused = CatalogListing.remote(client, remote, Optional.empty(), List.of("listed"));
            assertTrue(refused.note().orElseThrow().contains("does not list its repositories"), refused.note().toString());
            assertEquals("listed", refused.artifacts().get(0).name());
        }
    }

    private long blobBytes() throws Exception {
        try (var files = Files.list(catalog.root().resolve("blobs/sha256"))) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
