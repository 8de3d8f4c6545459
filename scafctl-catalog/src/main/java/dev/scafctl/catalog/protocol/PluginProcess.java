package dev.scafctl.catalog.protocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A plugin binary started for the check: a clean environment, a working folder of its own, stdout read line by
 * line, stderr kept in a file. Closing it stops the process and everything it started, also when the JVM is
 * shut down (Ctrl+C) while the check runs.
 */
final class PluginProcess implements AutoCloseable {

    private static final String END_OF_OUTPUT = "\u0000end of output";

    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final Thread stopOnShutdown;

    private PluginProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.stopOnShutdown = new Thread(this::stop, "scafctl-plugin-check-shutdown");
        Runtime.getRuntime().addShutdownHook(stopOnShutdown);
        Thread reader = new Thread(this::readStdout, "scafctl-plugin-check-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static PluginProcess start(Path binary, Map<String, String> environment, Path workFolder) throws IOException {
        Path stderr = workFolder.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(binary.toString())
                .directory(workFolder.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectError(stderr.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        return new PluginProcess(process, stderr);
    }

    /** The first line on stdout; empty when stdout ended without one; a {@link TimeoutException} when none came in time. */
    Optional<String> firstLine(Duration timeout) throws InterruptedException, TimeoutException {
        String line = stdout.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (line == null) {
            throw new TimeoutException("no line on stdout within " + timeout);
        }
        return line.equals(END_OF_OUTPUT) ? Optional.empty() : Optional.of(line);
    }

    /** The exit code, waiting a little for the process to finish after its output ended. */
    Optional<Integer> exitCode() throws InterruptedException {
        return process.waitFor(2, TimeUnit.SECONDS) ? Optional.of(process.exitValue()) : Optional.empty();
    }

    /** The last lines the plugin wrote to stderr, without go-plugin's JSON log lines. */
    String stderrTail() {
        try {
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(stderr, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("{\"@level\"")) {
                    lines.add(line.strip());
                }
            }
            String tail = String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
            return tail.length() > 400 ? "..." + tail.substring(tail.length() - 400) : tail;
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private void readStdout() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                stdout.add(line);
            }
        } catch (IOException e) {
            // the process was stopped; its output ends here
        } finally {
            stdout.add(END_OF_OUTPUT);
        }
    }

    /** Stops the plugin and its descendants (looked up before the plugin goes, while they are still its own). */
    private void stop() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        for (ProcessHandle handle : tree) {
            handle.onExit().completeOnTimeout(handle, 5, TimeUnit.SECONDS).join();
        }
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnShutdown);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and the hook runs (or ran) anyway
        }
    }
}
