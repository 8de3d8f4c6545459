package dev.scafctl.catalog.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.archive.ArtifactArchive;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.ImageManifest;
import dev.scafctl.catalog.testing.ScafctlBuiltSolution;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, point 8: a solution scafctl built (its default, the deduplicated v2 bundle of pkg/catalog/local.go
 * StoreDedup, no dev.scafctl.solution.requires annotation) is read like ours: inspect and list show it with the
 * plugins its layer 0 declares in bundle.plugins, and save/load carries every layer.
 */
class ScafctlSolutionsTest {

    @TempDir
    Path work;

    private LocalCatalog catalog;
    private Descriptor stored;
    private final ArtifactReference reference = new ArtifactReference(ArtifactKind.SOLUTION, ArtifactName.of("theirs"),
            Version.parse("1.2.0"));

    @BeforeEach
    void storeAScafctlBuiltSolution() {
        catalog = LocalCatalog.open(work.resolve("catalog"));
        stored = ScafctlBuiltSolution.store(catalog, "theirs", "1.2.0", """
                apiVersion: scafctl.io/v1
                kind: Solution
                metadata:
                  name: theirs
                  version: 1.2.0
                bundle:
                  include: ["*.txt"]
                  plugins:
                    - name: echo
                      kind: provider
                      version: "^1.0.0"
                    - name: github-auth
                      kind: auth-handler
                      version: "~2.1.0"
                """);
    }

    @Test
    void inspectShowsThePluginsItsYamlDeclares() {
        ArtifactDescription description = ArtifactInspector.local(catalog, reference);
        assertEquals(List.of("provider/echo@^1.0.0", "auth-handler/github-auth@~2.1.0"), description.plugins());
        assertEquals(stored.digest().toString(), description.digest());
        assertEquals("built", description.annotations().get("dev.scafctl.artifact.origin"));
    }

    @Test
    void listShowsItsVersion() {
        CatalogListing.Artifact listed = CatalogListing.local(catalog, Optional.of(ArtifactKind.SOLUTION)).artifacts().get(0);
        assertEquals("theirs", listed.name());
        assertEquals(List.of("1.2.0"), listed.versions());
    }

    @Test
    void saveAndLoadCarryEveryLayerOfTheV2Bundle() {
        Path tar = work.resolve("theirs.tar");
        new ArtifactArchive(catalog).save(List.of(reference), Set.of(), tar);
        LocalCatalog target = LocalCatalog.open(work.resolve("target"));
        new ArtifactArchive(target).load(tar, false);
        assertEquals(stored.digest(), target.resolve("solution/theirs:1.2.0").orElseThrow().digest());
        ImageManifest manifest = ImageManifest.parse(target.readBlob(stored.digest()), "manifest");
        assertEquals(List.of(ScafctlBuiltSolution.YAML, ScafctlBuiltSolution.BUNDLE_MANIFEST, ScafctlBuiltSolution.SMALL_TAR,
                ScafctlBuiltSolution.BLOB), manifest.layers().stream().map(Descriptor::mediaType).toList());
        for (Descriptor layer : manifest.layers()) {
            assertTrue(target.hasBlob(layer.digest()), layer.mediaType());
        }
        assertTrue(target.hasBlob(manifest.config().digest()));
    }
}
