package dev.scafctl.catalog.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The independent OCI client of the interop tests. It runs with its own policy and an empty registries.conf, so
 * that what the host has configured in {@code /etc/containers} cannot change what a test sees.
 */
public final class Skopeo {

    private final Path executable;
    private final Path policy;
    private final Path registriesConf;

    public Skopeo(Path workDir) {
        this.executable = ExternalCommand.require("skopeo", "skopeo");
        try {
            Files.createDirectories(workDir);
            this.policy = Files.writeString(workDir.resolve("policy.json"),
                    "{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}");
            this.registriesConf = Files.writeString(workDir.resolve("registries.conf"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code skopeo ARGS...} and returns its standard output, failing the test on a non-zero exit. */
    public String run(String... args) {
        List<String> command = new ArrayList<>(List.of(executable.toString(),
                "--policy", policy.toString(), "--registries-conf", registriesConf.toString()));
        command.addAll(List.of(args));
        return ExternalCommand.run(command, Duration.ofMinutes(5)).requireSuccess(command).stdout();
    }

    /** {@code skopeo inspect --raw} of an image: its manifest or index bytes exactly as stored. */
    public byte[] inspectRaw(String image, String... options) {
        List<String> args = new ArrayList<>(List.of("inspect", "--raw"));
        args.addAll(List.of(options));
        args.add(image);
        return run(args.toArray(String[]::new)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The options that let skopeo talk to {@code registry} as destination. */
    public static List<String> destinationOptions(RegistryServer registry) {
        return registry.tls()
                ? List.of("--dest-cert-dir", registry.certificateDir().toString(), "--dest-creds", registry.credentials())
                : List.of("--dest-tls-verify=false");
    }

    /** The options that let skopeo read from {@code registry} in {@code inspect}. */
    public static List<String> sourceOptions(RegistryServer registry) {
        return registry.tls()
                ? List.of("--cert-dir", registry.certificateDir().toString(), "--creds", registry.credentials())
                : List.of("--tls-verify=false");
    }
}
