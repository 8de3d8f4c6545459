package dev.scafctl.lock;

import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.access.CatalogAccess;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.lock.LockedPlugin;
import dev.scafctl.catalog.plugin.PluginInstaller;
import dev.scafctl.catalog.remote.TransferListener;
import dev.scafctl.catalog.solution.LockGuard;
import dev.scafctl.catalog.solution.ReactorPlugin;
import dev.scafctl.catalog.solution.SolutionPrefetch;
import dev.scafctl.maven.support.LockHandover;
import dev.scafctl.maven.support.ModuleArtifacts;
import dev.scafctl.maven.support.MavenCatalogAccess;
import dev.scafctl.maven.support.ScafctlParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.apache.maven.MavenExecutionException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Exclusion;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;
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

    /** Set by Plexus (see META-INF/plexus/components.xml). */
    private SettingsDecrypter decrypter;

    /** The top project's solution, read while Maven reads the projects. */
    private volatile SolutionPrefetch prefetch = SolutionPrefetch.none();

    /**
     * While Maven reads the projects, reads the top project's {@code solution.yaml} and lock once on another thread,
     * so that the check in {@link #afterProjectsRead} finds its classes loaded and does not add their loading to the
     * build's time. The check takes the solution read there instead of reading the file again.
     */
    @Override
    public void afterSessionStart(MavenSession session) {
        if (session.getRequest().getBaseDirectory() == null) {
            return;
        }
        prefetch = SolutionPrefetch.start(Path.of(session.getRequest().getBaseDirectory()).resolve("solution.yaml"));
    }

    @Override
    public void afterProjectsRead(MavenSession session) throws MavenExecutionException {
        List<ReactorPlugin> reactor = ModuleArtifacts.reactorPlugins(session);
        for (MavenProject project : session.getProjects()) {
            ScafctlParameters parameters = ScafctlParameters.forResolvingGoals(session, project);
            if (parameters.flag("skip", "scafctl.skip") || parameters.property("scafctl.lock.skip").map(Boolean::parseBoolean).orElse(false)) {
                continue;
            }
            Path solution = parameters.path("solution", "scafctl.solution")
                    .orElse(project.getBasedir().toPath().resolve("solution.yaml"));
            if (!Files.isRegularFile(solution)) {
                continue;
            }
            try {
                guard(session, project, parameters, solution, reactor);
            } catch (CatalogException e) {
                throw new MavenExecutionException("scafctl lock: " + e.getMessage(), project.getFile());
            }
        }
    }

    private void guard(MavenSession session, MavenProject project, ScafctlParameters parameters, Path solution,
            List<ReactorPlugin> reactor) {
        CatalogAccess access = MavenCatalogAccess.of(parameters, session, decrypter, LOG::warn,
                LOG.isDebugEnabled() ? LOG::debug : null);
        Platform platform = parameters.value("platform", "scafctl.platform").map(Platform::parseSupported)
                .orElseGet(Platform::current);
        boolean frozen = parameters.property("scafctl.lock.frozen").map(Boolean::parseBoolean).orElse(false);
        boolean update = !frozen && parameters.value("lockUpdate", "scafctl.lock.update").map(Boolean::parseBoolean).orElse(false);
        LOG.debug("scafctl lock [{}]: catalog chain: {}", project.getArtifactId(), access.describeChain());
        PluginInstaller installer = access.installer(TransferListener.NONE, LOG::warn);

        LockGuard.Outcome outcome = LockGuard.apply(prefetch.take(solution), installer, new LockGuard.Request(platform, access.offline(),
                frozen, update, reactor, LockHandover.update(session)));
        outcome.messages().forEach(m -> LOG.info("scafctl lock [{}]: {}", project.getArtifactId(), m));
        project.getProperties().setProperty("scafctl.lock.file", outcome.lockFile().toString());
        if (update) {
            // this build's pins are resolved now; build-solution takes them as they are (one resolution per build)
            project.getProperties().setProperty(LockHandover.RESOLVED_BY_EXTENSION, "true");
        }
        for (LockedPlugin plugin : outcome.lock().plugins()) {
            String prefix = "scafctl.plugin." + plugin.name() + ".";
            project.getProperties().setProperty(prefix + "version", plugin.version().toString());
            plugin.binaryDigest(platform).ifPresent(d -> project.getProperties().setProperty(prefix + "digest", d.toString()));
        }
        for (LockGuard.ExpectedBuild expected : outcome.expected()) {
            ModuleArtifacts.moduleBuilding(session, expected.plugin()).ifPresent(module -> module.getProperties().setProperty(
                    LockHandover.expectedKey(expected.plugin()), expected.indexDigest() + " " + project.getArtifactId() + " "
                            + expected.lockFile()));
        }
        for (ReactorPlugin used : outcome.fromReactor()) {
            ModuleArtifacts.moduleBuilding(session, used).ifPresent(module -> buildAfter(project, module));
        }
    }

    /**
     * Makes {@code solutionModule} build after {@code pluginModule}, also with {@code -T}, as a dependency would: Maven
     * sorts the reactor again after this extension has run. The dependency is on the module's pom, provided, with
     * nothing transitive, so it adds nothing to any class path.
     */
    private static void buildAfter(MavenProject solutionModule, MavenProject pluginModule) {
        boolean present = solutionModule.getModel().getDependencies().stream().anyMatch(d -> d.getGroupId().equals(
                pluginModule.getGroupId()) && d.getArtifactId().equals(pluginModule.getArtifactId()));
        if (present || solutionModule == pluginModule) {
            return;
        }
        Dependency dependency = new Dependency();
        dependency.setGroupId(pluginModule.getGroupId());
        dependency.setArtifactId(pluginModule.getArtifactId());
        dependency.setVersion(pluginModule.getVersion());
        dependency.setType("pom");
        dependency.setScope("provided");
        Exclusion everything = new Exclusion();
        everything.setGroupId("*");
        everything.setArtifactId("*");
        dependency.addExclusion(everything);
        solutionModule.getModel().addDependency(dependency);
        LOG.debug("scafctl lock [{}]: builds after module {}, which builds a plugin it uses", solutionModule.getArtifactId(),
                pluginModule.getArtifactId());
    }
}
