package dev.scafctl.catalog.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.testing.GoPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The plugin check against a real go-plugin binary, well-behaved and misbehaving. */
class PluginCheckTest {

    private static final Duration BOUND = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    @AfterEach
    void noPluginProcessIsLeft() {
        assertEquals(List.of(), pluginProcesses(), "plugin processes still running after the check");
    }

    private static List<String> pluginProcesses() {
        return ProcessHandle.allProcesses()
                .map(p -> p.info().command().orElse(""))
                .filter(command -> command.contains("scafctl-plugin-check-"))
                .toList();
    }

    @Test
    void providerNamesComeFromTheRunningPlugin() {
        PluginMetadata metadata = check(ArtifactKind.PROVIDER, "provider");

        assertEquals(List.of("aws-s3", "echo", "http"), metadata.names());
        assertEquals("dev.scafctl.provider.names", metadata.annotationKey());
        assertEquals("aws-s3,echo,http", metadata.annotationValue());
    }

    @Test
    void authHandlerNamesComeFromTheRunningPlugin() {
        PluginMetadata metadata = check(ArtifactKind.AUTH_HANDLER, "auth-handler");

        assertEquals(List.of("entra", "github"), metadata.names());
        assertEquals("dev.scafctl.auth-handler.names", metadata.annotationKey());
    }

    @Test
    void aBinaryWithoutExecutePermissionIsStillChecked() throws Exception {
        Path binary = GoPlugins.plugin(dir, "provider");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rw-r--r--"));

        PluginMetadata metadata = check(new PluginCheck(BOUND), ArtifactKind.PROVIDER, binary);

        assertEquals(List.of("aws-s3", "echo", "http"), metadata.names());
    }

    @ParameterizedTest(name = "{1} as {0}")
    @CsvSource(delimiter = '|', value = {
        "provider     | silent                    | printed no handshake within 3 s: a scafctl provider prints \"1|1|unix|<socket>|grpc\"",
        "provider     | malformed                 | printed \"listening on 127.0.0.1:4000\" where a go-plugin handshake belongs",
        "provider     | exits                     | exited with code 3 before its handshake; it said on stderr: cannot load configuration: /etc/test-plugin.yaml not found",
        "auth-handler | provider                  | refused the auth-handler handshake (magic cookie SCAFCTL_AUTH_PLUGIN=scafctl_auth_handler_plugin)",
        "auth-handler | provider-with-auth-cookie | does not serve plugin.AuthHandlerService (gRPC status UNIMPLEMENTED: unknown service plugin.AuthHandlerService)",
        "provider     | hangs                     | did not answer /plugin.PluginService/GetProviders within 3 s",
        "provider     | empty                     | /plugin.PluginService/GetProviders lists no names",
        "provider     | protocol-3                | speaks plugin protocol version 3, but scafctl's provider plugins speak version 1",
    })
    void misbehavingPluginsFailWithTheirOwnMessageWithinTheBound(String kind, String mode, String expected) {
        Path binary = GoPlugins.plugin(dir, mode);
        long start = System.nanoTime();

        PluginCheckException e = assertThrows(PluginCheckException.class,
                () -> check(new PluginCheck(BOUND), ArtifactKind.parsePlugin(kind), binary));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("plugin check of the linux/amd64 binary " + binary + ": it "), e.getMessage());
        assertTrue(took.compareTo(BOUND.plusSeconds(5)) < 0, "took " + took);
    }

    @Test
    void anInterruptedBuildStopsThePlugin() throws Exception {
        Path binary = GoPlugins.plugin(dir, "silent");
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread build = new Thread(() -> {
            try {
                check(new PluginCheck(Duration.ofMinutes(5)), ArtifactKind.PROVIDER, binary);
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        build.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (pluginProcesses().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the plugin never started");
            Thread.sleep(20); // polling for the process to appear
        }

        build.interrupt();

        Throwable e = outcome.get(30, TimeUnit.SECONDS);
        assertTrue(e instanceof PluginCheckException, String.valueOf(e));
        assertTrue(e.getMessage().endsWith("it was stopped: the build was interrupted during the plugin check"), e.getMessage());
    }

    @Test
    void aScriptThatIsNoPluginFailsNamingIt() throws Exception {
        Path notAProgram = Files.writeString(dir.resolve("my-provider-linux-amd64"), "not a program\n");

        PluginCheckException e = assertThrows(PluginCheckException.class,
                () -> check(new PluginCheck(BOUND), ArtifactKind.PROVIDER, notAProgram));

        assertTrue(e.getMessage().contains("binary " + notAProgram + ": it exited with code "), e.getMessage());
        assertTrue(e.getMessage().contains(" before its handshake"), e.getMessage());
    }

    private PluginMetadata check(ArtifactKind kind, String mode) {
        return check(new PluginCheck(BOUND), kind, GoPlugins.plugin(dir, mode));
    }

    private static PluginMetadata check(PluginCheck check, ArtifactKind kind, Path file) {
        return check.check(kind, new Platform("linux", "amd64"), file);
    }
}
