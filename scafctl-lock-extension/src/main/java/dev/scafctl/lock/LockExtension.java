package dev.scafctl.lock;

import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.DefaultLocations;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.lock.LockedPlugin;
import dev.scafctl.catalog.plugin.PluginCache;
import dev.scafctl.catalog.plugin.PluginInstaller;
import dev.scafctl.catalog.remote.ConfiguredCatalogs;
import dev.scafctl.catalog.remote.CredentialSource;
import dev.scafctl.catalog.remote.RegistryClient;
import dev.scafctl.catalog.remote.RemoteCatalog;
import dev.scafctl.catalog.remote.TransferListener;
import dev.scafctl.catalog.remote.Transport;
import dev.scafctl.catalog.solution.LockGuard;
import dev.scafctl.maven.support.RegistryAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.apache.maven.MavenExecutionException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scafctl lock extension. Registered in {@code .mvn/extensions.xml}, it runs after the projects are read and
 * before any of them is built: for every project with a solution ({@code scafctl.solution}, the plugin's
 * {@code <solution>}, or {@code solution.yaml} in its folder) it replays {@code .scafctl.lock.yaml}, producing it
 * when missing and updating it when the solution changed, and checks that the catalog chain still serves every pin.
 * With {@code -Dscafctl.lock.frozen=true} (CI) a missing or stale lock, or a pin no longer served, fails the build
 * before anything runs. Later goals find the pins in the project properties {@code scafctl.plugin.<name>.version}
 * and {@code .digest}, and the lock in {@code scafctl.lock.file}.
 */
public class LockExtension extends AbstractMavenLifecycleParticipant {

    private static final Logger LOG = LoggerFactory.getLogger(LockExtension.class);
    private static final String PLUGIN_KEY = "dev.scafctl:scafctl-maven-plugin";

    /** Set by Plexus (see META-INF/plexus/components.xml). */
    private SettingsDecrypter decrypter;

    /**
     * While Maven reads the projects, reads the top project's {@code solution.yaml} and lock once on another thread,
     * so that the check in {@link #afterProjectsRead} finds its classes loaded and does not add their loading to the
     * build's time. Nothing is kept from this reading.
     */
    @Override
    public void afterSessionStart(MavenSession session) {
        if (session.getRequest().getBaseDirectory() == null) {
            return;
        }
        Path solution = Path.of(session.getRequest().getBaseDirectory()).resolve("solution.yaml");
        Thread warmUp = new Thread(() -> LockGuard.warmUp(solution), "scafctl-lock-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    @Override
    public void afterProjectsRead(MavenSession session) throws MavenExecutionException {
        for (MavenProject project : session.getProjects()) {
            Settings settings = new Settings(session, project);
            if (settings.flag("scafctl.skip") || settings.flag("scafctl.lock.skip")) {
                continue;
            }
            Path solution = solutionOf(project, settings);
            if (!Files.isRegularFile(solution)) {
                continue;
            }
            try {
                guard(session, project, settings, solution);
            } catch (CatalogException e) {
                throw new MavenExecutionException("scafctl lock: " + e.getMessage(), project.getFile());
            }
        }
    }

    private void guard(MavenSession session, MavenProject project, Settings settings, Path solution) {
        DefaultLocations defaults = DefaultLocations.ofCurrentUser();
        LocalCatalog catalog = LocalCatalog.open(settings.path("scafctl.catalogDir", project).orElse(defaults.catalogDir()));
        PluginCache cache = new PluginCache(settings.path("scafctl.cacheDir", project).orElse(defaults.pluginCacheDir()));
        Platform platform = settings.value("scafctl.platform").map(Platform::parseSupported).orElseGet(Platform::current);
        boolean offline = session.isOffline();
        boolean frozen = settings.flag("scafctl.lock.frozen");

        List<RemoteCatalog> chain = new ArrayList<>();
        ConfiguredCatalogs configured = ConfiguredCatalogs.of(List.of(), RegistryAccess.scafctlConfig());
        settings.value("scafctl.catalog").ifPresent(c -> chain.add(configured.resolve(c)));
        chain.addAll(configured.chain());
        CredentialSource credentials = RegistryAccess.credentials(session.getSettings(), decrypter, LOG::warn);
        Transport transport = RegistryAccess.transport(session.getSettings(), decrypter, LOG::warn,
                LOG.isDebugEnabled() ? LOG::debug : null);
        PluginInstaller installer = new PluginInstaller(catalog, chain, r -> new RegistryClient(r, credentials, transport),
                cache, TransferListener.NONE, LOG::warn);

        LockGuard.Outcome outcome = LockGuard.apply(solution, installer, platform, offline, frozen);
        outcome.messages().forEach(m -> LOG.info("scafctl lock [{}]: {}", project.getArtifactId(), m));
        project.getProperties().setProperty("scafctl.lock.file", outcome.lockFile().toString());
        for (LockedPlugin plugin : outcome.lock().plugins()) {
            String prefix = "scafctl.plugin." + plugin.name() + ".";
            project.getProperties().setProperty(prefix + "version", plugin.version().toString());
            plugin.binaryDigest(platform).ifPresent(d -> project.getProperties().setProperty(prefix + "digest", d.toString()));
        }
    }

    private static Path solutionOf(MavenProject project, Settings settings) {
        Path base = project.getBasedir().toPath();
        return settings.value("scafctl.solution").or(() -> pluginSolution(project)).map(base::resolve)
                .orElse(base.resolve("solution.yaml"));
    }

    /** The {@code <solution>} of the scafctl plugin's configuration, when the pom sets one. */
    private static Optional<String> pluginSolution(MavenProject project) {
        Plugin plugin = project.getBuild() == null ? null : project.getBuild().getPluginsAsMap().get(PLUGIN_KEY);
        if (plugin == null) {
            return Optional.empty();
        }
        List<Object> configurations = new ArrayList<>();
        configurations.add(plugin.getConfiguration());
        plugin.getExecutions().forEach(e -> configurations.add(e.getConfiguration()));
        for (Object configuration : configurations) {
            if (configuration instanceof Xpp3Dom dom && dom.getChild("solution") != null) {
                return Optional.ofNullable(dom.getChild("solution").getValue());
            }
        }
        return Optional.empty();
    }

    /** The {@code scafctl.*} settings: user properties ({@code -D}) over the project's properties. */
    private record Settings(MavenSession session, MavenProject project) {

        Optional<String> value(String key) {
            String value = session.getUserProperties().getProperty(key, project.getProperties().getProperty(key));
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
        }

        boolean flag(String key) {
            return value(key).map(Boolean::parseBoolean).orElse(false);
        }

        Optional<Path> path(String key, MavenProject project) {
            return value(key).map(p -> project.getBasedir().toPath().resolve(p));
        }
    }
}
