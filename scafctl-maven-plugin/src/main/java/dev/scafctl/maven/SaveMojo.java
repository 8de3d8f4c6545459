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
 * <p>{@code mvn scafctl:save -Dscafctl.artifact=my-provider@1.0.0,github-auth@2.0.0 -Dscafctl.output=plugins.tar}
 */
@Mojo(name = "save", requiresProject = false, threadSafe = true)
public class SaveMojo extends AbstractScafctlMojo {

    /** The artifacts, as {@code name@version}; several comma-separated. */
    @Parameter(property = "scafctl.artifact", required = true)
    private List<String> artifacts;

    /** The kind, when a name is in the local catalog as more than one kind. */
    @Parameter(property = "scafctl.kind")
    private String kind;

    /** Only these platforms of plugins ({@code os/arch}, comma-separated); all when empty. */
    @Parameter(property = "scafctl.platforms")
    private List<String> platforms;

    /** The tar file to write. */
    @Parameter(property = "scafctl.output", required = true)
    private File output;

    @Override
    protected void run() throws MojoFailureException {
        LocalCatalog local = localCatalog();
        List<ArtifactReference> references = new ArrayList<>();
        for (String artifact : artifacts) {
            references.add(localReference(local, parameter("artifact", "scafctl.artifact", () -> NameAndVersion.parse(artifact)), kind));
        }
        Set<Platform> only = new LinkedHashSet<>();
        if (platforms != null) {
            for (String platform : platforms) {
                only.add(parameter("platforms", "scafctl.platforms", () -> Platform.parseSupported(platform)));
            }
        }
        ArtifactArchive.Summary summary = new ArtifactArchive(local).save(references, only, output.toPath());
        summary.refNames().forEach(ref -> getLog().info("saved " + ref));
        getLog().info("Saved " + summary.refNames().size() + " artifact(s), " + summary.blobs() + " blob(s) ("
                + new ByteCount(summary.bytes()) + ") to " + display(output.toPath().toAbsolutePath()));
    }
}
