package dev.scafctl.catalog.remote;

import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.oci.CanonicalJson;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import dev.scafctl.catalog.oci.JsonValue;

/**
 * Credentials from docker and podman configuration files, read as those tools do: per file, a credential helper
 * named for the registry ({@code credHelpers}), then the default store ({@code credsStore}), then the inline
 * {@code auths} entry. The first file that knows the registry wins. A {@code :} inside a password is kept: the
 * {@code auth} value is split at its first colon only.
 */
public final class DockerConfigCredentials implements CredentialSource {

    /** How long a credential helper may take to answer (one waiting on a keychain prompt may never answer). */
    static final Duration HELPER_TIMEOUT = Duration.ofSeconds(30);

    private final List<Path> files;
    private final List<Path> helperDirs;
    private final Duration helperTimeout;

    /** Reads {@code files} in order; credential helpers are looked up in {@code helperDirs} (the PATH). */
    public DockerConfigCredentials(List<Path> files, List<Path> helperDirs) {
        this(files, helperDirs, HELPER_TIMEOUT);
    }

    DockerConfigCredentials(List<Path> files, List<Path> helperDirs, Duration helperTimeout) {
        this.files = List.copyOf(files);
        this.helperDirs = List.copyOf(helperDirs);
        this.helperTimeout = helperTimeout;
    }

    /** The files docker and podman read, in scafctl's order, for this user and environment. */
    public static DockerConfigCredentials standardLocations(Map<String, String> environment, Path home) {
        List<Path> files = new ArrayList<>();
        String dockerConfig = environment.get("DOCKER_CONFIG");
        if (dockerConfig != null && !dockerConfig.isBlank()) {
            files.add(Path.of(dockerConfig, "config.json"));
        }
        files.add(home.resolve(".docker/config.json"));
        String runtimeDir = environment.get("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            files.add(Path.of(runtimeDir, "containers/auth.json"));
        }
        files.add(home.resolve(".config/containers/auth.json"));
        List<Path> path = new ArrayList<>();
        for (String dir : environment.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                path.add(Path.of(dir));
            }
        }
        return new DockerConfigCredentials(files, path);
    }

    @Override
    public Optional<Credentials> find(Registry registry) {
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            JsonValue config = read(file);
            Optional<Credentials> found = fromFile(file, config, registry);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<Credentials> fromFile(Path file, JsonValue config, Registry registry) {
        JsonValue helper = config.path("credHelpers").get(registry.host());
        if (helper != null && helper.isString() && !helper.asString().isBlank()) {
            Optional<Credentials> fromHelper = runHelper(helper.asString(), registry.host());
            if (fromHelper.isPresent()) {
                return fromHelper;
            }
        }
        JsonValue store = config.get("credsStore");
        if (store != null && store.isString() && !store.asString().isBlank()) {
            Optional<Credentials> fromStore = runHelper(store.asString(), registry.host());
            if (fromStore.isPresent()) {
                return fromStore;
            }
        }
        JsonValue auths = config.path("auths");
        for (String key : List.of(registry.host(), "https://" + registry.host(), "http://" + registry.host(),
                "https://" + registry.host() + "/v1/", "https://" + registry.host() + "/v2/")) {
            JsonValue entry = auths.get(key);
            if (entry != null && entry.isObject()) {
                Optional<Credentials> inline = inline(entry, file);
                if (inline.isPresent()) {
                    return inline;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Credentials> inline(JsonValue entry, Path file) {
        String auth = entry.path("auth").asString("");
        if (!auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new CatalogException("the \"auth\" entry in " + file + " is not valid base64");
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw new CatalogException("the \"auth\" entry in " + file + " is not base64 of user:password");
            }
            return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1), file.toString()));
        }
        String user = entry.path("username").asString("");
        String password = entry.path("password").asString("");
        return user.isEmpty() ? Optional.empty() : Optional.of(new Credentials(user, password, file.toString()));
    }

    /** Runs {@code docker-credential-NAME get}, which answers with JSON {@code {Username, Secret}} or fails if it knows nothing. */
    private Optional<Credentials> runHelper(String name, String host) {
        String program = "docker-credential-" + name;
        Path executable = helperDirs.stream().map(dir -> dir.resolve(program)).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new CatalogException("credential helper " + program + " is configured in a docker"
                        + " config but is not on the PATH; install it or remove it from the config"));
        Process process;
        try {
            process = new ProcessBuilder(executable.toString(), "get").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new CatalogException("credential helper " + program + " is configured but cannot be started: "
                    + e.getMessage() + "; install it or remove it from the docker config");
        }
        try {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(host.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // A helper that knows nothing may exit before reading its input; its exit code says so below.
            }
            // Read while waiting, so the timeout holds even when the helper never closes its output.
            CompletableFuture<byte[]> reading = CompletableFuture.supplyAsync(() -> {
                try (InputStream out = process.getInputStream()) {
                    return out.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (!process.waitFor(helperTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                reading.cancel(true);
                throw new CatalogException("credential helper " + program + " (" + executable + ") did not answer within "
                        + helperTimeout.toSeconds() + " s (is it waiting for a keychain prompt or a login?); unlock or"
                        + " log in to it, or remove it from the docker config");
            }
            byte[] output;
            try {
                output = reading.get(helperTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new CatalogException("credential helper " + program + " failed: " + e.getCause().getMessage(), e);
            } catch (TimeoutException e) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                throw new CatalogException("credential helper " + program + " exited but its output did not end within "
                        + helperTimeout.toSeconds() + " s (a process it started holds it open)");
            }
            if (process.exitValue() != 0) {
                return Optional.empty(); // "credentials not found in native keychain"
            }
            JsonValue answer = parseWithoutEcho(output, "the answer of " + program);
            String user = answer.path("Username").asString("");
            String secret = answer.path("Secret").asString("");
            return user.isEmpty() ? Optional.empty() : Optional.of(new Credentials(user, secret, "credential helper " + program));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogException("interrupted while asking credential helper " + program, e);
        }
    }

    private static JsonValue read(Path file) {
        try {
            return parseWithoutEcho(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new CatalogException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses JSON that may hold secrets; a parser message could quote them, so it is not passed on. */
    private static JsonValue parseWithoutEcho(byte[] json, String what) {
        try {
            return CanonicalJson.read(json, what);
        } catch (dev.scafctl.catalog.InvalidInputException e) {
            throw new CatalogException(what + " is not valid JSON; fix or remove it");
        }
    }
}
