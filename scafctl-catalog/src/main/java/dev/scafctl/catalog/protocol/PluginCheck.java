package dev.scafctl.catalog.protocol;

import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.local.AtomicFiles;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Proves that a plugin binary speaks scafctl's plugin protocol and asks it what it provides, as scafctl does
 * when it loads a plugin: starts the binary with only go-plugin's handshake variables in its environment, in a
 * working folder of its own, reads the handshake line, calls the kind's gRPC service over the address it names,
 * and stops the process in every outcome. Everything happens within one time bound.
 */
public final class PluginCheck {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Duration timeout;

    public PluginCheck(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the plugin check needs a positive time bound");
        }
        this.timeout = timeout;
    }

    /**
     * Checks {@code file}, the binary for {@code platform} (this machine's), as a plugin of {@code kind}.
     *
     * @throws PluginCheckException naming the platform and file, when it does not speak the protocol
     */
    public PluginMetadata check(ArtifactKind kind, Platform platform, Path file) {
        PluginContract contract = PluginContract.of(kind);
        long deadline = System.nanoTime() + timeout.toNanos();
        Path work = null;
        try {
            work = Files.createTempDirectory("scafctl-plugin-check-");
            Path executable = executableCopy(file, work);
            try (PluginProcess process = PluginProcess.start(executable, environment(contract, work), work)) {
                PluginHandshake handshake = handshake(process, contract, remaining(deadline));
                return new PluginMetadata(kind, names(contract, handshake, deadline));
            }
        } catch (ProtocolException e) {
            throw failure(platform, file, e.getMessage(), e);
        } catch (IOException e) {
            throw failure(platform, file, "could not be run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(platform, file, "was stopped: the build was interrupted during the plugin check", e);
        } finally {
            AtomicFiles.deleteTreeQuietly(work);
        }
    }

    private PluginHandshake handshake(PluginProcess process, PluginContract contract, Duration left)
            throws InterruptedException {
        Optional<String> line;
        try {
            line = process.firstLine(left);
        } catch (TimeoutException e) {
            throw new ProtocolException("printed no handshake within " + seconds(timeout) + ": a scafctl "
                    + contract.kind() + " prints \"1|" + contract.protocolVersion() + "|unix|<socket>|grpc\" on stdout "
                    + "when started with " + contract.cookie());
        }
        if (line.isEmpty()) {
            String stderr = process.stderrTail();
            if (stderr.contains("This binary is a plugin")) {
                throw new ProtocolException("refused the " + contract.kind() + " handshake (magic cookie "
                        + contract.cookie() + "): it is a go-plugin binary of another kind or another tool; "
                        + "check the plugin kind");
            }
            throw new ProtocolException(process.exitCode().map(code -> "exited with code " + code).orElse("closed its output")
                    + " before its handshake" + (stderr.isEmpty() ? "" : "; it said on stderr: " + stderr));
        }
        PluginHandshake handshake = PluginHandshake.parse(line.get());
        if (handshake.coreVersion() != PluginHandshake.CORE_VERSION) {
            throw new ProtocolException("speaks go-plugin core protocol " + handshake.coreVersion() + "; scafctl speaks "
                    + PluginHandshake.CORE_VERSION);
        }
        if (handshake.appVersion() != contract.protocolVersion()) {
            throw new ProtocolException("speaks plugin protocol version " + handshake.appVersion() + ", but scafctl's "
                    + contract.kind() + " plugins speak version " + contract.protocolVersion());
        }
        if (!handshake.protocol().equals("grpc")) {
            throw new ProtocolException("serves \"" + handshake.protocol() + "\", but scafctl plugins serve grpc");
        }
        return handshake;
    }

    private List<String> names(PluginContract contract, PluginHandshake handshake, long deadline)
            throws IOException {
        AtomicBoolean timedOut = new AtomicBoolean();
        GrpcUnaryCall.Result result;
        try (SocketChannel channel = handshake.socketAddress() instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open()) {
            CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
                timedOut.set(true);
                closeQuietly(channel);
            }, CompletableFuture.delayedExecutor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            try {
                channel.connect(handshake.socketAddress());
                result = GrpcUnaryCall.call(channel, "localhost", contract.path(), new byte[0]);
            } catch (IOException e) {
                if (timedOut.get()) {
                    throw new ProtocolException("did not answer " + contract.path() + " within " + seconds(timeout));
                }
                throw new ProtocolException("could not be called at " + handshake.network() + " " + handshake.address()
                        + ": " + e);
            } finally {
                watchdog.cancel(false);
            }
        }
        if (result.status() == 12) {
            throw new ProtocolException("does not serve " + contract.service() + " (gRPC status UNIMPLEMENTED: "
                    + result.message() + "): it takes the " + contract.kind() + " handshake but is no "
                    + contract.kind() + "; check the plugin kind");
        }
        if (!result.ok()) {
            throw new ProtocolException(contract.path() + " failed with gRPC status " + result.status() + ": "
                    + result.message());
        }
        if (result.messages().size() != 1) {
            throw new ProtocolException(contract.path() + " answered " + result.messages().size()
                    + " messages instead of one");
        }
        List<String> names = contract.names().apply(result.messages().get(0));
        if (names.isEmpty()) {
            throw new ProtocolException(contract.path() + " lists no names: a " + contract.kind()
                    + " plugin provides at least one");
        }
        for (String name : names) {
            if (name.isBlank() || name.contains(",") || name.chars().anyMatch(Character::isISOControl)) {
                throw new ProtocolException(contract.path() + " lists the name \"" + name
                        + "\"; names are non-blank, without commas or control characters");
            }
        }
        return names;
    }

    /** Only go-plugin's variables, and where a plugin may put its socket and temporary files. */
    private static Map<String, String> environment(PluginContract contract, Path work) {
        Map<String, String> environment = new TreeMap<>();
        environment.put(contract.cookieKey(), contract.cookieValue());
        environment.put("PLUGIN_PROTOCOL_VERSIONS", Integer.toString(contract.protocolVersion()));
        environment.put("PLUGIN_UNIX_SOCKET_DIR", work.toString());
        environment.put("TMPDIR", work.toString());
        environment.put("PLUGIN_MIN_PORT", "10000");
        environment.put("PLUGIN_MAX_PORT", "25000");
        String systemRoot = System.getenv("SystemRoot");
        if (systemRoot != null) {
            environment.put("SystemRoot", systemRoot); // Windows programs cannot start without it
        }
        return environment;
    }

    /** A copy in the working folder that may be executed, whatever the permissions of the built file. */
    private static Path executableCopy(Path binary, Path work) throws IOException {
        Path folder = Files.createDirectory(work.resolve("bin"));
        Path copy = Files.copy(binary, folder.resolve(binary.getFileName()));
        if (Files.getFileStore(copy).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwx------"));
        }
        return copy;
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static PluginCheckException failure(Platform platform, Path file, String problem, Throwable cause) {
        return new PluginCheckException("plugin check of the " + platform + " binary " + file + ": it "
                + problem, cause);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing only to end a call that ran out of time
        }
    }
}
