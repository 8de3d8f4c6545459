package dev.scafctl.catalog.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.testing.ExternalCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
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

    /** Debian's python3, which has python3-nacl (bin/ensure-tools --tests installs it). */
    private static final String PYTHON = "/usr/bin/python3";

    /** Encrypts a PKCS#8 DER file as cosign generate-key-pair does: argv = der, passphrase, PEM type, out. */
    private static final String ENCRYPT = String.join("\n",
            "import base64, hashlib, json, os, sys, textwrap",
            "import nacl.secret",
            "der = open(sys.argv[1], 'rb').read()",
            "salt = os.urandom(32)",
            "key = hashlib.scrypt(sys.argv[2].encode(), salt=salt, n=32768, r=8, p=1, maxmem=64 << 20, dklen=32)",
            "nonce = os.urandom(24)",
            "box = nacl.secret.SecretBox(key).encrypt(der, nonce).ciphertext",
            "doc = {'kdf': {'name': 'scrypt', 'params': {'N': 32768, 'r': 8, 'p': 1}, 'salt': base64.b64encode(salt).decode()},",
            "       'cipher': {'name': 'nacl/secretbox', 'nonce': base64.b64encode(nonce).decode()},",
            "       'ciphertext': base64.b64encode(box).decode()}",
            "body = '\\n'.join(textwrap.wrap(base64.b64encode(json.dumps(doc).encode()).decode(), 64))",
            "open(sys.argv[4], 'w').write('-----BEGIN %s-----\\n%s\\n-----END %s-----\\n' % (sys.argv[3], body, sys.argv[3]))",
            "");

    @TempDir
    Path work;

    private final List<String> warnings = new ArrayList<>();

    private static String randomPassphrase() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return "pass-" + HexFormat.of().formatHex(bytes);
    }

    private Path encrypted(Openssl.KeyPair key, String passphrase, String pemType) throws Exception {
        Path der = work.resolve("key.der");
        run(List.of("openssl", "pkcs8", "-topk8", "-nocrypt", "-in", key.sec1().toString(), "-outform", "DER", "-out", der.toString()));
        Path script = Files.writeString(work.resolve("encrypt.py"), ENCRYPT);
        Path out = work.resolve("cosign-" + pemType.hashCode() + ".key");
        run(List.of(PYTHON, script.toString(), der.toString(), passphrase, pemType, out.toString()));
        Files.delete(der);
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
        return out;
    }

    private static void run(List<String> command) {
        ExternalCommand.run(command, Duration.ofSeconds(60)).requireSuccess(List.of(command.get(0), command.get(1)));
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
