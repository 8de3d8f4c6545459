package dev.scafctl.maven.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.remote.CredentialSource;
import dev.scafctl.catalog.remote.ProxyRefusals;
import dev.scafctl.catalog.remote.ProxyRoute;
import dev.scafctl.catalog.remote.Registry;
import dev.scafctl.catalog.remote.Transport;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

/** settings.xml servers and proxies as Maven's own decrypter hands them over, without settings-security.xml. */
class RegistryAccessTest {

    private static final String CIPHERTEXT = "{COQLCE6DU6GtcS5P=}";

    @TempDir
    Path home;

    private final List<String> warnings = new ArrayList<>();

    @Test
    void aServerPasswordThatCannotBeDecryptedFailsBeforeAnyRequestNamingTheServer() throws Exception {
        Settings settings = new Settings();
        settings.addServer(server("registry.corp:5000", "deployer", CIPHERTEXT));
        settings.addServer(server("other.corp", "someone", "plain"));
        CredentialSource credentials = RegistryAccess.credentials(settings, decrypter(), warnings::add);

        CatalogException e = assertThrows(CatalogException.class,
                () -> credentials.find(new Registry("registry.corp:5000", false, false, null)));
        assertTrue(e.getMessage().startsWith("settings.xml server \"registry.corp:5000\" (the credentials of registry"
                + " registry.corp:5000): its password cannot be decrypted"), e.getMessage());
        assertFalse(e.getMessage().contains(CIPHERTEXT), e.getMessage());
        assertEquals("someone", credentials.find(new Registry("other.corp", false, false, null)).orElseThrow().username(),
                "an unrelated server still works");
    }

    @Test
    void aProxyPasswordThatCannotBeDecryptedFailsNamingTheProxy() throws Exception {
        Settings settings = new Settings();
        settings.addProxy(proxy("corp", CIPHERTEXT));
        CatalogException e = assertThrows(CatalogException.class,
                () -> RegistryAccess.transport(settings, decrypter(), warnings::add, null, new ProxyRefusals()));
        assertTrue(e.getMessage().startsWith("settings.xml proxy \"corp\" (proxy.corp:3128): its password cannot be decrypted"),
                e.getMessage());
        assertFalse(e.getMessage().contains(CIPHERTEXT), e.getMessage());
    }

    @Test
    void aProxyLoginTravelsWithItsRouteAndNeverInADebugLine() throws Exception {
        Settings settings = new Settings();
        settings.addProxy(proxy("corp", "s3cret-proxy"));
        List<String> debug = new ArrayList<>();
        Transport transport = RegistryAccess.transport(settings, decrypter(), warnings::add, debug::add, new ProxyRefusals());
        ProxyRoute route = transport.proxies().routeFor(URI.create("https://ghcr.io/v2/")).orElseThrow();
        assertEquals("corp-user", route.login().username());
        assertFalse(debug.isEmpty());
        debug.forEach(line -> assertFalse(line.contains("s3cret-proxy"), line));
        assertFalse(route.toString().contains("s3cret-proxy"), route.toString());
    }

    private SettingsDecrypter decrypter() {
        // Maven's own decrypter, pointed at a settings-security.xml that does not exist
        return new DefaultSettingsDecrypter(new DefaultSecDispatcher(new DefaultPlexusCipher(), Map.of(),
                home.resolve("settings-security.xml").toString()));
    }

    private static Server server(String id, String user, String password) {
        Server server = new Server();
        server.setId(id);
        server.setUsername(user);
        server.setPassword(password);
        return server;
    }

    private static Proxy proxy(String id, String password) {
        Proxy proxy = new Proxy();
        proxy.setId(id);
        proxy.setHost("proxy.corp");
        proxy.setPort(3128);
        proxy.setUsername("corp-user");
        proxy.setPassword(password);
        proxy.setNonProxyHosts("localhost");
        return proxy;
    }
}
