package dev.scafctl.catalog.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.artifact.ArtifactExistsException;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.local.TagOutcome;
import dev.scafctl.catalog.oci.Annotations;
import dev.scafctl.catalog.oci.CanonicalJson;
import dev.scafctl.catalog.oci.JsonValue;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.ImageIndex;
import dev.scafctl.catalog.oci.ImageManifest;
import dev.scafctl.catalog.oci.MediaTypes;
import dev.scafctl.catalog.protocol.PluginMetadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginImageBuilderTest {

    @TempDir
    Path dir;

    @Test
    void providerNamesFromThePluginCheckAreAnnotatedOnTheIndexAndEveryManifest() {
        LocalCatalog catalog = LocalCatalog.open(dir.resolve("catalog"));
        List<String> binaries = PluginFixtures.binaries(dir.resolve("dist"), "named", Platform.SUPPORTED);
        PluginBuildRequest plain = PluginFixtures.provider("named", "1.0.0", binaries, dir);
        PluginBuildRequest request = new PluginBuildRequest(plain.reference(), plain.binaries(), plain.created(), false,
                Optional.of(new PluginMetadata(ArtifactKind.PROVIDER, List.of("http", "echo", "aws-s3"))));

        BuiltPlugin built = new PluginImageBuilder(catalog).build(request);

        assertEquals("aws-s3,echo,http", built.index().annotation(Annotations.PROVIDER_NAMES));
        ImageIndex index = ImageIndex.parse(catalog.readBlob(built.index().digest()), "index");
        assertEquals("aws-s3,echo,http", index.annotations().get(Annotations.PROVIDER_NAMES));
        for (Descriptor manifest : index.manifests()) {
            assertEquals("aws-s3,echo,http", manifest.annotation(Annotations.PROVIDER_NAMES));
            assertEquals("aws-s3,echo,http", ImageManifest.parse(catalog.readBlob(manifest.digest()), "manifest")
                    .annotations().get(Annotations.PROVIDER_NAMES));
        }
        BuiltPlugin again = new PluginImageBuilder(LocalCatalog.open(dir.resolve("other"))).build(request);
        assertEquals(built.index().digest(), again.index().digest(), "the names keep the build reproducible");
    }

    @Test
    void buildsAnImageIndexWithOneManifestPerPlatformInScafctlsFormat() {
        LocalCatalog catalog = LocalCatalog.open(dir.resolve("catalog"));
        List<String> binaries = PluginFixtures.binaries(dir.resolve("dist"), "my-provider", Platform.SUPPORTED);
        BuiltPlugin built = new PluginImageBuilder(catalog).build(PluginFixtures.provider("my-provider", "v1.0", binaries, dir));

        Descriptor entry = catalog.resolve("provider/my-provider:1.0.0").orElseThrow();
        assertEquals(built.index().digest(), entry.digest());
        assertEquals(MediaTypes.IMAGE_INDEX, entry.mediaType());
        Map<String, String> artifactAnnotations = Map.of(
                Annotations.ARTIFACT_TYPE, "provider",
                Annotations.ARTIFACT_NAME, "my-provider",
                Annotations.VERSION, "1.0.0",
                Annotations.CREATED, "2026-11-21T00:00:00Z");
        Map<String, String> entryAnnotations = new java.util.TreeMap<>(artifactAnnotations);
        entryAnnotations.put(Annotations.REF_NAME, "provider/my-provider:1.0.0");
        assertEquals(entryAnnotations, entry.annotations());

        byte[] indexJson = catalog.readBlob(entry.digest());
        assertCanonical(indexJson);
        JsonValue indexNode = CanonicalJson.read(indexJson, "index");
        assertEquals(2L, indexNode.path("schemaVersion").asLong());
        assertEquals(MediaTypes.IMAGE_INDEX, indexNode.path("mediaType").asString());
        ImageIndex index = ImageIndex.parse(indexJson, "index");
        assertEquals(artifactAnnotations, index.annotations());
        assertEquals(Platform.SUPPORTED, index.manifests().stream().map(Descriptor::platform).toList());

        for (Descriptor manifestDescriptor : index.manifests()) {
            String platform = manifestDescriptor.platform().toString();
            assertEquals(MediaTypes.IMAGE_MANIFEST, manifestDescriptor.mediaType());
            assertEquals(platform, manifestDescriptor.annotation(Annotations.PLUGIN_PLATFORM));

            byte[] manifestJson = catalog.readBlob(manifestDescriptor.digest());
            assertCanonical(manifestJson);
            ImageManifest manifest = ImageManifest.parse(manifestJson, platform);
            assertEquals(manifestDescriptor.annotations(), manifest.annotations());
            assertEquals(5, manifest.annotations().size());

            assertEquals("application/vnd.scafctl.provider.config.v1+json", manifest.config().mediaType());
            String expectedConfig = "{\"createdAt\":\"2026-11-21T00:00:00Z\",\"kind\":\"provider\",\"name\":\"my-provider\","
                    + "\"platform\":\"" + platform + "\",\"version\":\"1.0.0\"}";
            assertEquals(expectedConfig, new String(catalog.readBlob(manifest.config().digest()), StandardCharsets.UTF_8));

            Descriptor layer = manifest.layers().get(0);
            assertEquals(1, manifest.layers().size());
            assertEquals("application/vnd.scafctl.provider.v1+binary", layer.mediaType());
            Path source = dir.resolve("dist/my-provider-" + platform.replace('/', '-'));
            assertEquals(Digest.of(readAll(source)), layer.digest());
            assertEquals(source.toFile().length(), layer.size());
        }
    }

    @Test
    void authHandlersGetTheirOwnMediaTypes() {
        LocalCatalog catalog = LocalCatalog.open(dir.resolve("catalog"));
        List<String> binaries = PluginFixtures.binaries(dir.resolve("dist"), "github-auth",
                List.of(Platform.parseSupported("linux/amd64")));
        BuiltPlugin built = new PluginImageBuilder(catalog).build(
                PluginFixtures.request(ArtifactKind.AUTH_HANDLER, "github-auth", "2.0.0", binaries, dir, false));

        assertEquals("auth-handler/github-auth:2.0.0", built.reference().localRefName());
        ImageManifest manifest = ImageManifest.parse(catalog.readBlob(built.platforms().get(0).manifest().digest()), "m");
        assertEquals("application/vnd.scafctl.auth-handler.config.v1+json", manifest.config().mediaType());
        assertEquals("application/vnd.scafctl.auth-handler.v1+binary", manifest.layers().get(0).mediaType());
        assertEquals("auth-handler", manifest.annotations().get(Annotations.ARTIFACT_TYPE));
    }

    @Test
    void identicalBinariesAreStoredOnce() throws Exception {
        LocalCatalog catalog = LocalCatalog.open(dir.resolve("catalog"));
        Files.createDirectories(dir.resolve("dist"));
        Files.writeString(dir.resolve("dist/script"), "#!/bin/sh\necho same everywhere\n");
        BuiltPlugin built = new PluginImageBuilder(catalog).build(PluginFixtures.provider("script", "1.0.0",
                List.of("linux/amd64=dist/script", "darwin/arm64=dist/script", "linux/arm64=dist/script"), dir));

        assertEquals(1, built.platforms().stream().map(p -> p.binary().digest()).distinct().count());
        // one binary, three configs, three manifests, one index
        assertEquals(8, blobCount(catalog));
    }

    @Test
    void sameInputsGiveByteIdenticalOutputWhateverTheOrderOfPlatforms() {
        List<String> binaries = PluginFixtures.binaries(dir.resolve("dist"), "my-provider", Platform.SUPPORTED);
        List<String> shuffled = new ArrayList<>(binaries);
        Collections.reverse(shuffled);

        LocalCatalog first = LocalCatalog.open(dir.resolve("first"));
        LocalCatalog second = LocalCatalog.open(dir.resolve("second"));
        BuiltPlugin a = new PluginImageBuilder(first).build(PluginFixtures.provider("my-provider", "1.0.0", binaries, dir));
        BuiltPlugin b = new PluginImageBuilder(second).build(PluginFixtures.provider("my-provider", "1.0.0", shuffled, dir));

        assertEquals(a.index().digest(), b.index().digest());
        assertArrayEquals(first.readBlob(a.index().digest()), second.readBlob(b.index().digest()));
        assertEquals(blobCount(first), blobCount(second));
    }

    @Test
    void theBuildTimestampIsTheOnlyTimeWritten() {
        LocalCatalog catalog = LocalCatalog.open(dir.resolve("catalog"));
        List<String> binaries = PluginFixtures.binaries(dir.resolve("dist"), "p", List.of(Platform.parseSupported("linux/amd64")));
        PluginBuildRequest request = new PluginBuildRequest(PluginFixtures.provider("p", "1.0.0", binaries, dir).reference(),
                PlatformBinary.parseAll(binaries, dir), dev.scafctl.catalog.BuildTimestamp.parse("1700000000"), false);
        BuiltPlugin built = new PluginImageBuilder(catalog).build(request);

        ImageIndex index = ImageIndex.parse(catalog.readBlob(built.index().digest()), "index");
        assertEquals("2023-11-14T22:13:20Z", index.annotations().get(Annotations.CREATED));
        ImageManifest manifest = ImageManifest.parse(catalog.readBlob(index.manifests().get(0).digest()), "m");
        assertEquals("2023-11-14T22:13:20Z", manifest.annotations().get(Annotations.CREATED));
        String config = new String(catalog.readBlob(manifest.config().digest()), StandardCharsets.UTF_8);
        assertTrue(config.contains("\"createdAt\":\"2023-11-14T22:13:20Z\""), config);
    }

    @Test
    void rebuildingIdenticalContentChangesNothing() {
        LocalCatalog catalog = LocalCatalog.open(dir.resolve("catalog"));
        List<String> binaries = PluginFixtures.binaries(dir.resolve("dist"), "p", Platform.SUPPORTED.subList(0, 2));
        PluginImageBuilder builder = new PluginImageBuilder(catalog);
        assertEquals(TagOutcome.CREATED, builder.build(PluginFixtures.provider("p", "1.0.0", binaries, dir)).outcome());
        assertEquals(TagOutcome.UNCHANGED, builder.build(PluginFixtures.provider("p", "1.0.0", binaries, dir)).outcome());
        assertEquals(1, catalog.entries().size());
    }

    @Test
    void otherContentForAnExistingVersionNeedsForce() {
        LocalCatalog catalog = LocalCatalog.open(dir.resolve("catalog"));
        List<String> two = PluginFixtures.binaries(dir.resolve("dist"), "p", Platform.SUPPORTED.subList(0, 2));
        PluginImageBuilder builder = new PluginImageBuilder(catalog);
        BuiltPlugin first = builder.build(PluginFixtures.provider("p", "1.0.0", two, dir));

        List<String> one = two.subList(0, 1);
        ArtifactExistsException e = assertThrows(ArtifactExistsException.class,
                () -> builder.build(PluginFixtures.provider("p", "1.0.0", one, dir)));
        assertEquals("artifact \"p@1.0.0\" already exists in catalog \"local\" (use force to overwrite)", e.getMessage());
        assertEquals(first.index().digest(), catalog.resolve("provider/p:1.0.0").orElseThrow().digest(),
                "the refused build left the catalog as it was");

        BuiltPlugin forced = builder.build(PluginFixtures.request(ArtifactKind.PROVIDER, "p", "1.0.0", one, dir, true));
        assertEquals(TagOutcome.REPLACED, forced.outcome());
        assertEquals(forced.index().digest(), catalog.resolve("provider/p:1.0.0").orElseThrow().digest());
        assertEquals(1, catalog.entries().size());
    }

    private static long blobCount(LocalCatalog catalog) {
        try (Stream<Path> files = Files.list(catalog.root().resolve("blobs/sha256"))) {
            return files.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Compact, with the keys of every object in sorted order. */
    private static void assertCanonical(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        assertTrue(!text.contains("\n") && !text.contains(": ") && !text.contains(", "), text);
        assertSortedKeys(CanonicalJson.read(json, "json"));
    }

    private static void assertSortedKeys(JsonValue node) {
        List<String> keys = node.properties().stream().map(Map.Entry::getKey).toList();
        List<String> sorted = new ArrayList<>(keys);
        Collections.sort(sorted);
        assertEquals(sorted, keys);
        node.properties().forEach(member -> assertSortedKeys(member.getValue()));
        node.forEach(PluginImageBuilderTest::assertSortedKeys);
    }
}
