package dev.scafctl.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.inspect.Output;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoalOutputTest {

    @TempDir
    Path folder;

    private final List<String> log = new ArrayList<>();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    @Test
    void aDocumentGoesAloneToStandardOutput() throws Exception {
        GoalOutput output = GoalOutput.of("json", null, folder, log::add);
        output.document(tree(), new PrintStream(stdout, true, StandardCharsets.UTF_8), log::add);
        assertEquals("{\"artifacts\":[\"a\",\"b\"],\"catalog\":\"local\"}\n", stdout.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), log, "nothing in the log");
    }

    @Test
    void yamlToo() throws Exception {
        GoalOutput.of("YAML", null, folder, log::add)
                .document(tree(), new PrintStream(stdout, true, StandardCharsets.UTF_8), log::add);
        String yaml = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(yaml.startsWith("catalog: \"local\"\nartifacts:\n") || yaml.startsWith("catalog: local\nartifacts:\n"), yaml);
        assertEquals(List.of(), log);
    }

    @Test
    void withAnOutputFileTheDocumentGoesThereAndStandardOutputStaysEmpty() throws Exception {
        GoalOutput output = GoalOutput.of("json", "out/list.json", folder, log::add);
        Files.createDirectories(folder.resolve("out"));
        output.document(tree(), new PrintStream(stdout, true, StandardCharsets.UTF_8), log::add);
        assertEquals("{\"artifacts\":[\"a\",\"b\"],\"catalog\":\"local\"}\n", Files.readString(folder.resolve("out/list.json")));
        assertEquals(0, stdout.size());
        assertEquals(List.of("Wrote json to " + folder.resolve("out/list.json")), log);
    }

    @Test
    void aTableGoesToTheLogOrTheFile() throws Exception {
        GoalOutput.of("table", null, folder, log::add).table(List.of("NAME", "a"), log::add);
        assertEquals(List.of("NAME", "a"), log);
        log.clear();
        GoalOutput.of(null, "table.txt", folder, log::add).table(List.of("NAME", "a"), log::add);
        assertEquals("NAME\na\n", Files.readString(folder.resolve("table.txt")));
        assertEquals(List.of("Wrote the table to " + folder.resolve("table.txt")), log);
    }

    @Test
    void theOldSpellingOfTheFormatStillWorksWithAWarningNamingTheNewOne() throws Exception {
        GoalOutput output = GoalOutput.of("table", "json", folder, log::add);
        assertEquals(new GoalOutput(Output.JSON, Optional.empty()), output);
        assertEquals(1, log.size());
        assertTrue(log.get(0).contains("-Dscafctl.output=json") && log.get(0).contains("deprecated")
                && log.get(0).contains("use -Dscafctl.format=json"), log.get(0));
    }

    @Test
    void aFormatGivenTwiceDifferentlyIsRefused() {
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> GoalOutput.of("yaml", "json", folder, log::add));
        assertTrue(e.getMessage().startsWith("Invalid <output> (scafctl.output): \"json\" is a format"), e.getMessage());
    }

    @Test
    void anUnknownFormatNamesTheParameter() {
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> GoalOutput.of("xml", null, folder, log::add));
        assertEquals("Invalid <format> (scafctl.format): unknown format \"xml\"; use table, json or yaml", e.getMessage());
    }

    private static Map<String, Object> tree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("catalog", "local");
        tree.put("artifacts", List.of("a", "b"));
        return tree;
    }
}
