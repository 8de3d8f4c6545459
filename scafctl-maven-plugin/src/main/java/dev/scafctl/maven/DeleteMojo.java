package dev.scafctl.maven;

import dev.scafctl.catalog.ArtifactNotFoundException;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.Descriptor;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Removes a version or alias from the local catalog (untags it); the blobs stay until {@code scafctl:prune}.
 *
 * <p>{@code mvn scafctl:delete -Dscafctl.artifact=my-provider@1.0.0}
 */
@Mojo(name = "delete", requiresProject = false, threadSafe = true)
public class DeleteMojo extends AbstractScafctlMojo {

    /** {@code name@version} or {@code name@alias}. */
    @Parameter(property = "scafctl.artifact", required = true)
    private String artifact;

    /** The kind, when the name is in the catalog as more than one kind. */
    @Parameter(property = "scafctl.kind")
    private String kind;

    @Override
    protected void run() throws MojoFailureException {
        int at = artifact.lastIndexOf('@');
        if (at <= 0 || at == artifact.length() - 1) {
            throw new MojoFailureException("Invalid <artifact> (scafctl.artifact): \"" + artifact + "\" is not name@version");
        }
        ArtifactName name = parameter("artifact", "scafctl.artifact", () -> ArtifactName.of(artifact.substring(0, at)));
        String tag = artifact.substring(at + 1);
        LocalCatalog local = localCatalog();
        List<String> candidates = local.kindsOf(name, tag).stream()
                .filter(candidate -> kind == null || candidate.wireName().equals(kind))
                .map(candidate -> candidate.wireName() + "/" + name + ":" + tag).toList();
        if (candidates.isEmpty()) {
            throw new ArtifactNotFoundException("artifact \"" + artifact + "\" not found in catalog \"local\" at " + local.root());
        }
        if (candidates.size() > 1) {
            throw new MojoFailureException("\"" + artifact + "\" is in the local catalog as " + candidates
                    + "; choose one with -Dscafctl.kind");
        }
        Descriptor removed = local.untag(candidates.get(0)).orElseThrow();
        getLog().info("Deleted " + candidates.get(0) + " (" + removed.digest() + ") from catalog \"local\"; run"
                + " scafctl:prune to free its blobs");
    }
}
