package dev.scafctl.catalog.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.artifact.Platform;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ArtifactWalkTest {

    private final Map<Digest, byte[]> store = new HashMap<>();
    private final List<Digest> read = new ArrayList<>();

    private Descriptor blob(String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        store.put(Digest.of(bytes), bytes);
        return Descriptor.of("application/vnd.test.layer", Digest.of(bytes), bytes.length);
    }

    private Descriptor manifest(Descriptor config, Descriptor layer, String platform) {
        byte[] bytes = new ImageManifest(config, List.of(layer), new TreeMap<>()).toJson();
        store.put(Digest.of(bytes), bytes);
        return new Descriptor(MediaTypes.IMAGE_MANIFEST, Digest.of(bytes), bytes.length, new TreeMap<>(),
                platform == null ? null : Platform.parseSupported(platform));
    }

    private Descriptor index(List<Descriptor> children) {
        byte[] bytes = new ImageIndex(children, new TreeMap<>()).toJson();
        store.put(Digest.of(bytes), bytes);
        return Descriptor.of(MediaTypes.IMAGE_INDEX, Digest.of(bytes), bytes.length);
    }

    private ArtifactWalk.Tree walk(Descriptor root) {
        return ArtifactWalk.of(root, store.get(root.digest()), child -> {
            read.add(child.digest());
            byte[] bytes = store.get(child.digest());
            if (bytes == null) {
                throw new CatalogException("missing " + child.digest());
            }
            return bytes;
        });
    }

    @Test
    void anIndexGivesItsManifestsInOrderAndEachBlobOnceWithThePlatformsThatNameIt() {
        Descriptor config = blob("{}"); // one config shared by both platforms
        Descriptor amd = blob("amd64 binary");
        Descriptor arm = blob("arm64 binary");
        Descriptor first = manifest(config, amd, "linux/amd64");
        Descriptor second = manifest(config, arm, "linux/arm64");
        Descriptor root = index(List.of(first, second));

        ArtifactWalk.Tree tree = walk(root);

        assertTrue(tree.isIndex());
        assertEquals(List.of(first.digest(), second.digest()), tree.parts().stream().map(p -> p.descriptor().digest()).toList());
        assertEquals(List.of("linux/amd64", "linux/arm64"), tree.parts().stream().map(ArtifactWalk.Part::platform).toList());
        assertEquals(List.of(config, amd, arm), tree.blobs());
        assertEquals(Set.of("linux/amd64", "linux/arm64"), tree.platformsByBlob().get(config.digest()));
        assertEquals(Set.of("linux/arm64"), tree.platformsByBlob().get(arm.digest()));
        assertEquals(new LinkedHashSet<>(List.of(root.digest(), first.digest(), second.digest(), config.digest(),
                amd.digest(), arm.digest())), tree.digests());
        assertEquals(List.of(first.digest(), second.digest()), read, "only manifests are read, never a layer");
    }

    @Test
    void aSingleManifestIsItsOwnOnlyPart() {
        Descriptor single = manifest(blob("{}"), blob("binary"), null);
        ArtifactWalk.Tree tree = walk(single);
        assertFalse(tree.isIndex());
        assertEquals(1, tree.parts().size());
        assertArrayEquals(store.get(single.digest()), tree.parts().get(0).bytes());
        assertEquals(List.of(), read, "nothing below a manifest is read");
    }

    @Test
    void indexesWithinIndexesAreWalkedAndAManifestListedTwiceIsReadOnce() {
        Descriptor layer = blob("binary");
        Descriptor shared = manifest(blob("{}"), layer, "linux/amd64");
        Descriptor inner = index(List.of(shared));
        Descriptor root = index(List.of(inner, shared));

        ArtifactWalk.Tree tree = walk(root);

        assertEquals(List.of(root.digest(), inner.digest()), tree.indexes().stream().map(i -> i.descriptor().digest()).toList());
        assertEquals(1, tree.parts().size());
        assertEquals(List.of(inner.digest(), shared.digest()), read);
    }

    @Test
    void aPlainBlobListedByAnIndexIsALeafAndIsNotRead() {
        Descriptor loose = blob("a signature, say");
        Descriptor root = index(List.of(manifest(blob("{}"), blob("binary"), "linux/amd64"), loose));
        ArtifactWalk.Tree tree = walk(root);
        assertEquals(List.of(loose), tree.looseBlobs());
        assertTrue(tree.blobs().contains(loose));
        assertFalse(read.contains(loose.digest()));
    }

    @Test
    void aManifestTheSourceLacksFailsTheWalkWithTheSourcesOwnError() {
        Descriptor present = manifest(blob("{}"), blob("binary"), "linux/amd64");
        Descriptor absent = new Descriptor(MediaTypes.IMAGE_MANIFEST, Digest.of(new byte[] {1}), 1, new TreeMap<>(),
                Platform.parseSupported("linux/arm64"));
        Descriptor root = index(List.of(present, absent));
        CatalogException e = assertThrows(CatalogException.class, () -> walk(root));
        assertEquals("missing " + absent.digest(), e.getMessage());
    }
}
