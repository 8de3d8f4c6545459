package dev.scafctl.catalog.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * Real hashicorp/go-plugin binaries for the tests, compiled with Debian's Go toolchain and libraries in GOPATH
 * mode from the sources in {@code go-plugin/} beside this class. One binary plays every plugin the tests need:
 * its mode is the part of its file name after the last dot (see {@code main.go}).
 */
public final class GoPlugins {

    private static final String GOPATH_LIBRARIES = "/usr/share/gocode";
    private static Path compiled;

    private GoPlugins() {}

    /** A copy of the test plugin named {@code scafctl-test-plugin.<mode>} in {@code folder}. */
    public static Path plugin(Path folder, String mode) {
        try {
            Files.createDirectories(folder);
            return Files.copy(compiled(), folder.resolve("scafctl-test-plugin." + mode),
                    StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles the test plugin once per JVM. */
    public static synchronized Path compiled() {
        if (compiled == null) {
            compiled = compile();
        }
        return compiled;
    }

    private static Path compile() {
        Path go = ExternalCommand.require("go", "golang-go");
        Path protoc = ExternalCommand.require("protoc", "protobuf-compiler");
        ExternalCommand.require("protoc-gen-go", "golang-goprotobuf-dev");
        requireLibrary("github.com/hashicorp/go-plugin", "golang-github-hashicorp-go-plugin-dev");
        requireLibrary("google.golang.org/grpc", "golang-google-grpc-dev");
        try {
            Path gopath = Files.createTempDirectory("scafctl-go-plugin-");
            Path source = Files.createDirectories(gopath.resolve("src/scafctltest/proto"));
            copyResource("main.go", source.getParent().resolve("main.go"));
            copyResource("plugin.proto", source.resolve("plugin.proto"));
            ExternalCommand.run(List.of(protoc.toString(), "--proto_path=" + source,
                    "--go_out=plugins=grpc,paths=source_relative:" + source, source.resolve("plugin.proto").toString()),
                    Duration.ofMinutes(1)).requireSuccess(List.of("protoc"));
            Path binary = gopath.resolve("bin/scafctl-test-plugin");
            List<String> build = List.of("/usr/bin/env", "GO111MODULE=off", "GOPATH=" + gopath + ":" + GOPATH_LIBRARIES,
                    "GOFLAGS=", go.toString(), "build", "-o", binary.toString(), "scafctltest");
            ExternalCommand.run(build, Duration.ofMinutes(5)).requireSuccess(build);
            return binary;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireLibrary(String importPath, String debianPackage) {
        if (!Files.isDirectory(Path.of(GOPATH_LIBRARIES, "src", importPath))) {
            throw new AssertionError("the Go library " + importPath + " is needed by this test but is not installed;"
                    + " install it with `apt-get install -y " + debianPackage + "` (bin/test-all installs it when missing)");
        }
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = GoPlugins.class.getResourceAsStream("go-plugin/" + name)) {
            if (in == null) {
                throw new IOException("test resource go-plugin/" + name + " is missing");
            }
            Files.copy(in, target);
        }
    }
}
