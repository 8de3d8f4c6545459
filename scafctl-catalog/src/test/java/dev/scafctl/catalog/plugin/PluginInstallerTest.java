package dev.scafctl.catalog.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.ArtifactNotFoundException;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.artifact.PluginRequirement;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.artifact.VersionConstraint;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.lock.LockFile;
import dev.scafctl.catalog.oci.Annotations;
import dev.scafctl.catalog.oci.CanonicalJson;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.DigestMismatchException;
import dev.scafctl.catalog.oci.ImageManifest;
import dev.scafctl.catalog.oci.MediaTypes;
import dev.scafctl.catalog.remote.BlobLocations;
import dev.scafctl.catalog.remote.CatalogPusher;
import dev.scafctl.catalog.remote.CredentialSource;
import dev.scafctl.catalog.remote.RegistryClient;
import dev.scafctl.catalog.remote.RemoteCatalog;
import dev.scafctl.catalog.remote.TransferListener;
import dev.scafctl.catalog.remote.Transport;
import dev.scafctl.catalog.testing.PartsListener;
import dev.scafctl.catalog.testing.SharedRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PluginInstallerTest {

    private static final Platform LINUX = Platform.parseSupported("linux/amd64");
    private static final Platform MAC = Platform.parseSupported("darwin/arm64");

    @RegisterExtension
    static final SharedRegistry shared = new SharedRegistry();

    @TempDir
    Path work;

    private RemoteCatalog catalog(String prefix) {
        return RemoteCatalog.parse(prefix, "http://" + shared.frontend().hostPort() + "/" + prefix, false, null);
    }

    private static RegistryClient client(dev.scafctl.catalog.remote.Registry r) {
        return new RegistryClient(r, CredentialSource.anonymous(), Transport.defaults().withRetries(2, Duration.ofMillis(10)));
    }

    private BuiltPlugin publish(String prefix, String name, String version, List<Platform> platforms, String salt) {
        LocalCatalog source = LocalCatalog.open(work.resolve("publisher-" + prefix));
        List<String> binaries = PluginFixtures.binaries(work.resolve("bin-" + prefix + name + version + salt.hashCode()), name,
                platforms, salt);
        BuiltPlugin built = new PluginImageBuilder(source).build(PluginFixtures.request(ArtifactKind.PROVIDER, name, version,
                binaries, work, true));
        new CatalogPusher(source, PluginInstallerTest::client, new BlobLocations(), TransferListener.NONE, line -> { })
                .push(built.reference(), catalog(prefix), new CatalogPusher.Options(false));
        return built;
    }

    private PluginInstaller installer(LocalCatalog local, PluginCache cache, RemoteCatalog... remotes) {
        return new PluginInstaller(local, List.of(remotes), PluginInstallerTest::client, cache, TransferListener.NONE, line -> { });
    }

    private static PluginRequirement requirement(String name, String constraint) {
        return new PluginRequirement(ArtifactName.of(name), ArtifactKind.PROVIDER, VersionConstraint.parse(constraint));
    }

    private static PluginInstaller.Options options(Platform platform) {
        return new PluginInstaller.Options(platform, false, 4);
    }

    /**
     * Issue 17, point 4: the official catalog is asked last (pkg/catalog/chain_builder.go), and scafctl's chain goes on
     * past a catalog that fails (pkg/catalog/chain.go). On a machine without internet it cannot be reached: that
     * fails nothing another catalog serves, and a plugin no catalog has is "not found", said once.
     */
    @Test
    void anUnreachableOfficialCatalogIsAMissSaidOnce() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        RemoteCatalog official = RemoteCatalog.parse("official", "http://127.0.0.1:" + closed + "/oakwood-commons", false, null);
        LocalCatalog local = LocalCatalog.open(work.resolve("local"));
        new PluginImageBuilder(local).build(PluginFixtures.provider("here", "1.0.0",
                PluginFixtures.binaries(work.resolve("local-bin"), "here", List.of(LINUX)), work));
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        PluginInstaller installer = new PluginInstaller(local, List.of(official), PluginInstallerTest::client,
                new PluginCache(work.resolve("cache")), TransferListener.NONE, log::add);

        assertEquals("local", installer.install(List.of(requirement("here", "^1.0.0")), Optional.empty(), options(LINUX))
                .get(0).catalog());
        assertEquals(List.of(), log, "found before the official catalog is asked");
        ArtifactNotFoundException e = assertThrows(ArtifactNotFoundException.class,
                () -> installer.install(List.of(requirement("elsewhere", "^1.0.0")), Optional.empty(), options(LINUX)));
        assertTrue(e.getMessage().startsWith("artifact \"elsewhere\" not found in any catalog"), e.getMessage());
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).startsWith("the official catalog could not be reached"), log.get(0));
    }

    @Test
    void theChainIsTheLocalCatalogThenTheRemotesInOrderAndTheFirstMatchWins() throws Exception {
        publish("first", "both", "1.5.0", List.of(LINUX), "");
        BuiltPlugin second = publish("second", "remote-only", "1.2.0", List.of(LINUX), "");
        publish("second", "remote-only", "2.0.0", List.of(LINUX), "");
        LocalCatalog local = LocalCatalog.open(work.resolve("local"));
        BuiltPlugin localOne = new PluginImageBuilder(local).build(PluginFixtures.provider("both", "1.0.0",
                PluginFixtures.binaries(work.resolve("local-bin"), "both", List.of(LINUX)), work));
        PluginCache cache = new PluginCache(work.resolve("cache"));

        List<PluginInstaller.Installed> installed = installer(local, cache, catalog("first"), catalog("second"))
                .install(List.of(requirement("both", "^1"), requirement("remote-only", "~1.2")), Optional.empty(), options(LINUX));

        assertEquals("local", installed.get(0).catalog(), "the local catalog is asked first, even with a newer remote");
        assertEquals("1.0.0", installed.get(0).version().toString());
        assertEquals("second", installed.get(1).catalog());
        assertEquals("1.2.0", installed.get(1).version().toString());
        Path file = cache.path(ArtifactName.of("remote-only"), Version.parse("1.2.0"), LINUX);
        assertEquals(file, installed.get(1).file());
        assertEquals(work.resolve("cache/remote-only/1.2.0/linux-amd64/remote-only"), file);
        assertTrue(Files.isExecutable(file));
        assertEquals(second.platforms().get(0).binary().digest(), Digest.of(Files.readAllBytes(file)));
        assertEquals(localOne.platforms().get(0).binary().digest(), installed.get(0).binaryDigest());
    }

    @Test
    void aDownloadIsReportedAsThePlatformItIsFor() {
        BuiltPlugin published = publish("parts", "parted", "1.0.0", List.of(LINUX, MAC), "");
        Map<Digest, String> parts = new ConcurrentHashMap<>();
        PluginInstaller installer = new PluginInstaller(LocalCatalog.open(work.resolve("local")), List.of(catalog("parts")),
                PluginInstallerTest::client, new PluginCache(work.resolve("cache")), new PartsListener(parts), line -> { });

        installer.install(List.of(requirement("parted", "1.0.0")), Optional.empty(), options(MAC));

        assertEquals(Map.of(published.platforms().get(1).binary().digest(), "darwin/arm64"), parts);
    }

    @Test
    void aMissingPlatformFailsWithScafctlsText() {
        publish("plat", "linux-only", "1.0.0", List.of(LINUX, Platform.parseSupported("linux/arm64")), "");
        PluginInstaller installer = installer(LocalCatalog.open(work.resolve("local")), new PluginCache(work.resolve("cache")),
                catalog("plat"));
        PlatformNotFoundException e = assertThrows(PlatformNotFoundException.class,
                () -> installer.install(List.of(requirement("linux-only", "1.0.0")), Optional.empty(), options(MAC)));
        assertEquals("platform \"darwin/arm64\" not found in image index (available: [linux/amd64 linux/arm64])", e.getMessage());
    }

    @Test
    void singleManifestsAreTakenByAnnotationAsTheyAreOrByPerArchitectureTags() throws Exception {
        LocalCatalog local = LocalCatalog.open(work.resolve("local"));
        Descriptor plain = single(local, "legacy", "1.0.0", null, "any platform");
        Descriptor annotated = single(local, "annotated", "1.0.0", "linux/amd64", "for linux");
        single(local, "annotated", "1.0.0-arm64", "darwin/arm64", "for the mac"); // Docker-plugin style tag
        PluginCache cache = new PluginCache(work.resolve("cache"));
        PluginInstaller installer = installer(local, cache);

        assertEquals(plain.digest(), installer.install(List.of(requirement("legacy", "1.0.0")), Optional.empty(), options(MAC))
                .get(0).binaryDigest(), "no annotation: a single-platform artifact is taken as it is");
        assertEquals(annotated.digest(), installer.install(List.of(requirement("annotated", "1.0.0")), Optional.empty(),
                options(LINUX)).get(0).binaryDigest());
        PluginInstaller.Installed mac = installer.install(List.of(requirement("annotated", "1.0.0")), Optional.empty(),
                options(MAC)).get(0);
        assertEquals("for the mac", Files.readString(mac.file()));
        PlatformNotFoundException e = assertThrows(PlatformNotFoundException.class, () -> installer.install(
                List.of(requirement("annotated", "1.0.0")), Optional.empty(), options(Platform.parseSupported("windows/amd64"))));
        assertEquals("platform \"windows/amd64\" not found in image index (available: [linux/amd64])", e.getMessage());
    }

    @Test
    void aLockPinsVersionAndDigestsWithoutListingTags() throws Exception {
        BuiltPlugin pinned = publish("pins", "pinned", "1.1.0", List.of(LINUX, MAC), "");
        publish("pins", "pinned", "1.9.0", List.of(LINUX, MAC), " newer");
        Path lock = writeLock("pinned", "1.1.0", pinned);
        int before = shared.frontend().requests().size();

        PluginInstaller.Installed installed = installer(LocalCatalog.open(work.resolve("local")),
                new PluginCache(work.resolve("cache")), catalog("pins"))
                .install(List.of(requirement("pinned", "^1")), Optional.of(LockFile.read(lock)), options(MAC)).get(0);

        List<String> requests = shared.frontend().requests().subList(before, shared.frontend().requests().size());
        assertEquals("1.1.0", installed.version().toString(), "the pinned version, though 1.9.0 matches too");
        assertTrue(installed.pinned());
        assertEquals(pinned.platforms().get(1).binary().digest(), installed.binaryDigest());
        assertEquals(0, requests.stream().filter(r -> r.contains("/tags/list")).count(), requests.toString());
        assertTrue(requests.stream().anyMatch(r -> r.contains("/manifests/" + pinned.index().digest())), requests.toString());
    }

    @Test
    void aWarmCacheWithAPinMakesNoNetworkRequest() throws Exception {
        BuiltPlugin pinned = publish("warm", "warm", "1.0.0", List.of(LINUX), "");
        Path lock = writeLock("warm", "1.0.0", pinned);
        PluginCache cache = new PluginCache(work.resolve("cache"));
        PluginInstaller installer = installer(LocalCatalog.open(work.resolve("local")), cache, catalog("warm"));
        assertTrue(installer.install(List.of(requirement("warm", "^1")), Optional.of(LockFile.read(lock)), options(LINUX))
                .get(0).downloaded());
        int before = shared.frontend().requests().size();

        PluginInstaller.Installed again = installer.install(List.of(requirement("warm", "^1")), Optional.of(LockFile.read(lock)),
                options(LINUX)).get(0);

        assertFalse(again.downloaded());
        assertEquals(before, shared.frontend().requests().size(), "no request at all");
    }

    @Test
    void aCorruptCachedFileIsReplacedByAVerifiedDownload() throws Exception {
        BuiltPlugin built = publish("repair", "repaired", "1.0.0", List.of(LINUX), "");
        PluginCache cache = new PluginCache(work.resolve("cache"));
        PluginInstaller installer = installer(LocalCatalog.open(work.resolve("local")), cache, catalog("repair"));
        Path file = installer.install(List.of(requirement("repaired", "1.0.0")), Optional.empty(), options(LINUX)).get(0).file();
        Files.writeString(file, "corrupted on disk");

        PluginInstaller.Installed repaired = installer.install(List.of(requirement("repaired", "1.0.0")), Optional.empty(),
                options(LINUX)).get(0);

        assertTrue(repaired.downloaded());
        assertEquals(built.platforms().get(0).binary().digest(), Digest.of(Files.readAllBytes(file)));
    }

    @Test
    void aLockWhoseDigestTheCatalogNoLongerServesFailsWithScafctlsText() throws Exception {
        BuiltPlugin built = publish("tamper", "swapped", "1.0.0", List.of(LINUX), "");
        Digest other = Digest.of("another binary".getBytes(StandardCharsets.UTF_8));
        Path lock = Files.writeString(work.resolve(".scafctl.lock.yaml"), "version: 1\nplugins:\n  - name: swapped\n"
                + "    kind: provider\n    version: 1.0.0\n    digest: " + other + "\n    resolvedFrom: tamper\n");
        PluginCache cache = new PluginCache(work.resolve("cache"));

        DigestMismatchException e = assertThrows(DigestMismatchException.class, () -> installer(
                LocalCatalog.open(work.resolve("local")), cache, catalog("tamper")).install(List.of(requirement("swapped", "1.0.0")),
                Optional.of(LockFile.read(lock)), options(LINUX)));

        assertEquals("plugin binary digest mismatch for swapped@1.0.0: expected " + other + ", got "
                + built.platforms().get(0).binary().digest() + " (possible supply chain attack or corrupted download;"
                + " the lock's digest is the binary of no platform of [linux/amd64] in catalog \"tamper\")", e.getMessage());
        assertFalse(Files.exists(cache.path(ArtifactName.of("swapped"), Version.parse("1.0.0"), LINUX)));
    }

    @Test
    void tamperedBytesInTheRegistryAreRefusedAndTheCacheIsUntouched() throws Exception {
        BuiltPlugin built = publish("evil", "evil", "1.0.0", List.of(LINUX), "");
        Digest binary = built.platforms().get(0).binary().digest();
        Path data = shared.registry().storageDir().resolve("docker/registry/v2/blobs/sha256/" + binary.hex().substring(0, 2) + "/"
                + binary.hex() + "/data");
        byte[] evil = Files.readAllBytes(data);
        evil[0] ^= 1;
        Files.write(data, evil);
        PluginCache cache = new PluginCache(work.resolve("cache"));

        DigestMismatchException e = assertThrows(DigestMismatchException.class, () -> installer(
                LocalCatalog.open(work.resolve("local")), cache, catalog("evil")).install(List.of(requirement("evil", "^1")),
                Optional.empty(), options(LINUX)));

        assertEquals(Digest.of(evil), e.actual());
        Path folder = cache.path(ArtifactName.of("evil"), Version.parse("1.0.0"), LINUX).getParent();
        try (var files = Files.list(folder)) {
            assertEquals(List.of(".lock"), files.map(f -> f.getFileName().toString()).toList(), "nothing but the lock file");
        }
    }

    @Test
    void offlineUsesTheLocalCatalogAndNamesWhatIsMissing() {
        PluginInstaller installer = installer(LocalCatalog.open(work.resolve("local")), new PluginCache(work.resolve("cache")),
                catalog("never-asked"));
        ArtifactNotFoundException e = assertThrows(ArtifactNotFoundException.class, () -> installer.install(
                List.of(requirement("absent", "^1")), Optional.empty(), new PluginInstaller.Options(LINUX, true, 1)));
        assertTrue(e.getMessage().contains("no digest available for verification offline"), e.getMessage());
        assertEquals(0, shared.frontend().count(r -> r.contains("never-asked")));
    }

    @Test
    void severalProcessesInstallingTheSamePluginsAtOnceAllSucceedWithOneCorrectCopy() throws Exception {
        List<BuiltPlugin> plugins = new ArrayList<>();
        for (String name : List.of("shared-a", "shared-b", "shared-c")) {
            Path big = work.resolve("big-" + name);
            byte[] bytes = new byte[4 << 20];
            new java.util.Random(name.hashCode()).nextBytes(bytes);
            Files.write(big, bytes);
            LocalCatalog source = LocalCatalog.open(work.resolve("publisher"));
            BuiltPlugin built = new PluginImageBuilder(source).build(PluginFixtures.provider(name, "1.0.0",
                    List.of("linux/amd64=" + big), work));
            new CatalogPusher(source, PluginInstallerTest::client, new BlobLocations(), TransferListener.NONE, l -> { })
                    .push(built.reference(), catalog("concurrent"), new CatalogPusher.Options(false));
            plugins.add(built);
        }
        Path cache = work.resolve("cache");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            processes.add(java("install", work.resolve("local-" + i).toString(), cache.toString(),
                    "http://" + shared.registry().hostPort() + "/concurrent", "shared-a", "shared-b", "shared-c").start());
        }
        for (Process process : processes) {
            assertTrue(process.waitFor(2, TimeUnit.MINUTES));
            assertEquals(0, process.exitValue(), new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        PluginCache result = new PluginCache(cache);
        for (BuiltPlugin plugin : plugins) {
            Path file = result.path(plugin.reference().name(), plugin.reference().version(), LINUX);
            assertEquals(plugin.platforms().get(0).binary().digest(), Digest.of(Files.readAllBytes(file)));
            try (var files = Files.list(file.getParent())) {
                assertEquals(List.of(".lock", plugin.reference().name().value()),
                        files.map(f -> f.getFileName().toString()).sorted().toList(), "one copy, no temporary file");
            }
        }
    }

    @Test
    void aProcessKilledMidDownloadLeavesNoFileAndTheNextRunSucceeds() throws Exception {
        Path cache = work.resolve("cache");
        Process process = java("stall", cache.toString()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("stalled", out.readLine());
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        }
        PluginCache reopened = new PluginCache(cache);
        Path file = reopened.path(ArtifactName.of("stalled"), Version.parse("1.0.0"), LINUX);
        assertFalse(Files.exists(file), "nothing at the final path");

        byte[] content = "the real binary".getBytes(StandardCharsets.UTF_8);
        PluginCache.Installation next = reopened.install(ArtifactName.of("stalled"), Version.parse("1.0.0"), LINUX,
                Digest.of(content), out -> out.write(content));
        assertArrayEquals(content, Files.readAllBytes(next.file()));
        assertEquals(List.of(new PluginCache.Entry("stalled", "1.0.0", "linux/amd64", file, content.length)), reopened.list());
    }

    private Path writeLock(String name, String version, BuiltPlugin built) throws Exception {
        StringBuilder platforms = new StringBuilder();
        for (BuiltPlugin.PlatformImage image : built.platforms()) {
            platforms.append("      ").append(image.platform()).append(": ").append(image.binary().digest()).append('\n');
        }
        return Files.writeString(work.resolve(".scafctl.lock.yaml"), "version: 1\nplugins:\n  - name: " + name
                + "\n    kind: provider\n    version: " + version + "\n    digest: " + built.platforms().get(0).binary().digest()
                + "\n    resolvedFrom: test\n    indexDigest: " + built.index().digest() + "\n    platforms:\n" + platforms);
    }

    /** Stores a single-manifest plugin (the legacy form) tagged {@code tag}, with an optional platform annotation. */
    private static Descriptor single(LocalCatalog local, String name, String tag, String platform, String content) {
        Descriptor layer = local.putBlob(ArtifactKind.PROVIDER.contentMediaType(), content.getBytes(StandardCharsets.UTF_8));
        Descriptor config = local.putBlob(ArtifactKind.PROVIDER.configMediaType(),
                CanonicalJson.write(Map.of("name", name, "kind", "provider")));
        Map<String, String> annotations = new TreeMap<>(Map.of(Annotations.ARTIFACT_NAME, name));
        if (platform != null) {
            annotations.put(Annotations.PLUGIN_PLATFORM, platform);
        }
        byte[] manifest = new ImageManifest(config, List.of(layer), new TreeMap<>(annotations)).toJson();
        local.tag("provider/" + name + ":" + tag, local.putBlob(MediaTypes.IMAGE_MANIFEST, manifest));
        return layer;
    }

    private static ProcessBuilder java(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), InstallerProcess.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
