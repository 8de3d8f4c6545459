package dev.scafctl.catalog.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.testing.CosignKeyFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading signing keys: openssl's PKCS#8 and SEC 1 files, and cosign's encrypted format made here by PyNaCl's
 * secretbox and hashlib's scrypt (independent of our decryption), so that no key that must be kept secret is
 * committed. No passphrase and no key byte appears in any message or warning.
 */
class SigningKeyFileTest {

    @TempDir
    Path work;

    private final List<String> warnings = new ArrayList<>();

    private static String randomPassphrase() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return "pass-" + HexFormat.of().formatHex(bytes);
    }

    private Path encrypted(Openssl.KeyPair key, String passphrase, String pemType) {
        return CosignKeyFiles.encrypt(key.sec1(), passphrase, pemType, work.resolve("cosign-" + pemType.hashCode() + ".key"));
    }

    /** Signs a payload with the key and checks it with openssl and the public key openssl derived. */
    private void assertSignsFor(Signer signer, Openssl.KeyPair key) throws Exception {
        assertEquals(key.fingerprint(), signer.fingerprint().toString());
        Path payload = Files.writeString(work.resolve("payload.json"), "{\"critical\":{}}");
        Path signature = Files.write(work.resolve("payload.sig"), signer.sign(Files.readAllBytes(payload)));
        assertTrue(Openssl.verifies(key.publicKey(), signature, payload));
    }

    @Test
    void readsOpensslsPkcs8AndSec1Keys() throws Exception {
        Openssl.KeyPair key = Openssl.newKeyPair(work, "plain");
        Files.setPosixFilePermissions(key.privateKey(), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(key.sec1(), PosixFilePermissions.fromString("rw-------"));
        assertSignsFor(SigningKeyFile.read(key.privateKey(), Optional.empty(), warnings::add), key);
        assertSignsFor(SigningKeyFile.read(key.sec1(), Optional.empty(), warnings::add), key);
        assertEquals(List.of(), warnings);
    }

    @Test
    void readsCosignsEncryptedFormatUnderBothPemTypes() throws Exception {
        Openssl.KeyPair key = Openssl.newKeyPair(work, "cosign");
        String passphrase = randomPassphrase();
        for (String type : List.of("ENCRYPTED SIGSTORE PRIVATE KEY", "ENCRYPTED COSIGN PRIVATE KEY")) {
            Path file = encrypted(key, passphrase, type);
            assertSignsFor(SigningKeyFile.read(file, Optional.of(Passphrase.of(passphrase, "the test")), warnings::add), key);
        }
    }

    @Test
    void aWrongOrMissingPassphraseFailsWithoutShowingAnySecret() throws Exception {
        Openssl.KeyPair key = Openssl.newKeyPair(work, "secret");
        String passphrase = randomPassphrase();
        String wrong = randomPassphrase();
        Path file = encrypted(key, passphrase, "ENCRYPTED SIGSTORE PRIVATE KEY");

        InvalidInputException wrongOne = assertThrows(InvalidInputException.class, () -> SigningKeyFile.read(file,
                Optional.of(Passphrase.of(wrong, "settings.xml server \"signing\"")), warnings::add));
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> SigningKeyFile.read(file, Optional.empty(), warnings::add));

        assertTrue(wrongOne.getMessage().contains(file.toString()), wrongOne.getMessage());
        assertTrue(wrongOne.getMessage().contains("settings.xml server \"signing\""), wrongOne.getMessage());
        assertTrue(wrongOne.getMessage().contains("passphrase is wrong"), wrongOne.getMessage());
        assertTrue(missing.getMessage().contains("SCAFCTL_SIGNING_PASSPHRASE"), missing.getMessage());
        assertTrue(missing.getMessage().contains("<signingServerId>"), missing.getMessage());
        List<String> said = new ArrayList<>(warnings);
        said.add(wrongOne.getMessage());
        said.add(missing.getMessage());
        said.add(String.valueOf(Passphrase.of(passphrase, "the test")));
        List<String> secrets = new ArrayList<>(List.of(passphrase, wrong));
        secrets.addAll(chunks(Files.readString(file)));
        secrets.addAll(chunks(Files.readString(key.privateKey())));
        for (String line : said) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "a secret in: " + line);
            }
        }
    }

    /** Every 12-character piece of the base64 body of a PEM file. */
    private static List<String> chunks(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i + 12 <= body.length(); i += 12) {
            chunks.add(body.substring(i, i + 12));
        }
        return chunks;
    }

    @Test
    void aKeyFileOthersCanReadGetsAWarning() throws Exception {
        Openssl.KeyPair key = Openssl.newKeyPair(work, "shared");
        Files.setPosixFilePermissions(key.privateKey(), PosixFilePermissions.fromString("rw-r--r--"));

        SigningKeyFile.read(key.privateKey(), Optional.empty(), warnings::add);

        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("chmod 600 " + key.privateKey()), warnings.get(0));
        warnings.clear();
        Files.setPosixFilePermissions(key.privateKey(), PosixFilePermissions.fromString("rw-------"));
        SigningKeyFile.read(key.privateKey(), Optional.empty(), warnings::add);
        assertEquals(List.of(), warnings);
    }

    @Test
    void aPublicKeyGivenAsSigningKeySaysWhatItIs() throws Exception {
        Openssl.KeyPair key = Openssl.newKeyPair(work, "public");
        InvalidInputException wrong = assertThrows(InvalidInputException.class,
                () -> SigningKeyFile.read(key.publicKey(), Optional.empty(), warnings::add));
        assertTrue(wrong.getMessage().contains("holds a PUBLIC KEY, not a private key"), wrong.getMessage());
    }
}
