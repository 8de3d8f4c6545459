package dev.scafctl.maven;

import dev.scafctl.catalog.ByteCount;
import dev.scafctl.catalog.archive.ArtifactArchive;
import java.io.File;
import java.nio.file.Files;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Loads a tar of an OCI image layout (written by {@code save}, by scafctl, or by {@code skopeo copy … oci-archive:})
 * into the local catalog. Every blob is checked against its digest, and entries with absolute paths, {@code ..},
 * links or devices are refused, before anything is written; a truncated or refused archive leaves the catalog as it
 * was.
 *
 * <p>{@code mvn scafctl:load -Dscafctl.input=plugins.tar}
 */
@Mojo(name = "load", requiresProject = false, threadSafe = true)
public class LoadMojo extends AbstractScafctlMojo {

    /** The tar file to read. */
    @Parameter(property = "scafctl.input", required = true)
    private File input;

    /** Replace versions the local catalog holds with other content. */
    @Parameter(property = "scafctl.force", defaultValue = "false")
    private boolean force;

    @Override
    protected void run() throws MojoFailureException {
        if (!Files.isRegularFile(input.toPath())) {
            throw new MojoFailureException("Invalid <input> (scafctl.input): " + input + " does not exist");
        }
        ArtifactArchive.Summary summary = new ArtifactArchive(localCatalog()).load(input.toPath(), force);
        summary.refNames().forEach(ref -> getLog().info("loaded " + ref));
        getLog().info("Loaded " + summary.refNames().size() + " artifact(s), "
                + (summary.signatures() > 0 ? summary.signatures() + " signature manifest(s), " : "") + summary.blobs() + " blob(s) ("
                + new ByteCount(summary.bytes()) + ") from " + display(input.toPath().toAbsolutePath()));
    }
}
