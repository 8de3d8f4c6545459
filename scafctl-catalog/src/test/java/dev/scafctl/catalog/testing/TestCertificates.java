package dev.scafctl.catalog.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A throwaway CA and a server certificate for 127.0.0.1 and localhost signed by it, made with the openssl CLI:
 * {@code ca.crt}, {@code server.crt}, {@code server.key} in one folder, and {@code ca.crt} alone in another (clients
 * such as skopeo take every {@code .key} in a cert folder for a client key).
 */
final class TestCertificates {

    private TestCertificates() {}

    static void create(Path dir, Path caOnlyDir) {
        String openssl = ExternalCommand.require("openssl", "openssl").toString();
        try {
            Files.createDirectories(dir);
            Path extensions = Files.writeString(dir.resolve("server.ext"),
                    "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
                            + "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
            run(dir, openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-keyout", "ca.key", "-out", "ca.crt", "-subj", "/CN=scafctl test CA",
                    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
            run(dir, openssl, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                    "-subj", "/CN=127.0.0.1");
            run(dir, openssl, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                    "-CAcreateserial", "-days", "2", "-out", "server.crt", "-extfile", extensions.toString());
            Files.createDirectories(caOnlyDir);
            Files.copy(dir.resolve("ca.crt"), caOnlyDir.resolve("ca.crt"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create test certificates in " + dir, e);
        }
    }

    private static void run(Path dir, String... command) {
        List<String> args = new java.util.ArrayList<>(List.of(command));
        // openssl writes relative file names into the working folder; give it absolute ones instead.
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.endsWith(".key") || arg.endsWith(".crt") || arg.endsWith(".csr")) {
                args.set(i, dir.resolve(arg).toString());
            }
        }
        ExternalCommand.run(args, Duration.ofMinutes(1)).requireSuccess(args);
    }
}
