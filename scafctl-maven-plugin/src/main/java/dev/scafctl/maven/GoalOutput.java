package dev.scafctl.maven;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.inspect.Output;
import dev.scafctl.catalog.local.AtomicFiles;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Where the listing goals ({@code list}, {@code inspect}, {@code list-plugins}) send what they show:
 * {@code scafctl.format} picks a table for people or a JSON / YAML document for scripts. A document goes alone to
 * standard output, not through Maven's log, so {@code mvn -q scafctl:list -Dscafctl.format=json | jq} works (as
 * {@code help:evaluate -DforceStdout} does); with {@code scafctl.output} it goes to that file instead. A table goes
 * to the log, or to the file.
 */
record GoalOutput(Output format, Optional<Path> file) {

    private static final Set<String> FORMAT_NAMES = Set.of("table", "text", "json", "yaml");

    /**
     * The choice made by the {@code format} and {@code output} parameters. Until the next release, an {@code output}
     * that is a format name ({@code -Dscafctl.output=json}, the old spelling) is taken as the format, with a warning
     * naming {@code scafctl.format}.
     */
    static GoalOutput of(String format, String output, Path baseDir, Consumer<String> warn) throws MojoFailureException {
        Output chosen = AbstractScafctlMojo.parameter("format", "scafctl.format", () -> Output.parse(format));
        String fileText = output == null || output.isBlank() ? null : output.strip();
        if (fileText != null && FORMAT_NAMES.contains(fileText.toLowerCase(Locale.ROOT))) {
            Output old = Output.parse(fileText);
            if (chosen != Output.TEXT && chosen != old) {
                throw new MojoFailureException("Invalid <output> (scafctl.output): \"" + fileText + "\" is a format,"
                        + " and <format> (scafctl.format) says " + format + "; give the format once, as"
                        + " -Dscafctl.format, and the file to write, if any, as -Dscafctl.output");
            }
            warn.accept("-Dscafctl.output=" + fileText + " (<output>" + fileText + "</output>) as a format is deprecated"
                    + " and goes in the next release: use -Dscafctl.format=" + fileText + " (<format>); scafctl.output"
                    + " now names the file to write to");
            return new GoalOutput(old, Optional.empty());
        }
        return new GoalOutput(chosen, Optional.ofNullable(fileText).map(text -> baseDir.resolve(text).toAbsolutePath()));
    }

    /** Whether the goal shows a table (its lines), rather than a document (a tree). */
    boolean isTable() {
        return format == Output.TEXT;
    }

    /** Writes a table's lines to the file when there is one, else to the log. */
    void table(List<String> lines, Consumer<String> log) {
        if (file.isPresent()) {
            writeFile(String.join("\n", lines) + "\n", log);
        } else {
            lines.forEach(log);
        }
    }

    /** Writes the tree as the document, alone: to the file when there is one, else to {@code stdout}. */
    void document(Map<String, ?> tree, PrintStream stdout, Consumer<String> log) {
        String text = format.render(tree) + "\n";
        if (file.isPresent()) {
            writeFile(text, log);
        } else {
            stdout.print(text);
            stdout.flush();
        }
    }

    private void writeFile(String text, Consumer<String> log) {
        Path target = file.orElseThrow();
        if (Files.isDirectory(target)) {
            throw new InvalidInputException("<output> (scafctl.output) " + target + " is a folder; name a file");
        }
        AtomicFiles.write(target, text.getBytes(StandardCharsets.UTF_8));
        log.accept("Wrote " + (isTable() ? "the table" : format.name().toLowerCase(Locale.ROOT)) + " to " + target);
    }
}
