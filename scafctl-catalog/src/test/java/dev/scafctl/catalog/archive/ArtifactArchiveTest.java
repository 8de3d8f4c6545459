package dev.scafctl.catalog.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.DigestMismatchException;
import dev.scafctl.catalog.oci.ImageIndex;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.plugin.PluginFixtures;
import dev.scafctl.catalog.plugin.PluginImageBuilder;
import dev.scafctl.catalog.testing.Skopeo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactArchiveTest {

    @TempDir
    Path work;

    private LocalCatalog source;
    private BuiltPlugin provider;
    private BuiltPlugin authHandler;

    @BeforeEach
    void buildTwoPlugins() {
        source = LocalCatalog.open(work.resolve("source"));
        provider = new PluginImageBuilder(source).build(PluginFixtures.provider("saved", "1.0.0",
                PluginFixtures.binaries(work.resolve("dist"), "saved", Platform.SUPPORTED), work));
        authHandler = new PluginImageBuilder(source).build(PluginFixtures.request(ArtifactKind.AUTH_HANDLER, "saved-auth", "2.0.0",
                PluginFixtures.binaries(work.resolve("dist"), "saved-auth", Platform.SUPPORTED.subList(0, 2)), work, false));
    }

    @Test
    void saveAndLoadRoundTripWithDigestsUnchanged() {
        Path tar = work.resolve("plugins.tar");
        ArtifactArchive.Summary saved = new ArtifactArchive(source).save(List.of(provider.reference(), authHandler.reference()),
                Set.of(), tar);
        assertEquals(List.of("provider/saved:1.0.0", "auth-handler/saved-auth:2.0.0"), saved.refNames(), "in the order asked");

        LocalCatalog target = LocalCatalog.open(work.resolve("air-gapped"));
        ArtifactArchive.Summary loaded = new ArtifactArchive(target).load(tar, false);

        assertEquals(saved.refNames(), loaded.refNames());
        assertEquals(provider.index().digest(), target.resolve("provider/saved:1.0.0").orElseThrow().digest());
        assertEquals(authHandler.index().digest(), target.resolve("auth-handler/saved-auth:2.0.0").orElseThrow().digest());
        for (BuiltPlugin.PlatformImage image : provider.platforms()) {
            assertArrayEquals(source.readBlob(image.binary().digest()), target.readBlob(image.binary().digest()));
        }
    }

    @Test
    void theSameArtifactsGiveAByteIdenticalArchive() throws Exception {
        Path first = work.resolve("first.tar");
        Path second = work.resolve("second.tar");
        new ArtifactArchive(source).save(List.of(provider.reference(), authHandler.reference()), Set.of(), first);
        new ArtifactArchive(source).save(List.of(provider.reference(), authHandler.reference()), Set.of(), second);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
        List<String> names = entryNames(first);
        assertEquals("oci-layout", names.get(0));
        assertEquals("index.json", names.get(names.size() - 1), "index.json comes last");
    }

    /**
     * Issue 17, point 3. scafctl's {@code catalog load} (pkg/catalog/local.go Load) reads only index.json's first
     * entry and takes kind, name and version from that entry's own annotations (refFromAnnotations: "missing
     * artifact name annotation" without them). An entry scafctl pulled carries only ref.name and the origin on its
     * index.json descriptor, the rest on the manifest: that is the fixture here.
     */
    @Test
    void theArtifactAskedForIsFirstAndEveryEntryNamesItselfAsScafctlsLoadReadsIt() throws Exception {
        source.tag("auth-handler/saved-auth:2.0.0", new Descriptor(authHandler.index().mediaType(), authHandler.index().digest(),
                authHandler.index().size(), new TreeMap<>(Map.of("dev.scafctl.artifact.origin", "ghcr.io/acme")), null));
        assertEquals(null, source.resolve("auth-handler/saved-auth:2.0.0").orElseThrow().annotation("dev.scafctl.artifact.name"),
                "the fixture is an entry as scafctl's pull leaves it");
        Path tar = work.resolve("provider-first.tar");
        new ArtifactArchive(source).save(List.of(provider.reference(), authHandler.reference()), Set.of(), tar);

        dev.scafctl.catalog.oci.JsonValue index = dev.scafctl.catalog.oci.CanonicalJson.read(entry(tar, "index.json"), "index.json");
        List<dev.scafctl.catalog.oci.JsonValue> entries = new java.util.ArrayList<>();
        index.path("manifests").forEach(entries::add);
        assertEquals("provider/saved:1.0.0", entries.get(0).path("annotations").path("org.opencontainers.image.ref.name")
                .asString(null), "scafctl loads the first entry: the artifact asked for first");
        for (dev.scafctl.catalog.oci.JsonValue entry : entries) {
            dev.scafctl.catalog.oci.JsonValue annotations = entry.path("annotations");
            String refName = annotations.path("org.opencontainers.image.ref.name").asString(null);
            assertEquals(refName.substring(0, refName.indexOf('/')), annotations.path("dev.scafctl.artifact.type").asString(null));
            assertEquals(refName.substring(refName.indexOf('/') + 1, refName.indexOf(':')),
                    annotations.path("dev.scafctl.artifact.name").asString(null));
            assertEquals(refName.substring(refName.indexOf(':') + 1), annotations.path("org.opencontainers.image.version").asString(null));
        }
    }

    private static byte[] entry(Path tar, String name) throws Exception {
        try (var in = Files.newInputStream(tar)) {
            TarReader reader = new TarReader(in, tar.toString());
            for (var entry = reader.next(); entry.isPresent(); entry = reader.next()) {
                if (entry.get().name().equals(name)) {
                    return reader.content().readAllBytes();
                }
            }
        }
        throw new AssertionError(name + " not in " + tar);
    }

    @Test
    void namedPlatformsOnlyMakeASmallerIndex() {
        Path tar = work.resolve("linux.tar");
        Set<Platform> linux = Set.of(Platform.parseSupported("linux/amd64"), Platform.parseSupported("linux/arm64"));
        new ArtifactArchive(source).save(List.of(provider.reference()), linux, tar);
        LocalCatalog target = LocalCatalog.open(work.resolve("target"));
        new ArtifactArchive(target).load(tar, false);
        Descriptor entry = target.resolve("provider/saved:1.0.0").orElseThrow();
        ImageIndex index = ImageIndex.parse(target.readBlob(entry.digest()), "index");
        assertEquals(Platform.SUPPORTED.subList(0, 2), index.manifests().stream().map(Descriptor::platform).toList());
        assertThrows(InvalidInputException.class, () -> new ArtifactArchive(source).save(List.of(authHandler.reference()),
                Set.of(Platform.parseSupported("windows/amd64")), work.resolve("none.tar")));
    }

    @Test
    void skopeoReadsWhatWeSaveAndWeLoadWhatSkopeoWrites() {
        Skopeo skopeo = new Skopeo(work.resolve("skopeo"));
        Path ours = work.resolve("ours.tar");
        new ArtifactArchive(source).save(List.of(provider.reference()), Set.of(), ours);
        assertEquals(provider.index().digest(), Digest.of(skopeo.inspectRaw("oci-archive:" + ours + ":provider/saved:1.0.0")));
        skopeo.run("copy", "--all", "--preserve-digests", "oci-archive:" + ours + ":provider/saved:1.0.0", "oci:" + work.resolve("copy") + ":x");
        assertEquals(provider.index().digest(), Digest.of(skopeo.inspectRaw("oci:" + work.resolve("copy") + ":x")));

        Path theirs = work.resolve("theirs.tar");
        skopeo.run("copy", "--all", "--preserve-digests", "oci:" + source.root() + ":auth-handler/saved-auth:2.0.0",
                "oci-archive:" + theirs + ":auth-handler/saved-auth:2.0.0");
        LocalCatalog target = LocalCatalog.open(work.resolve("target"));
        new ArtifactArchive(target).load(theirs, false);
        assertEquals(authHandler.index().digest(), target.resolve("auth-handler/saved-auth:2.0.0").orElseThrow().digest());
    }

    @Test
    void hostileOrBrokenArchivesAreRefusedAndTheCatalogStaysAsItWas() throws Exception {
        Path good = work.resolve("good.tar");
        new ArtifactArchive(source).save(List.of(provider.reference()), Set.of(), good);
        byte[] bytes = Files.readAllBytes(good);
        LocalCatalog target = LocalCatalog.open(work.resolve("target"));
        new PluginImageBuilder(target).build(PluginFixtures.provider("already-here", "1.0.0",
                PluginFixtures.binaries(work.resolve("dist2"), "already-here", Platform.SUPPORTED.subList(0, 1)), work));
        Map<String, Digest> before = snapshot(target.root());

        Path traversal = tarWith("../evil", "x".getBytes(StandardCharsets.UTF_8), '0');
        assertRefused(target, before, () -> new ArtifactArchive(target).load(traversal, false), "leaves the archive's folder");
        Path absolute = tarWith("/etc/evil", "x".getBytes(StandardCharsets.UTF_8), '0');
        assertRefused(target, before, () -> new ArtifactArchive(target).load(absolute, false), "leaves the archive's folder");
        Path symlink = tarWith("blobs/sha256/" + "a".repeat(64), new byte[0], '2');
        assertRefused(target, before, () -> new ArtifactArchive(target).load(symlink, false), "is a symbolic link");
        Path device = tarWith("dev", new byte[0], '3');
        assertRefused(target, before, () -> new ArtifactArchive(target).load(device, false), "is a device");

        Path truncated = Files.write(work.resolve("truncated.tar"), Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused(target, before, () -> new ArtifactArchive(target).load(truncated, false), "is truncated");

        byte[] tampered = bytes.clone();
        int at = indexOf(tampered, "echo saved".getBytes(StandardCharsets.UTF_8)); // inside a binary blob
        tampered[at] ^= 1;
        Path wrongDigest = Files.write(work.resolve("tampered.tar"), tampered);
        DigestMismatchException mismatch = assertThrows(DigestMismatchException.class,
                () -> new ArtifactArchive(target).load(wrongDigest, false));
        assertTrue(mismatch.getMessage().contains("expected " + mismatch.expected() + ", got " + mismatch.actual()));
        assertEquals(before, snapshot(target.root()));

        Path notTar = Files.writeString(work.resolve("not.tar"), "this is not a tar archive at all".repeat(40));
        assertRefused(target, before, () -> new ArtifactArchive(target).load(notTar, false), "not a tar archive");
    }

    private void assertRefused(LocalCatalog target, Map<String, Digest> before, org.junit.jupiter.api.function.Executable load,
            String expected) throws Exception {
        Exception e = assertThrows(Exception.class, load);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(before, snapshot(target.root()), "the catalog folder is unchanged");
    }

    /** Every file of a catalog (but its lock file and empty temporary folder) with a hash of its content. */
    private static Map<String, Digest> snapshot(Path root) throws Exception {
        Map<String, Digest> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                String relative = root.relativize(file).toString();
                if (!relative.equals(".scafctl-catalog.lock")) {
                    files.put(relative, Digest.of(Files.readAllBytes(file)));
                }
            }
        }
        return files;
    }

    private Path tarWith(String name, byte[] content, char type) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter tar = new TarWriter(out, 0);
        tar.file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        int header = out.size();
        tar.file(name, content);
        tar.close();
        byte[] bytes = out.toByteArray();
        bytes[header + 156] = (byte) type; // turn the regular file into a link or device
        long checksum = 0;
        for (int i = 0; i < 512; i++) {
            checksum += (i >= 148 && i < 156) ? ' ' : bytes[header + i] & 0xff;
        }
        byte[] octal = String.format("%06o\0 ", checksum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(octal, 0, bytes, header + 148, 8);
        return Files.write(Files.createTempFile(work, "hostile", ".tar"), bytes);
    }

    private static List<String> entryNames(Path tar) throws Exception {
        List<String> names = new java.util.ArrayList<>();
        try (var in = Files.newInputStream(tar)) {
            TarReader reader = new TarReader(in, tar.toString());
            for (var entry = reader.next(); entry.isPresent(); entry = reader.next()) {
                names.add(entry.get().name());
            }
        }
        return names;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
