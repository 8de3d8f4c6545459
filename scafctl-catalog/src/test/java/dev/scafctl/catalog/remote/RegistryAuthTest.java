package dev.scafctl.catalog.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.testing.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS registry with a test CA and htpasswd basic auth; its password contains a ':'. */
class RegistryAuthTest {

    @TempDir
    static Path shared;

    static RegistryServer registry;

    @TempDir
    Path work;

    @BeforeAll
    static void startRegistry() {
        registry = RegistryServer.startTls(shared.resolve("registry"));
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }


    private RemoteCatalog tlsCatalog() {
        return RemoteCatalog.parse(null, "oci://" + registry.hostPort() + "/team", false, registry.caCertificate());
    }

    private Function<Registry, RegistryClient> clients(CredentialSource credentials, List<String> debug) {
        return r -> new RegistryClient(r, credentials, RemoteFixtures.fastRetries().withDebug(debug::add));
    }

    @Test
    void settingsServerCredentialsPushAndPull() {
        LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
        BuiltPlugin built = RemoteFixtures.build(local, work, "secured", "1.0.0", Platform.SUPPORTED.subList(0, 2), "");
        CredentialSource server = new ServerCredentials(Map.of(registry.hostPort(),
                new Credentials(registry.user(), registry.password(), "settings.xml server \"" + registry.hostPort() + "\"")));
        List<String> debug = new ArrayList<>();

        CatalogPusher.Result pushed = RemoteFixtures.pusher(local, clients(server, debug), new BlobLocations())
                .push(built.reference(), tlsCatalog(), new CatalogPusher.Options(false));
        LocalCatalog empty = LocalCatalog.open(work.resolve("empty"));
        CatalogPuller.Result pulled = RemoteFixtures.puller(empty, clients(server, debug)).pull(
                RemoteReference.parse(registry.hostPort() + "/team/providers/secured@1.0.0", false, registry.caCertificate()), false);

        assertEquals(built.index().digest(), pushed.digest());
        assertEquals(built.index().digest(), pulled.digest());
        assertTrue(debug.stream().anyMatch(l -> l.contains("credentials of scafctl-test (from settings.xml server")), debug.toString());
        assertNoSecretIn(String.join("\n", debug));
    }

    @Test
    void aWrongPasswordIsAClear401WithoutTheSecret() {
        LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
        BuiltPlugin built = RemoteFixtures.build(local, work, "refused", "1.0.0", Platform.SUPPORTED.subList(0, 1), "");
        String wrong = "wrong:" + registry.password();
        CredentialSource source = r -> java.util.Optional.of(new Credentials(registry.user(), wrong, "test"));
        List<String> debug = new ArrayList<>();

        RegistryException e = assertThrows(RegistryException.class, () -> RemoteFixtures.pusher(local, clients(source, debug),
                new BlobLocations()).push(built.reference(), tlsCatalog(), new CatalogPusher.Options(false)));

        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("refused the credentials of scafctl-test from test (401 Unauthorized)"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong) || String.join("\n", debug).contains(wrong));
        assertFalse(e.getMessage().contains(Base64.getEncoder().encodeToString((registry.user() + ":" + wrong).getBytes())));
    }

    @Test
    void anonymousAccessIsRefusedWithWhatToConfigure() {
        LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
        BuiltPlugin built = RemoteFixtures.build(local, work, "anon", "1.0.0", Platform.SUPPORTED.subList(0, 1), "");
        RegistryException e = assertThrows(RegistryException.class, () -> RemoteFixtures.pusher(local,
                clients(CredentialSource.anonymous(), new ArrayList<>()), new BlobLocations())
                .push(built.reference(), tlsCatalog(), new CatalogPusher.Options(false)));
        assertTrue(e.getMessage().contains("refused anonymous access (no credentials found for " + registry.hostPort()
                + ")") && e.getMessage().contains("settings.xml <server> with id " + registry.hostPort()), e.getMessage());
    }

    @Test
    void dockerConfigHelperAndEnvironmentCredentialsWork() throws Exception {
        LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
        BuiltPlugin built = RemoteFixtures.build(local, work, "docker-auth", "1.0.0", Platform.SUPPORTED.subList(0, 1), "");
        String auth = Base64.getEncoder().encodeToString((registry.user() + ":" + registry.password()).getBytes());
        Path config = Files.writeString(work.resolve("config.json"),
                "{\"auths\":{\"" + registry.hostPort() + "\":{\"auth\":\"" + auth + "\"}}}");
        CredentialSource docker = new DockerConfigCredentials(List.of(config), List.of());
        Path helper = Files.writeString(work.resolve("docker-credential-it"), "#!/bin/sh\nread host\necho '{\"Username\":\""
                + registry.user() + "\",\"Secret\":\"" + registry.password() + "\"}'\n");
        helper.toFile().setExecutable(true);
        Path helperConfig = Files.writeString(work.resolve("helper.json"), "{\"credHelpers\":{\"" + registry.hostPort() + "\":\"it\"}}");
        CredentialSource credHelper = new DockerConfigCredentials(List.of(helperConfig), List.of(work));
        CredentialSource environment = new EnvironmentCredentials(Map.of(EnvironmentCredentials.USERNAME, registry.user(),
                EnvironmentCredentials.PASSWORD, registry.password()));

        for (CredentialSource source : List.of(docker, credHelper, environment)) {
            CatalogPusher.Result result = RemoteFixtures.pusher(local, clients(source, new ArrayList<>()), new BlobLocations())
                    .push(built.reference(), tlsCatalog(), new CatalogPusher.Options(false));
            assertEquals(built.index().digest(), result.digest());
        }
    }

    @Test
    void theCaFileIsAddedToTheJdkRootsAndRequiredForATestCa() {
        RegistryClient withoutCa = new RegistryClient(new dev.scafctl.catalog.remote.Registry(registry.hostPort(), false, false, null),
                CredentialSource.anonymous(), RemoteFixtures.fastRetries());
        RegistryException e = assertThrows(RegistryException.class, () -> withoutCa.hasBlob("x/y", dev.scafctl.catalog.oci.Digest.of(new byte[0])));
        assertTrue(e.getMessage().contains("the TLS certificate of registry " + registry.hostPort() + " was refused")
                && e.getMessage().contains("not retried"), e.getMessage());

        RegistryClient insecure = new RegistryClient(new dev.scafctl.catalog.remote.Registry(registry.hostPort(), false, true, null),
                CredentialSource.anonymous(), RemoteFixtures.fastRetries());
        RegistryException refused = assertThrows(RegistryException.class, () -> insecure.hasBlob("x/y",
                dev.scafctl.catalog.oci.Digest.of(new byte[0])));
        assertEquals(401, refused.status(), "an insecure catalog skips TLS checks and reaches the registry");
    }

    private static void assertNoSecretIn(String text) {
        assertFalse(text.contains(registry.password()), text);
    }
}
