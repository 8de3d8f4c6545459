package dev.scafctl.maven;

import dev.scafctl.catalog.ArtifactNotFoundException;
import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.DefaultLocations;
import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.NameAndVersion;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.local.TagOutcome;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.function.Supplier;
import dev.scafctl.catalog.DidYouMean;
import dev.scafctl.maven.support.LockHandover;
import dev.scafctl.maven.support.ModuleArtifacts;
import dev.scafctl.maven.support.ScafctlParameters;
import dev.scafctl.maven.support.SessionScoped;
import java.util.Set;
import java.util.TreeSet;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every scafctl goal shares: {@code skip}, the local catalog folder, and the translation of the core's
 * failures into Maven's: bad input is a {@link MojoFailureException} naming the parameter, anything else a
 * {@link MojoExecutionException}.
 */
abstract class AbstractScafctlMojo extends AbstractMojo {

    /** Skips the goal. */
    @Parameter(property = "scafctl.skip", defaultValue = "false")
    private boolean skip;

    /**
     * The local catalog: an OCI image layout shared with the scafctl CLI. Defaults to
     * {@code $XDG_DATA_HOME/scafctl/catalog} ({@code ~/.local/share/scafctl/catalog}; on Windows
     * {@code %LOCALAPPDATA%\scafctl\catalog}). Every goal takes it; {@code list-plugins}, which reads only the
     * plugin cache, does not use it.
     */
    @Parameter(property = "scafctl.catalogDir")
    private File catalogDir;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution mojoExecution;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping scafctl (scafctl.skip=true)");
            return;
        }
        warnAboutUnknownProperties();
        if (CATALOG_WIDE_GOALS.contains(mojoExecution.getGoal()) && "default-cli".equals(mojoExecution.getExecutionId())
                && !project.isExecutionRoot()) {
            getLog().info("Skipping scafctl:" + mojoExecution.getGoal() + " in " + project.getArtifactId() + ": it works on"
                    + " the catalog, not on a module, and ran once at the top of this build");
            return;
        }
        try {
            run();
        } catch (InvalidInputException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (CatalogException e) {
            // Not given as the cause: Maven would add each cause's text to the message, and the name of an exception
            // without one (a refused connection's). The message says what failed where; -X shows the chain.
            getLog().debug("scafctl:" + mojoExecution.getGoal() + " failed", e);
            throw new MojoExecutionException(e.getMessage());
        }
    }

    /**
     * Goals about a catalog, not a module: from the command line in a reactor they run once, at the top project
     * ({@code mvn scafctl:list} at a reactor root lists once, not once per module). Bound to a phase, each runs where
     * it is bound.
     */
    private static final Set<String> CATALOG_WIDE_GOALS = Set.of("list", "prune", "delete", "tag", "save", "load",
            "pull", "catalog-site", "inspect", "list-plugins");

    /** Properties the lock extension reads or sets, beside those of the goals' parameters. */
    private static final Set<String> EXTENSION_PROPERTIES = Set.of("scafctl.lock.frozen", "scafctl.lock.skip",
            "scafctl.lock.file", LockHandover.RESOLVED_BY_EXTENSION,
            "scafctl.version"); // the plugin's own version by Maven custom; warned about where it used to matter

    /** Said once per build: a {@code -Dscafctl.*} that no goal and not the extension reads, with the nearest name. */
    private void warnAboutUnknownProperties() {
        if (!SessionScoped.get(session, UnknownPropertyCheck.class, UnknownPropertyCheck::new).firstTime()) {
            return;
        }
        Set<String> known = new TreeSet<>(EXTENSION_PROPERTIES);
        for (MojoDescriptor mojo : mojoExecution.getMojoDescriptor().getPluginDescriptor().getMojos()) {
            for (org.apache.maven.plugin.descriptor.Parameter parameter : mojo.getParameters()) {
                String expression = parameter.getExpression();
                if (expression != null && expression.startsWith("${scafctl.") && expression.endsWith("}")) {
                    known.add(expression.substring(2, expression.length() - 1));
                }
            }
        }
        for (String property : new TreeSet<>(session.getUserProperties().stringPropertyNames())) {
            if (property.startsWith("scafctl.") && !known.contains(property) && !property.startsWith("scafctl.plugin.")) {
                getLog().warn("-D" + property + " is not a scafctl property: no goal and not the lock extension read it"
                        + DidYouMean.nearest(property, known).map(n -> "; did you mean -D" + n + "?").orElse(""));
            }
        }
    }

    /** Whether a build already checked its properties. */
    private static final class UnknownPropertyCheck {
        private final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();

        boolean firstTime() {
            return done.compareAndSet(false, true);
        }
    }

    /**
     * {@code scafctl.version} used to set the artifact version; in a parent pom it usually holds this plugin's own
     * version, which then silently became every artifact's. Now only {@code scafctl.artifactVersion} does that.
     */
    protected void warnAboutScafctlVersion() {
        String where = session.getUserProperties().containsKey("scafctl.version") ? "-Dscafctl.version"
                : project.getProperties().containsKey("scafctl.version") ? "<scafctl.version> in the pom's properties" : null;
        if (where != null) {
            getLog().warn(where + " does not set the artifact version (it is the usual name for the scafctl plugin's own"
                    + " version); set -D" + ModuleArtifacts.ARTIFACT_VERSION + " or <version> in the goal's configuration");
        }
    }

    /** The goal's work, with parameters already injected. */
    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    protected MavenProject project() {
        return project;
    }

    /** Whether the goal runs in a project with a pom, rather than as a bare command in some folder. */
    protected boolean hasPom() {
        return project.getFile() != null;
    }

    /** The folder relative paths are resolved against: the project's, or the current one without a pom. */
    protected Path baseDir() {
        File basedir = project.getBasedir();
        return (basedir != null ? basedir.toPath() : Path.of("")).toAbsolutePath();
    }

    /** The project's build folder; {@code target} in the current folder without a pom. */
    protected Path buildDirectory() {
        return hasPom() ? Path.of(project.getBuild().getDirectory()) : baseDir().resolve("target");
    }

    protected MavenSession session() {
        return session;
    }

    /**
     * This goal's scafctl parameters read the way the lock extension reads them (the pom's configuration, then
     * {@code -D}, then the project's properties), for what both must agree on: the catalogs, the cache, the lock.
     * The fields Maven injects declare and document the same parameters.
     */
    protected ScafctlParameters parameters() {
        return ScafctlParameters.forExecution(session, project, mojoExecution.getExecutionId());
    }

    protected LocalCatalog localCatalog() {
        return LocalCatalog.open(parameters().path("catalogDir", "scafctl.catalogDir")
                .orElseGet(() -> DefaultLocations.ofCurrentUser().catalogDir()));
    }

    /** A path as the user would like to read it: relative to the project when it is inside it. */
    protected String display(Path path) {
        Path base = baseDir();
        return path.startsWith(base) && !path.equals(base) ? base.relativize(path).toString() : path.toString();
    }

    /** The time since {@code startNanos} (a {@link System#nanoTime()}) for a summary line: {@code 1.25 s}. */
    protected static String elapsedSince(long startNanos) {
        return String.format(java.util.Locale.ROOT, "%.2f s", (System.nanoTime() - startNanos) / 1e9);
    }

    /** How the one-line summary of a build starts, for what it did to the catalog entry. */
    protected static String summaryVerb(TagOutcome outcome) {
        return switch (outcome) {
            case CREATED -> "Built";
            case REPLACED -> "Rebuilt (overwrote the earlier content)";
            case UNCHANGED -> "Unchanged (identical content already in the catalog)";
        };
    }

    /**
     * The local catalog's reference for {@code version}: of the kind given, or of the only kind under which the
     * catalog holds it.
     */
    protected static ArtifactReference localReference(LocalCatalog local, NameAndVersion version, String kind)
            throws MojoFailureException {
        if (kind != null) {
            return new ArtifactReference(parameter("kind", "scafctl.kind", () -> ArtifactKind.parse(kind)),
                    version.name(), version.version());
        }
        List<ArtifactKind> kinds = local.kindsOf(version.name(), version.version().toString());
        if (kinds.isEmpty()) {
            throw new ArtifactNotFoundException("artifact \"" + version + "\" not found in catalog \"" + LocalCatalog.NAME
                    + "\" at " + local.root() + "; build or pull it first");
        }
        if (kinds.size() > 1) {
            throw new MojoFailureException("\"" + version + "\" is in the local catalog as "
                    + kinds.stream().map(ArtifactKind::wireName).collect(Collectors.joining(" and "))
                    + "; choose one with <kind> or -Dscafctl.kind");
        }
        return new ArtifactReference(kinds.get(0), version.name(), version.version());
    }

    /**
     * Parses a parameter's value with a core parser; a refusal becomes a failure that names the parameter and its
     * user property, so the user knows which line of the pom or which {@code -D} to fix.
     */
    protected static <T> T parameter(String name, String property, Supplier<T> parse) throws MojoFailureException {
        try {
            return parse.get();
        } catch (InvalidInputException e) {
            throw new MojoFailureException("Invalid <" + name + "> (" + property + "): " + e.getMessage(), e);
        }
    }
}
