package dev.scafctl.maven;

import dev.scafctl.catalog.ByteCount;
import dev.scafctl.catalog.archive.ArtifactArchive;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.NameAndVersion;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.local.LocalCatalog;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes artifacts from the local catalog to a tar of an OCI image layout, for air-gapped networks, as
 * {@code scafctl save} does (plugins too, every platform or the ones named). The same artifacts give a
 * byte-identical file; blobs stream, so memory does not grow with their size. {@code skopeo} reads it as
 * {@code oci-archive:}.
 *
 * <p>{@code mvn scafctl:save -Dscafctl.artifacts=my-provider@1.0.0,github-auth@2.0.0 -Dscafctl.output=plugins.tar}
 */
@Mojo(name = "save", requiresProject = false, threadSafe = true)
public class SaveMojo extends AbstractScafctlMojo {

    /** The artifacts to save, as {@code name@version}; several comma-separated on the command line. Required. */
    @Parameter(property = "scafctl.artifacts")
    private List<String> artifacts;

    /**
     * The old property of {@code artifacts}, read until the next release with a warning.
     *
     * @deprecated use {@code artifacts} ({@code -Dscafctl.artifacts}); {@code scafctl.artifact} names one artifact in
     *     the other goals
     */
    @Deprecated
    @Parameter(property = "scafctl.artifact")
    private List<String> deprecatedArtifact;

    /** The kind, when a name is in the local catalog as more than one kind. */
    @Parameter(property = "scafctl.kind")
    private String kind;

    /** Only these platforms of plugins ({@code os/arch}, comma-separated on the command line); all when empty. */
    @Parameter(property = "scafctl.savePlatforms")
    private List<String> platforms;

    /**
     * The old property of {@code platforms}, read until the next release with a warning.
     *
     * @deprecated use {@code platforms} ({@code -Dscafctl.savePlatforms}); {@code scafctl.platforms} is
     *     {@code build-plugin}'s binaries ({@code os/arch=path})
     */
    @Deprecated
    @Parameter(property = "scafctl.platforms")
    private List<String> deprecatedPlatforms;

    /** The tar file to write. */
    @Parameter(property = "scafctl.output", required = true)
    private File output;

    @Override
    protected void run() throws MojoFailureException {
        LocalCatalog local = localCatalog();
        List<ArtifactReference> references = new ArrayList<>();
        List<String> artifacts = Deprecations.fallBack(this.artifacts, deprecatedArtifact, "artifacts",
                "scafctl.artifacts", "scafctl.artifact", getLog()::warn);
        if (artifacts.isEmpty()) {
            throw new MojoFailureException("Missing <artifacts> (scafctl.artifacts): name what to save, as"
                    + " -Dscafctl.artifacts=name@version[,name@version...]");
        }
        for (String artifact : artifacts) {
            references.add(localReference(local, parameter("artifacts", "scafctl.artifacts", () -> NameAndVersion.parse(artifact)), kind));
        }
        Set<Platform> only = new LinkedHashSet<>();
        for (String platform : Deprecations.fallBack(platforms, deprecatedPlatforms, "platforms", "scafctl.savePlatforms",
                "scafctl.platforms", getLog()::warn)) {
            only.add(parameter("platforms", "scafctl.savePlatforms", () -> Platform.parseSupported(platform)));
        }
        ArtifactArchive.Summary summary = new ArtifactArchive(local).save(references, only, output.toPath());
        summary.refNames().forEach(ref -> getLog().info("saved " + ref));
        getLog().info("Saved " + summary.refNames().size() + " artifact(s), "
                + (summary.signatures() > 0 ? summary.signatures() + " signature manifest(s), " : "") + summary.blobs() + " blob(s) ("
                + new ByteCount(summary.bytes()) + ") to " + display(output.toPath().toAbsolutePath()));
        if (summary.refNames().size() > 1) {
            getLog().info("scafctl's catalog load reads only the first artifact of an archive (" + summary.refNames().get(0)
                    + "); mvn scafctl:load loads all " + summary.refNames().size());
        }
    }
}
