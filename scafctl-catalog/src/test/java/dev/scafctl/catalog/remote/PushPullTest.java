package dev.scafctl.catalog.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.ArtifactNotFoundException;
import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.Alias;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.artifact.PluginRequirement;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.ImageIndex;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.tag.ArtifactTagger;
import dev.scafctl.catalog.testing.PartsListener;
import dev.scafctl.catalog.testing.SharedRegistry;
import dev.scafctl.catalog.testing.Skopeo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Push, pull, merge, rolling tags, mounts and aliases against the real distribution shared.registry(). */
class PushPullTest {

    private static final List<Platform> ALL = Platform.SUPPORTED;

    @RegisterExtension
    static final SharedRegistry shared = new SharedRegistry();

    @TempDir
    Path work;

    @Test
    void pushCopiesEveryPlatformWithTheLocalDigests() {
        LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
        BuiltPlugin built = RemoteFixtures.build(local, work, "five", "1.0.0", ALL, "");
        CatalogPusher.Result result = RemoteFixtures.pusher(local, RemoteFixtures.anonymous(), new BlobLocations())
                .push(built.reference(), RemoteFixtures.plain(shared.registry().hostPort()), new CatalogPusher.Options(false));

        assertEquals(built.index().digest(), result.digest());
        assertEquals(10, result.blobsUploaded(), "5 binaries and 5 configs");
        assertEquals(shared.registry().hostPort() + "/scafctl/providers/five:1.0.0", result.target());
        Skopeo skopeo = new Skopeo(work.resolve("skopeo"));
        byte[] remote = skopeo.inspectRaw("docker://" + result.target(), "--tls-verify=false");
        assertArrayEquals(local.readBlob(built.index().digest()), remote);
        for (BuiltPlugin.PlatformImage image : built.platforms()) {
            assertEquals(image.manifest().digest(), Digest.of(skopeo.inspectRaw("docker://" + shared.registry().hostPort()
                    + "/scafctl/providers/five@" + image.manifest().digest(), "--tls-verify=false")));
        }
    }

    @Test
    void aBinaryTwoPlatformsShareGoesUpOnce() throws Exception {
        LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
        Path script = java.nio.file.Files.writeString(work.resolve("tool.sh"), "#!/bin/sh\necho same everywhere\n");
        List<String> specifications = ALL.stream().map(p -> p + "=" + script).toList();
        BuiltPlugin built = new dev.scafctl.catalog.plugin.PluginImageBuilder(local).build(
                dev.scafctl.catalog.plugin.PluginFixtures.provider("shared", "1.0.0", specifications, work));
        RemoteCatalog viaFrontend = RemoteFixtures.plain(shared.frontend().hostPort());
        int before = shared.frontend().requests().size();

        CatalogPusher.Result result = RemoteFixtures.pusher(local, RemoteFixtures.anonymous(), new BlobLocations())
                .push(built.reference(), viaFrontend, new CatalogPusher.Options(false));

        List<String> requests = shared.frontend().requests().subList(before, shared.frontend().requests().size());
        assertEquals(ALL.size() + 1, result.blobsUploaded(), "one config per platform and the one binary");
        assertEquals(ALL.size() + 1, requests.stream().filter(r -> r.startsWith("POST") && r.contains("/blobs/uploads/")).count(),
                requests.toString());
        assertEquals(built.index().digest(), result.digest());
        Skopeo skopeo = new Skopeo(work.resolve("skopeo"));
        for (BuiltPlugin.PlatformImage image : built.platforms()) {
            assertEquals(image.manifest().digest(), Digest.of(skopeo.inspectRaw("docker://" + shared.registry().hostPort()
                    + "/scafctl/providers/shared@" + image.manifest().digest(), "--tls-verify=false")));
        }
    }

    @Test
    void pushingAgainAsksOnlyForTheTag() {
        LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
        BuiltPlugin built = RemoteFixtures.build(local, work, "again", "1.0.0", ALL, "");
        CatalogPusher pusher = RemoteFixtures.pusher(local, RemoteFixtures.anonymous(), new BlobLocations());
        RemoteCatalog viaFrontend = RemoteFixtures.plain(shared.frontend().hostPort());
        pusher.push(built.reference(), viaFrontend, new CatalogPusher.Options(false));
        int before = shared.frontend().requests().size();

        CatalogPusher.Result second = pusher.push(built.reference(), viaFrontend, new CatalogPusher.Options(false));

        List<String> secondRequests = shared.frontend().requests().subList(before, shared.frontend().requests().size());
        assertEquals(0, second.blobsUploaded());
        assertEquals(10, second.blobsPresent());
        assertEquals(List.of("GET /v2/scafctl/providers/again/manifests/1.0.0"), secondRequests,
                "the tag holds the very index, so the registry holds all it names");
        assertEquals(built.index().digest(), second.digest());
    }

    @Test
    void pushingOtherPlatformsOfATaggedVersionMergesThem() {
        LocalCatalog first = LocalCatalog.open(work.resolve("first"));
        LocalCatalog second = LocalCatalog.open(work.resolve("second"));
        RemoteCatalog catalog = RemoteFixtures.plain(shared.registry().hostPort());
        BuiltPlugin linux = RemoteFixtures.build(first, work, "merged", "1.0.0", ALL.subList(0, 2), "");
        RemoteFixtures.pusher(first, RemoteFixtures.anonymous(), new BlobLocations())
                .push(linux.reference(), catalog, new CatalogPusher.Options(false));
        // darwin/arm64 is new; linux/amd64 comes again with other bytes
        BuiltPlugin more = RemoteFixtures.build(second, work, "merged", "1.0.0",
                List.of(ALL.get(0), ALL.get(3)), " rebuilt");

        // a published release is immutable: changing its linux/amd64 needs force
        ReleaseChangedException refused = assertThrows(ReleaseChangedException.class, () -> RemoteFixtures.pusher(second,
                RemoteFixtures.anonymous(), new BlobLocations()).push(more.reference(), catalog, new CatalogPusher.Options(false)));
        assertTrue(refused.getMessage().contains("is a published release with other content (replaced linux/amd64 (was "
                + linux.platforms().get(0).manifest().digest()), refused.getMessage());
        assertEquals(RemoteFixtures.anonymous().apply(catalog.registry()).fetchManifest("scafctl/providers/merged", "1.0.0")
                .orElseThrow().digest(), linux.index().digest(), "the refused push changed nothing");

        CatalogPusher.Result result = RemoteFixtures.pusher(second, RemoteFixtures.anonymous(), new BlobLocations())
                .push(more.reference(), catalog, new CatalogPusher.Options(false, true));

        ImageIndex remote = ImageIndex.parse(RemoteFixtures.anonymous().apply(catalog.registry())
                .fetchManifest("scafctl/providers/merged", "1.0.0").orElseThrow().bytes(), "remote");
        assertEquals(List.of(ALL.get(0), ALL.get(1), ALL.get(3)), remote.manifests().stream().map(Descriptor::platform).toList());
        assertEquals(more.platforms().get(0).manifest().digest(), remote.manifests().get(0).digest(), "this build's linux/amd64");
        assertEquals(linux.platforms().get(1).manifest().digest(), remote.manifests().get(1).digest(), "the registry's linux/arm64");
        assertTrue(result.changes().stream().anyMatch(c -> c.startsWith("replaced linux/amd64 (was "
                + linux.platforms().get(0).manifest().digest())), result.changes().toString());
        assertTrue(result.changes().contains("kept linux/arm64 from the registry"), result.changes().toString());
    }

    @Test
    void rollingTagsMoveOnlyForward() {
        LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
        RemoteCatalog catalog = RemoteFixtures.plain(shared.registry().hostPort());
        CatalogPusher pusher = RemoteFixtures.pusher(local, RemoteFixtures.anonymous(), new BlobLocations());
        BuiltPlugin newer = RemoteFixtures.build(local, work, "rolling", "1.4.2", ALL.subList(0, 1), "");
        BuiltPlugin older = RemoteFixtures.build(local, work, "rolling", "1.3.0", ALL.subList(0, 1), " old");

        assertEquals(List.of("1.4", "1", "latest"),
                pusher.push(newer.reference(), catalog, new CatalogPusher.Options(true)).movedTags());
        assertEquals(List.of("1.3"), pusher.push(older.reference(), catalog, new CatalogPusher.Options(true)).movedTags());

        RegistryClient client = RemoteFixtures.anonymous().apply(catalog.registry());
        Map<String, Digest> tags = new ConcurrentHashMap<>();
        for (String tag : List.of("1.4", "1", "latest", "1.3")) {
            tags.put(tag, client.fetchManifest("scafctl/providers/rolling", tag).orElseThrow().digest());
        }
        assertEquals(newer.index().digest(), tags.get("1"));
        assertEquals(newer.index().digest(), tags.get("latest"));
        assertEquals(newer.index().digest(), tags.get("1.4"));
        assertEquals(older.index().digest(), tags.get("1.3"));
    }

    /**
     * Issue 17, point 7. scafctl lists a repository's tags and parses each leniently (pkg/catalog/remote.go through
     * Masterminds semver), so the rolling tags {@code 1.4} and {@code 1} a push with rolling tags moves would read as
     * 1.4.0 and 1.0.0, versions that exist under no tag of that name. Here only full versions count; the rest are
     * aliases, and a constraint only they would match finds nothing instead of a version no tag serves.
     */
    @Test
    void rollingTagsAreAliasesNotVersions() {
        LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
        RemoteCatalog catalog = RemoteFixtures.plain(shared.registry().hostPort());
        BuiltPlugin pushed = RemoteFixtures.build(local, work, "aliased", "1.4.1", ALL.subList(0, 1), "");
        RemoteFixtures.pusher(local, RemoteFixtures.anonymous(), new BlobLocations())
                .push(pushed.reference(), catalog, new CatalogPusher.Options(true));
        RegistryClient client = RemoteFixtures.anonymous().apply(catalog.registry());

        dev.scafctl.catalog.inspect.CatalogListing.Artifact listed = dev.scafctl.catalog.inspect.CatalogListing.remote(client,
                catalog, java.util.Optional.empty(), List.of("aliased")).artifacts().stream()
                .filter(a -> a.name().equals("aliased")).findFirst().orElseThrow();
        assertEquals(List.of("1.4.1"), listed.versions());
        assertEquals(List.of("1", "1.4", "latest"), listed.aliases());

        LocalCatalog empty = LocalCatalog.open(work.resolve("empty"));
        for (String constraint : List.of("~1.0.0", "1.4.0 - 1.4.0")) {
            ArtifactNotFoundException e = assertThrows(ArtifactNotFoundException.class, () -> RemoteFixtures.puller(empty,
                    RemoteFixtures.anonymous()).pull(RemoteReference.parse("http://" + shared.registry().hostPort()
                            + "/scafctl/providers/aliased@" + constraint, false, null), false));
            assertTrue(e.getMessage().contains("(available: [1.4.1])"), e.getMessage());
        }
        dev.scafctl.catalog.plugin.PluginInstaller installer = new dev.scafctl.catalog.plugin.PluginInstaller(empty,
                List.of(catalog), RemoteFixtures.anonymous(), new dev.scafctl.catalog.plugin.PluginCache(work.resolve("cache")),
                TransferListener.NONE, line -> { });
        ArtifactNotFoundException notFound = assertThrows(ArtifactNotFoundException.class, () -> installer.pin(
                new PluginRequirement(dev.scafctl.catalog.artifact.ArtifactName.of("aliased"),
                        dev.scafctl.catalog.artifact.ArtifactKind.PROVIDER,
                        dev.scafctl.catalog.artifact.VersionConstraint.parse("~1.0.0")), false));
        assertTrue(notFound.getMessage().contains("no version satisfies ~1.0.0"), notFound.getMessage());
        assertEquals("1.4.1", RemoteFixtures.puller(empty, RemoteFixtures.anonymous()).pull(RemoteReference.parse(
                "http://" + shared.registry().hostPort() + "/scafctl/providers/aliased@<1.4.2", false, null), false)
                .reference().version().toString());
    }

    @Test
    void pullResolvesAConstraintAndStoresVerifiedContent() {
        LocalCatalog source = LocalCatalog.open(work.resolve("source"));
        RemoteCatalog catalog = RemoteFixtures.plain(shared.registry().hostPort());
        CatalogPusher pusher = RemoteFixtures.pusher(source, RemoteFixtures.anonymous(), new BlobLocations());
        BuiltPlugin wanted = null;
        for (String version : List.of("1.0.0", "1.2.0", "2.0.0", "1.3.0-rc.1")) {
            BuiltPlugin built = RemoteFixtures.build(source, work, "pulled", version, ALL, version);
            pusher.push(built.reference(), catalog, new CatalogPusher.Options(false));
            wanted = version.equals("1.2.0") ? built : wanted;
        }
        LocalCatalog empty = LocalCatalog.open(work.resolve("empty"));

        CatalogPuller.Result result = RemoteFixtures.puller(empty, RemoteFixtures.anonymous()).pull(
                RemoteReference.parse("http://" + shared.registry().hostPort() + "/scafctl/providers/pulled@^1", false, null), false);

        assertEquals("1.2.0", result.reference().version().toString());
        assertEquals(wanted.index().digest(), result.digest());
        assertEquals(10, result.blobsDownloaded());
        Descriptor entry = empty.resolve("provider/pulled:1.2.0").orElseThrow();
        assertEquals(wanted.index().digest(), entry.digest());
        assertEquals("pulled from http://" + shared.registry().hostPort() + "/scafctl", entry.annotation("dev.scafctl.artifact.origin"));
        for (BuiltPlugin.PlatformImage image : wanted.platforms()) {
            assertArrayEquals(source.readBlob(image.binary().digest()), empty.readBlob(image.binary().digest()));
        }
        assertTrue(RemoteFixtures.puller(empty, RemoteFixtures.anonymous()).pull(
                RemoteReference.parse("http://" + shared.registry().hostPort() + "/scafctl/providers/pulled@1.2.0", false, null), false)
                .unchanged(), "pulling the same version again changes nothing");
    }

    @Test
    void pullNamesWhatIsMissing() {
        LocalCatalog empty = LocalCatalog.open(work.resolve("empty"));
        CatalogPuller puller = RemoteFixtures.puller(empty, RemoteFixtures.anonymous());
        ArtifactNotFoundException noVersion = assertThrows(ArtifactNotFoundException.class, () -> puller.pull(
                RemoteReference.parse("http://" + shared.registry().hostPort() + "/scafctl/providers/nothing-here@^1", false, null), false));
        assertTrue(noVersion.getMessage().contains("no version of \"nothing-here\""), noVersion.getMessage());
        ArtifactNotFoundException noTag = assertThrows(ArtifactNotFoundException.class, () -> puller.pull(
                RemoteReference.parse("http://" + shared.registry().hostPort() + "/scafctl/providers/nothing-here@1.0.0", false, null), false));
        assertTrue(noTag.getMessage().startsWith("artifact \"nothing-here@1.0.0\" not found in catalog"), noTag.getMessage());
        assertEquals(List.of(), empty.entries());
    }

    @Test
    void aBlobKnownInAnotherRepositoryIsMounted() {
        LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
        BlobLocations locations = new BlobLocations();
        CatalogPusher pusher = RemoteFixtures.pusher(local, RemoteFixtures.anonymous(), locations);
        RemoteCatalog catalog = RemoteFixtures.plain(shared.frontend().hostPort());
        // A second plugin built from the first one's binary: the binary blob is shared, the configs differ.
        BuiltPlugin a = RemoteFixtures.build(local, work, "mount-a", "1.0.0", ALL.subList(0, 1), "");
        pusher.push(a.reference(), catalog, new CatalogPusher.Options(false));
        Path binary = a.platforms().get(0).source().file();
        BuiltPlugin b = new dev.scafctl.catalog.plugin.PluginImageBuilder(local).build(
                dev.scafctl.catalog.plugin.PluginFixtures.provider("mount-b", "1.0.0", List.of("linux/amd64=" + binary), work));

        CatalogPusher.Result result = pusher.push(b.reference(), catalog, new CatalogPusher.Options(false));

        assertEquals(1, result.blobsMounted(), "the shared binary");
        assertEquals(1, result.blobsUploaded(), "the config, which names the plugin");
        assertEquals(1, shared.frontend().count(r -> r.startsWith("POST /v2/scafctl/providers/mount-b/blobs/uploads/?mount="
                + b.platforms().get(0).binary().digest())));
    }

    @Test
    void aPushThatFindsItsTagInPlaceStillLearnsWhereTheBlobsAre() {
        LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
        RemoteCatalog catalog = RemoteFixtures.plain(shared.frontend().hostPort());
        BuiltPlugin a = RemoteFixtures.build(local, work, "known-a", "1.0.0", ALL.subList(0, 1), "");
        RemoteFixtures.pusher(local, RemoteFixtures.anonymous(), new BlobLocations())
                .push(a.reference(), catalog, new CatalogPusher.Options(false));
        // another build: it pushes a again (the tag is in place, nothing is sent), then b with a's binary
        CatalogPusher later = RemoteFixtures.pusher(local, RemoteFixtures.anonymous(), new BlobLocations());
        later.push(a.reference(), catalog, new CatalogPusher.Options(false));
        Path binary = a.platforms().get(0).source().file();
        BuiltPlugin b = new dev.scafctl.catalog.plugin.PluginImageBuilder(local).build(
                dev.scafctl.catalog.plugin.PluginFixtures.provider("known-b", "1.0.0", List.of("linux/amd64=" + binary), work));

        CatalogPusher.Result result = later.push(b.reference(), catalog, new CatalogPusher.Options(false));

        assertEquals(1, result.blobsMounted(), "the binary, known from the tag found in place");
    }

    @Test
    void aliasesTagLocallyAndInTheRegistry() {
        LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
        RemoteCatalog catalog = RemoteFixtures.plain(shared.registry().hostPort());
        BuiltPlugin built = RemoteFixtures.build(local, work, "aliased", "2.1.0", ALL.subList(0, 2), "");
        RemoteFixtures.pusher(local, RemoteFixtures.anonymous(), new BlobLocations())
                .push(built.reference(), catalog, new CatalogPusher.Options(false));

        ArtifactTagger.tagLocal(local, built.reference(), new Alias("stable"));
        RegistryClient client = RemoteFixtures.anonymous().apply(catalog.registry());
        ArtifactTagger.tagRemote(client, catalog, built.reference(), new Alias("prod"));

        assertEquals(built.index().digest(), local.resolve("provider/aliased:stable").orElseThrow().digest());
        assertEquals(built.index().digest(), client.fetchManifest("scafctl/providers/aliased", "prod").orElseThrow().digest());
        for (String bad : List.of("latest", "1", "1.2.3", "v2", ".hidden", "-x", "a/b")) {
            assertThrows(InvalidInputException.class, () -> new Alias(bad), bad);
        }
    }

    @Test
    void skopeoReadsWhatWePushAndWePullWhatSkopeoPushes() {
        LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
        RemoteCatalog catalog = RemoteFixtures.plain(shared.registry().hostPort());
        BuiltPlugin ours = RemoteFixtures.build(local, work, "interop", "1.0.0", ALL, "");
        RemoteFixtures.pusher(local, RemoteFixtures.anonymous(), new BlobLocations())
                .push(ours.reference(), catalog, new CatalogPusher.Options(false));
        Skopeo skopeo = new Skopeo(work.resolve("skopeo"));
        Path layout = work.resolve("skopeo-layout");
        skopeo.run("copy", "--all", "--preserve-digests", "--src-tls-verify=false",
                "docker://" + shared.registry().hostPort() + "/scafctl/providers/interop:1.0.0", "oci:" + layout + ":copy");
        assertEquals(ours.index().digest(), Digest.of(skopeo.inspectRaw("oci:" + layout + ":copy")));

        // skopeo pushes an index from an OCI layout under another name; we pull it intact
        LocalCatalog other = LocalCatalog.open(work.resolve("other"));
        BuiltPlugin theirs = RemoteFixtures.build(other, work, "by-skopeo", "3.0.0", ALL.subList(1, 4), "");
        skopeo.run("copy", "--all", "--preserve-digests", "--dest-tls-verify=false",
                "oci:" + other.root() + ":provider/by-skopeo:3.0.0",
                "docker://" + shared.registry().hostPort() + "/scafctl/providers/by-skopeo:3.0.0");
        Digest registryDigest = Digest.of(skopeo.inspectRaw("docker://" + shared.registry().hostPort()
                + "/scafctl/providers/by-skopeo:3.0.0", "--tls-verify=false"));
        LocalCatalog empty = LocalCatalog.open(work.resolve("empty"));
        CatalogPuller.Result pulled = RemoteFixtures.puller(empty, RemoteFixtures.anonymous()).pull(
                RemoteReference.parse("http://" + shared.registry().hostPort() + "/scafctl/providers/by-skopeo@3.0.0", false, null), false);
        assertEquals(registryDigest, pulled.digest());
        assertEquals(theirs.index().digest(), pulled.digest());
        assertFalse(empty.entries().isEmpty());
    }

    @Test
    void progressReachesTheBlobSize() throws Exception {
        LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
        Path big = work.resolve("big");
        java.nio.file.Files.write(big, new byte[3 << 20]);
        BuiltPlugin built = new dev.scafctl.catalog.plugin.PluginImageBuilder(local).build(
                dev.scafctl.catalog.plugin.PluginFixtures.provider("big", "1.0.0", List.of("linux/amd64=" + big), work));
        Map<Digest, Long> seen = new ConcurrentHashMap<>();
        new CatalogPusher(local, RemoteFixtures.anonymous(), new BlobLocations(),
                (blob, done) -> seen.merge(blob.digest(), done, Math::max), line -> { })
                .push(built.reference(), RemoteFixtures.plain(shared.registry().hostPort()), new CatalogPusher.Options(false));
        assertEquals(3L << 20, seen.get(built.platforms().get(0).binary().digest()));
    }

    @Test
    void progressNamesThePlatformEachBinaryIsFor() {
        LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
        BuiltPlugin built = RemoteFixtures.build(local, work, "parts", "1.0.0", ALL, "parts");
        RemoteCatalog catalog = RemoteFixtures.plain(shared.registry().hostPort());
        Map<Digest, String> pushed = new ConcurrentHashMap<>();
        Map<Digest, String> pulled = new ConcurrentHashMap<>();

        new CatalogPusher(local, RemoteFixtures.anonymous(), new BlobLocations(), new PartsListener(pushed), line -> { })
                .push(built.reference(), catalog, new CatalogPusher.Options(false));
        new CatalogPuller(LocalCatalog.open(work.resolve("empty")), RemoteFixtures.anonymous(), new BlobLocations(),
                new PartsListener(pulled)).pull(RemoteReference.parse("http://" + shared.registry().hostPort()
                        + "/scafctl/providers/parts@1.0.0", false, null), false);

        for (BuiltPlugin.PlatformImage image : built.platforms()) {
            assertEquals(image.platform().toString(), pushed.get(image.binary().digest()), "push of " + image.platform());
            assertEquals(image.platform().toString(), pulled.get(image.binary().digest()), "pull of " + image.platform());
        }
    }
}
