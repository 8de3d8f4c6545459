package dev.scafctl.maven;

import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.plugin.PluginInstaller;
import dev.scafctl.catalog.solution.LockGuard;
import dev.scafctl.catalog.solution.SolutionDocument;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import dev.scafctl.maven.support.LockHandover;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Fails the build when the solution's lock no longer holds: no lock, a declared plugin without an entry, an entry
 * whose version no longer satisfies the constraint or whose plugin is no longer declared, or a pinned digest the
 * catalog chain no longer serves (or serves with other bytes). The same check the lock extension makes with
 * {@code -Dscafctl.lock.frozen=true}, for builds without the extension; it writes nothing.
 */
@Mojo(name = "verify-lock", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public class VerifyLockMojo extends AbstractRemoteMojo {

    /** The solution YAML. Defaults to {@code solution.yaml} in the base directory. */
    @Parameter(property = "scafctl.solution")
    private File solution;

    /** The platform whose pinned binary is checked; defaults to this machine. */
    @Parameter(property = "scafctl.platform")
    private String platform;

    /** The plugin cache; a warm cache answers without any request. */
    @Parameter(property = "scafctl.cacheDir")
    private File cacheDir;

    /** A remote catalog (name or URL) to ask right after the local catalog. */
    @Parameter(property = "scafctl.catalog")
    private String catalog;

    @Inject
    public VerifyLockMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        Optional<Path> found = solutionFileOrSkip(solution);
        if (found.isEmpty()) {
            return;
        }
        Path file = found.get();
        Platform target = targetPlatform(platform);
        PluginInstaller installer = catalogAccess().installer(new LogProgress(getLog(), "Downloading"), getLog()::warn);
        LockGuard.Outcome outcome;
        try {
            // By verify, what the reactor built is in the local catalog: every pin is checked there, as any other.
            outcome = LockGuard.apply(SolutionDocument.readPlugins(file), installer, new LockGuard.Request(target, isOffline(), true, false, List.of(),
                    LockHandover.update(session())));
        } catch (LockGuard.LockViolation e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        getLog().info("Lock " + display(outcome.lockFile()) + " holds: " + outcome.lock().plugins().size()
                + " plugin(s) pinned and served for " + target);
    }
}
