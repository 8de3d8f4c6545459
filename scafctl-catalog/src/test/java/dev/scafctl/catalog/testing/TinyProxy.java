package dev.scafctl.catalog.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real tinyproxy (Debian package {@code tinyproxy}), as corporate networks run a forward proxy: started for a
 * test in the foreground on a free 127.0.0.1 port, optionally with {@code BasicAuth} (a login made for the test),
 * its log in the work folder. It proxies plain HTTP in absolute form and tunnels https with {@code CONNECT}.
 */
public final class TinyProxy implements AutoCloseable {

    public static final String USER = "corp-user";

    private final Path workDir;
    private final int port;
    private final String password;
    private final Process process;

    private TinyProxy(Path workDir, int port, String password, Process process) {
        this.workDir = workDir;
        this.port = port;
        this.password = password;
        this.process = process;
    }

    /** A proxy that anyone on loopback may use. */
    public static TinyProxy open(Path workDir) {
        return start(workDir, false);
    }

    /** A proxy that answers 407 unless the request carries Basic {@code Proxy-Authorization} for {@link #USER}. */
    public static TinyProxy withLogin(Path workDir) {
        return start(workDir, true);
    }

    private static TinyProxy start(Path workDir, boolean login) {
        Path executable = ExternalCommand.require("tinyproxy", "tinyproxy");
        // tinyproxy's BasicAuth takes letters and digits only
        String password = login ? "pw" + Long.toHexString(new SecureRandom().nextLong()) : null;
        try {
            Files.createDirectories(workDir);
            AssertionError lastFailure = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                int port = RegistryServer.freePort();
                Path log = workDir.resolve("tinyproxy.log");
                Files.deleteIfExists(log);
                String config = "Port " + port + "\nListen 127.0.0.1\nTimeout 60\nMaxClients 100\n"
                        + "LogFile \"" + log + "\"\nLogLevel Connect\nAllow 127.0.0.1\nDisableViaHeader Yes\n"
                        + (login ? "BasicAuth " + USER + " " + password + "\n" : "");
                Path file = Files.writeString(workDir.resolve("tinyproxy.conf"), config);
                Process process = new ProcessBuilder(executable.toString(), "-d", "-c", file.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(workDir.resolve("tinyproxy.out").toFile())
                        .start();
                TinyProxy proxy = new TinyProxy(workDir, port, password, process);
                try {
                    proxy.awaitListening(Duration.ofSeconds(20));
                    return proxy;
                } catch (AssertionError e) {
                    proxy.close();
                    lastFailure = e; // most likely the port was taken between probing and binding
                }
            }
            throw lastFailure;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start tinyproxy in " + workDir, e);
        }
    }

    private void awaitListening(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("tinyproxy exited with " + process.exitValue() + ":\n" + output());
            }
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                // not listening yet: poll again
            }
            try {
                process.waitFor(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for tinyproxy", e);
            }
        }
        throw new AssertionError("tinyproxy did not listen on 127.0.0.1:" + port + " within " + timeout + ":\n" + output());
    }

    public int port() {
        return port;
    }

    /** The login's password ({@code null} for an open proxy). */
    public String password() {
        return password;
    }

    /** The request lines the proxy received ({@code GET http://…}, {@code CONNECT host:port}), oldest first. */
    public List<String> requests() {
        return log().lines().filter(l -> l.contains("]: Request (file descriptor"))
                .map(l -> l.substring(l.indexOf("): ") + 3)).toList();
    }

    public String log() {
        try {
            Path log = workDir.resolve("tinyproxy.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private String output() {
        try {
            return Files.readString(workDir.resolve("tinyproxy.out"), StandardCharsets.UTF_8) + log();
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
