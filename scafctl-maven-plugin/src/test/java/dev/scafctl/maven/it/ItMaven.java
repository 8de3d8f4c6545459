package dev.scafctl.maven.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maven started by an invoker project's {@code verify.groovy}, in a folder without a pom, running goals by the full
 * coordinates of the plugin under test (the project's {@code <scafctl.plugin>} property) from the invoker's local
 * repository.
 */
public final class ItMaven {

    /** What one run printed, standard output and standard error apart. */
    public record Run(int exitCode, String stdout, String stderr) {

        /** Both streams, for messages and for checks that do not care which stream a line went to. */
        public String output() {
            return stdout + stderr;
        }
    }

    private final String plugin;
    private final Path settings;
    private final Path localRepository;
    private final String mvn;

    private ItMaven(String plugin, Path settings, Path localRepository, String mvn) {
        this.plugin = plugin;
        this.settings = settings;
        this.localRepository = localRepository;
        this.mvn = mvn;
    }

    /** For the invoker project in {@code basedir}; writes the settings that point Maven at {@code localRepositoryPath}. */
    public static ItMaven of(File basedir, Object localRepositoryPath) {
        try {
            Matcher m = Pattern.compile("<scafctl.plugin>([^<]+)<").matcher(Files.readString(basedir.toPath().resolve("pom.xml")));
            if (!m.find()) {
                throw new IllegalStateException(basedir + "/pom.xml has no <scafctl.plugin> property");
            }
            Path repository = Path.of(localRepositoryPath.toString());
            Path settings = basedir.toPath().resolve("settings.xml");
            Files.writeString(settings, "<settings><profiles><profile><id>it</id><activation><activeByDefault>true"
                    + "</activeByDefault></activation><pluginRepositories><pluginRepository><id>local.central</id><url>"
                    + repository.toUri() + "</url></pluginRepository></pluginRepositories></profile></profiles></settings>");
            return new ItMaven(m.group(1), settings, repository,
                    Path.of(System.getProperty("maven.home"), "bin", "mvn").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String plugin() {
        return plugin;
    }

    /** Runs {@code goal} of the plugin in {@code folder}; fails unless Maven exits with 0. */
    public Run run(File folder, String goal, List<String> arguments) {
        Run run = runAllowingFailure(folder, goal, arguments);
        if (run.exitCode() != 0) {
            throw new AssertionError("mvn " + goal + " " + arguments + " exited with " + run.exitCode() + ":\n" + run.output());
        }
        return run;
    }

    public Run runAllowingFailure(File folder, String goal, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(mvn, "-B", "-s", settings.toString(),
                "-Dmaven.repo.local=" + localRepository, plugin + ":" + goal));
        arguments.forEach(argument -> command.add(String.valueOf(argument)));
        try {
            Process process = new ProcessBuilder(command).directory(folder).start();
            process.getOutputStream().close();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> text(process.getErrorStream()));
            String stdout = text(process.getInputStream());
            return new Run(process.waitFor(), stdout, stderr.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Maven ran " + goal, e);
        }
    }

    private static String text(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
