package dev.scafctl.catalog.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.CatalogException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialSourcesTest {

    private static final Registry REGISTRY = new Registry("registry.example:5000", false, false, null);

    @TempDir
    Path dir;

    @Test
    void anAuthEntryKeepsAColonInThePassword() throws Exception {
        Path config = config("{\"auths\":{\"registry.example:5000\":{\"auth\":\"" + base64("alice:pa:ss:word") + "\"}}}");
        Credentials found = new DockerConfigCredentials(List.of(config), List.of()).find(REGISTRY).orElseThrow();
        assertEquals("alice", found.username());
        assertEquals(new Credentials("alice", "pa:ss:word", "x"), found);
        assertFalse(found.toString().contains("pa:ss"), "toString never shows the secret");
    }

    @Test
    void authsKeysMayCarryASchemeAndUsernamePasswordFields() throws Exception {
        Path config = config("{\"auths\":{\"https://registry.example:5000\":{\"username\":\"bob\",\"password\":\"pw\"}}}");
        assertEquals("bob", new DockerConfigCredentials(List.of(config), List.of()).find(REGISTRY).orElseThrow().username());
    }

    @Test
    void aHelperForTheRegistryWinsOverTheStoreAndInlineAuths() throws Exception {
        helper("per-host", "{\"Username\":\"from-helper\",\"Secret\":\"s1\"}");
        helper("store", "{\"Username\":\"from-store\",\"Secret\":\"s2\"}");
        Path config = config("{\"credHelpers\":{\"registry.example:5000\":\"per-host\"},\"credsStore\":\"store\","
                + "\"auths\":{\"registry.example:5000\":{\"auth\":\"" + base64("inline:pw") + "\"}}}");
        DockerConfigCredentials source = new DockerConfigCredentials(List.of(config), List.of(dir));
        Credentials found = source.find(REGISTRY).orElseThrow();
        assertEquals("from-helper", found.username());
        assertEquals("credential helper docker-credential-per-host", found.source());
    }

    @Test
    void theStoreIsAskedNextAndInlineAuthsLast() throws Exception {
        helper("store", "{\"Username\":\"from-store\",\"Secret\":\"s2\"}");
        Path withStore = config("{\"credsStore\":\"store\",\"auths\":{\"registry.example:5000\":{\"auth\":\""
                + base64("inline:pw") + "\"}}}");
        assertEquals("from-store", new DockerConfigCredentials(List.of(withStore), List.of(dir)).find(REGISTRY).orElseThrow().username());

        helperThatKnowsNothing("empty-store");
        Path storeKnowsNothing = Files.writeString(dir.resolve("second.json"), "{\"credsStore\":\"empty-store\","
                + "\"auths\":{\"registry.example:5000\":{\"auth\":\"" + base64("inline:pw") + "\"}}}");
        assertEquals("inline", new DockerConfigCredentials(List.of(storeKnowsNothing), List.of(dir)).find(REGISTRY)
                .orElseThrow().username());
    }

    @Test
    void theFirstFileThatKnowsTheRegistryWins() throws Exception {
        Path first = Files.writeString(dir.resolve("first.json"), "{\"auths\":{\"other:1\":{\"auth\":\"" + base64("x:y") + "\"}}}");
        Path second = Files.writeString(dir.resolve("second.json"), "{\"auths\":{\"registry.example:5000\":{\"auth\":\""
                + base64("second:pw") + "\"}}}");
        Path missing = dir.resolve("missing.json");
        assertEquals("second", new DockerConfigCredentials(List.of(missing, first, second), List.of()).find(REGISTRY)
                .orElseThrow().username());
    }

    @Test
    void standardLocationsHonourDockerConfigAndTheRuntimeDirectory() throws Exception {
        Path runtime = dir.resolve("run");
        Files.createDirectories(runtime.resolve("containers"));
        Files.writeString(runtime.resolve("containers/auth.json"), "{\"auths\":{\"registry.example:5000\":{\"auth\":\""
                + base64("podman:pw") + "\"}}}");
        Path docker = dir.resolve("docker");
        Files.createDirectories(docker);
        Files.writeString(docker.resolve("config.json"), "{\"auths\":{\"registry.example:5000\":{\"auth\":\""
                + base64("docker:pw") + "\"}}}");
        Path home = dir.resolve("home");

        assertEquals("docker", DockerConfigCredentials.standardLocations(Map.of("DOCKER_CONFIG", docker.toString(),
                "XDG_RUNTIME_DIR", runtime.toString()), home).find(REGISTRY).orElseThrow().username());
        assertEquals("podman", DockerConfigCredentials.standardLocations(Map.of("XDG_RUNTIME_DIR", runtime.toString()), home)
                .find(REGISTRY).orElseThrow().username());
    }

    @Test
    void aBrokenConfigIsNamedWithoutQuotingIt() throws Exception {
        Path config = config("{\"auths\":{\"registry.example:5000\":{\"auth\":\"c2VjcmV0LXRva2Vu\" broken");
        CatalogException e = assertThrows(CatalogException.class,
                () -> new DockerConfigCredentials(List.of(config), List.of()).find(REGISTRY));
        assertEquals(config + " is not valid JSON; fix or remove it", e.getMessage());
    }

    @Test
    void aMissingHelperIsNamed() throws Exception {
        Path config = config("{\"credHelpers\":{\"registry.example:5000\":\"not-installed\"}}");
        CatalogException e = assertThrows(CatalogException.class,
                () -> new DockerConfigCredentials(List.of(config), List.of(dir)).find(REGISTRY));
        assertTrue(e.getMessage().contains("docker-credential-not-installed"), e.getMessage());
    }

    @Test
    void aHelperThatNeverAnswersTimesOutNamingIt() throws Exception {
        // Like a helper waiting on a keychain prompt: it keeps its output open and never exits.
        Path script = Files.writeString(dir.resolve("docker-credential-prompting"), "#!/bin/sh\nexec sleep 600\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path config = config("{\"credHelpers\":{\"registry.example:5000\":\"prompting\"}}");
        long start = System.nanoTime();
        CatalogException e = assertThrows(CatalogException.class, () -> new DockerConfigCredentials(List.of(config),
                List.of(dir), java.time.Duration.ofMillis(500)).find(REGISTRY));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue(seconds < 20, "the timeout fired after " + seconds + " s");
        assertTrue(e.getMessage().contains("credential helper docker-credential-prompting")
                && e.getMessage().contains("did not answer within"), e.getMessage());
    }

    @Test
    void serverCredentialsPreferHostAndPortOverHost() {
        Credentials exact = new Credentials("exact", "1", "settings.xml");
        Credentials host = new Credentials("host", "2", "settings.xml");
        ServerCredentials servers = new ServerCredentials(Map.of("registry.example:5000", exact, "registry.example", host));
        assertEquals(Optional.of(exact), servers.find(REGISTRY));
        assertEquals(Optional.of(host), servers.find(new Registry("registry.example:6000", false, false, null)));
        assertEquals(Optional.empty(), servers.find(new Registry("elsewhere", false, false, null)));
    }

    @Test
    void theEnvironmentNeedsBothVariables() {
        assertEquals(Optional.empty(), new EnvironmentCredentials(Map.of(EnvironmentCredentials.USERNAME, "u")).find(REGISTRY));
        assertEquals("u", new EnvironmentCredentials(Map.of(EnvironmentCredentials.USERNAME, "u",
                EnvironmentCredentials.PASSWORD, "p")).find(REGISTRY).orElseThrow().username());
    }

    @Test
    void theChainTakesTheFirstSourceThatHasCredentials() {
        CredentialSource settings = new ServerCredentials(Map.of("registry.example:5000", new Credentials("settings", "1", "s")));
        CredentialSource environment = new EnvironmentCredentials(Map.of(EnvironmentCredentials.USERNAME, "env",
                EnvironmentCredentials.PASSWORD, "2"));
        assertEquals("settings", CredentialSource.firstOf(List.of(settings, environment)).find(REGISTRY).orElseThrow().username());
        assertEquals("env", CredentialSource.firstOf(List.of(new ServerCredentials(Map.of()), environment)).find(REGISTRY)
                .orElseThrow().username());
        assertEquals(Optional.empty(), CredentialSource.firstOf(List.of(CredentialSource.anonymous())).find(REGISTRY));
    }

    private Path config(String json) throws Exception {
        return Files.writeString(dir.resolve("config.json"), json);
    }

    private void helper(String name, String answer) throws Exception {
        Path script = Files.writeString(dir.resolve("docker-credential-" + name),
                "#!/bin/sh\nread host\n[ \"$1\" = get ] && [ \"$host\" = registry.example:5000 ] || exit 1\necho '" + answer + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void helperThatKnowsNothing(String name) throws Exception {
        Path script = Files.writeString(dir.resolve("docker-credential-" + name),
                "#!/bin/sh\necho 'credentials not found in native keychain'\nexit 1\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes());
    }
}
