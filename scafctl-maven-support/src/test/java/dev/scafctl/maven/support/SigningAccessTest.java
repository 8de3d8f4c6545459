package dev.scafctl.maven.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.signing.Passphrase;
import dev.scafctl.catalog.signing.SignaturePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

/** The signing key's passphrase as Maven hands it over, and the trust policy of a project's parameters. */
class SigningAccessTest {

    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path home;

    private SettingsDecrypter decrypter() throws Exception {
        // Maven's own decrypter with a settings-security.xml holding an encrypted master password
        DefaultPlexusCipher cipher = new DefaultPlexusCipher();
        String master = cipher.encryptAndDecorate("master-of-test", "settings.security");
        Path security = Files.writeString(home.resolve("settings-security.xml"),
                "<settingsSecurity><master>" + master + "</master></settingsSecurity>");
        return new DefaultSettingsDecrypter(new DefaultSecDispatcher(cipher, Map.of(), security.toString()));
    }

    private static Settings withServer(String id, String password) {
        Server server = new Server();
        server.setId(id);
        server.setPassword(password);
        Settings settings = new Settings();
        settings.addServer(server);
        return settings;
    }

    @Test
    void anEncryptedServerPasswordIsThePassphraseAndWinsOverTheEnvironment() throws Exception {
        String encrypted = new DefaultPlexusCipher().encryptAndDecorate(PASSPHRASE, "master-of-test");
        Passphrase passphrase = SigningAccess.passphrase(withServer("signing", encrypted), decrypter(), Optional.of("signing"),
                Map.of(SigningAccess.PASSPHRASE_ENV, "from the environment")).orElseThrow();

        assertTrue(passphrase.matches(PASSPHRASE));
        assertEquals("settings.xml server \"signing\"", passphrase.source());
        assertFalse(passphrase.toString().contains(PASSPHRASE), passphrase.toString());
    }

    @Test
    void withoutAServerIdTheEnvironmentVariableIsThePassphrase() throws Exception {
        Passphrase passphrase = SigningAccess.passphrase(new Settings(), decrypter(), Optional.empty(),
                Map.of(SigningAccess.PASSPHRASE_ENV, PASSPHRASE)).orElseThrow();
        assertTrue(passphrase.matches(PASSPHRASE));
        assertEquals(Optional.empty(), SigningAccess.passphrase(new Settings(), decrypter(), Optional.empty(), Map.of()));
    }

    @Test
    void aMissingOrUndecryptableServerIsNamedWithoutItsCiphertext() throws Exception {
        InvalidInputException missing = assertThrows(InvalidInputException.class, () -> SigningAccess.passphrase(
                new Settings(), decrypter(), Optional.of("signing"), Map.of()));
        assertTrue(missing.getMessage().contains("no <server> with id \"signing\""), missing.getMessage());

        String ciphertext = "{COQLCE6DU6GtcS5P=}";
        CatalogException broken = assertThrows(CatalogException.class, () -> SigningAccess.passphrase(
                withServer("signing", ciphertext), decrypter(), Optional.of("signing"), Map.of()));
        assertTrue(broken.getMessage().startsWith("settings.xml server \"signing\" (the signing key's passphrase): its"
                + " password cannot be decrypted"), broken.getMessage());
        assertFalse(broken.getMessage().contains(ciphertext), broken.getMessage());
    }

    @Test
    void requiringSignaturesWithoutATrustedKeyNamesBothParameters() {
        Properties user = new Properties();
        user.setProperty("scafctl.requireSignature", "true");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SigningAccess.policy(
                new ScafctlParameters(user, new Properties(), List.of(), home)));
        assertTrue(e.getMessage().contains("<requireSignature>") && e.getMessage().contains("<trustedKeys>"), e.getMessage());
        assertEquals(SignaturePolicy.NONE, SigningAccess.policy(new ScafctlParameters(new Properties(), new Properties(),
                List.of(), home)));
    }
}
