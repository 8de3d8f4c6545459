package dev.scafctl.maven;

import dev.scafctl.catalog.access.CatalogAccess;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.artifact.PluginRequirement;
import dev.scafctl.catalog.local.AtomicFiles;
import dev.scafctl.catalog.lock.LockFile;
import dev.scafctl.catalog.oci.CanonicalJson;
import dev.scafctl.catalog.plugin.PluginCache;
import dev.scafctl.catalog.plugin.PluginInstaller;
import dev.scafctl.catalog.lock.LockedPlugin;
import dev.scafctl.catalog.solution.ReactorPlugin;
import dev.scafctl.maven.support.ModuleArtifacts;
import dev.scafctl.catalog.solution.SolutionDocument;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Installs the plugin binaries a solution declares in {@code bundle.plugins} into the plugin cache, as
 * {@code scafctl plugins install} does: each is resolved through the catalog chain (the local catalog, then the
 * remote catalogs in order), the binary for the platform is picked, verified against its digest and cached. A lock
 * file beside the solution pins versions and digests; with a warm cache that makes no network request at all.
 *
 * <p>Later goals find each binary in the project property {@code scafctl.plugin.<name>.path} (and {@code .version},
 * {@code .digest}), and all of them in {@code target/scafctl/plugins.json}.
 */
@Mojo(name = "install-plugins", defaultPhase = LifecyclePhase.INITIALIZE, requiresProject = false, threadSafe = true)
public class InstallPluginsMojo extends AbstractRemoteMojo {

    /** The solution whose {@code bundle.plugins} to install. Defaults to {@code solution.yaml} in the base directory. */
    @Parameter(property = "scafctl.solution")
    private File solution;

    /** A remote catalog (name or URL) to ask, for this run, right after the local catalog. */
    @Parameter(property = "scafctl.catalog")
    private String catalog;

    /** The platform to install for, {@code os/arch}; defaults to the machine's own. */
    @Parameter(property = "scafctl.platform")
    private String platform;

    /** The plugin cache; defaults to {@code $XDG_CACHE_HOME/scafctl/plugins}, shared with the scafctl CLI. */
    @Parameter(property = "scafctl.cacheDir")
    private File cacheDir;

    /** How many plugins to resolve and download at once. */
    @Parameter(property = "scafctl.parallelDownloads", defaultValue = "4")
    private int parallelDownloads;

    @Inject
    public InstallPluginsMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        Optional<Path> found = solutionFileOrSkip(solution);
        if (found.isEmpty()) {
            return;
        }
        Path solutionFile = found.get();
        SolutionDocument document = parameter("solution", "scafctl.solution", () -> SolutionDocument.readPlugins(solutionFile));
        List<PluginRequirement> declared = document.plugins();
        document.nearMisses().forEach(getLog()::warn);
        Optional<LockFile> lockFound = parameter("solution", "lock file", () -> LockFile.findBeside(solutionFile));
        ReactorPins reactorPins = ReactorPins.of(declared, lockFound, ModuleArtifacts.reactorPlugins(session()));
        List<PluginRequirement> requirements = reactorPins.requirements();
        Optional<LockFile> lock = reactorPins.lock();
        Platform target = targetPlatform(platform);
        if (requirements.isEmpty()) {
            getLog().info("No bundle.plugins in " + display(solutionFile) + "; nothing to install");
            return;
        }
        boolean offline = isOffline();
        CatalogAccess access = catalogAccess();
        PluginCache cache = access.pluginCache();
        getLog().info("Catalog chain: " + access.describeChain());
        PluginInstaller installer = access.installer(new LogProgress(getLog(), "Downloading"), getLog()::warn);
        lock.ifPresent(l -> getLog().info("Pins from " + display(l.file())));

        long started = System.nanoTime();
        List<PluginInstaller.Installed> installed = installer.install(requirements, lock,
                new PluginInstaller.Options(target, offline, parallelDownloads));

        for (PluginInstaller.Installed plugin : installed) {
            getLog().info(String.format("%s %s@%s %s from %s %s (%s%s%s) -> %s", plugin.requirement().kind(),
                    plugin.requirement().name(), plugin.version(), plugin.platform(), plugin.catalog(), plugin.binaryDigest(),
                    plugin.downloaded() ? "installed" : "cache hit", plugin.pinned() ? ", pinned" : "",
                    plugin.signedBy().map(k -> ", signed by " + k).orElse(""), plugin.file()));
            String prefix = "scafctl.plugin." + plugin.requirement().name() + ".";
            project().getProperties().setProperty(prefix + "path", plugin.file().toString());
            project().getProperties().setProperty(prefix + "version", plugin.version().toString());
            project().getProperties().setProperty(prefix + "digest", plugin.binaryDigest().toString());
        }
        Path report = writeReport(target, installed);
        getLog().info("Installed " + installed.size() + " plugin(s) for " + target + " into " + cache.root() + " in "
                + elapsedSince(started) + "; see " + display(report));
    }

    /**
     * The requirements and lock to install from when modules of this build make some of the plugins: such a plugin
     * is installed at exactly the version the build made, and its pin is left out when the build may have made other
     * bytes (a SNAPSHOT) or another version than the lock names; build-solution pins it afresh.
     */
    private record ReactorPins(List<PluginRequirement> requirements, Optional<LockFile> lock) {

        static ReactorPins of(List<PluginRequirement> declared, Optional<LockFile> lock, List<ReactorPlugin> reactor) {
            List<PluginRequirement> requirements = new ArrayList<>();
            List<LockedPlugin> unpinned = new ArrayList<>();
            for (PluginRequirement requirement : declared) {
                Optional<ReactorPlugin> built = ReactorPlugin.builtFor(requirement, reactor);
                Optional<LockedPlugin> pin = lock.flatMap(l -> l.find(requirement.kind(), requirement.name()));
                if (built.isPresent() && !pin.map(built.get()::isPinnedBy).orElse(false)) {
                    requirements.add(built.get().exactly());
                    pin.ifPresent(unpinned::add);
                } else {
                    requirements.add(requirement);
                }
            }
            return new ReactorPins(requirements, lock.map(l -> new LockFile(l.file(), l.plugins().stream()
                    .filter(p -> !unpinned.contains(p)).toList(), l.dependencies())));
        }
    }

    private Path writeReport(Platform target, List<PluginInstaller.Installed> installed) {
        List<Map<String, Object>> plugins = new ArrayList<>();
        for (PluginInstaller.Installed plugin : installed) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", plugin.requirement().name().value());
            entry.put("kind", plugin.requirement().kind().wireName());
            entry.put("constraint", plugin.requirement().constraint().toString());
            entry.put("version", plugin.version().toString());
            entry.put("platform", plugin.platform().toString());
            entry.put("path", plugin.file().toString());
            entry.put("digest", plugin.binaryDigest().toString());
            entry.put("catalog", plugin.catalog());
            entry.put("pinned", plugin.pinned());
            plugin.signedBy().ifPresent(k -> entry.put("signedBy", k.toString()));
            plugins.add(entry);
        }
        Path report = buildDirectory().resolve("scafctl").resolve("plugins.json");
        AtomicFiles.write(report, CanonicalJson.write(Map.of("platform", target.toString(), "plugins", plugins)));
        return report;
    }
}
