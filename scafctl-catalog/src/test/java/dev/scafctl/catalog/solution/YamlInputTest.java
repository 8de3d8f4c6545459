package dev.scafctl.catalog.solution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.BuildTimestamp;
import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.lock.LockFile;
import dev.scafctl.catalog.oci.ImageManifest;
import dev.scafctl.catalog.yaml.YamlNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** YAML the user wrote keeps its meaning when stored, and hostile or mistaken YAML gets an error naming file and line. */
class YamlInputTest {

    @TempDir
    Path work;

    private Path write(String relative, String content) throws Exception {
        Path file = work.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> meaning(String yaml) {
        // YAML 1.2 core schema, as scafctl (Go yaml.v3) reads it
        return (Map<String, Object>) new Load(LoadSettings.builder().setSchema(new org.snakeyaml.engine.v2.schema.CoreSchema())
                .build()).loadFromString(yaml);
    }

    @Test
    void aliasesKeepTheirMeaningInTheStoredSolution() throws Exception {
        write("app/part.yaml", """
                spec:
                  resolvers:
                    third:
                      resolve:
                        with:
                          - provider: static
                            inputs: {value: x}
                """);
        Path solution = write("app/solution.yaml", """
                apiVersion: scafctl.io/v1
                kind: Solution
                metadata:
                  name: aliased
                  version: 1.0.0
                compose:
                  - part.yaml
                spec:
                  resolvers:
                    first: &shared
                      resolve:
                        with:
                          - provider: static
                            inputs: {value: [1, 2.5, true, null, "1.0", 0x1F, "true", "null", "0x1F", "~", ""]}
                    second: *shared
                """);
        LocalCatalog catalog = LocalCatalog.open(work.resolve("catalog"));
        SolutionBuild.Prepared prepared = SolutionBuild.prepare(SolutionDocument.read(solution), catalog);
        BuiltSolution built = new SolutionImageBuilder(catalog).build(new SolutionImageBuilder.Request(prepared.solution(), null,
                BuildTimestamp.parse("2026-01-01T00:00:00Z"), false, 50 << 20, List.of()), prepared.files(), prepared.vendored(),
                prepared.composed(), prepared.plugins());
        ImageManifest manifest = ImageManifest.parse(catalog.readBlob(built.manifest().digest()), "manifest");
        String stored = new String(catalog.readBlob(manifest.layers().get(0).digest()), StandardCharsets.UTF_8);

        Map<String, Object> input = meaning(Files.readString(solution));
        Map<String, Object> output = meaning(stored);
        Map<String, Object> inputResolvers = (Map<String, Object>) ((Map<String, Object>) input.get("spec")).get("resolvers");
        Map<String, Object> storedResolvers = (Map<String, Object>) ((Map<String, Object>) output.get("spec")).get("resolvers");
        assertEquals(inputResolvers.get("first"), storedResolvers.get("first"), stored);
        assertEquals(inputResolvers.get("first"), storedResolvers.get("second"), "the alias, not its anchor's name: " + stored);
        assertEquals(input.get("metadata"), output.get("metadata"));
        assertTrue(storedResolvers.containsKey("third"), "composed: " + stored);
    }

    private static String nested(int depth) {
        return "a: " + "[".repeat(depth) + "]".repeat(depth) + "\n";
    }

    @Test
    void deepNestingIsACleanErrorNamingTheFile() throws Exception {
        Path solution = write("deep/solution.yaml", "apiVersion: scafctl.io/v1\nkind: Solution\nmetadata:\n  name: deep\nspec:\n  "
                + nested(10_000));
        InvalidInputException inSolution = assertThrows(InvalidInputException.class, () -> SolutionDocument.read(solution));
        assertTrue(inSolution.getMessage().startsWith(solution + ":6:") && inSolution.getMessage().contains("deeper than 200"),
                inSolution.getMessage());

        Path lock = write("deep/" + LockFile.FILE_NAME, nested(5_000));
        InvalidInputException inLock = assertThrows(InvalidInputException.class, () -> LockFile.read(lock));
        assertTrue(inLock.getMessage().startsWith(lock.toString()), inLock.getMessage());

        Path config = write("deep/config.yaml", "catalogs:\n  " + nested(1_000));
        InvalidInputException inConfig = assertThrows(InvalidInputException.class, () -> YamlNode.read(config));
        assertTrue(inConfig.getMessage().startsWith(config.toString()), inConfig.getMessage());

        YamlNode.read(write("deep/fine.yaml", nested(150)));
    }

    @Test
    void aliasesThatExpandPastTheBoundAreRefusedQuickly() throws Exception {
        StringBuilder yaml = new StringBuilder("big: &big \"").append("x".repeat(1 << 20)).append("\"\nmany:\n");
        for (int i = 0; i < 20_000; i++) {
            yaml.append("  - *big\n");
        }
        Path file = write("laughs/solution.yaml", yaml.toString());
        InvalidInputException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(InvalidInputException.class, () -> SolutionDocument.read(file)));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("aliases expand"), e.getMessage());
    }

    @Test
    void duplicateKeysAreAnErrorNamingLineAndField() throws Exception {
        String head = "apiVersion: scafctl.io/v1\nkind: Solution\n";
        Path metadataTwice = write("dup1/solution.yaml", head + "metadata:\n  name: one\nmetadata:\n  name: two\n");
        InvalidInputException first = assertThrows(InvalidInputException.class, () -> SolutionDocument.read(metadataTwice));
        assertEquals(metadataTwice + ":5:1: metadata appears twice in one mapping (first at line 3); YAML requires unique"
                + " keys, remove one", first.getMessage());

        Path nameTwice = write("dup2/solution.yaml", head + "metadata:\n  name: one\n  name: two\n");
        InvalidInputException second = assertThrows(InvalidInputException.class, () -> SolutionDocument.read(nameTwice));
        assertTrue(second.getMessage().startsWith(nameTwice + ":5:3: metadata.name appears twice"), second.getMessage());

        Path bundleTwice = write("dup3/solution.yaml", head + "metadata:\n  name: one\nbundle: {}\nbundle:\n  include: [a]\n");
        InvalidInputException third = assertThrows(InvalidInputException.class, () -> SolutionDocument.read(bundleTwice));
        assertTrue(third.getMessage().startsWith(bundleTwice + ":6:1: bundle appears twice"), third.getMessage());
    }

    @Test
    void aLockPathThatIsAFolderIsAnError() throws Exception {
        Path solution = write("folder-lock/solution.yaml", "apiVersion: scafctl.io/v1\nkind: Solution\nmetadata:\n  name: x\n");
        Files.createDirectories(solution.resolveSibling(LockFile.FILE_NAME));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LockFile.findBeside(solution));
        assertTrue(e.getMessage().contains(LockFile.FILE_NAME + " is a folder, not a lock file"), e.getMessage());
    }
}
