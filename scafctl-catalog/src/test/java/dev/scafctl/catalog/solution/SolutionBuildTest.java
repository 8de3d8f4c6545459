package dev.scafctl.catalog.solution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.BuildTimestamp;
import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.archive.TarReader;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.ImageManifest;
import dev.scafctl.catalog.oci.MediaTypes;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SolutionBuildTest {

    @TempDir
    Path work;

    private Path write(String relative, String content) throws Exception {
        Path file = work.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private Path bundlingExample() throws Exception {
        write("app/templates/deployment.yaml", "kind: Deployment\n");
        write("app/templates/unused.yaml", "not referenced\n");
        write("app/configs/dev.yaml", "env: dev\n");
        write("app/configs/nested/prod.yaml", "env: prod\n");
        write("app/configs/test_test.yaml", "excluded\n");
        write("app/configs/secret.yaml", "ignored by .scafctlignore\n");
        write("app/.scafctlignore", "# comments are fine\nsecret.yaml\n");
        return write("app/solution.yaml", """
                apiVersion: scafctl.io/v1
                kind: Solution
                metadata:
                  name: bundling-example
                  version: 1.0.0
                  description: Bundles files
                  tags: [bundling, catalog]
                bundle:
                  include:
                    - "configs/**/*.yaml"
                  exclude:
                    - "**/*_test.yaml"
                spec:
                  resolvers:
                    deployment-template:
                      resolve:
                        with:
                          - provider: file
                            inputs:
                              path: templates/deployment.yaml
                    dynamic:
                      resolve:
                        with:
                          - provider: file
                            inputs:
                              path:
                                expr: "'configs/' + _.environment + '.yaml'"
                """);
    }

    private BuiltSolution build(Path solution, LocalCatalog catalog) {
        SolutionBuild.Prepared prepared = SolutionBuild.prepare(SolutionDocument.read(solution), catalog);
        return new SolutionImageBuilder(catalog).build(new SolutionImageBuilder.Request(prepared.solution(), null,
                BuildTimestamp.parse("2026-01-01T00:00:00Z"), false, 50 << 20, List.of()), prepared.files(), prepared.vendored(),
                prepared.composed(), prepared.plugins());
    }

    @Test
    void bundlesReferencedAndIncludedFilesLessIgnoredOnes() throws Exception {
        LocalCatalog catalog = LocalCatalog.open(work.resolve("catalog"));
        BuiltSolution built = build(bundlingExample(), catalog);

        assertEquals(List.of("configs/dev.yaml", "configs/nested/prod.yaml", "templates/deployment.yaml"),
                built.files().stream().map(BundleFile::path).toList());
        ImageManifest manifest = ImageManifest.parse(catalog.readBlob(built.manifest().digest()), "manifest");
        assertEquals("application/vnd.scafctl.solution.v1+yaml", manifest.layers().get(0).mediaType());
        assertEquals(MediaTypes.SOLUTION_BUNDLE, manifest.layers().get(1).mediaType());
        assertEquals("application/vnd.scafctl.solution.config.v1+json", manifest.config().mediaType());
        assertEquals("bundling,catalog", manifest.annotations().get("dev.scafctl.solution.tags"));
        assertArrayEquals(Files.readAllBytes(work.resolve("app/solution.yaml")), catalog.readBlob(manifest.layers().get(0).digest()),
                "an uncomposed solution is stored as written");

        List<String> entries = new ArrayList<>();
        TarReader tar = new TarReader(new ByteArrayInputStream(catalog.readBlob(manifest.layers().get(1).digest())), "bundle");
        for (var entry = tar.next(); entry.isPresent(); entry = tar.next()) {
            entries.add(entry.get().name());
        }
        assertEquals(List.of(".scafctl/bundle-manifest.json", "configs/dev.yaml", "configs/nested/prod.yaml",
                "templates/deployment.yaml"), entries);
        Descriptor entry = catalog.resolve("solution/bundling-example:1.0.0").orElseThrow();
        assertEquals(built.manifest().digest(), entry.digest());
    }

    @Test
    void theSameInputsGiveTheSameManifestDigest() throws Exception {
        Path solution = bundlingExample();
        BuiltSolution first = build(solution, LocalCatalog.open(work.resolve("one")));
        BuiltSolution second = build(solution, LocalCatalog.open(work.resolve("two")));
        assertEquals(first.manifest().digest(), second.manifest().digest());
    }

    @Test
    void composeMergesPartsAndRefusesADuplicateResolver() throws Exception {
        write("c/parts/resolvers.yaml", "spec:\n  resolvers:\n    app_name:\n      resolve: {with: [{provider: static}]}\n");
        write("c/parts/workflow.yaml", "spec:\n  workflow:\n    actions:\n      greet: {provider: message}\n");
        Path solution = write("c/solution.yaml", "kind: Solution\nmetadata:\n  name: compose-demo\n  version: 1.0.0\n"
                + "compose:\n  - parts/*.yaml\nspec:\n  resolvers:\n    environment:\n      resolve: {with: [{provider: static}]}\n");
        LocalCatalog catalog = LocalCatalog.open(work.resolve("catalog"));
        BuiltSolution built = build(solution, catalog);
        assertEquals(2, built.composed().size());
        ImageManifest manifest = ImageManifest.parse(catalog.readBlob(built.manifest().digest()), "manifest");
        String stored = new String(catalog.readBlob(manifest.layers().get(0).digest()), StandardCharsets.UTF_8);
        assertTrue(stored.contains("app_name") && stored.contains("environment") && stored.contains("greet"), stored);
        assertFalse(stored.contains("compose:"), stored);

        write("c/parts/again.yaml", "spec:\n  resolvers:\n    environment:\n      resolve: {}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SolutionBuild.prepare(SolutionDocument.read(solution), catalog));
        assertEquals(work.resolve("c/parts/again.yaml") + ":3:5: spec.resolvers.environment duplicate resolver \"environment\":"
                + " defined in both solution.yaml and parts/again.yaml", e.getMessage());
    }

    @Test
    void includesThatAreMissingEscapingOrAbsoluteAreRefusedWithTheirLine() throws Exception {
        LocalCatalog catalog = LocalCatalog.open(work.resolve("catalog"));
        Path missing = write("m/solution.yaml", "metadata:\n  name: m\n  version: 1.0.0\nbundle:\n  include:\n    - nothing.yaml\n");
        assertEquals(missing + ":6:7: bundle.include[0] file not found: nothing.yaml",
                assertThrows(InvalidInputException.class, () -> SolutionBuild.prepare(SolutionDocument.read(missing), catalog)).getMessage());
        write("outside.yaml", "x");
        Path escaping = write("e/solution.yaml", "metadata:\n  name: e\n  version: 1.0.0\nbundle:\n  include:\n    - ../outside.yaml\n");
        assertEquals(escaping + ":6:7: bundle.include[0] path escapes bundle root: ../outside.yaml",
                assertThrows(InvalidInputException.class, () -> SolutionBuild.prepare(SolutionDocument.read(escaping), catalog)).getMessage());
        Path absolute = write("a/solution.yaml", "metadata:\n  name: a\n  version: 1.0.0\nbundle:\n  include:\n    - /etc/hosts\n");
        assertTrue(assertThrows(InvalidInputException.class, () -> SolutionBuild.prepare(SolutionDocument.read(absolute), catalog)).getMessage()
                .endsWith("absolute path not allowed in bundle: /etc/hosts"));
        Path linked = write("l/solution.yaml", "metadata:\n  name: l\n  version: 1.0.0\nbundle:\n  include:\n    - link.yaml\n");
        Files.createSymbolicLink(work.resolve("l/link.yaml"), work.resolve("outside.yaml"));
        assertTrue(assertThrows(InvalidInputException.class, () -> SolutionBuild.prepare(SolutionDocument.read(linked), catalog)).getMessage()
                .contains("symlink escapes bundle root: link.yaml -> "));
    }

    @Test
    void catalogDependenciesAreVendoredAndCyclesAreNamed() throws Exception {
        LocalCatalog catalog = LocalCatalog.open(work.resolve("catalog"));
        build(write("a1/solution.yaml", "metadata:\n  name: lib-a\n  version: 1.0.0\nspec:\n  resolvers: {}\n"), catalog);
        build(write("b1/solution.yaml", dependsOn("lib-b", "1.0.0", "lib-a@^1")), catalog);

        BuiltSolution app = build(write("app/solution.yaml", dependsOn("app", "1.0.0", "lib-b@^1")), catalog);
        assertEquals(List.of(".scafctl/vendor/lib-a@1.0.0.yaml", ".scafctl/vendor/lib-b@1.0.0.yaml"),
                app.files().stream().map(BundleFile::path).toList());
        assertEquals(List.of("lib-b@^1", "lib-a@1.0.0"), app.vendored().stream().map(VendoredSolution::ref).toList(),
                "lib-b's own copy names lib-a@1.0.0 exactly");
        ImageManifest manifest = ImageManifest.parse(catalog.readBlob(app.manifest().digest()), "manifest");
        String stored = new String(catalog.readBlob(manifest.layers().get(0).digest()), StandardCharsets.UTF_8);
        assertTrue(stored.contains("source: \".scafctl/vendor/lib-b@1.0.0.yaml\""), stored);

        Path cyclic = write("a2/solution.yaml", dependsOn("lib-a", "1.1.0", "lib-b@^1"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SolutionBuild.prepare(SolutionDocument.read(cyclic), catalog));
        assertEquals("circular solution dependency: lib-a@1.1.0 -> lib-b@1.0.0 -> lib-a@1.0.0", e.getMessage());
    }

    /**
     * Issue 17, point 8: a solution scafctl built (its default v2 bundle, pkg/catalog/local.go StoreDedup) is vendored
     * like ours, from its YAML layer 0.
     */
    @Test
    void aSolutionScafctlBuiltIsVendored() throws Exception {
        LocalCatalog catalog = LocalCatalog.open(work.resolve("catalog"));
        dev.scafctl.catalog.testing.ScafctlBuiltSolution.store(catalog, "their-lib", "2.1.0",
                "apiVersion: scafctl.io/v1\nkind: Solution\nmetadata:\n  name: their-lib\n  version: 2.1.0\nspec:\n  resolvers: {}\n");
        BuiltSolution app = build(write("v2app/solution.yaml", dependsOn("app", "1.0.0", "their-lib@^2")), catalog);
        assertEquals(List.of(".scafctl/vendor/their-lib@2.1.0.yaml"), app.files().stream().map(BundleFile::path).toList());
        assertEquals("2.1.0", app.vendored().get(0).resolvedVersion());
    }

    @Test
    void aBundleOverTheLimitIsRefused() throws Exception {
        Path solution = bundlingExample();
        SolutionBuild.Prepared prepared = SolutionBuild.prepare(SolutionDocument.read(solution), LocalCatalog.open(work.resolve("catalog")));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new SolutionImageBuilder(
                LocalCatalog.open(work.resolve("catalog"))).build(new SolutionImageBuilder.Request(prepared.solution(), null,
                BuildTimestamp.EPOCH, false, 10, List.of()), prepared.files(), prepared.vendored(), prepared.composed(), prepared.plugins()));
        assertTrue(e.getMessage().startsWith("bundle exceeds maximum size limit ("), e.getMessage());
    }

    private static String dependsOn(String name, String version, String ref) {
        return "metadata:\n  name: " + name + "\n  version: " + version + "\nspec:\n  workflow:\n    actions:\n      use:\n"
                + "        provider: solution\n        inputs:\n          source: \"" + ref + "\"\n";
    }

}
