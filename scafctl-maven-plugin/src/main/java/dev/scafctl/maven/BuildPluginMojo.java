package dev.scafctl.maven;

import dev.scafctl.catalog.BuildTimestamp;
import dev.scafctl.catalog.ByteCount;
import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.ArtifactExistsException;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.local.AtomicFiles;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.plugin.PlatformBinary;
import dev.scafctl.catalog.plugin.PluginBuildRequest;
import dev.scafctl.catalog.plugin.PluginImageBuilder;
import dev.scafctl.catalog.protocol.PluginCheck;
import dev.scafctl.catalog.protocol.PluginCheckException;
import dev.scafctl.catalog.protocol.PluginMetadata;
import dev.scafctl.catalog.solution.ReactorPlugin;
import dev.scafctl.maven.support.LockHandover;
import dev.scafctl.maven.support.ModuleArtifacts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Packages one binary per platform into a single multi-platform scafctl plugin (an OCI image index with one
 * manifest per platform) in the local catalog, as {@code scafctl build plugin} does, but reproducibly: the same
 * binaries give the same index digest on every run and machine. The digest is also written to
 * {@code target/scafctl/<name>-<version>.digest}.
 *
 * <p>Before packaging, the binary for the platform of the build machine (when one is given) is started as scafctl
 * would load it: it must print go-plugin's handshake and answer {@code plugin.PluginService/GetProviders} (or
 * {@code plugin.AuthHandlerService/GetAuthHandlers} for an auth handler). The names it serves are recorded,
 * sorted and comma-joined, as {@code dev.scafctl.provider.names} or {@code dev.scafctl.auth-handler.names} on the
 * index and every platform manifest. A binary that does not speak the protocol fails the build.
 *
 * <p>Runs without a pom too: {@code mvn dev.scafctl:scafctl-maven-plugin:build-plugin -Dscafctl.name=my-provider
 * -Dscafctl.artifactVersion=1.0.0 -Dscafctl.platforms=linux/amd64=dist/my-provider-linux-amd64,...}
 */
@Mojo(name = "build-plugin", defaultPhase = LifecyclePhase.PACKAGE, requiresProject = false, threadSafe = true)
public class BuildPluginMojo extends AbstractScafctlMojo {

    /** The plugin's catalog name: lowercase letters, digits and single hyphens. Defaults to the artifactId. */
    @Parameter(property = "scafctl.name")
    private String name;

    /** The plugin kind: {@code provider} or {@code auth-handler}. */
    @Parameter(property = "scafctl.kind", defaultValue = "provider")
    private String kind;

    /**
     * The plugin version, a semantic version, written normalized ({@code v1.2} is {@code 1.2.0}). Defaults to the
     * project version. A Maven SNAPSHOT ({@code 1.0.0-SNAPSHOT}) is stored as that pre-release: a rebuild replaces it
     * without {@code force}, and constraints match it only when they name a pre-release ({@code ^1.0.0-0}).
     * ({@code scafctl.version}, which Maven users keep for the plugin's own version, is not read.)
     */
    @Parameter(property = "scafctl.artifactVersion")
    private String version;

    /**
     * The binaries, one per platform, as {@code os/arch=path} with the path relative to the project. In the pom, one
     * {@code <platform>} element each; on the command line, comma-separated. Supported platforms:
     * {@code linux/amd64}, {@code linux/arm64}, {@code darwin/amd64}, {@code darwin/arm64}, {@code windows/amd64}.
     */
    @Parameter(property = "scafctl.platforms")
    private List<String> platforms;

    /** Overwrite a version that the local catalog already holds with different content. */
    @Parameter(property = "scafctl.force", defaultValue = "false")
    private boolean force;

    /**
     * Start the binary for this machine's platform and check that it speaks scafctl's plugin protocol, recording
     * the names it provides. {@code false} builds without the check (and without the names).
     */
    @Parameter(property = "scafctl.verifyPlugin", defaultValue = "true")
    private boolean verifyPlugin;

    /** How long the plugin check may take, in seconds, from starting the binary to its answer. */
    @Parameter(property = "scafctl.verifyTimeout", defaultValue = "30")
    private int verifyTimeout;

    /** The time written into every {@code created} field; unset gives 1970-01-01T00:00:00Z. */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    @Override
    protected void run() throws MojoFailureException {
        ArtifactReference reference = reference();
        List<PlatformBinary> binaries = binaries();
        boolean snapshot = ReactorPlugin.isSnapshot(reference.version());
        if (snapshot) {
            getLog().info(reference.name() + "@" + reference.version() + " is a SNAPSHOT: stored as that pre-release and"
                    + " replaced by each build; constraints match it only when they name a pre-release (^"
                    + reference.version().release() + "-0)");
        }
        PluginBuildRequest request = new PluginBuildRequest(reference, binaries, timestamp(), force || snapshot,
                checkedMetadata(reference.kind(), binaries));
        LocalCatalog catalog = localCatalog();
        BuiltPlugin built;
        try {
            built = new PluginImageBuilder(catalog).build(request);
        } catch (ArtifactExistsException e) {
            throw new MojoFailureException(
                    e.messageWithHint("set <force>true</force> or -Dscafctl.force=true to overwrite"), e);
        }
        log(built, catalog);
        writeDigestFile(built);
        checkLockExpectation(built);
    }

    /**
     * When a solution of this build pins what this module builds, the build must reproduce the pin: another index
     * digest means the binaries changed under a version the lock (and maybe a registry) already knows.
     */
    private void checkLockExpectation(BuiltPlugin built) throws MojoFailureException {
        ReactorPlugin plugin = new ReactorPlugin(built.reference().kind(), built.reference().name(), built.reference().version(),
                project().getArtifactId());
        Optional<LockHandover.Expectation> expected = LockHandover.expectation(project(), plugin);
        if (expected.isPresent() && !expected.get().indexDigest().equals(built.index().digest().toString())) {
            throw new MojoFailureException("module " + project().getArtifactId() + " built " + built.reference().name() + "@"
                    + built.reference().version() + " as " + built.index().digest() + ", but the lock of module "
                    + expected.get().solutionModule() + " (" + expected.get().lockFile() + ") pins "
                    + expected.get().indexDigest() + ". A released version must not change: give the new binaries a new"
                    + " version, or, if the change is intended, update the lock with "
                    + LockHandover.update(session()) + " and commit it");
        }
    }

    /** What to build, named as push and the lock extension name it ({@link ModuleArtifacts#plugin}). */
    private ArtifactReference reference() throws MojoFailureException {
        warnAboutScafctlVersion();
        ModuleArtifacts.PluginCoordinates coordinates = ModuleArtifacts.plugin(parameters(), project());
        if (name == null) {
            requireFromPom("name", "scafctl.name");
        }
        if (version == null) {
            requireFromPom("version", ModuleArtifacts.ARTIFACT_VERSION);
        }
        return new ArtifactReference(parameter("kind", "scafctl.kind", () -> ArtifactKind.parsePlugin(coordinates.kind())),
                parameter("name", "scafctl.name", () -> ArtifactName.of(coordinates.name())),
                parameter("version", ModuleArtifacts.ARTIFACT_VERSION, () -> Version.parse(coordinates.version())));
    }

    private void requireFromPom(String parameter, String property) throws MojoFailureException {
        if (!hasPom()) {
            throw new MojoFailureException("Missing <" + parameter + ">: without a pom.xml, give it as -D" + property + "=...");
        }
    }

    private List<PlatformBinary> binaries() throws MojoFailureException {
        return parameter("platforms", "scafctl.platforms", () -> PlatformBinary.parseAll(platforms, baseDir()));
    }

    private Optional<PluginMetadata> checkedMetadata(ArtifactKind kind, List<PlatformBinary> binaries)
            throws MojoFailureException {
        if (!verifyPlugin) {
            getLog().info("Plugin check off (scafctl.verifyPlugin=false): no " + kind + " names are recorded");
            return Optional.empty();
        }
        Optional<PlatformBinary> runnable = PlatformBinary.runnableHere(binaries);
        if (runnable.isEmpty()) {
            getLog().warn("No binary for this machine's platform ("
                    + Platform.currentIfSupported().map(Object::toString).orElse("unsupported by scafctl")
                    + ") among <platforms>: building without the plugin check, so no " + kind + " names are recorded");
            return Optional.empty();
        }
        Duration timeout = parameter("verifyTimeout", "scafctl.verifyTimeout", () -> positiveSeconds(verifyTimeout));
        try {
            PluginMetadata metadata = new PluginCheck(timeout).check(kind, runnable.get().platform(),
                    runnable.get().file());
            getLog().info("Plugin check: the " + runnable.get().platform() + " binary serves " + kind + " "
                    + String.join(", ", metadata.names()));
            return Optional.of(metadata);
        } catch (PluginCheckException e) {
            throw new MojoFailureException(e.getMessage() + ". Fix the binary, or set -Dscafctl.verifyPlugin=false"
                    + " to build without the check", e);
        }
    }

    private static Duration positiveSeconds(int seconds) {
        if (seconds <= 0) {
            throw new InvalidInputException(seconds + " is not a number of seconds above 0");
        }
        return Duration.ofSeconds(seconds);
    }

    private BuildTimestamp timestamp() throws MojoFailureException {
        return parameter("outputTimestamp", "project.build.outputTimestamp", () -> BuildTimestamp.parse(outputTimestamp));
    }

    private void log(BuiltPlugin built, LocalCatalog catalog) {
        for (BuiltPlugin.PlatformImage image : built.platforms()) {
            getLog().info(image.platform() + " -> " + display(image.source().file()) + " ("
                    + new ByteCount(image.source().size()) + ")");
        }
        String what = summaryVerb(built.outcome());
        getLog().info(String.format("%s %s %s (%d platform(s)) %s in %s", what, built.reference().kind(),
                built.reference(), built.platforms().size(), built.index().digest(), catalog.root()));
    }

    private void writeDigestFile(BuiltPlugin built) {
        Path file = buildDirectory().resolve("scafctl")
                .resolve(built.reference().name() + "-" + built.reference().version() + ".digest");
        AtomicFiles.write(file, (built.index().digest() + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
