package dev.scafctl.catalog.signing;

import dev.scafctl.catalog.testing.ExternalCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Keys and signatures made and checked by openssl, the verifier that is not our code. */
final class Openssl {

    /** A key pair in files: {@code private} is PKCS#8 PEM, {@code publicKey} PEM SubjectPublicKeyInfo. */
    record KeyPair(Path privateKey, Path publicKey, Path sec1) {

        /** sha256 of the public key's DER, computed by openssl and sha256 alone. */
        String fingerprint() {
            Path der = publicKey.resolveSibling(publicKey.getFileName() + ".der");
            run("pkey", "-pubin", "-in", publicKey.toString(), "-outform", "DER", "-out", der.toString());
            String out = run("dgst", "-sha256", "-r", der.toString()).stdout();
            return "sha256:" + out.split(" ")[0].strip();
        }
    }

    private Openssl() {}

    static KeyPair newKeyPair(Path dir, String name) {
        Path sec1 = dir.resolve(name + "-ec.pem");
        Path pkcs8 = dir.resolve(name + ".pem");
        Path pub = dir.resolve(name + ".pub");
        run("ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", sec1.toString());
        run("pkcs8", "-topk8", "-nocrypt", "-in", sec1.toString(), "-out", pkcs8.toString());
        run("ec", "-in", sec1.toString(), "-pubout", "-out", pub.toString());
        return new KeyPair(pkcs8, pub, sec1);
    }

    /** {@code openssl dgst -sha256 -sign}: an ASN.1 DER ECDSA signature of the file. */
    static void sign(KeyPair key, Path payload, Path signature) {
        run("dgst", "-sha256", "-sign", key.privateKey().toString(), "-out", signature.toString(), payload.toString());
    }

    /** {@code openssl dgst -sha256 -verify}: whether openssl says "Verified OK". */
    static boolean verifies(Path publicKey, Path signature, Path payload) {
        ExternalCommand.Result result = ExternalCommand.run(command("dgst", "-sha256", "-verify", publicKey.toString(),
                "-signature", signature.toString(), payload.toString()), Duration.ofSeconds(30));
        return result.exitCode() == 0 && result.stdout().contains("Verified OK");
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static ExternalCommand.Result run(String... arguments) {
        List<String> command = command(arguments);
        return ExternalCommand.run(command, Duration.ofSeconds(30)).requireSuccess(command);
    }

    private static List<String> command(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(ExternalCommand.require("openssl", "openssl").toString());
        command.addAll(List.of(arguments));
        return command;
    }
}
