package dev.scafctl.catalog.solution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.PluginRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SolutionPluginsTest {

    @TempDir
    Path dir;

    @Test
    void readsBundlePluginsInScafctlsShape() throws Exception {
        Path solution = write("""
                apiVersion: scafctl.io/v1
                kind: Solution
                metadata:
                  name: auto-fetch-demo
                  version: 1.0.0
                bundle:
                  plugins:
                    - name: echo-provider
                      kind: provider
                      version: "^1.0.0"
                      defaults:
                        prefix: "[demo]"
                    - name: github-auth
                      kind: auth-handler
                      version: ">=2.0.0 <3"
                    - name: anything
                      kind: provider
                spec:
                  resolvers: {}
                """);
        List<PluginRequirement> plugins = SolutionDocument.readPlugins(solution).plugins();
        assertEquals(3, plugins.size());
        assertEquals("echo-provider@^1.0.0 (provider)", plugins.get(0).toString());
        assertEquals(ArtifactKind.AUTH_HANDLER, plugins.get(1).kind());
        assertEquals("latest", plugins.get(2).constraint().toString(), "no version means any");
    }

    @Test
    void aSolutionWithoutPluginsHasNone() throws Exception {
        assertEquals(List.of(), SolutionDocument.readPlugins(write("kind: Solution\nmetadata:\n  name: x\n")).plugins());
    }

    @Test
    void errorsNameFileLineColumnAndField() throws Exception {
        Path badKind = write("bundle:\n  plugins:\n    - name: p\n      kind: widget\n      version: 1.0.0\n");
        assertEquals(badKind + ":4:13: bundle.plugins[0].kind is invalid: invalid kind \"widget\" for a plugin; must be"
                + " 'provider' or 'auth-handler'", assertThrows(InvalidInputException.class, () -> SolutionDocument.readPlugins(badKind).plugins())
                .getMessage());

        Path badConstraint = write("bundle:\n  plugins:\n    - name: p\n      kind: provider\n      version: \"^^1\"\n");
        String message = assertThrows(InvalidInputException.class, () -> SolutionDocument.readPlugins(badConstraint).plugins()).getMessage();
        assertEquals(true, message.startsWith(badConstraint + ":5:16: bundle.plugins[0].version is invalid: invalid version"
                + " constraint \"^^1\""), message);

        Path noName = write("bundle:\n  plugins:\n    - kind: provider\n");
        assertEquals(noName + ": bundle.plugins[0].name is required",
                assertThrows(InvalidInputException.class, () -> SolutionDocument.readPlugins(noName).plugins()).getMessage());

        Path twice = write("bundle:\n  plugins:\n    - {name: p, kind: provider}\n    - {name: p, kind: provider}\n");
        assertEquals(twice + ":4:14: bundle.plugins[1].name declares provider \"p\" a second time",
                assertThrows(InvalidInputException.class, () -> SolutionDocument.readPlugins(twice).plugins()).getMessage());

        Path malformed = write("bundle:\n  plugins: [\n");
        assertEquals(true, assertThrows(InvalidInputException.class, () -> SolutionDocument.readPlugins(malformed).plugins()).getMessage()
                .startsWith(malformed + ":3:1: malformed YAML"));
    }

    @Test
    void atMostFiftyPlugins() throws Exception {
        StringBuilder yaml = new StringBuilder("bundle:\n  plugins:\n");
        for (int i = 0; i < 51; i++) {
            yaml.append("    - {name: p").append(i).append(", kind: provider}\n");
        }
        Path many = write(yaml.toString());
        assertEquals(many + ":3:5: bundle.plugins declares 51 plugins; at most 50 are allowed",
                assertThrows(InvalidInputException.class, () -> SolutionDocument.readPlugins(many).plugins()).getMessage());
    }

    @Test
    void anUnknownKeyInAPluginEntryIsAnErrorWithWhatWasMeant() throws Exception {
        Path constraint = write("bundle:\n  plugins:\n    - name: p\n      kind: provider\n      constraint: ^1.0.0\n");
        assertEquals(constraint + ":5:19: bundle.plugins[0].constraint is not a key of a plugin entry (name, kind, version,"
                + " defaults); did you mean \"version\"?",
                assertThrows(InvalidInputException.class, () -> SolutionDocument.readPlugins(constraint).plugins()).getMessage());

        Path typo = write("bundle:\n  plugins:\n    - {name: p, kidn: provider}\n");
        assertEquals(typo + ":3:23: bundle.plugins[0].kidn is not a key of a plugin entry (name, kind, version, defaults);"
                + " did you mean \"kind\"?", assertThrows(InvalidInputException.class, () -> SolutionDocument.readPlugins(typo).plugins()).getMessage());
    }

    @Test
    void nearMissesOfKeysScafctlReadsAreWarnedWithTheirLine() throws Exception {
        Path bundel = write("metadata:\n  name: x\nbundel:\n  plugins:\n    - {name: p, kind: provider}\nextra: mine\n");
        assertEquals(List.of(), SolutionDocument.readPlugins(bundel).plugins(), "scafctl reads no plugins from it either");
        assertEquals(List.of(bundel + ":4:3: \"bundel\" is not a top-level key scafctl reads, so it is ignored; did you mean"
                + " \"bundle\"?"), SolutionDocument.readPlugins(bundel).nearMisses(), "extra is no near miss of anything");

        Path plugin = write("bundle:\n  plugin:\n    - {name: p, kind: provider}\n");
        assertEquals(List.of(plugin + ":3:5: \"plugin\" is not a key of bundle scafctl reads, so it is ignored; did you mean"
                + " \"plugins\"?"), SolutionDocument.readPlugins(plugin).nearMisses());
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(Files.createTempFile(dir, "solution", ".yaml"), yaml);
    }
}
