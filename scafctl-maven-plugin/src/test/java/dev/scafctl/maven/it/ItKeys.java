package dev.scafctl.maven.it;

import dev.scafctl.catalog.testing.CosignKeyFiles;
import dev.scafctl.catalog.testing.ExternalCommand;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * Signing keys for invoker projects, made by openssl in the project's {@code keys/} folder when it is set up (no
 * key is committed): {@code NAME.pem} (PKCS#8), {@code NAME.pub}, and on request cosign's encrypted
 * {@code NAME.cosign.key}, made with PyNaCl's secretbox and hashlib's scrypt as cosign generate-key-pair lays it out.
 * {@link #verifies} is the independent check, {@code openssl dgst -sha256 -verify}.
 */
public final class ItKeys {

    private ItKeys() {}

    /** {@code keys/NAME.pem} and {@code keys/NAME.pub} of a new P-256 key pair, the private file mode 600. */
    public static Path newKeyPair(File basedir, String name) {
        Path keys = keys(basedir);
        Path sec1 = keys.resolve(name + "-sec1.pem");
        Path pkcs8 = keys.resolve(name + ".pem");
        openssl("ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", sec1.toString());
        openssl("pkcs8", "-topk8", "-nocrypt", "-in", sec1.toString(), "-out", pkcs8.toString());
        openssl("ec", "-in", sec1.toString(), "-pubout", "-out", keys.resolve(name + ".pub").toString());
        try {
            Files.delete(sec1);
            Files.setPosixFilePermissions(pkcs8, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pkcs8;
    }

    /** {@code keys/NAME.cosign.key}: the key pair {@code NAME} in cosign's encrypted format, mode 600. */
    public static Path encryptForCosign(File basedir, String name, String passphrase) {
        Path keys = keys(basedir);
        return CosignKeyFiles.encrypt(keys.resolve(name + ".pem"), passphrase, "ENCRYPTED SIGSTORE PRIVATE KEY",
                keys.resolve(name + ".cosign.key"));
    }

    /** The sha256 of a public key's DER, {@code sha256:<hex>}, computed by openssl. */
    public static String fingerprint(Path publicKey) {
        Path der = publicKey.resolveSibling(publicKey.getFileName() + ".der");
        openssl("pkey", "-pubin", "-in", publicKey.toString(), "-outform", "DER", "-out", der.toString());
        return "sha256:" + openssl("dgst", "-sha256", "-r", der.toString()).split(" ")[0].strip();
    }

    /** Whether {@code openssl dgst -sha256 -verify} says the signature file is {@code publicKey}'s over the payload. */
    public static boolean verifies(Path publicKey, Path signature, Path payload) {
        ExternalCommand.Result result = ExternalCommand.run(List.of(openssl(), "dgst", "-sha256", "-verify",
                publicKey.toString(), "-signature", signature.toString(), payload.toString()), Duration.ofSeconds(30));
        return result.exitCode() == 0 && result.stdout().contains("Verified OK");
    }

    private static Path keys(File basedir) {
        try {
            return Files.createDirectories(basedir.toPath().resolve("keys"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String openssl() {
        return ExternalCommand.require("openssl", "openssl").toString();
    }

    private static String openssl(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(openssl()));
        command.addAll(List.of(arguments));
        return ExternalCommand.run(command, Duration.ofSeconds(30)).requireSuccess(command).stdout();
    }
}
