package dev.scafctl.maven;

import dev.scafctl.catalog.BuildTimestamp;
import dev.scafctl.catalog.ByteCount;
import dev.scafctl.catalog.artifact.ArtifactExistsException;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.lock.LockFile;
import dev.scafctl.catalog.lock.LockFileWriter;
import dev.scafctl.catalog.lock.LockedPlugin;
import dev.scafctl.catalog.plugin.PluginInstaller;
import dev.scafctl.catalog.remote.TransferListener;
import dev.scafctl.catalog.solution.BuiltSolution;
import dev.scafctl.catalog.solution.SolutionBuild;
import dev.scafctl.catalog.solution.SolutionDocument;
import dev.scafctl.catalog.solution.SolutionImageBuilder;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.solution.ReactorPlugin;
import dev.scafctl.catalog.solution.SolutionLocker;
import dev.scafctl.maven.support.LockHandover;
import dev.scafctl.maven.support.ModuleArtifacts;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Validates, composes and bundles a scafctl solution and stores it in the local catalog, as
 * {@code scafctl build solution} does: layer 0 the (composed) YAML, layer 1 a tar of the bundled files with its
 * bundle manifest. Reproducible: the same inputs and {@code project.build.outputTimestamp} give the same manifest
 * digest. Writes (or replays) {@code .scafctl.lock.yaml} beside the solution, pinning each plugin's version, image
 * index and the binary of every platform it ships.
 */
@Mojo(name = "build-solution", defaultPhase = LifecyclePhase.PACKAGE, requiresProject = false, threadSafe = true)
public class BuildSolutionMojo extends AbstractRemoteMojo {

    /** The solution YAML. Defaults to {@code solution.yaml} in the base directory. */
    @Parameter(property = "scafctl.solution")
    private File solution;

    /**
     * The version to store; defaults to {@code metadata.version}, else the project version. ({@code scafctl.version},
     * which Maven users keep for the plugin's own version, is not read.)
     */
    @Parameter(property = "scafctl.artifactVersion")
    private String version;

    /** Overwrite a version the catalog holds with other content. */
    @Parameter(property = "scafctl.force", defaultValue = "false")
    private boolean force;

    /**
     * The largest bundle allowed: a whole number of {@code B}, {@code KiB}, {@code MiB} or {@code GiB}, e.g.
     * {@code 50MiB}. {@code KB}, {@code MB} and {@code GB} are read as the same binary units, so the default
     * {@code 50MB} is 50 MiB (52,428,800 bytes), as the log shows sizes.
     */
    @Parameter(property = "scafctl.maxBundleSize", defaultValue = "50MB")
    private String maxBundleSize;

    /** Re-resolve every plugin of the lock, not only the missing or no longer satisfying ones. */
    @Parameter(property = "scafctl.lock.update", defaultValue = "false")
    private boolean lockUpdate;

    /** The platform whose binary goes into each lock entry's scafctl {@code digest}; defaults to this machine. */
    @Parameter(property = "scafctl.platform")
    private String platform;

    /** A remote catalog (name or URL) to resolve plugins from, right after the local catalog. */
    @Parameter(property = "scafctl.catalog")
    private String catalog;

    /** The time written into every {@code created} field; unset gives 1970-01-01T00:00:00Z. */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    @Inject
    public BuildSolutionMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        warnAboutScafctlVersion();
        Optional<Path> found = solutionFileOrSkip(solution);
        if (found.isEmpty()) {
            return;
        }
        Path file = found.get();
        BuildTimestamp created = parameter("outputTimestamp", "project.build.outputTimestamp", () -> BuildTimestamp.parse(outputTimestamp));
        long maxBytes = parameter("maxBundleSize", "scafctl.maxBundleSize", () -> ByteSizes.parse(maxBundleSize));
        Platform lockPlatform = targetPlatform(platform);
        LocalCatalog local = localCatalog();

        // read once: the document carries the bytes, the plugins and the near misses to every step below
        SolutionDocument document = SolutionDocument.read(file);
        SolutionBuild.Prepared prepared = SolutionBuild.prepare(document, local);
        document.nearMisses().forEach(getLog()::warn);
        Optional<SolutionLocker.Outcome> locked = lock(file, prepared, lockPlatform);
        List<LockedPlugin> pins = locked.map(o -> o.lock().plugins()).orElse(List.of());

        String versionText = version != null ? version
                : !prepared.solution().metadata("version").isBlank() || !hasPom() ? null : project().getVersion();
        BuiltSolution built;
        try {
            built = new SolutionImageBuilder(local).build(new SolutionImageBuilder.Request(prepared.solution(), versionText,
                    created, force || isSnapshot(versionText, prepared), maxBytes, pins), prepared.files(), prepared.vendored(),
                    prepared.composed(), prepared.plugins());
        } catch (ArtifactExistsException e) {
            throw new MojoFailureException(e.messageWithHint("set <force>true</force> or -Dscafctl.force=true to overwrite"), e);
        }
        if (!built.composed().isEmpty()) {
            getLog().info("Composed " + (built.composed().size() + 1) + " file(s) into the solution");
        }
        built.files().forEach(f -> getLog().info("bundled " + f.path() + " (" + new ByteCount(f.size()) + ")"));
        built.vendored().forEach(v -> getLog().info("vendored " + v.ref() + " -> " + v.vendoredAt()));
        String what = summaryVerb(built.outcome());
        getLog().info(String.format("%s solution %s (%d bundled file(s), %d plugin(s)) %s in %s", what, built.reference(),
                built.files().size(), prepared.plugins().size(), built.manifest().digest(), local.root()));
        if (locked.isPresent()) {
            writeLock(locked.get());
        }
    }

    /** A SNAPSHOT (the version given, else {@code metadata.version}) is rebuilt in place, as Maven rebuilds its own. */
    private static boolean isSnapshot(String versionText, SolutionBuild.Prepared prepared) {
        String text = versionText != null ? versionText : prepared.solution().metadata("version");
        Version parsed = text == null || text.isBlank() ? null : Version.parseOrNull(text);
        return parsed != null && ReactorPlugin.isSnapshot(parsed);
    }

    /**
     * Written last, so a build that fails leaves the lock as it was; and only when its bytes change. Beside it goes
     * scafctl's {@code solution.lock} with the same content, which scafctl's {@code plugins install} and {@code run}
     * read; where that copy disagrees with the lock, the lock wins (frozen: the build fails).
     */
    private void writeLock(SolutionLocker.Outcome outcome) throws MojoFailureException {
        Path lockFile = outcome.lock().file();
        Path copy = lockFile.resolveSibling(LockFile.SCAFCTL_FILE_NAME);
        List<String> disagreements = LockFile.copyDifferences(lockFile);
        boolean frozen = parameters().property("scafctl.lock.frozen").map(Boolean::parseBoolean).orElse(false);
        if (frozen) {
            if (!LockFileWriter.holds(lockFile, outcome.lock())) {
                throw new MojoFailureException("The lock " + display(lockFile) + " does not hold: this build pins "
                        + String.join(", ", outcome.resolved()) + ". Update it with "
                        + LockHandover.update(session()) + " (without -Dscafctl.lock.frozen=true) and commit it");
            }
            if (!disagreements.isEmpty()) {
                throw new MojoFailureException(display(copy) + " disagrees with the lock " + display(lockFile) + ": "
                        + String.join("; ", disagreements) + ". A build without -Dscafctl.lock.frozen=true rewrites it"
                        + " from the lock; commit both");
            }
            return;
        }
        disagreements.forEach(d -> getLog().warn(display(copy) + " disagreed with the lock: " + d + "; rewritten from "
                + LockFile.FILE_NAME));
        boolean copyHeld = LockFileWriter.holds(copy, outcome.lock());
        if (LockFileWriter.write(lockFile, outcome.lock()) || !copyHeld) {
            getLog().info("Wrote " + display(lockFile) + " and, for scafctl, " + copy.getFileName());
        }
    }


    /**
     * The solution's lock: kept entries stay, the others are resolved through the catalog chain; a plugin that a
     * module of this build makes is pinned from what it made. With the lock extension having re-resolved every pin
     * in this build already ({@code lock.update}), they are taken as they are: one resolution per build.
     */
    private Optional<SolutionLocker.Outcome> lock(Path file, SolutionBuild.Prepared prepared, Platform lockPlatform)
            throws MojoFailureException {
        Optional<LockFile> existing = parameter("solution", "lock file", () -> LockFile.findBeside(file));
        if (prepared.plugins().isEmpty() && prepared.vendored().isEmpty() && existing.isEmpty()) {
            return Optional.empty();
        }
        PluginInstaller resolver = catalogAccess().installer(TransferListener.NONE, getLog()::warn);
        Path lockFile = file.toAbsolutePath().getParent().resolve(LockFile.FILE_NAME);
        boolean update = lockUpdate && !Boolean.parseBoolean(project().getProperties()
                .getProperty(LockHandover.RESOLVED_BY_EXTENSION, "false"));
        SolutionLocker.Outcome outcome = SolutionLocker.lock(lockFile, prepared.plugins(), existing, update,
                requirement -> resolver.pin(requirement, isOffline()), lockPlatform, prepared.vendored(),
                ModuleArtifacts.reactorPlugins(session()));
        outcome.kept().forEach(p -> getLog().info("lock keeps " + p));
        outcome.resolved().forEach(p -> getLog().info("lock pins " + p));
        outcome.dropped().forEach(p -> getLog().info("lock drops " + p + " (no longer declared)"));
        return Optional.of(outcome);
    }
}
