package dev.scafctl.maven.support;

import dev.scafctl.catalog.solution.ReactorPlugin;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

/**
 * What the lock extension hands to the goals of the same build, through project properties (the one channel both
 * class realms share): that this build's pins are already resolved, and which index digest the lock expects of a
 * plugin a module builds. Also the update command, worded for where the user runs Maven.
 */
public final class LockHandover {

    /** Set on a solution module when the extension resolved its pins afresh ({@code -Dscafctl.lock.update=true}). */
    public static final String RESOLVED_BY_EXTENSION = "scafctl.lock.resolvedInThisBuild";

    private LockHandover() {}

    /** The project property, on the module that builds {@code plugin}, that holds the lock's expectation of it. */
    public static String expectedKey(ReactorPlugin plugin) {
        return "scafctl.lock.expected." + plugin.kind().wireName() + "." + plugin.name() + "." + plugin.version();
    }

    /** The expectation a lock of this build has of what {@code module} builds: digest, solution module, lock file. */
    public record Expectation(String indexDigest, String solutionModule, String lockFile) {}

    public static Optional<Expectation> expectation(MavenProject module, ReactorPlugin plugin) {
        String value = module.getProperties().getProperty(expectedKey(plugin));
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split(" ", 3);
        return Optional.of(new Expectation(parts[0], parts[1], parts[2]));
    }

    /** The command that updates every lock of the build, from the folder Maven was started in. */
    public static String update(MavenSession session) {
        return "`mvn package -Dscafctl.lock.update=true` in " + session.getExecutionRootDirectory();
    }
}
