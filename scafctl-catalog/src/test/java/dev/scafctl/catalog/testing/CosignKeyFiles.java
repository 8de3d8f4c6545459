package dev.scafctl.catalog.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * Private keys in cosign's encrypted format, made by the tests as {@code cosign generate-key-pair} lays it out
 * (scrypt, then NaCl's secretbox, JSON in a PEM block) with PyNaCl and hashlib, so no key that must stay secret is
 * committed. Debian's {@code /usr/bin/python3} has PyNaCl ({@code python3-nacl}, which bin/ensure-tools installs).
 */
public final class CosignKeyFiles {

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

    private CosignKeyFiles() {}

    /**
     * Writes the EC private key {@code privateKeyPem} (SEC 1 or PKCS#8, as openssl reads it) to {@code out}, encrypted
     * with {@code passphrase} under the PEM type {@code pemType} ({@code ENCRYPTED SIGSTORE PRIVATE KEY} as cosign
     * writes today, or the older {@code ENCRYPTED COSIGN PRIVATE KEY}), mode 600; no plain copy is left beside it.
     */
    public static Path encrypt(Path privateKeyPem, String passphrase, String pemType, Path out) {
        Path der = out.resolveSibling(out.getFileName() + ".der");
        Path script = out.resolveSibling(out.getFileName() + ".encrypt.py");
        try {
            run(List.of(ExternalCommand.require("openssl", "openssl").toString(), "pkcs8", "-topk8", "-nocrypt", "-in",
                    privateKeyPem.toString(), "-outform", "DER", "-out", der.toString()));
            Files.writeString(script, ENCRYPT);
            run(List.of("/usr/bin/python3", script.toString(), der.toString(), passphrase, pemType, out.toString()));
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(der);
                Files.deleteIfExists(script);
            } catch (IOException ignored) {
                // a stray file in a test's folder
            }
        }
    }

    private static void run(List<String> command) {
        // the passphrase is an argument: the failure names the program only
        ExternalCommand.run(command, Duration.ofSeconds(60)).requireSuccess(List.of(command.get(0), command.get(1)));
    }
}
